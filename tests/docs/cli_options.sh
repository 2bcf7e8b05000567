#!/usr/bin/env bash
# The options of every command agree in three places: the option table the
# command parses (nps-stat --complete options CMD), its --help, and its
# sections of docs/cli.md (the command's own section, plus the input,
# statistics and output options for a command that takes them). Also the
# command list of `nps-stat --help` is the "## Commands" table of cli.md.
# Usage: cli_options.sh NPS_STAT CLI_MD
set -uo pipefail
nps=$1 md=$2
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# The lines of cli.md's "## " section whose heading starts with $1
# (outside code fences).
section() {
  awk -v want="$1" '
    /^```/ { fenced = !fenced }
    !fenced && /^## / { on = index($0, "## " want) == 1 }
    on' "$md"
}
opts() { grep -o -- '--[a-z][a-z0-9-]*' | sort -u; }
# Options named in the first column of the tables of a section.
table_opts() { grep '^| `--' | cut -d'|' -f2 | opts; }

common=$( { section 'Input options'; section 'Statistics options';
            section 'Output options'; } | opts)

commands=$("$nps" --complete commands) || { bad "--complete commands"; exit 1; }
for cmd in $commands; do
  table=$("$nps" --complete options "$cmd" | sed 's/=$//' | grep -vx -- '--help' | sort -u)
  [[ -n $table ]] || bad "$cmd: no options listed"
  help=$("$nps" "$cmd" --help | opts)
  own=$(section "\`nps-stat $cmd")
  [[ -n $own ]] || bad "$cmd: no section '## \`nps-stat $cmd' in $md"
  doc=$( { echo "$own" | opts; grep -qx -- '--score' <<<"$table" && echo "$common"; } | sort -u)
  declare -A in_help=() in_doc=() in_table=()
  for o in $help; do in_help[$o]=1; done
  for o in $doc; do in_doc[$o]=1; done
  for o in $table; do in_table[$o]=1; done
  for o in $table; do
    # --a-X and --b-X are described once as --a-X/--b-X beside --X
    [[ -n ${in_help[$o]:-} ]] ||
      [[ $o == --[ab]-* && -n ${in_help[${o:0:4}]:-} && -n ${in_help[--${o:4}]:-} ]] ||
      bad "$cmd: $o is accepted but not in 'nps-stat $cmd --help'"
    [[ -n ${in_doc[$o]:-} ]] || bad "$cmd: $o is accepted but not documented in $md"
  done
  for o in $(echo "$own" | table_opts); do
    [[ -n ${in_table[$o]:-} ]] || bad "$cmd: $o is documented in $md but not accepted"
  done
  for o in $help; do
    [[ $o == --help || $o == --a- || $o == --b- ]] && continue
    [[ -n ${in_table[$o]:-} ]] || bad "$cmd: $o is in --help but not accepted"
  done
  unset in_help in_doc in_table
done

# The command list: nps-stat --help against the Commands table.
listed=$("$nps" --help | awk '/^Commands:/ { on = 1; next } on && /^$/ { exit }
  on { name = $1; $1 = ""; sub(/^ +/, ""); print name " | " $0 }')
documented=$(section 'Commands' | sed -n 's/^| `\([a-z]*\)` | \(.*\) |$/\1 | \2/p')
if [[ "$listed" != "$documented" ]]; then
  bad "the commands of 'nps-stat --help' differ from the Commands table of $md"
  diff <(echo "$documented") <(echo "$listed")
fi
[[ $fail == 0 ]] && echo "options agree: $(echo $commands)"
exit $fail
