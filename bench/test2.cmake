# Two-sample tests, included from bench/CMakeLists.txt:
#   test2_validity  type-I error and power of every two-sample test
#                   (docs/methods.md, "Two-sample tests")
add_executable(bench_test2_validity ${CMAKE_CURRENT_LIST_DIR}/test2_validity.c)
set_target_properties(bench_test2_validity PROPERTIES OUTPUT_NAME test2_validity)
target_compile_options(bench_test2_validity PRIVATE ${NPS_WARNINGS})
target_compile_definitions(bench_test2_validity PRIVATE _POSIX_C_SOURCE=200809L)
target_link_libraries(bench_test2_validity PRIVATE nps::npsstat m)
#   paired_validity type-I error and coverage of the paired tests
#                   (docs/methods.md, "Paired answers")
add_executable(bench_paired_validity ${CMAKE_CURRENT_LIST_DIR}/paired_validity.c)
set_target_properties(bench_paired_validity PROPERTIES OUTPUT_NAME paired_validity)
target_compile_options(bench_paired_validity PRIVATE ${NPS_WARNINGS})
target_compile_definitions(bench_paired_validity PRIVATE _POSIX_C_SOURCE=200809L)
target_link_libraries(bench_paired_validity PRIVATE nps::npsstat m)
