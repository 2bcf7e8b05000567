#!/usr/bin/env bash
# nps-stat as a user gets it: installed into a temporary prefix and built
# into a Debian package, then used from there.
#
#  1. `cmake --install BUILD --prefix TMP`: the files are there, the shared
#     library exports only nps_* names, the installed nps-stat finds the
#     installed library (RUNPATH $ORIGIN/../lib) and runs --version and
#     summary; the man pages, if any are installed, render with `man -l`.
#  2. tests/install/consumer/consumer.c (NPS of a fixed histogram, a
#     bootstrap interval with its own gsl_rng, a CSV read) built and run
#     through pkg-config (shared), pkg-config --static (a static program)
#     and find_package(npsstat) (nps::npsstat and nps::npsstat_static);
#     consumer.cpp built with the C++ compiler.
#  3. The prefix copied elsewhere: pkg-config and nps-stat still work there.
#  4. `cpack -G DEB`: the package's fields, its contents extracted with
#     `dpkg-deb -x`, the extracted nps-stat and a consumer built from the
#     extracted tree.
#
# Usage: install.sh BUILD_DIR SOURCE_DIR CC [CXX]
# Exits 77 (skipped) when a tool it needs is missing
# (scripts/install-deps.sh installs them all).
set -euo pipefail
build=$1 src=$2 cc=$3 cxx=${4:-}
[[ -n "$cxx" ]] || cxx=$(command -v g++ || true)

for tool in pkg-config cpack dpkg-deb readelf nm ldd; do
  if ! command -v "$tool" >/dev/null; then
    echo "SKIPPED: install/consumers: $tool not found (scripts/install-deps.sh)"
    exit 77
  fi
done
if [[ -z "$cxx" ]]; then
  echo "SKIPPED: install/consumers: no C++ compiler (install g++)"
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
consumer=$src/tests/install/consumer
fails=0
fail() {
  echo "FAIL: $*" >&2
  fails=$((fails + 1))
}
step() { echo "==> $*"; }

version=$(sed -nE 's/^#define NPS_VERSION_(MAJOR|MINOR|PATCH) +([0-9]+)$/\2/p' \
  "$src/include/nps/version.h" | paste -sd.)
