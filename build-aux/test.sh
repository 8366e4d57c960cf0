#!/bin/sh
# Sets up, builds and runs the whole test suite, including the window
# tests under a virtual display. Public test data is read from
# INCIDENTDESK_TEST_DATA, by default ../shared/data beside the clone.
set -eu
cd "$(dirname "$0")/.."
build-aux/install-deps.sh --test

if [ -z "${INCIDENTDESK_TEST_DATA:-}" ] && [ -d ../shared/data ]; then
  INCIDENTDESK_TEST_DATA="$(cd ../shared/data && pwd)"
fi
export INCIDENTDESK_TEST_DATA="${INCIDENTDESK_TEST_DATA:-}"

[ -d _build ] || meson setup _build
ninja -C _build

exec build-aux/with-display.sh meson test -C _build --print-errorlogs "$@"
