#!/usr/bin/env bash
# The program as run_case.sh sees it under memcheck.sh: nps-stat inside
# valgrind, exiting 99 on a memory error or a definite leak.
exec valgrind -q --error-exitcode=99 --leak-check=full \
  --errors-for-leak-kinds=definite --show-leak-kinds=definite \
  "$NPS_MEMCHECK_PROG" "$@"
