# Statistics benchmarks, included from bench/CMakeLists.txt:
#   coverage    coverage study of every interval method (docs/methods.md)
#   boot_bench  time of a BCa bootstrap interval for n = 10^3 .. 10^12
find_package(Threads REQUIRED)
foreach(name coverage boot_bench)
  add_executable(bench_${name} ${CMAKE_CURRENT_LIST_DIR}/${name}.c)
  set_target_properties(bench_${name} PROPERTIES OUTPUT_NAME ${name})
  target_compile_options(bench_${name} PRIVATE ${NPS_WARNINGS})
  target_compile_definitions(bench_${name} PRIVATE _POSIX_C_SOURCE=200809L)
  target_link_libraries(bench_${name} PRIVATE nps::npsstat Threads::Threads m)
endforeach()
