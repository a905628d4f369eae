#!/usr/bin/env bash
# miniport against Taro's converter (`taro-convert` of @tarojs/cli-convertor, which rewrites a
# mini-program into the sources of a Taro/React project; building that project is not timed)
# on the same apps, interleaved in one run. Wall time of the whole process each, median of the
# runs. The converter is not a dependency of this repository: install it anywhere and name it,
#   npm install --prefix /tmp/taro @tarojs/cli-convertor@3.6.38
#   TARO_CONVERT=/tmp/taro/node_modules/.bin/taro-convert bench/taro.sh [runs] [app folders...]
# taro-convert converts the folder it runs in and writes into it (taroConvert/), so each run
# works on a fresh copy. Default apps: the fixture apps that have an app.json.
# Its @babel/traverse must be older than 7.28 (7.28 and later throw "Scope#references is not
# available in Babel 8" on every page): add "overrides": {"@babel/traverse": "7.24.7"} to the
# package.json of the folder it is installed in before installing.
set -euo pipefail
cd "$(dirname "$0")/.."
taro=${TARO_CONVERT:?set TARO_CONVERT to the taro-convert command (see the top of this script)}
runs=${1:-5}
shift || true
cargo build --release -q -p miniport --bin miniport
python3 - "$taro" "$runs" "$@" <<'PY'
import os, shutil, statistics, subprocess, sys, tempfile, time
taro, runs, apps = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
if not apps:
    apps = ["fixtures/showcase", "fixtures/framework", "fixtures/subpackages-app"]
scratch = tempfile.mkdtemp(dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
miniport = os.path.abspath("target/release/miniport")
def wall(cmd, cwd=None):
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return (time.perf_counter() - start) * 1000, done
print(f"| app | miniport convert ms | taro-convert ms | taro / miniport | taro-convert: exit, files it failed |  (medians of {runs})")
print("|---|---|---|---|---|")
for app in apps:
    m, t, status = [], [], None
    for i in range(runs):
        copy = os.path.join(scratch, f"app-{i}")
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(app, copy, ignore=shutil.ignore_patterns("node_modules", "taroConvert"))
        ms, _ = wall([miniport, "convert", copy, "-o", os.path.join(scratch, "out")])
        m.append(ms)
        ms, done = wall(["node", taro], cwd=copy)
        t.append(ms)
        # taro-convert exits 0 when pages fail; it prints "转换失败" ("conversion failed") for each.
        status = f"{done.returncode}, {done.stdout.count('转换失败')}"
        converted = os.path.isdir(os.path.join(copy, "taroConvert"))
        shutil.rmtree(copy, ignore_errors=True)
    mm, tm = statistics.median(m), statistics.median(t)
    note = f"{status}" + ("" if converted else ", wrote no taroConvert/")
    print(f"| {os.path.basename(app.rstrip('/'))} | {mm:.0f} | {tm:.0f} | {tm / mm:.1f} | {note} |")
shutil.rmtree(scratch, ignore_errors=True)
PY
