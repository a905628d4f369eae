#!/usr/bin/env bash
# Times `miniport convert` on the showcase and on @vant/weapp's lib/ (library mode), next to
# copying the same input (a floor: reading and writing the files), in one run, and prints a
# Markdown table for bench/RESULTS.md. Usage: bench/convert.sh [runs]   (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
work=bench/.work
mkdir -p "$work"
[ -f "$work/package.json" ] || echo '{"private":true}' > "$work/package.json"
[ -d "$work/node_modules/@vant/weapp" ] || (cd "$work" && npm install --no-audit --no-fund @vant/weapp@1.11.7 >/dev/null)
cargo build --release -q -p miniport
bin=target/release/miniport

python3 - "$bin" "$runs" "$work" <<'PY'
import json, os, shutil, statistics, subprocess, sys, tempfile, time
bin, runs, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
inputs = [("fixtures/showcase", "showcase (app)"),
          (f"{work}/node_modules/@vant/weapp/lib", "@vant/weapp 1.11.7 lib/ (library mode)")]
def size(path):
    total = count = 0
    for d, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(d, f)); count += 1
    return count, total
def timed(cmd):
    t = time.perf_counter(); subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); return time.perf_counter() - t
print(f"| input | files | KiB | miniport convert (median of {runs}) | cp -r (median) | ratio | errors | warnings |")
print("|---|---|---|---|---|---|---|---|")
with tempfile.TemporaryDirectory() as tmp:
    for src, label in inputs:
        out = os.path.join(tmp, "out"); cp = os.path.join(tmp, "cp")
        conv, copy = [], []
        for _ in range(runs):  # interleaved, so both see the same machine load
            conv.append(timed([bin, "convert", src, "-o", out, "--format", "json"]))
            shutil.rmtree(cp, ignore_errors=True)
            copy.append(timed(["cp", "-r", src, cp]))
        result = json.loads(subprocess.run([bin, "convert", src, "-o", out, "--format", "json"], capture_output=True, text=True).stdout)
        files, total = size(src)
        c, k = statistics.median(conv), statistics.median(copy)
        s = result["summary"]
        print(f"| {label} | {files} | {total/1024:.0f} | {c*1000:.1f} ms | {k*1000:.1f} ms | {c/k:.1f}× | {s['errors']} | {s['warnings']} |")
PY
