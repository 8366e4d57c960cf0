#!/bin/sh
# Fails when a file with translatable strings is missing from po/POTFILES,
# or when POTFILES names a file that does not exist.
# Usage: test-potfiles.sh SOURCE_ROOT
set -eu
cd "$1"
status=0

listed="$(mktemp)"
trap 'rm -f "$listed"' EXIT
grep -v '^[[:space:]]*\(#\|$\)' po/POTFILES | sort -u > "$listed"

while read -r f; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES names $f, which does not exist"
    status=1
  fi
done < "$listed"

find src ui -type f \( -name '*.c' -o -name '*.h' -o -name '*.ui' \) |
  sort > "$listed.all"
while read -r f; do
  if grep -Eq '(^|[^A-Za-z0-9_])(N_|C_|NC_|_|ngettext|g_dngettext)\(|translatable="yes"' "$f" &&
     ! grep -qxF "$f" "$listed"; then
    echo "$f has translatable strings but is not in po/POTFILES"
    status=1
  fi
done < "$listed.all"
rm -f "$listed.all"

for f in io.example.IncidentDesk.desktop \
         data/io.example.IncidentDesk.metainfo.xml.in \
         data/io.example.IncidentDesk.gschema.xml; do
  if ! grep -qxF "$f" "$listed"; then
    echo "$f is shown to users but is not in po/POTFILES"
    status=1
  fi
done

[ "$status" -eq 0 ] && echo "po/POTFILES lists every file with translatable strings"
exit "$status"
