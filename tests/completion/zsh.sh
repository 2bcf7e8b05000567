#!/usr/bin/env bash
# The zsh completion parses (zsh -n). Skipped, saying so, without zsh.
if ! command -v zsh >/dev/null; then
  echo "SKIPPED: completion/zsh_syntax: zsh is not installed (scripts/install-deps.sh installs it)"
  exit 77
fi
zsh -n "$1" && echo "zsh: $1 parses"
