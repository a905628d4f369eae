#!/usr/bin/env bash
# Prints a fingerprint of what `miniport convert` writes for every app in fixtures/ and for the
# four component libraries in node_modules/ (after `npm ci`): per input, one SHA-256 over the
# app's own output (every file but the runtime folder `miniport/`), one over the runtime
# folder, the exit code, and one over the `--format json` diagnostics (without the output
# folder's name and the time). Two builds that print
# the same lines wrote byte-identical apps. Usage:
#   bench/output-hashes.sh [path/to/miniport] [--list DIR]
# With --list, DIR/<input>.txt gets one `sha256  path` line per output file, to diff.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/debug/miniport}
list=""
[ "${2:-}" = "--list" ] && list=${3:?--list needs a folder}
[ -x "$bin" ] || { echo "no binary at $bin (cargo build -p miniport)" >&2; exit 2; }

python3 - "$bin" "$list" <<'PY'
import hashlib, json, os, subprocess, sys, tempfile
bin, listdir = sys.argv[1], sys.argv[2]
inputs = sorted(f"fixtures/{d}" for d in os.listdir("fixtures") if os.path.isdir(f"fixtures/{d}"))
inputs += [f"node_modules/{p}" for p in ("@vant/weapp/lib", "weui-miniprogram/miniprogram_dist",
                                         "tdesign-miniprogram/miniprogram_dist", "wux-weapp/packages")]
if listdir:
    os.makedirs(listdir, exist_ok=True)
print("| input | exit | app output (sha256, 16) | runtime (sha256, 16) | diagnostics (sha256, 16) | files |")
print("|---|---|---|---|---|---|")
with tempfile.TemporaryDirectory() as tmp:
    for src in inputs:
        if not os.path.isdir(src):
            print(f"| {src} | missing | | | | |")
            continue
        out = os.path.join(tmp, "out")
        run = subprocess.run([bin, "convert", src, "-o", out, "--format", "json"], capture_output=True)
        app, rt = hashlib.sha256(), hashlib.sha256()
        lines = []
        if os.path.isdir(out):
            for d, _, files in os.walk(out):
                for f in files:
                    full = os.path.join(d, f)
                    rel = os.path.relpath(full, out).replace(os.sep, "/")
                    if rel == ".miniport-output":
                        continue
                    data = open(full, "rb").read()
                    lines.append((rel, hashlib.sha256(data).hexdigest()))
            lines.sort()
            for rel, h in lines:
                (rt if rel.startswith("miniport/") else app).update(f"{h}  {rel}\n".encode())
            subprocess.run(["rm", "-rf", out], check=True)
        try:  # the diagnostics and counts; the output folder and the time vary from run to run
            report = json.loads(run.stdout)
            report.pop("out", None); report.pop("seconds", None)
            diags = hashlib.sha256(json.dumps(report, sort_keys=True).encode()).hexdigest()
        except ValueError:
            diags = hashlib.sha256(run.stdout).hexdigest()
        print(f"| {src} | {run.returncode} | {app.hexdigest()[:16]} | {rt.hexdigest()[:16]} | {diags[:16]} | {len(lines)} |")
        if listdir:
            name = src.replace("/", "_")
            with open(os.path.join(listdir, f"{name}.txt"), "w") as fh:
                fh.writelines(f"{h}  {rel}\n" for rel, h in lines)
PY