major=${version%%.*}
minor=${version#*.}
minor=${minor%%.*}
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || {
  echo "install: no version in include/nps/version.h" >&2
  exit 1
}

# 10 9 9 8 7 6 0 10: 4 promoters, 2 passives, 2 detractors; NPS 25.0.
printf 'score\n10\n9\n9\n8\n7\n6\n0\n10\n' >"$tmp/scores.csv"

# The checks of one installed tree: PREFIX is where it is now.
check_tree() {
  local prefix=$1 what=$2
  local pc libdir tool=$prefix/bin/nps-stat out
  pc=$(find "$prefix" -name npsstat.pc -path '*/pkgconfig/*' | head -n 1)
  if [[ -z "$pc" ]]; then
    fail "$what: no npsstat.pc"
    return
  fi
  libdir=$(dirname "$(dirname "$pc")")
  for f in "$tool" "$libdir/libnpsstat.so.$major.$minor" "$libdir/libnpsstat.a" \
    "$prefix/include/nps/nps.h" "$libdir/cmake/npsstat/npsstatConfig.cmake" \
    "$libdir/cmake/npsstat/Findlibcsv.cmake"; do
    [[ -e "$f" ]] || fail "$what: missing ${f#"$prefix"/}"
  done
  if [[ -e "$libdir/libnpsstat.so.$major.$minor" ]]; then
    readelf -d "$libdir/libnpsstat.so.$major.$minor" |
      grep -q "SONAME.*\[libnpsstat\.so\.$major\.$minor\]" ||
      fail "$what: the SONAME is not libnpsstat.so.$major.$minor"
  fi

  step "$what: nps-stat --version and summary"
  out=$("$tool" --version) || fail "$what: nps-stat --version failed"
  [[ "$out" == "nps-stat $version" ]] ||
    fail "$what: nps-stat --version says '$out', version.h $version"
  if readelf -d "$tool" | grep -q 'NEEDED.*libnpsstat'; then
    # The library it loads is the one next to it, not the build tree's.
    local loaded
    loaded=$(ldd "$tool" | awk '/libnpsstat/ {print $3}')
    [[ -n "$loaded" && $(readlink -f "$loaded") == $(readlink -f "$libdir")/* ]] ||
      fail "$what: nps-stat loads '$loaded', not the library in $libdir"
  fi
  out=$("$tool" summary "$tmp/scores.csv" 2>/dev/null) ||
    fail "$what: nps-stat summary failed"
  grep -Eq '^all +8 +50\.0% +25\.0% +25\.0% +25\.0 ' <<<"$out" ||
    fail "$what: nps-stat summary printed: $out"

  step "$what: pkg-config, shared"
  export PKG_CONFIG_PATH=$libdir/pkgconfig
  local flags
  flags=$(pkg-config --cflags --libs npsstat) || fail "$what: pkg-config failed"
  echo "pkg-config --cflags --libs npsstat: $flags"
  # shellcheck disable=SC2086
  if "$cc" -std=c11 -Wall -Wextra -Werror "$consumer/consumer.c" $flags -lm \
    -Wl,-rpath,"$libdir" -o "$tmp/c_shared"; then
    readelf -d "$tmp/c_shared" | grep -q "NEEDED.*libnpsstat\.so\.$major\.$minor" ||
      fail "$what: the pkg-config program does not use the shared library"
    "$tmp/c_shared" "$tmp/scores.csv" || fail "$what: the pkg-config program failed"
  else
    fail "$what: the pkg-config program does not build"
  fi

  step "$what: pkg-config --static"
  flags=$(pkg-config --static --cflags --libs npsstat)
  echo "pkg-config --static --cflags --libs npsstat: $flags"
  # shellcheck disable=SC2086
  if "$cc" -std=c11 -Wall -Wextra -Werror -static "$consumer/consumer.c" $flags \
    -o "$tmp/c_static"; then
    ! readelf -d "$tmp/c_static" 2>/dev/null | grep -q NEEDED ||
      fail "$what: the --static program needs shared libraries"
    "$tmp/c_static" "$tmp/scores.csv" || fail "$what: the --static program failed"
  else
    fail "$what: the pkg-config --static program does not build"
  fi

  step "$what: C++"
  flags=$(pkg-config --cflags --libs npsstat)
  # shellcheck disable=SC2086
  if "$cxx" -Wall -Wextra -pedantic -Werror "$consumer/consumer.cpp" $flags \
    -Wl,-rpath,"$libdir" -o "$tmp/cxx"; then
    "$tmp/cxx" || fail "$what: the C++ program failed"
  else
    fail "$what: the C++ program does not build"
  fi
  unset PKG_CONFIG_PATH
}

step "cmake --install $build --prefix TMP"
prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" ||
  { cat "$tmp/install.log"; exit 1; }
check_tree "$prefix" "prefix"

pc=$(find "$prefix" -name npsstat.pc -path '*/pkgconfig/*' | head -n 1)
libdir=$(dirname "$(dirname "$pc")")

step "prefix: exported symbols"
# Only the public API: every exported name is nps_*, and every function a
# header marks NPS_API is exported.
nm -D --defined-only "$libdir/libnpsstat.so" | awk '$2 ~ /^[TDBR]$/ {print $3}' |
  sort -u >"$tmp/exported"
if grep -v '^nps_' "$tmp/exported" >"$tmp/stray"; then
  fail "exported names outside the API: $(tr '\n' ' ' <"$tmp/stray")"
fi
cat "$prefix"/include/nps/*.h | tr '\n' ' ' |
  grep -oE 'NPS_API [A-Za-z_][A-Za-z0-9_ *]*\(' | grep -v '__attribute__' |
  sed -E 's/.*[^A-Za-z0-9_]([A-Za-z0-9_]+) *\($/\1/' | sort -u >"$tmp/declared"
if [[ ! -s "$tmp/declared" ]]; then
  fail "no NPS_API declarations found in the headers"
fi
missing=$(comm -23 "$tmp/declared" "$tmp/exported" | tr '\n' ' ')
[[ -z "$missing" ]] || fail "declared NPS_API but not exported: $missing"
echo "$(wc -l <"$tmp/exported") exported names, $(wc -l <"$tmp/declared") declared NPS_API"

step "prefix: find_package(npsstat $major.$minor)"
if cmake -S "$consumer" -B "$tmp/fp" -DCMAKE_C_COMPILER="$cc" \
  -DCMAKE_PREFIX_PATH="$prefix" -DNPS_WANT="$major.$minor" >"$tmp/fp.log" 2>&1 &&
  cmake --build "$tmp/fp" >>"$tmp/fp.log" 2>&1; then
  "$tmp/fp/consumer_shared" "$tmp/scores.csv" ||
    fail "find_package: the nps::npsstat program failed"
  readelf -d "$tmp/fp/consumer_shared" | grep -q 'NEEDED.*libnpsstat' ||
    fail "find_package: nps::npsstat is not the shared library"
  "$tmp/fp/consumer_static" "$tmp/scores.csv" ||
    fail "find_package: the nps::npsstat_static program failed"
  ! readelf -d "$tmp/fp/consumer_static" | grep -q 'NEEDED.*libnpsstat' ||
    fail "find_package: nps::npsstat_static needs the shared library"
else
  cat "$tmp/fp.log"
  fail "find_package: the consumer project does not configure or build"
fi
# While the major version is 0 a minor release may break compatibility
# (SameMinorVersion): an older minor is refused.
if [[ $major -eq 0 && $minor -gt 0 ]]; then
  if cmake -S "$consumer" -B "$tmp/fp_old" -DCMAKE_C_COMPILER="$cc" \
    -DCMAKE_PREFIX_PATH="$prefix" -DNPS_WANT="0.$((minor - 1))" \
    >"$tmp/fp_old.log" 2>&1; then
    fail "find_package(npsstat 0.$((minor - 1))) accepted version $version"
  fi
fi

step "prefix: man pages"
mapfile -t pages < <(find "$prefix/share/man" -type f 2>/dev/null | sort)
if [[ ${#pages[@]} -eq 0 ]]; then
  echo "NOTE: no man pages installed under share/man: the man page check did not run"
else
  for page in "${pages[@]}"; do
    if ! MANWIDTH=80 man -l "$page" >"$tmp/man.out" 2>"$tmp/man.err" ||
      [[ ! -s "$tmp/man.out" || -s "$tmp/man.err" ]]; then
      fail "man -l ${page#"$prefix"/}: $(cat "$tmp/man.err")"
    fi
  done
  echo "${#pages[@]} man page(s) render"
fi

step "the prefix moved elsewhere"
cp -a "$prefix" "$tmp/moved"
rm -rf "$prefix"
check_tree "$tmp/moved" "moved prefix"

step "cpack -G DEB"
if cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/deb" \
  >"$tmp/cpack.log" 2>&1; then
  deb=$(find "$tmp/deb" -maxdepth 1 -name '*.deb' | head -n 1)
else
  deb=
fi
if [[ -z "$deb" ]]; then
  cat "$tmp/cpack.log"
  fail "cpack -G DEB made no package"
else
  dpkg-deb -I "$deb" >"$tmp/deb.info"
  sed -n '/^ Package:/,$p' "$tmp/deb.info"
  depends=$(dpkg-deb -f "$deb" Depends)
  for dep in libgsl27 libcsv3 libc6; do
    grep -q "\b$dep\b" <<<"$depends" || fail "the package does not depend on $dep"
  done
  grep -q gnuplot <<<"$(dpkg-deb -f "$deb" Recommends)" ||
    fail "the package does not recommend gnuplot"
  dpkg-deb -c "$deb" >"$tmp/deb.list"
  grep -q ' \./usr/bin/nps-stat$' "$tmp/deb.list" ||
    fail "the package does not install /usr/bin/nps-stat"
  dpkg-deb -x "$deb" "$tmp/root"
  check_tree "$tmp/root/usr" "package"
fi

if [[ $fails -ne 0 ]]; then
  echo "install: $fails check(s) failed" >&2
  exit 1
fi
echo "install: all checks passed"
