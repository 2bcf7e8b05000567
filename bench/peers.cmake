# Peer comparison of the bootstrap, included from bench/CMakeLists.txt:
#   boot_peer  times nps_boot_ci (BCa) on a plain score file; driven by
#              bench/boot_peers.sh next to scipy and R (bench/peers/), which
#              are installed only by that script's --with-peers, never here.
add_executable(bench_boot_peer ${CMAKE_CURRENT_LIST_DIR}/boot_peer.c)
set_target_properties(bench_boot_peer PROPERTIES OUTPUT_NAME boot_peer)
target_compile_options(bench_boot_peer PRIVATE ${NPS_WARNINGS})
target_compile_definitions(bench_boot_peer PRIVATE _POSIX_C_SOURCE=200809L)
target_link_libraries(bench_boot_peer PRIVATE nps::npsstat m)
