#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seeds: the files of the component libraries in node_modules
# and of fixtures/ (templates, sheets, WXS, scripts; binding texts for the expression parser).
# The corpus is not committed; run this once before a campaign (README, "Fuzzing").
set -euo pipefail
cd "$(dirname "$0")/.."
roots=(node_modules/@vant/weapp/lib node_modules/tdesign-miniprogram/miniprogram_dist
  node_modules/weui-miniprogram/miniprogram_dist node_modules/wux-weapp/packages fixtures
  transpiler/tests/it/fuzz/seeds)

# seed TARGET EXTENSION...: each file under 64 KiB, named by its hash (duplicates merge).
seed() {
  local target=$1 && shift
  local dir=fuzz/corpus/$target
  mkdir -p "$dir"
  for ext in "$@"; do
    find "${roots[@]}" -name "*.$ext" -size -64k -type f 2>/dev/null | while read -r file; do
      cp "$file" "$dir/$(sha1sum < "$file" | cut -c1-40)"
    done
  done
  echo "$target: $(find "$dir" -type f | wc -l) seeds"
}

seed wxml_parse wxml
seed wxss wxss
seed wxs wxs
seed script js ts
mkdir -p fuzz/corpus/wxml_expression fuzz/corpus/convert
find "${roots[@]}" -name '*.wxml' -type f 2>/dev/null -exec grep -oh '{{[^}]*}}' {} + | sort -u | sed -n 1,2000p |
  while IFS= read -r binding; do
    text=${binding#\{\{} && text=${text%\}\}}
    printf '%s' "$text" > "fuzz/corpus/wxml_expression/$(printf '%s' "$text" | sha1sum | cut -c1-40)"
  done
echo "wxml_expression: $(find fuzz/corpus/wxml_expression -type f | wc -l) seeds"
