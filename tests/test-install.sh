#!/bin/sh
# Builds IncidentDesk into a fresh prefix, installs it there and into a
# DESTDIR, checks every file is in place, then runs the installed binary:
# the command line, and the window for a couple of seconds when there is
# a display.
# Usage: test-install.sh SOURCE_ROOT
set -eu

source_root="$(cd "$1" && pwd)"
app_id=io.example.IncidentDesk
tmp="$(mktemp -d "${TMPDIR:-/tmp}/incidentdesk-install-XXXXXX")"
pid=""

cleanup ()
{
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

fail ()
{
  echo "FAIL: $*"
  exit 1
}

# The window under test must not turn a GTK warning into a crash, nor
# write to the user's settings.
unset G_DEBUG
export GSETTINGS_BACKEND=memory

prefix="$tmp/prefix"
meson setup --prefix "$prefix" "$tmp/build" "$source_root" > "$tmp/setup.log" 2>&1 ||
  { cat "$tmp/setup.log"; fail "meson setup"; }
ninja -C "$tmp/build" > "$tmp/build.log" 2>&1 ||
  { tail -50 "$tmp/build.log"; fail "the build"; }
meson install -C "$tmp/build" --no-rebuild > "$tmp/install.log" 2>&1 ||
  { cat "$tmp/install.log"; fail "meson install into $prefix"; }
meson install -C "$tmp/build" --no-rebuild --destdir "$tmp/stage" \
  > "$tmp/install-destdir.log" 2>&1 ||
  { cat "$tmp/install-destdir.log"; fail "meson install with DESTDIR"; }

expected="
bin/incidentdesk
share/applications/$app_id.desktop
share/metainfo/$app_id.metainfo.xml
share/glib-2.0/schemas/$app_id.gschema.xml
share/dbus-1/services/$app_id.service
share/icons/hicolor/scalable/apps/$app_id.svg
share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg
share/locale/id/LC_MESSAGES/incidentdesk.mo
"
for f in $expected; do
  [ -f "$prefix/$f" ] || fail "$f is not installed into the prefix"
  [ -f "$tmp/stage$prefix/$f" ] || fail "$f is not installed into DESTDIR"
done
[ -x "$prefix/bin/incidentdesk" ] || fail "the binary is not executable"
module="$(find "$prefix" -path '*/incidentdesk/libincidentdesk-window.so')"
[ -n "$module" ] || fail "the window module is not installed"
# The command line must start without GTK's libraries: they come with
# the window module only.
if ldd "$prefix/bin/incidentdesk" | grep -q 'libgtk-4'; then
  fail "the program itself loads GTK"
fi
[ -f "$prefix/share/glib-2.0/schemas/gschemas.compiled" ] ||
  fail "the schemas were not compiled after install"
grep -q "^Exec=$prefix/bin/incidentdesk " \
  "$prefix/share/dbus-1/services/$app_id.service" ||
  fail "the D-Bus service file does not start the installed binary"
grep -q '^Comment\[id\]=' "$prefix/share/applications/$app_id.desktop" ||
  fail "the installed desktop file has no Indonesian name"
desktop-file-validate "$prefix/share/applications/$app_id.desktop" ||
  fail "the installed desktop file does not validate"
appstreamcli validate --no-net "$prefix/share/metainfo/$app_id.metainfo.xml" \
  > "$tmp/appstream.log" 2>&1 ||
  { cat "$tmp/appstream.log"; fail "the installed metainfo does not validate"; }
echo "every file is installed, into the prefix and into DESTDIR"

export GSETTINGS_SCHEMA_DIR="$prefix/share/glib-2.0/schemas"
export XDG_DATA_DIRS="$prefix/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
export XDG_DATA_HOME="$tmp/data-home"
export XDG_CONFIG_HOME="$tmp/config-home"

"$prefix/bin/incidentdesk" --database "$tmp/cli.db" \
  --import "$source_root/tests/data/install/two-incidents.csv" \
  > "$tmp/import.out" 2>&1 ||
  { cat "$tmp/import.out"; fail "the installed binary's --import"; }
"$prefix/bin/incidentdesk" --database "$tmp/cli.db" --summary \
  > "$tmp/summary.json" 2> "$tmp/summary.err" ||
  { cat "$tmp/summary.err"; fail "the installed binary's --summary"; }
grep -q '"incidents" *: *2' "$tmp/summary.json" ||
  { cat "$tmp/summary.json"; fail "--summary after importing two incidents"; }
echo "the installed command line imports and answers --summary"

# The installed translation is found from the prefix: an Indonesian
# locale is built into the temporary folder for the check.
mkdir -p "$tmp/locale"
if localedef -i id_ID -f UTF-8 "$tmp/locale/id_ID.UTF-8" > /dev/null 2>&1; then
  LOCPATH="$tmp/locale" LC_ALL=id_ID.UTF-8 \
    "$prefix/bin/incidentdesk" --summary --no-such-option \
    > "$tmp/id.out" 2>&1 || true
  grep -q "bukan opsi IncidentDesk" "$tmp/id.out" ||
    { cat "$tmp/id.out"; fail "the installed binary does not speak Indonesian"; }
  echo "the installed binary speaks Indonesian in an Indonesian locale"
else
  echo "no Indonesian locale could be built: the translation was not tried"
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "no display: the window was not started"
  exit 0
fi

"$prefix/bin/incidentdesk" --database "$tmp/window.db" \
  > "$tmp/window.log" 2>&1 &
pid=$!
sleep 2
if ! kill -0 "$pid" 2>/dev/null; then
  cat "$tmp/window.log"
  pid=""
  fail "the installed window did not stay up for 2 seconds"
fi
kill "$pid"
wait "$pid" 2>/dev/null || true
pid=""
echo "the installed window stayed up for 2 seconds"

# On a session bus of its own, which finds the installed service file
# through XDG_DATA_DIRS: D-Bus activation starts the installed window,
# and a second plain start shows that window rather than a new process.
cat > "$tmp/bus.sh" <<EOF
set -eu
call ()
{
  object="\$1"
  shift
  gdbus call --session --dest $app_id --object-path "\$object" "\$@"
}
app=/io/example/IncidentDesk
call \$app --method org.freedesktop.Application.Activate '{}' > /dev/null
call \$app/window/1 --method org.gtk.Actions.List | grep -q "'new-incident'" ||
  { echo "FAIL: D-Bus activation opened no window"; exit 1; }
echo "D-Bus activation started the installed window"

timeout 10 "$prefix/bin/incidentdesk" > "$tmp/second.log" 2>&1 ||
  { cat "$tmp/second.log"; echo "FAIL: a second start did not hand over"; exit 1; }
call \$app/window/1 --method org.gtk.Actions.List > /dev/null ||
  { echo "FAIL: the first window went away"; exit 1; }
if call \$app/window/2 --method org.gtk.Actions.List > /dev/null 2>&1; then
  echo "FAIL: a second start opened a second window"
  exit 1
fi
echo "a second start showed the running window and ended"

call \$app --method org.gtk.Actions.Activate quit '[]' '{}' > /dev/null
EOF
dbus-run-session -- sh "$tmp/bus.sh" ||
  fail "the application is not started through D-Bus as a GNOME app is"
