# The plan analysis, included from bench/CMakeLists.txt:
#   plan_validity  power of the default two-sample test at the sizes
#                  `nps-stat plan` gives (docs/methods.md, "Planning")
add_executable(bench_plan_validity ${CMAKE_CURRENT_LIST_DIR}/plan_validity.c)
set_target_properties(bench_plan_validity PROPERTIES OUTPUT_NAME plan_validity)
target_compile_options(bench_plan_validity PRIVATE ${NPS_WARNINGS})
target_compile_definitions(bench_plan_validity PRIVATE _POSIX_C_SOURCE=200809L)
target_link_libraries(bench_plan_validity PRIVATE nps::npsstat m)
