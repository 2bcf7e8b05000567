#!/usr/bin/env bash
# Install the Debian packages nps-stat needs to build, test and chart.
# Only packages that are missing are installed; `apt-get update` runs only
# when something is missing, so a second run is a quick no-op.
# --fuzz also installs clang and its sanitizer and libFuzzer runtimes, for
# the NPS_FUZZ=ON build (docs/fuzzing.md); nothing else needs them.
set -euo pipefail

# locales: the locale test cases compile de_DE and ru_RU with localedef;
# fonts-dejavu-core: a chart font with Cyrillic; g++, dpkg-dev (cpack -G DEB
# and dpkg-shlibdeps) and man-db: the install test (tests/install/install.sh);
# groff-base and man-db: the manual pages are checked to render without
# warnings; zsh: the zsh completion is checked for syntax; sqlite3 and
# postgresql: the queries of `nps-stat sql` run in them (tests/sql/; the
# DuckDB test also wants node and npm, and skips without them); chromium:
# the report is opened in a headless browser (tests/report/browser.sh).
packages=(cmake gcc g++ make pkg-config libgsl-dev libcsv-dev libcmocka-dev
          gnuplot-nox python3 locales fonts-dejavu-core dpkg-dev groff-base
          man-db zsh sqlite3 postgresql chromium)
for arg in "$@"; do
  case $arg in
    --fuzz) packages+=(clang libclang-rt-dev) ;;
    *) echo "install-deps: unknown option '$arg' (known: --fuzz)" >&2; exit 2 ;;
  esac
done

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  if [[ "$status" != "installed" ]]; then
    missing+=("$pkg")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all dependencies present" >&2
  exit 0
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install-deps: need root or sudo to install: ${missing[*]}" >&2
    exit 1
  fi
  sudo_cmd=(sudo)
fi

echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done" >&2
