#!/bin/sh
# Fails when the keyboard shortcuts window (ui/gtk/help-overlay.ui) and
# the accelerators the application sets (src/gui/desk-application.c)
# disagree, so the window never shows a key that does nothing or hides
# one that works.
# Usage: test-shortcuts.sh SOURCE_ROOT
set -eu
cd "$1"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

normalise ()
{
  sed -e 's/<Primary>/<Control>/g' | tr 'A-Z' 'a-z' | sort -u
}

sed -n '/^set_accels (/,/^}/p' src/gui/desk-application.c |
  grep -o '"[^"]*"' | tr -d '"' | grep -v '^app\.\|^win\.' |
  normalise > "$tmp/app"

grep -o '<property name="accelerator">[^<]*' ui/gtk/help-overlay.ui |
  sed -e 's/.*>//' -e 's/&lt;/</g' -e 's/&gt;/>/g' | tr ' ' '\n' |
  grep -v '^$' | normalise > "$tmp/window"

if ! diff -u "$tmp/app" "$tmp/window"; then
  echo "The shortcuts window (+) and the application's accelerators (-) differ."
  exit 1
fi
echo "the shortcuts window shows the $(wc -l < "$tmp/app") accelerators the application sets"
