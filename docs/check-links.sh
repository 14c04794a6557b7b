#!/usr/bin/env bash
# Checks every relative Markdown link in README.md and docs/*.md: the file exists, and a #fragment names a heading.
# Usage: bash docs/check-links.sh [repo root]; prints MISSING / NO-ANCHOR lines, nothing when every link resolves.
cd "${1:-.}" || exit 2
bad=0
for f in README.md docs/*.md; do
  dir=$(dirname "$f")
  grep -oE '\]\([^)[:space:]]+\)' "$f" | sed -E 's/^\]\((.*)\)$/\1/' | grep -vE '^(https?:|mailto:)' | while read -r link; do
    path=${link%%#*}; frag=""; [[ "$link" == *"#"* ]] && frag=${link#*#}
    target="$f"; [ -n "$path" ] && target="$dir/$path"
    if [ ! -e "$target" ]; then echo "MISSING $f -> $link"; continue; fi
    if [ -n "$frag" ]; then
      if ! grep -E '^#+ ' "$target" | sed -E 's/^#+ //' | tr 'A-Z' 'a-z' | sed -E 's/[^a-z0-9 _-]//g; s/ /-/g' | grep -qx "$frag"; then
        echo "NO-ANCHOR $f -> $link"
      fi
    fi
  done
done
