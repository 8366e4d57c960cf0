#!/bin/sh
# Fails when a translation misses a message of the current sources or
# holds a fuzzy one: extracts the template the way po/meson.build does
# (meson's glib preset), merges the translation into it in a temporary
# folder and reads msgfmt's statistics.
# Usage: test-po-complete.sh SOURCE_ROOT LANGUAGE
set -eu
cd "$1"
lang="$2"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

xgettext --package-name=incidentdesk --files-from=po/POTFILES \
  --directory=. --output="$tmp/incidentdesk.pot" --from-code=UTF-8 \
  --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
  --keyword=g_dpgettext2:2c,3 --flag=N_:1:pass-c-format \
  --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format \
  --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_print:1:c-format \
  --flag=g_printerr:1:c-format 2> "$tmp/xgettext.log" ||
  { cat "$tmp/xgettext.log"; exit 1; }

msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$tmp/incidentdesk.pot" \
  -o "$tmp/$lang.po"
stats="$(msgfmt --check --statistics -o /dev/null "$tmp/$lang.po" 2>&1)"
echo "po/$lang.po against the sources: $stats"

case "$stats" in
  *untranslated*|*fuzzy*)
    echo "Untranslated:"
    msgattrib --untranslated --no-obsolete "$tmp/$lang.po" |
      grep -A1 '^msgid' | head -40
    echo "Fuzzy:"
    msgattrib --only-fuzzy --no-obsolete "$tmp/$lang.po" |
      grep -A1 '^msgid' | head -40
    exit 1 ;;
esac
