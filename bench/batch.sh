#!/usr/bin/env bash
# Times `miniport batch` on catalogs of 10 and 100 apps (copies of the fixture apps and of the
# component libraries in node_modules: @vant/weapp, weui-miniprogram, tdesign-miniprogram,
# wux-weapp, lin-ui) with --jobs 1 and 2, each without a cache, with an empty one (cold) and
# with the one that run filled (warm), and prints a Markdown table for bench/RESULTS.md:
# wall, user and system time and peak RSS (/usr/bin/time -v), apps/s and source MB/s (from report.json).
# Usage: bench/batch.sh [sizes...]   (default: 10 100). Builds and uses the release binary, or
# the one MINIPORT_BIN names. The catalog's copies are hard links (they are only read); each
# run's apps are deleted after it, its report kept.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10 100)
work=target/bench-batch  # outside bench/: the JS checks walk bench/, and the copies are libraries
mkdir -p "$work"
if [ -n "${MINIPORT_BIN:-}" ]; then
  bin=$(cd "$(dirname "$MINIPORT_BIN")" && pwd)/$(basename "$MINIPORT_BIN")
else
  cargo build --release -q -p miniport
  bin=$PWD/target/release/miniport
fi

# The pool the catalogs are made from: every fixture app, and each library's component folder.
pool=()
for d in fixtures/*/; do
  [ -f "$d/app.json" ] || [ -f "$d/project.config.json" ] && pool+=("$PWD/${d%/}")
done
for lib in @vant/weapp/lib weui-miniprogram/miniprogram_dist tdesign-miniprogram/miniprogram_dist \
           wux-weapp/packages/lib lin-ui/dist; do
  [ -d "node_modules/$lib" ] && pool+=("$(cd "node_modules/$lib" && pwd)")
done

echo "| apps | --jobs | cache | wall s | user s | sys s | peak RSS MiB | apps/s | source MiB | MiB/s | converted | with errors | failed |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for size in "${sizes[@]}"; do
  catalog="$work/catalog-$size"
  if [ ! -d "$catalog" ]; then
    mkdir -p "$catalog"
    for ((i = 0; i < size; i++)); do
      src=${pool[$((i % ${#pool[@]}))]}
      cp -rl "$src" "$catalog/$(printf '%04d' "$i")-$(basename "$(dirname "$src")")-$(basename "$src")"
    done
  fi
  for jobs in 1 2; do
    for cache in none cold warm; do
      out="$work/out-$size-$jobs"
      rm -rf "$out"
      flags=()
      [ "$cache" = cold ] && rm -rf "$work/cache"
      [ "$cache" != none ] && flags=(--cache "$work/cache")
      /usr/bin/time -v "$bin" batch "$catalog" -o "$out" --jobs "$jobs" --quiet --fail-on never "${flags[@]}" \
        2> "$work/time.txt" || { cat "$work/time.txt" >&2; exit 1; }
      python3 - "$work/time.txt" "$out/report.json" "$size" "$jobs" "$cache" <<'PY'
import json, re, sys
time_txt, report, size, jobs, cache = sys.argv[1:]
text = open(time_txt).read()
wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", text)
h, m, s = wall.groups()
seconds = int(h or 0) * 3600 + int(m) * 60 + float(s)
user = float(re.search(r"User time \(seconds\): ([\d.]+)", text).group(1))
sys_s = float(re.search(r"System time \(seconds\): ([\d.]+)", text).group(1))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
t = json.load(open(report))["totals"]
mib = t["bytes"] / 1048576
st = t["statuses"]
print(f"| {size} | {jobs} | {cache} | {seconds:.2f} | {user:.2f} | {sys_s:.2f} | {rss:.0f} | {int(size) / seconds:.1f} "
      f"| {mib:.1f} | {mib / seconds:.2f} | {st['converted']} | {st['converted-with-errors']} | {st['failed']} |")
PY
      rm -rf "$out/apps"
    done
  done
done
