#!/bin/sh
# Times IncidentDesk beside plain sqlite3 on the same files, at 100,000
# and 1,000,000 demo incidents, and prints the ratios and peak memory:
# first the command line, then the window on a virtual display.
# Arguments go to the benchmark, e.g. --sizes 100000 --repeat 5, or
# --only window. The databases are kept in _build/bench (BENCH_DIR) and
# reused.
set -eu
cd "$(dirname "$0")/.."
build-aux/install-deps.sh --test
[ -d _build ] || meson setup _build
ninja -C _build
exec build-aux/with-display.sh _build/tests/bench/desk-bench \
  --binary "$PWD/_build/src/incidentdesk" \
  --schema-dir "$PWD/_build/data" \
  --workdir "${BENCH_DIR:-$PWD/_build/bench}" "$@"
