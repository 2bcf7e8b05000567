#!/usr/bin/env bash
# README command 1: install dependencies, build, and summarise the demo data.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

bash scripts/install-deps.sh
bash scripts/build.sh build >/dev/null
build/nps-stat summary docs/examples/responses.csv --by channel
