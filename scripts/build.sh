#!/usr/bin/env bash
# Configure and build nps-stat.
# Usage: scripts/build.sh [BUILD_DIR] [extra cmake arguments...]
# BUILD_DIR defaults to build/ in the repository root; a relative BUILD_DIR
# is taken relative to the repository root, whatever the current directory.
# NPS_BUILD_TYPE overrides the build type (default Release); a
# -DCMAKE_BUILD_TYPE=... among the extra arguments wins over both.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${1:-build}
[[ $# -gt 0 ]] && shift
[[ "$build_dir" = /* ]] || build_dir="$root/$build_dir"

build_type=${NPS_BUILD_TYPE:-Release}
jobs=$(nproc 2>/dev/null || echo 2)

cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE="$build_type" \
  -DNPS_WERROR=ON "$@" >/dev/null
cmake --build "$build_dir" -j "$jobs"
