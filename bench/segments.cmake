# The segments analysis, included from bench/CMakeLists.txt:
#   segments_validity  type-I error of the vs-rest, pairwise and omnibus
#                      tests when all segments are equal
#                      (docs/methods.md, "Segments")
add_executable(bench_segments_validity
               ${CMAKE_CURRENT_LIST_DIR}/segments_validity.c)
set_target_properties(bench_segments_validity PROPERTIES
                      OUTPUT_NAME segments_validity)
target_compile_options(bench_segments_validity PRIVATE ${NPS_WARNINGS})
target_compile_definitions(bench_segments_validity PRIVATE
                           _POSIX_C_SOURCE=200809L)
target_link_libraries(bench_segments_validity PRIVATE nps::npsstat m)
