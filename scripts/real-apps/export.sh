#!/bin/bash
# export.sh <bare git dir> <dest>: writes every blob of HEAD that is present (skips absent large files)
G=$1; D=$2; mkdir -p "$D"
git --git-dir="$G" ls-tree -r -z HEAD | while IFS= read -r -d '' line; do
  meta=${line%%$'\t'*}; path=${line#*$'\t'}; set -- $meta; mode=$1; type=$2; sha=$3
  [ "$type" = blob ] || continue; [ "$mode" = 120000 ] && continue
  mkdir -p "$D/$(dirname "$path")"
  git --git-dir="$G" cat-file blob "$sha" > "$D/$path" 2>/dev/null || rm -f "$D/$path"
done
