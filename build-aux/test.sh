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

status=0
build-aux/with-display.sh meson test -C _build --print-errorlogs "$@" ||
  status=$?

# One closing line that any CI reader understands.
/usr/bin/python3 - <<'PY'
import json
passed = failed = skipped = 0
with open("_build/meson-logs/testlog.json") as log:
    for line in log:
        result = json.loads(line)["result"]
        if result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")

# Cases inside a test program that skipped, grouped by their reason,
# so that a missing data folder cannot pass unnoticed.
reasons = {}
with open("_build/meson-logs/testlog.txt") as log:
    for line in log:
        if line.startswith("ok ") and "# SKIP" in line:
            reason = line.split("# SKIP", 1)[1].strip()
            reasons[reason] = reasons.get(reason, 0) + 1
for reason, count in sorted(reasons.items()):
    print(f"{count} cases skipped: {reason}")
PY
exit $status
