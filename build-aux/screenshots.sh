#!/bin/sh
# Writes PNGs of every page and dialog of IncidentDesk into OUTDIR:
#   {empty,uci498}-{light,dark}-{1280x800,360x720}-PAGE.png
# on an empty database and on one imported from the uci498 sample.
#
#   build-aux/screenshots.sh OUTDIR
#   LANGUAGE=id build-aux/screenshots.sh OUTDIR     # in Bahasa Indonesia
#
# PAGES="dashboard incidents" limits the pages, SIZES, STYLES and
# DATABASES the other axes. LANGUAGE (or else LANG, e.g. id_ID.UTF-8)
# chooses the language of the window: the uninstalled binary then reads
# the translations compiled into the build tree (po/), and the file
# names start with the language, as in id-empty-light-360x720-help.png;
# its locale (dates, numbers) is built for the run when the system lacks
# it.
# Runs under its own virtual display. Each run
# of the application is told what to show and at which size through
# INCIDENTDESK_SCREENSHOT_PAGE and INCIDENTDESK_SCREENSHOT_SIZE; dialogs
# are resized with xdotool.
set -eu

if [ $# -ne 1 ]; then
  echo "Usage: $0 OUTDIR" >&2
  exit 2
fi

cd "$(dirname "$0")/.."
root="$PWD"
mkdir -p "$1"
out="$(cd "$1" && pwd)"

if [ -z "${DESK_SCREENSHOTS_INNER:-}" ]; then
  build-aux/install-deps.sh --test
  build="${BUILD_DIR:-_build}"
  [ -d "$build" ] || meson setup "$build"
  ninja -C "$build"
  export DESK_SCREENSHOTS_INNER=1 BUILD_DIR="$build"
  exec xvfb-run -a -s "-screen 0 1400x1000x24" \
    dbus-run-session -- "$0" "$out"
fi

build="$root/$BUILD_DIR"
binary="$build/src/incidentdesk"
data="${INCIDENTDESK_TEST_DATA:-$root/../shared/data}"
sample="$data/incidents/uci498_incident_event_log_sample.csv"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

export GSK_RENDERER=cairo
export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR="$build/data"
export NO_AT_BRIDGE=1
export LC_ALL="${LC_ALL:-C.UTF-8}"

# gettext ignores LANGUAGE only in the C locale, so C.UTF-8 with LANGUAGE
# gives the translation even where the id_ID locale is not generated.
language="${LANGUAGE:-${LANG:-}}"
language="${language%%[.@:]*}"
case "$language" in
  ""|C|POSIX|en|en_*)
    prefix=""
    export LANGUAGE=en
    ;;
  *)
    prefix="$language-"
    export LANGUAGE="$language"
    export INCIDENTDESK_LOCALEDIR="$build/po"
    # Dates and numbers follow the locale: build it in the work folder
    # when the system has not generated it (Debian's locales package).
    region="$(ls /usr/share/i18n/locales 2>/dev/null |
      grep -m 1 "^${language}\(_\|\$\)" || true)"
    mkdir -p "$work/locale"
    if [ -n "$region" ] &&
       localedef -i "$region" -f UTF-8 "$work/locale/$region.UTF-8" \
         >/dev/null 2>&1; then
      export LOCPATH="$work/locale" LC_ALL="$region.UTF-8"
    fi
    ;;
esac

pages="${PAGES:-dashboard incidents detail sla problems help create preferences export import about shortcuts}"
sizes="${SIZES:-1280x800 360x720}"
styles="${STYLES:-light dark}"
databases="${DATABASES:-empty uci498}"

prepare_database () {
  db="$work/$1.db"
  rm -f "$db" "$db-wal" "$db-shm"
  case "$1" in
    empty)
      ;;
    uci498)
      if [ ! -r "$sample" ]; then
        echo "Cannot read $sample; set INCIDENTDESK_TEST_DATA" >&2
        exit 1
      fi
      "$binary" --database "$db" --import "$sample" --format servicenow \
        >/dev/null
      ;;
  esac
}

# The newest visible window of process $1 (a dialog is mapped after the
# main window).
newest_window () {
  xdotool search --onlyvisible --pid "$1" 2>/dev/null | tail -n 1
}

shoot () {
  database="$1" style="$2" size="$3" page="$4"
  name="$prefix$database-$style-$size-$page"
  width="${size%x*}"
  height="${size#*x}"

  scheme=prefer-light
  [ "$style" = dark ] && scheme=prefer-dark

  ADW_DEBUG_COLOR_SCHEME="$scheme" INCIDENTDESK_SCREENSHOT_PAGE="$page" \
    INCIDENTDESK_SCREENSHOT_SIZE="$size" "$binary" --database "$work/$database.db" >"$work/$name.log" 2>&1 &
  pid=$!

  window=""
  for _ in $(seq 50); do
    window="$(newest_window "$pid")"
    [ -n "$window" ] && break
    sleep 0.2
  done
  if [ -z "$window" ]; then
    echo "$name: no window appeared" >&2
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    return
  fi

  # Let the page load and a dialog open, then size the newest window.
  sleep 2
  window="$(newest_window "$pid")"
  # Dialogs are sized from outside; the main window already has its
  # size (its border lies outside it, so resizing it would clip it).
  main="$(xdotool search --onlyvisible --pid "$pid" | head -n 1)"
  for id in $(xdotool search --onlyvisible --pid "$pid"); do
    [ "$id" = "$main" ] && continue
    xdotool windowsize "$id" "$width" "$height" 2>/dev/null || true
  done
  sleep 1.5
  import -window "$window" "$out/$name.png"
  echo "$out/$name.png"

  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

for database in $databases; do
  prepare_database "$database"
  for style in $styles; do
    for size in $sizes; do
      for page in $pages; do
        [ "$database" = empty ] && [ "$page" = detail ] && continue
        shoot "$database" "$style" "$size" "$page"
      done
    done
  done
done
