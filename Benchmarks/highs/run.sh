#!/usr/bin/env bash
# Compare partner-match with HiGHS on generated pools (BENCHMARKS.md, "Comparison with HiGHS").
#
#   Benchmarks/highs/run.sh [SIZES...]        default: 10000 100000
#
# For each size: generate a pool (seed 1), export the unpruned and the pruned team MILP as MPS
# (`partner-match bench --export-dir`), time `partner-match optimize` end to end (read, score,
# prune, solve; REPEATS runs, default 5), solve both MPS files with HiGHS (highspy, single thread,
# HIGHS_TIME_LIMIT seconds, default 600) and check the optima agree (relative 1e-6).
# Needs python3 with highspy (`pip install highspy`; an optional tool dependency).
# Work files go to WORK (default /tmp/partner-match-highs); PM_BIN overrides the binary.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
repeats="${REPEATS:-5}"
work="${WORK:-/tmp/partner-match-highs}"
mkdir -p "$work"

python3 -c 'import highspy' 2>/dev/null || { echo "run.sh: needs highspy: pip install highspy" >&2; exit 1; }
if [ -z "${PM_BIN:-}" ]; then
    swift build -c release --package-path "$root" --product partner-match >&2
    PM_BIN="$(swift build -c release --package-path "$root" --show-bin-path)/partner-match"
fi
echo "binary: $PM_BIN" >&2

# The scaling study's default scenario (ScalingStudy.defaultScenarioText), as a file for optimize.
scenario="$work/study.toml"
cat > "$scenario" <<'TOML'
name = "Scaling study"
currency = "USD"

[client]
timezone = "Europe/Berlin"
work_start = "09:00"
work_end = "17:30"

[demand]
backend = 4
ios = 2
qa = 1

[horizon]
months = 12
hours_per_month = 160

[budget]
total = 1_250_000

[rules]
min_overlap_hours = 2.0
min_quality = 60
max_rate = 120
min_vendors = 1
max_vendors = 4
max_share = 0.6
growth = 1.5
backups = { backend = 2 }
team_overlap_hours = 3.0
min_engagement_fte = 0.5
fte_step = 0.5
TOML

records="$work/results.json"
echo "[" > "$records"
first=1
for n in "${sizes[@]}"; do
    pool="$work/pool-$n.csv"
    echo "== $n vendors" >&2
    [ -s "$pool" ] || "$PM_BIN" generate --vendors "$n" --seed 1 --out "$pool"
    "$PM_BIN" bench --sizes "$n" --scenario "$scenario" --no-unpruned --export-dir "$work" \
        --format json --quiet > "$work/bench-$n.json"
    times=()
    for ((k = 0; k < repeats; k++)); do
        t="$( { /usr/bin/time -f '%e %M' "$PM_BIN" optimize "$pool" --scenario "$scenario" --format json \
                > "$work/optimize-$n.json"; } 2>&1 | tail -1 )"
        echo "  optimize run $((k + 1)): ${t% *} s, peak ${t#* } KB" >&2
        times+=("${t% *}")
    done
    python3 - "$work/bench-$n.json" "$work/optimize-$n.json" "${times[@]}" >> "$records" <<PY
import json, sys
bench = json.load(open(sys.argv[1]))["results"][0]
optimize = json.load(open(sys.argv[2]))
record = {
    "vendors": bench["vendors"], "eligible": bench["eligible"], "kept": bench["pruned"]["candidates"],
    "pm_objective": optimize["objective"], "pm_seconds": [float(t) for t in sys.argv[3:]],
    "bench_objective": bench["pruned"]["objective"],
    "unpruned_mps": bench["unpruned_model_file"], "pruned_mps": bench["pruned"]["model_file"],
}
print(("" if $first else ",") + json.dumps(record))
PY
    first=0
done
echo "]" >> "$records"
python3 "$root/Benchmarks/highs/compare.py" "$records" --time-limit "${HIGHS_TIME_LIMIT:-600}" ${MARKDOWN:+--markdown}
