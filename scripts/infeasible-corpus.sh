#!/usr/bin/env bash
# Times `optimize` on every infeasible scenario of Benchmarks/infeasible/ against the bundled
# 60-vendor pool (BENCHMARKS.md, "Infeasible scenarios on the bundled pool"): the exit code, the
# median wall time of RUNS runs (default 3) with the whole explanation printed, and the explanation's
# first line. Usage: scripts/infeasible-corpus.sh [BINARY] (default .build/release/partner-match).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/release/partner-match}
runs=${RUNS:-3}
printf '%-26s %4s %8s  %s\n' scenario exit "median s" "first line of the explanation"
for file in Benchmarks/infeasible/*.toml; do
    name=$(basename "$file" .toml)
    times=()
    code=0
    for _ in $(seq "$runs"); do
        start=$(date +%s.%N)
        set +e
        "$bin" optimize datasets/vendors.csv --scenario "$file" > /tmp/infeasible-corpus.out 2>/dev/null
        code=$?
        set -e
        end=$(date +%s.%N)
        times+=("$(echo "$end - $start" | bc)")
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
    first=$(grep -m1 -E '^  1\. |^What the eligible|^No |^  - ' /tmp/infeasible-corpus.out || true)
    printf '%-26s %4s %8.2f  %s\n' "$name" "$code" "$median" "${first:0:110}"
done
