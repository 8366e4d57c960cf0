#!/bin/sh
# Runs a command under a virtual X display with a session bus, for the
# window tests. Uses the display already there if DISPLAY is set.
set -eu
export GSK_RENDERER=cairo
if [ -n "${DISPLAY:-}" ]; then
  exec dbus-run-session -- "$@"
fi
exec xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- "$@"
