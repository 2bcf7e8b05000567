# The interval of a difference, included from bench/CMakeLists.txt:
#   diffci_coverage  coverage of every interval of theta1 - theta2
#                    (docs/methods.md, "Interval of a difference")
add_executable(bench_diffci_coverage
               ${CMAKE_CURRENT_LIST_DIR}/diffci_coverage.c)
set_target_properties(bench_diffci_coverage PROPERTIES
                      OUTPUT_NAME diffci_coverage)
target_compile_options(bench_diffci_coverage PRIVATE ${NPS_WARNINGS})
target_compile_definitions(bench_diffci_coverage PRIVATE
                           _POSIX_C_SOURCE=200809L)
target_link_libraries(bench_diffci_coverage PRIVATE nps::npsstat m)
