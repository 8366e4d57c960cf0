#!/bin/sh
# Sets up, builds and starts IncidentDesk. Arguments go to the application.
set -eu
cd "$(dirname "$0")/.."
build-aux/install-deps.sh
[ -d _build ] || meson setup _build
ninja -C _build
GSETTINGS_SCHEMA_DIR="$PWD/_build/data" exec _build/src/incidentdesk "$@"
