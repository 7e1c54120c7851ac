#!/bin/sh
# `optimize --rule-prices` against the same number of independent `optimize` runs (issue 23):
# for one pool and scenario, writes one scenario file per rule in force with that rule removed
# (the edit a user would make), and a script that runs `optimize` on the scenario as written and on
# each of those files; then times both with farm-bench, paired.
#   Benchmarks/prices/run.sh BIN VENDORS.csv SCENARIO.toml WORKDIR
# The rule lines are edited by key, as written in the scenario's [rules] and [budget] tables.
set -eu
bin=$1; pool=$2; scenario=$3; work=$4
mkdir -p "$work"
runner="$work/independent.sh"
echo "#!/bin/sh" > "$runner"
echo "\"$bin\" optimize \"$pool\" --scenario \"$scenario\" --format json > /dev/null 2>&1 || true" >> "$runner"
n=0
# key: the replacement line (empty: the line removed); keys absent from the scenario are skipped.
while IFS='|' read -r key line; do
    grep -q "^$key = " "$scenario" || continue
    n=$((n + 1))
    out="$work/without-$key.toml"
    if [ -n "$line" ]; then sed "s/^$key = .*/$line/" "$scenario" > "$out"; else sed "/^$key = /d" "$scenario" > "$out"; fi
    echo "\"$bin\" optimize \"$pool\" --scenario \"$out\" --format json > /dev/null 2>&1 || true" >> "$runner"
done <<'TABLE'
total|total = 1_000_000_000_000
min_overlap_hours|min_overlap_hours = 0
required_certifications|required_certifications = []
min_quality|min_quality = 0
min_cultural_fit|min_cultural_fit = 0
max_rate|
min_vendors|min_vendors = 1
max_vendors|
max_share|max_share = 1
growth|growth = 1
backups|
team_overlap_hours|team_overlap_hours = 0
min_engagement_fte|min_engagement_fte = 0
fte_step|
TABLE
chmod +x "$runner"
echo "$n rules removed, $((n + 1)) independent runs" >&2
"$bin" optimize "$pool" --scenario "$scenario" --rule-prices --format json 2>/dev/null \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["rule_prices"]), "prices:", [p["constraint"] for p in d["rule_prices"]])' >&2
farm-bench -n 5 --timeout 900 --vs "sh $runner" -- "$bin" optimize "$pool" --scenario "$scenario" --rule-prices --format json
