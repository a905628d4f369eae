#!/usr/bin/env bash
# Shards on one machine: the catalog of bench/batch.sh (build it first with `bench/batch.sh N`)
# converted by N = 1, 2 and 4 `miniport batch --shard I/N` processes at once, their reports
# joined by `miniport report merge`, against one process converting it whole (`--jobs 2`).
# Prints wall seconds (all shards and the merge) and whether
# the merged report's apps are those of the single run. The whole-catalog run is timed first and
# last.
#   bench/shards.sh [apps]   (default 100; uses target/bench-batch/catalog-<apps>)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-100}
work=target/bench-batch
catalog="$work/catalog-$size"
[ -d "$catalog" ] || { echo "no $catalog: run bench/batch.sh $size first" >&2; exit 2; }
if [ -n "${MINIPORT_BIN:-}" ]; then
  bin=$(cd "$(dirname "$MINIPORT_BIN")" && pwd)/$(basename "$MINIPORT_BIN")
else
  cargo build --release -q -p miniport --bin miniport
  bin=$PWD/target/release/miniport
fi
runs=$work/shards
rm -rf "$runs"
mkdir -p "$runs"

# Wall seconds of a command.
measure() {
  local start end
  start=$(date +%s.%N)
  "$@"
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.2f}')"
}

echo "| processes | --jobs each | wall s | apps | merged = single run |"
echo "|---|---|---|---|---|"
single=$(measure "$bin" batch "$catalog" -o "$runs/single" --jobs 2 --quiet --fail-on never)
apps=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['apps']))" "$runs/single/report.json")
echo "| 1 (whole catalog, first) | 2 | $single | $apps | – |"
for n in 1 2 4; do
  jobs=$(( n >= 2 ? 1 : 2 ))
  run_shards() {
    local pids=()
    for ((i = 0; i < n; i++)); do
      "$bin" batch "$catalog" -o "$runs/$n-$i" --shard "$i/$n" --jobs "$jobs" --quiet --fail-on never &
      pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid" || true; done
    local reports=()
    for ((i = 0; i < n; i++)); do reports+=("$runs/$n-$i/report.json"); done
    "$bin" report merge "${reports[@]}" -o "$runs/merged-$n.json" >/dev/null 2>&1
  }
  wall=$(measure run_shards)
  same=$(python3 - "$runs/single/report.json" "$runs/merged-$n.json" <<'PY'
import json, sys
def apps(path):
    # Times and the run's own header differ by nature; every app's record otherwise must not.
    out = {}
    for app in json.load(open(path))["apps"]:
        app = {k: v for k, v in app.items() if k not in ("seconds", "cache")}
        out[app["name"]] = app
    return out
a, b = apps(sys.argv[1]), apps(sys.argv[2])
print("yes" if a == b else f"no ({len(a)} against {len(b)} apps)")
PY
)
  echo "| $n | $jobs | $wall | $apps | $same |"
done
# Once more at the end: on a shared VM the file system's speed drifts within a run.
rm -rf "$runs/single"
single=$(measure "$bin" batch "$catalog" -o "$runs/single" --jobs 2 --quiet --fail-on never)
echo "| 1 (whole catalog, last) | 2 | $single | $apps | – |"
