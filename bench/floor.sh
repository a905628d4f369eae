#!/usr/bin/env bash
# miniport against the floor of its work: `miniport convert` of each app against the `floor`
# example (swc and lightningcss parsing and printing the same app's scripts and stylesheets,
# nothing else) on the same files, interleaved in one run so both see the same machine load.
# Wall time of the whole process each, median of the runs; output goes to /dev/shm when it exists.
#   bench/floor.sh [runs] [app folders...]
# Default apps: the showcase and the component libraries in node_modules (after `npm ci`); add
# real apps (such as a checkout of EastWorld/wechat-app-mall) as arguments.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
shift || true
cargo build --release -q -p miniport --bin miniport --example floor
python3 - "$runs" "$@" <<'PY'
import os, statistics, subprocess, sys, tempfile, time
runs, extra = int(sys.argv[1]), sys.argv[2:]
apps = ["fixtures/showcase", "node_modules/@vant/weapp/lib",
        "node_modules/tdesign-miniprogram/miniprogram_dist"] + extra
apps = [a for a in apps if os.path.isdir(a)]
scratch = tempfile.mkdtemp(dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
out = os.path.join(scratch, "out")
def wall(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000
print(f"| app | miniport convert ms | floor ms | ratio |  (medians of {runs})")
print("|---|---|---|---|")
for app in apps:
    m, f = [], []
    for _ in range(runs):
        m.append(wall(["target/release/miniport", "convert", app, "-o", out]))
        f.append(wall(["target/release/examples/floor", app]))
    mm, fm = statistics.median(m), statistics.median(f)
    print(f"| {app} | {mm:.0f} | {fm:.0f} | {mm / fm:.2f} |")
subprocess.run(["rm", "-rf", scratch])
PY
