#!/bin/sh
# `optimize --rule-prices` against the same number of independent `optimize` runs (issue 23):
# for one pool and scenario, writes one scenario file per priced rule with that rule removed (the
# edit a user would make: the line set to its loosest value, or deleted), and a script that runs
# `optimize` on the scenario as written and on each of those files; then times both with
# farm-bench, paired (A: one `optimize --rule-prices`; B: the independent runs).
#   Benchmarks/prices/run.sh BIN VENDORS.csv SCENARIO.toml WORKDIR [RUNS]
set -eu
bin=$1; pool=$2; scenario=$3; work=$4; runs=${5:-5}
mkdir -p "$work"
"$bin" optimize "$pool" --scenario "$scenario" --rule-prices --format json 2>/dev/null > "$work/prices.json" || true
priced=$(python3 -c 'import json,sys; print(" ".join(p["constraint"] for p in json.load(open(sys.argv[1]))["rule_prices"]))' "$work/prices.json")
runner="$work/independent.sh"
echo "#!/bin/sh" > "$runner"
echo "\"$bin\" optimize \"$pool\" --scenario \"$scenario\" --format json > /dev/null 2>&1 || true" >> "$runner"
n=0
# constraint|key in the file|replacement line (empty: the line deleted)
while IFS='|' read -r constraint key line; do
    case " $priced " in *" $constraint "*) ;; *) continue ;; esac
    n=$((n + 1))
    out="$work/without-$key.toml"
    if [ -n "$line" ]; then sed "s/^$key = .*/$line/" "$scenario" > "$out"; else sed "/^$key = /d" "$scenario" > "$out"; fi
    echo "\"$bin\" optimize \"$pool\" --scenario \"$out\" --format json > /dev/null 2>&1 || true" >> "$runner"
done <<'TABLE'
budget.total|total|total = 1_000_000_000_000
rules.min_overlap_hours|min_overlap_hours|min_overlap_hours = 0
rules.required_certifications|required_certifications|required_certifications = []
rules.min_quality|min_quality|min_quality = 0
rules.min_cultural_fit|min_cultural_fit|min_cultural_fit = 0
rules.max_rate|max_rate|
rules.min_vendors|min_vendors|min_vendors = 1
rules.max_vendors|max_vendors|
rules.max_share|max_share|max_share = 1
rules.growth|growth|growth = 1
rules.backups.backend|backups|
rules.team_overlap_hours|team_overlap_hours|team_overlap_hours = 0
rules.min_engagement_fte|min_engagement_fte|min_engagement_fte = 0
rules.fte_step|fte_step|
TABLE
chmod +x "$runner"
echo "priced: $priced" >&2
echo "$(echo "$priced" | wc -w) prices; $n rules removed by file edits; $((n + 1)) independent runs" >&2
farm-bench -n "$runs" --timeout 1800 --vs "sh $runner" -- "$bin" optimize "$pool" --scenario "$scenario" --rule-prices --format json
