#!/usr/bin/env bash
# Times `miniport convert` of two builds on the same inputs in one run, interleaved so both see
# the same machine load: the showcase, the 1,000-row list fixture and the four component
# libraries from node_modules/ (after `npm ci`). Prints a Markdown table for bench/RESULTS.md.
#   bench/compare-convert.sh BEFORE_BIN AFTER_BIN [runs]   (default 15)
# With INSTRUCTIONS=1, counts the instructions of one `--jobs 1` conversion of each input under
# valgrind's callgrind instead: the same figure whatever else the machine is doing.
set -euo pipefail
cd "$(dirname "$0")/.."
before=${1:?usage: bench/compare-convert.sh BEFORE_BIN AFTER_BIN [runs]}
after=${2:?usage: bench/compare-convert.sh BEFORE_BIN AFTER_BIN [runs]}
runs=${3:-15}

python3 - "$before" "$after" "$runs" <<'PY'
import os, re, shutil, statistics, subprocess, sys, tempfile, time
before, after, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
instructions = os.environ.get("INSTRUCTIONS") == "1"
inputs = ["fixtures/showcase", "fixtures/bench-list", "node_modules/@vant/weapp/lib",
          "node_modules/weui-miniprogram/miniprogram_dist",
          "node_modules/tdesign-miniprogram/miniprogram_dist", "node_modules/wux-weapp/packages"]
def timed(bin, src, out):
    t = time.perf_counter()
    subprocess.run([bin, "convert", src, "-o", out, "--format", "json"], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t
def counted(bin, src, out, tmp):
    log = os.path.join(tmp, "callgrind.out")
    run = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={log}", bin, "convert",
                          src, "-o", out, "--jobs", "1", "--format", "json"], capture_output=True, text=True)
    found = re.search(r"Collected : (\d+)", run.stderr)
    return int(found.group(1)) if found else float("nan")
if instructions:
    print("| input | before (instructions, --jobs 1) | after | after / before |")
else:
    print(f"| input | before (median of {runs}) | after (median of {runs}) | after / before |")
print("|---|---|---|---|")
with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "out")
    for src in inputs:
        if not os.path.isdir(src):
            print(f"| {src} | missing | | |"); continue
        if instructions:
            ia, ib = counted(before, src, out, tmp), counted(after, src, out, tmp)
            print(f"| {src} | {ia/1e6:.0f} M | {ib/1e6:.0f} M | {ib/ia:.3f} |", flush=True)
            continue
        a, b = [], []
        for i in range(runs):
            pair = [(before, a), (after, b)] if i % 2 == 0 else [(after, b), (before, a)]
            for bin, times in pair:
                times.append(timed(bin, src, out))
        ma, mb = statistics.median(a), statistics.median(b)
        print(f"| {src} | {ma*1000:.1f} ms | {mb*1000:.1f} ms | {mb/ma:.2f} |")
PY
