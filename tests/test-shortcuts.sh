#!/bin/sh
# Fails when the keyboard shortcuts window (ui/gtk/help-overlay.ui) and
# the keys the application binds disagree: the accelerators it sets
# (src/gui/desk-application.c) and the key bindings of its pages and
# dialogs (gtk_widget_class_add_binding_action in src/gui), so the
# window never shows a key that does nothing or hides one that works.
# Usage: test-shortcuts.sh SOURCE_ROOT
set -eu
cd "$1"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

normalise ()
{
  sed -e 's/<Primary>/<Control>/g' | tr 'A-Z' 'a-z' | sort -u
}

{
  sed -n '/^set_accels (/,/^}/p' src/gui/desk-application.c |
    grep -o '"[^"]*"' | tr -d '"' | grep -v '^app\.\|^win\.'

  # GDK_KEY_s, GDK_CONTROL_MASK → <Control>s; the benchmark binds none.
  for f in src/gui/*.c; do
    tr '\n' ' ' < "$f" |
      grep -o 'add_binding[a-z_]* *([^,]*, *GDK_KEY_[A-Za-z0-9_]*, *[^,]*,' |
      sed -e 's/.*GDK_KEY_\([A-Za-z0-9_]*\), *\([^,]*\),/\2 \1/' \
          -e 's/GDK_CONTROL_MASK/<Control>/g' -e 's/GDK_ALT_MASK/<Alt>/g' \
          -e 's/GDK_SHIFT_MASK/<Shift>/g' -e 's/^0 //' -e 's/[ |]//g'
  done
} | normalise > "$tmp/app"

grep -o '<property name="accelerator">[^<]*' ui/gtk/help-overlay.ui |
  sed -e 's/.*>//' -e 's/&lt;/</g' -e 's/&gt;/>/g' | tr ' ' '\n' |
  grep -v '^$' | normalise > "$tmp/window"

if ! diff -u "$tmp/app" "$tmp/window"; then
  echo "The shortcuts window (+) and the keys the application binds (-) differ."
  exit 1
fi
echo "the shortcuts window shows the $(wc -l < "$tmp/app") keys the application binds"
