# bash completion for nps-stat (docs/cli.md, "Help, manual pages and
# completions"). Commands and each command's options come from nps-stat
# itself (--complete); column names from the header of the first input file
# on the command line (--complete columns FILE), quoted with printf %q and
# never evaluated.

# Adds to COMPREPLY the column names of FILE ($2) that begin with $4, each
# after the prefix $3 (the list before the last comma of --by a,b) and
# before the suffix $5 ('=' for --where); the rest are the reader options
# given (--delimiter D, --skip-rows N), for the file to be read as the
# command will read it.
_nps_stat_columns() {
  local prog=$1 file=$2 prefix=$3 part=$4 suffix=$5 name
  shift 5
  [[ -n $file ]] || return 0
  while IFS= read -r name; do
    [[ $name == "$part"* ]] || continue
    COMPREPLY+=("$prefix$(printf '%q' "$name")$suffix")
  done < <("$prog" --complete columns "$file" "$@" 2>/dev/null)
}

_nps_stat() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev= prog=${COMP_WORDS[0]}
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
  COMPREPLY=()
  if ((COMP_CWORD == 1)); then
    local words
    words="$("$prog" --complete commands 2>/dev/null) help --help --version"
    mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
    return 0
  fi
  local cmd=${COMP_WORDS[1]}
  if [[ $cmd == help ]]; then
    ((COMP_CWORD == 2)) &&
      mapfile -t COMPREPLY < <(compgen -W "$("$prog" --complete commands 2>/dev/null)" -- "$cur")
    return 0
  fi
  local options
  options=$("$prog" --complete options "$cmd" 2>/dev/null) || return 0

  # The first operand (a word that is neither an option nor its argument)
  # that is a regular file, and the --delimiter and --skip-rows given.
  local i word file= reader=()
  for ((i = 2; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    if [[ $word == --* ]]; then
      if grep -qxF -- "$word=" <<<"$options"; then
        ((i++))
        [[ $word == --delimiter || $word == --skip-rows ]] &&
          reader+=("$word" "${COMP_WORDS[i]}")
      fi
    elif [[ -z $file && -f $word ]]; then
      file=$word
    fi
  done

  case $prev in
  --by | --score | --id | --arm | --date | --adjust-for | --a-score | --b-score)
    if [[ $prev == --by ]]; then
      _nps_stat_columns "$prog" "$file" "${cur%"${cur##*,}"}" "${cur##*,}" "" "${reader[@]}"
    else
      _nps_stat_columns "$prog" "$file" "" "$cur" "" "${reader[@]}"
    fi
    ;;
  --where | --exclude | --a-where | --b-where | --a-exclude | --b-exclude)
    [[ $cur == *=* ]] && return 0
    _nps_stat_columns "$prog" "$file" "" "$cur" "=" "${reader[@]}"
    compopt -o nospace 2>/dev/null
    ;;
  --period)
    if [[ $cmd == trend || $cmd == sql || $cmd == report ]]; then
      mapfile -t COMPREPLY < <(compgen -W "day week month quarter year" -- "$cur")
    else
      _nps_stat_columns "$prog" "$file" "" "$cur" "" "${reader[@]}"
    fi
    ;;
  --dialect) mapfile -t COMPREPLY < <(compgen -W "duckdb postgres sqlite bigquery spark clickhouse" -- "$cur") ;;
  --format) mapfile -t COMPREPLY < <(compgen -W "table csv json markdown" -- "$cur") ;;
  --ci) mapfile -t COMPREPLY < <(compgen -W "bayes adjusted-wald wald score percentile bca" -- "$cur") ;;
  --render) mapfile -t COMPREPLY < <(compgen -W "png svg pdf" -- "$cur") ;;
  --chart-style) mapfile -t COMPREPLY < <(compgen -W "dots bars" -- "$cur") ;;
  --theme) mapfile -t COMPREPLY < <(compgen -W "light dark print" -- "$cur") ;;
  --title | --subtitle | --size) ;;
  --input | --a-input | --b-input) mapfile -t COMPREPLY < <(compgen -W "raw counts" -- "$cur") ;;
  --adjust) mapfile -t COMPREPLY < <(compgen -W "holm bh bonferroni none" -- "$cur") ;;
  --shift) mapfile -t COMPREPLY < <(compgen -W "any detractors passives both" -- "$cur") ;;
  *)
    if [[ $cur == -* ]]; then
      mapfile -t COMPREPLY < <(compgen -W "$(sed 's/=$//' <<<"$options")" -- "$cur")
    elif grep -qxF -- "$prev=" <<<"$options"; then
      return 0 # an option's argument: the shell's default (file names)
    else
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    fi
    ;;
  esac
  return 0
}
complete -o default -o bashdefault -F _nps_stat nps-stat
