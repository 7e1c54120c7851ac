#!/bin/sh
# Rank acceptabilities of `shortlist --robustness` (10,000 samples) against the independent numpy
# implementation (scripts/smaa_reference.py, 1,000,000 samples) on 10 random pools: every acceptability
# must agree within 4 standard errors. Needs python3 with numpy. Not part of the test suite.
# usage: scripts/smaa-agreement.sh [path/to/partner-match]
set -eu
PM=${1:-.build/debug/partner-match}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
"$PM" init | sed '/^\[uncertainty\]/,$d' > "$DIR/base.toml"   # the template; its [uncertainty] is replaced below
fails=0
for seed in 1 2 3 4 5 6 7 8 9 10; do
    vendors=$((300 + 100 * seed))
    mode=none; [ $((seed % 2)) -eq 0 ] && mode=ranking
    "$PM" generate --vendors "$vendors" --seed "$seed" --out "$DIR/v$seed.csv" >/dev/null 2>&1
    { cat "$DIR/base.toml"; printf '\n[uncertainty]\nweights = "%s"\nsamples = 10000\nseed = %s\n' "$mode" "$seed"; } > "$DIR/s$seed.toml"
    "$PM" shortlist "$DIR/v$seed.csv" --scenario "$DIR/s$seed.toml" --top 0 --format json > "$DIR/all$seed.json" 2>/dev/null
    "$PM" shortlist "$DIR/v$seed.csv" --scenario "$DIR/s$seed.toml" --top 5 --robustness --format json > "$DIR/r$seed.json" 2>/dev/null
    python3 "$(dirname "$0")/smaa_reference.py" "$DIR/all$seed.json" --mode "$mode" --top 5 --samples 1000000 --seed "$seed" > "$DIR/np$seed.json"
    python3 - "$DIR/r$seed.json" "$DIR/np$seed.json" "$seed" "$mode" <<'PY' || fails=$((fails + 1))
import json, math, sys
ours = {v["id"]: v["rank_acceptability"] for v in json.load(open(sys.argv[1]))["robustness"]["vendors"]}
ref = json.load(open(sys.argv[2]))["acceptability"]
n_ours, n_ref = 10_000, 1_000_000
worst, compared = 0.0, 0
for vid in sorted(set(ours) | set(ref)):
    a = (ours.get(vid, []) + [0.0] * 5)[:5]; b = (ref.get(vid, []) + [0.0] * 5)[:5]
    for r in range(5):
        p = b[r]
        se = math.sqrt(max(p * (1 - p), 1.0 / n_ours) / n_ours + p * (1 - p) / n_ref)
        worst = max(worst, abs(a[r] - p) / se); compared += 1
ok = worst <= 4
print(f"pool seed {sys.argv[3]:>2} ({sys.argv[4]:7}): {len(set(ours)|set(ref)):3} vendors x 5 ranks = {compared:4} acceptabilities, largest |diff| = {worst:.2f} SE -> {'ok' if ok else 'FAIL'}")
sys.exit(0 if ok else 1)
PY
done
echo "pools outside 4 SE: $fails of 10"
[ "$fails" -eq 0 ]
