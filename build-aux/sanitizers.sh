#!/bin/sh
# Runs the whole test suite under AddressSanitizer and
# UndefinedBehaviorSanitizer, then the core tests under valgrind.
#
#   build-aux/sanitizers.sh [--asan-only | --valgrind-only] [TEST...]
#
# The sanitized build lives in _build-asan; valgrind runs over the plain
# build in _build (made by build-aux/test.sh; SANITIZERS_PLAIN_BUILD
# names another). Any report fails the
# script. Leaks are suppressed only inside GLib, GTK and the libraries
# under them (tests/lsan-suppressions.txt, tests/valgrind.supp), each
# entry with the reason.
set -eu
cd "$(dirname "$0")/.."
src="$(pwd)"

asan=yes
valgrind=yes
case "${1:-}" in
  --asan-only) asan=yes; valgrind=no; shift ;;
  --valgrind-only) asan=no; valgrind=yes; shift ;;
esac

if [ -z "${INCIDENTDESK_TEST_DATA:-}" ] && [ -d ../shared/data ]; then
  INCIDENTDESK_TEST_DATA="$(cd ../shared/data && pwd)"
fi
export INCIDENTDESK_TEST_DATA="${INCIDENTDESK_TEST_DATA:-}"

status=0

if [ $asan = yes ]; then
  if [ ! -d _build-asan ]; then
    meson setup _build-asan -Db_sanitize=address,undefined -Db_lundef=false \
      -Dbuildtype=debugoptimized -Dc_args=-fno-sanitize-recover=all
  fi
  nice -n 5 ninja -C _build-asan

  # GLib hands memory to the system allocator, so the sanitizer sees
  # every block.
  export G_SLICE=always-malloc
  # The tests keep settings in memory and need no GIO module. Scanning
  # the system's modules leaves one object GLib never frees, and the
  # fast unwinder cannot trace it through GLib to its suppression.
  GIO_MODULE_DIR="$src/_build-asan/no-gio-modules"
  mkdir -p "$GIO_MODULE_DIR"
  export GIO_MODULE_DIR
  # The window tests draw with cairo. Left alone, GDK still tries GLX,
  # and Mesa's GLX library keeps a block it allocated, then is unloaded:
  # the leak report then names no library a suppression could match.
  export GDK_DEBUG=gl-disable
  # The fast unwinder keeps the window tests quick enough for CI (the
  # slow one makes them twenty times slower).
  export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1:\
strict_string_checks=1:check_initialization_order=1"
  export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
  export LSAN_OPTIONS="suppressions=$src/tests/lsan-suppressions.txt:\
print_suppressions=0"

  # Everything but the install test, which only copies files, and the
  # end-to-end walk, which drives the installed program through the
  # accessibility bus with timeouts sized for a normal build: it runs
  # in the plain suite, and every unit it drives is tested here.
  build-aux/with-display.sh meson test -C _build-asan --print-errorlogs \
    --timeout-multiplier 4 --no-suite install --no-suite e2e "$@" ||
    status=1
  unset G_SLICE ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS GIO_MODULE_DIR GDK_DEBUG
fi

if [ $valgrind = yes ]; then
  plain="${SANITIZERS_PLAIN_BUILD:-_build}"
  [ -d "$plain" ] || meson setup "$plain"
  ninja -C "$plain"
  # The timing test of the time formatter measures the CPU, not memory:
  # under valgrind it is skipped.
  G_SLICE=always-malloc meson test -C "$plain" --print-errorlogs \
    --suite core --suite safety --no-suite gui --timeout-multiplier 10 \
    --test-args="-s /time/format/speed" \
    --wrap="valgrind --quiet --leak-check=full --error-exitcode=1 \
--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite \
--num-callers=30 --suppressions=$src/tests/valgrind.supp \
--trace-children=no" \
    --no-suite safety-script "$@" || status=1
fi

if [ $status -ne 0 ]; then
  echo "A sanitizer or valgrind found a fault: see the logs above." >&2
fi
exit $status
