# Manual pages and shell completions (docs/cli.md, "Help, manual pages and
# completions"; docs/architecture.md, "Documentation and completions").
#
# docs/cli.md is the one source of the manual pages: tools/md2man.c turns
# it into nps-stat(1) and nps-stat-COMMAND(1) at build time, so a page
# cannot say something the document does not.

add_executable(md2man ${PROJECT_SOURCE_DIR}/tools/md2man.c)
target_compile_options(md2man PRIVATE ${NPS_WARNINGS})
target_compile_definitions(md2man PRIVATE _POSIX_C_SOURCE=200809L)

set(NPS_MAN_DIR ${PROJECT_BINARY_DIR}/man)
set(NPS_MAN_COMMANDS summary compare segments trend pilot plan benchmark sql report)
set(NPS_MAN_PAGES ${NPS_MAN_DIR}/nps-stat.1)
foreach(cmd ${NPS_MAN_COMMANDS})
  list(APPEND NPS_MAN_PAGES ${NPS_MAN_DIR}/nps-stat-${cmd}.1)
endforeach()
add_custom_command(OUTPUT ${NPS_MAN_PAGES}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${NPS_MAN_DIR}
  COMMAND md2man ${PROJECT_SOURCE_DIR}/docs/cli.md ${NPS_MAN_DIR}
          ${PROJECT_VERSION}
  DEPENDS md2man ${PROJECT_SOURCE_DIR}/docs/cli.md
  COMMENT "Manual pages from docs/cli.md"
  VERBATIM)
add_custom_target(man ALL DEPENDS ${NPS_MAN_PAGES})

install(FILES ${NPS_MAN_PAGES} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_SOURCE_DIR}/completions/nps-stat.bash
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
  RENAME nps-stat)
install(FILES ${PROJECT_SOURCE_DIR}/completions/_nps-stat
  DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/site-functions)
