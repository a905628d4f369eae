#!/usr/bin/env bash
# Times `miniport convert` of two builds on the same inputs in one run, interleaved so both see
# the same machine load: the showcase, the 1,000-row list fixture and the four component
# libraries from node_modules/ (after `npm ci`). Prints a Markdown table for bench/RESULTS.md.
#   bench/compare-convert.sh BEFORE_BIN AFTER_BIN [runs]   (default 15)
set -euo pipefail
cd "$(dirname "$0")/.."
before=${1:?usage: bench/compare-convert.sh BEFORE_BIN AFTER_BIN [runs]}
after=${2:?usage: bench/compare-convert.sh BEFORE_BIN AFTER_BIN [runs]}
runs=${3:-15}

python3 - "$before" "$after" "$runs" <<'PY'
import os, shutil, statistics, subprocess, sys, tempfile, time
before, after, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
inputs = ["fixtures/showcase", "fixtures/bench-list", "node_modules/@vant/weapp/lib",
          "node_modules/weui-miniprogram/miniprogram_dist",
          "node_modules/tdesign-miniprogram/miniprogram_dist", "node_modules/wux-weapp/packages"]
def timed(bin, src, out):
    t = time.perf_counter()
    subprocess.run([bin, "convert", src, "-o", out, "--format", "json"], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t
print(f"| input | before (median of {runs}) | after (median of {runs}) | after / before |")
print("|---|---|---|---|")
with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "out")
    for src in inputs:
        if not os.path.isdir(src):
            print(f"| {src} | missing | | |"); continue
        a, b = [], []
        for i in range(runs):
            pair = [(before, a), (after, b)] if i % 2 == 0 else [(after, b), (before, a)]
            for bin, times in pair:
                times.append(timed(bin, src, out))
        ma, mb = statistics.median(a), statistics.median(b)
        print(f"| {src} | {ma*1000:.1f} ms | {mb*1000:.1f} ms | {mb/ma:.2f} |")
PY
