#!/usr/bin/env bash
# The style differential on the component libraries' own sources (bench/RESULTS.md, "Less and
# Sass"): every .less file of tdesign-miniprogram, @vant/weapp, lin-ui, weui-miniprogram and
# wux-weapp, and the .scss files of uni-ui and NutUI, compiled by npm less/sass and by miniport,
# compared after normalising both with lightningcss.
#
# The repositories are not part of miniport: give a folder that holds their checkouts, one
# folder per repository (any names), e.g.
#   git clone --depth 1 https://github.com/Tencent/tdesign-miniprogram corpus/tdesign-miniprogram
# and run
#   bench/style-differential.sh corpus > report.md
# wux-weapp is taken from node_modules. Needs `npm ci` at the workspace root.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:?usage: bench/style-differential.sh CORPUS_DIR}"
dirs="$PWD/node_modules/wux-weapp"
for d in "$corpus"/*/; do dirs="$dirs:$(cd "$d" && pwd -P)"; done
report="$(mktemp)"
MINIPORT_STYLE_CORPUS="$dirs" MINIPORT_STYLE_REPORT="$report" \
  cargo nextest run -p miniport --test it style_differential corpus_from_the_environment >&2
cat "$report"
rm -f "$report"
