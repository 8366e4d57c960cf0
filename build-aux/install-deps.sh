#!/bin/sh
# Installs what IncidentDesk needs to build, run and test on Debian 12.
# Does nothing when everything is already there.
set -eu

build="libgtk-4-dev libadwaita-1-dev libsqlite3-dev libjson-glib-dev
  meson ninja-build gcc pkg-config gettext desktop-file-utils appstream
  libglib2.0-dev-bin libglib2.0-bin"
test="sqlite3 xvfb xauth dbus-x11 at-spi2-core python3-dogtail python3-gi
  gir1.2-atspi-2.0 gir1.2-gtk-4.0 xdotool imagemagick fonts-cantarell
  adwaita-icon-theme gsettings-desktop-schemas clang-14 libclang-rt-14-dev
  valgrind time locales"

want="$build"
[ "${1:-}" = "--test" ] && want="$build $test"

missing=""
for p in $want; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
    missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "Installing:$missing"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
  --no-install-recommends $missing
