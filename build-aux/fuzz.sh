#!/bin/sh
# Builds the libFuzzer targets of tests/fuzz with clang and runs them.
#
#   build-aux/fuzz.sh [--short] [--time SECONDS] [--build-only] [TARGET...]
#
# --short runs each target for 20 seconds (what CI does); --time sets
# the seconds per target (default 600); --no-build runs what is built.
# Targets: csv import-incidentdesk import-servicenow import-mapped
# mapping time validate (default: all).
# Everything lands in _build-fuzz/: binaries, the seed corpora (built
# here from ../shared/data and tests/data, never copied into the tree),
# the growing corpora, libFuzzer's logs and any crash under artifacts/.
# A crash fails the script; minimise it with
#   _build-fuzz/fuzz-TARGET -minimize_crash=1 -runs=10000 FILE
# and add it under tests/fuzz/regressions/TARGET/.
set -eu
cd "$(dirname "$0")/.."
src="$(pwd)"

seconds=600
build_only=no
targets=""
while [ $# -gt 0 ]; do
  case "$1" in
    --short) seconds=20 ;;
    --time) seconds="$2"; shift ;;
    --build-only) build_only=yes ;;
    --no-build) build_only=skip ;;
    -*) echo "Unknown option $1" >&2; exit 2 ;;
    *) targets="$targets $1" ;;
  esac
  shift
done
all="csv import-incidentdesk import-servicenow import-mapped mapping time
  validate"
[ -n "$targets" ] || targets="$all"

data="${INCIDENTDESK_TEST_DATA:-}"
if [ -z "$data" ] && [ -d ../shared/data ]; then
  data="$(cd ../shared/data && pwd)"
fi

out="$src/_build-fuzz"
mkdir -p "$out/obj"
cc="${FUZZ_CC:-clang-14}"
pkgs="glib-2.0 gio-2.0 gio-unix-2.0 sqlite3 json-glib-1.0"
cflags="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined
  -fno-sanitize-recover=all -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74
  -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74
  -DGETTEXT_PACKAGE=\"incidentdesk\" -I$out -I$src/src/core
  -I$src/tests/fuzz $(pkg-config --cflags $pkgs)"
libs="$(pkg-config --libs $pkgs) -lm"

cat > "$out/config.h.new" <<'EOF'
#define APP_ID "io.example.IncidentDesk"
#define PACKAGE_VERSION "fuzz"
#define GETTEXT_PACKAGE "incidentdesk"
#define LOCALEDIR "/usr/share/locale"
EOF
cmp -s "$out/config.h.new" "$out/config.h" 2>/dev/null ||
  cp "$out/config.h.new" "$out/config.h"
rm -f "$out/config.h.new"

# The core, instrumented for coverage; rebuilt when a source is newer.
objs=""
[ "$build_only" = skip ] && objs=none
for c in "$src"/src/core/*.c; do
  o="$out/obj/$(basename "$c" .c).o"
  [ "$build_only" = skip ] && break
  if [ ! -e "$o" ] || [ "$c" -nt "$o" ] ||
     [ -n "$(find "$src/src/core" -name '*.h' -newer "$o")" ]; then
    # shellcheck disable=SC2086
    nice -n 10 $cc $cflags -fsanitize=fuzzer-no-link -c "$c" -o "$o"
  fi
  objs="$objs $o"
done

source_of () {
  case "$1" in
    import-*) echo "$src/tests/fuzz/fuzz-import.c" ;;
    *) echo "$src/tests/fuzz/fuzz-$1.c" ;;
  esac
}

defines_of () {
  case "$1" in
    import-incidentdesk) echo "-DFUZZ_FORMAT=INCIDENTDESK" ;;
    import-servicenow) echo "-DFUZZ_FORMAT=SERVICENOW" ;;
    import-mapped) echo "-DFUZZ_FORMAT=MAPPED" ;;
  esac
}

for t in $targets; do
  [ "$build_only" = skip ] && break
  # shellcheck disable=SC2086
  nice -n 10 $cc $cflags -fsanitize=fuzzer $(defines_of "$t") \
    "$(source_of "$t")" $objs $libs -o "$out/fuzz-$t"
done

[ "$build_only" = yes ] && exit 0

# Seed corpora, rebuilt on every run from the data as it is now.
seed_csv () {
  dir="$1"
  if [ -n "$data" ]; then
    find "$data/csv" -name '*.csv' -exec cp {} "$dir/" \;
    for f in "$data"/incidents/*.csv; do
      head -c 4000 "$f" > "$dir/head-$(basename "$f")"
    done
  fi
  for f in "$src"/tests/data/*/*.csv; do
    cp "$f" "$dir/$(basename "$(dirname "$f")")-$(basename "$f")"
  done
}

seed_time () {
  dir="$1"
  i=0
  for text in 2025-03-09T14:05:00+07:00 2025-03-09T14:05:00Z \
              "2025-03-30 02:30" "2025-10-26 02:30" 2024-02-29 \
              "2024-02-30 25:61" 2025 2025-Q1 2025-03 2025-W10 \
              2025-03-09 2025-01/2025-03 \
              "2025-03-09T14:05:00.123+0700/2025-04-01" \
              " 2025-03-09T14:05 " 1900-01-01T00:00:00+00:53:28 \
              9999-12-31T23:59:59-14:00; do
    printf "\\$(printf '%03o' $((i % 8)))%s" "$text" > "$dir/seed-$i"
    i=$((i + 1))
  done
}

seed_validate () {
  dir="$1"
  printf '\000\001\002\003\001\001\001\002\000\000' > "$dir/seed-ok"
  printf '\036INC-1\036Mail down\036Mail\036desc' >> "$dir/seed-ok"
  printf '\001\000\005\001\001\005\001\002\001\001\036\036\036\036\036' \
    > "$dir/seed-empty"
  printf '\002\002\002\002\001\011\001\002\036r\036t\001x\036s\036d\377' \
    > "$dir/seed-control"
}

status=0
for t in $targets; do
  seeds="$out/seeds/$t"
  corpus="$out/corpus/$t"
  artifacts="$out/artifacts/$t"
  rm -rf "$seeds"
  mkdir -p "$seeds" "$corpus" "$artifacts"
  case "$t" in
    csv|import-*) seed_csv "$seeds" ;;
    mapping) cp "$src"/tests/data/mappings/*.ini "$seeds/" ;;
    time) seed_time "$seeds" ;;
    validate) seed_validate "$seeds" ;;
  esac
  if [ -d "$src/tests/fuzz/regressions/$t" ]; then
    cp "$src/tests/fuzz/regressions/$t"/* "$seeds/" 2>/dev/null || true
  fi

  log="$out/fuzz-$t-$(date +%Y%m%d-%H%M%S).log"
  echo "fuzz-$t: ${seconds} s, log in $log"
  (
    cd "$out"
    export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1"
    export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
    export LSAN_OPTIONS="suppressions=$src/tests/lsan-suppressions.txt:\
print_suppressions=0"
    export G_DEBUG=fatal-criticals TZ=UTC LC_ALL=C.UTF-8
    nice -n 10 "./fuzz-$t" -max_total_time="$seconds" -print_final_stats=1 \
      -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
      -artifact_prefix="$artifacts/" "$corpus" "$seeds" > "$log" 2>&1
  ) || status=1
  grep -E '^(stat::number_of_executed_units|Done|==[0-9]+==ERROR|SUMMARY)' \
    "$log" | sed "s/^/  /" || true
done

if [ $status -ne 0 ]; then
  echo "A fuzz target found a fault: see _build-fuzz/artifacts/" >&2
fi
exit $status
