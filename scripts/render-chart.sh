#!/usr/bin/env bash
# Regenerates the budget-sweep chart of the docs and checks it as a picture.
#
#   scripts/render-chart.sh            # writes docs/images/budget-sweep.svg and .png
#   scripts/render-chart.sh --stress   # writes docs/images/budget-sweep-stress.svg and .png: a
#                                      # generated 10k pool swept over 50 budgets with
#                                      # --materiality 0.000001, so every change of the optimal team is
#                                      # reported (the crowded case the numbered markers are for)
#
# Uses datasets/vendors.csv with datasets/scenario.toml when both exist, otherwise a generated
# 300-vendor pool (seed 7) with the `partner-match init` template. The sweep runs from a little
# below the minimum feasible budget to a little above the saturation budget, 41 budgets.
# Needs rsvg-convert (Debian/Ubuntu: apt-get install -y librsvg2-bin). Set PARTNER_MATCH to a
# built binary to skip the release build.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v rsvg-convert >/dev/null; then
    echo "error: rsvg-convert not found; install it with: apt-get install -y librsvg2-bin" >&2
    exit 1
fi
bin=${PARTNER_MATCH:-}
if [ -z "$bin" ]; then
    bin="$(scripts/build-release.sh)"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The picture must exist, be a PNG, and be 1200 pixels wide.
check_png() {
    signature=$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')
    width=$(od -An -tu1 -j16 -N4 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
    if [ "$signature" != "89504e470d0a1a0a" ] || [ "$width" != 1200 ] || [ ! -s "$1" ]; then
        echo "error: $1 is not a 1200-pixel-wide PNG" >&2
        exit 1
    fi
    echo "wrote ${1%.png}.svg and $1 ($(wc -c < "$1") bytes)" >&2
}

if [ "${1:-}" = "--stress" ]; then
    "$bin" generate --vendors 10000 --seed 1 --out "$work/vendors.csv"
    "$bin" init --out "$work/scenario.toml" 2>/dev/null
    mkdir -p docs/images
    "$bin" scenarios "$work/vendors.csv" --scenario "$work/scenario.toml" --budgets 290k...535k/5k --materiality 0.000001 \
        --plot "$work/a.svg" --format json --quiet > "$work/a.json"
    joins=$(grep -o '"joins"' "$work/a.json" | wc -l)   # each change is in "breakpoints" and in "changes"
    echo "team changes: $((joins / 2))" >&2
    cp "$work/a.svg" docs/images/budget-sweep-stress.svg
    rsvg-convert -w 1200 docs/images/budget-sweep-stress.svg -o docs/images/budget-sweep-stress.png
    check_png docs/images/budget-sweep-stress.png
    exit 0
fi

if [ -f datasets/vendors.csv ] && [ -f datasets/scenario.toml ]; then
    vendors=datasets/vendors.csv
    scenario=datasets/scenario.toml
else
    echo "datasets/scenario.toml not found: using a generated pool and the init template" >&2
    vendors="$work/vendors.csv"
    scenario="$work/scenario.toml"
    "$bin" generate --vendors 300 --seed 7 --out "$vendors"
    "$bin" init --out "$scenario" 2>/dev/null
fi

# The minimum and saturation budgets do not depend on the swept budgets: ask with one budget.
probe=$("$bin" scenarios "$vendors" --scenario "$scenario" --budgets 1 --format json --quiet)
minimum=$(printf '%s\n' "$probe" | sed -n 's/^  "min_budget": \([0-9.e+]*\),$/\1/p')
saturation=$(printf '%s\n' "$probe" | sed -n 's/^  "saturation_budget": \([0-9.e+]*\),$/\1/p')
if [ -z "$minimum" ] || [ -z "$saturation" ]; then
    echo "error: the scenario has no feasible team at any budget" >&2
    exit 1
fi
range=$(awk -v lo="$minimum" -v hi="$saturation" 'BEGIN {
    span = hi - lo; if (span < 0.02 * hi) span = 0.02 * hi
    from = lo - 0.12 * span; to = hi + 0.12 * span; step = (to - from) / 40
    m = 10 ^ int(log(step) / log(10)); step = int(step / m + 0.999) * m
    from = int(from / step) * step
    printf "%d...%d/%d", from, from + 40 * step, step }')
echo "sweep: $range (minimum $minimum, saturation $saturation)" >&2

mkdir -p docs/images
"$bin" scenarios "$vendors" --scenario "$scenario" --budgets "$range" --plot "$work/a.svg" --quiet >/dev/null
"$bin" scenarios "$vendors" --scenario "$scenario" --budgets "$range" --plot "$work/b.svg" --quiet --sequential >/dev/null
cmp "$work/a.svg" "$work/b.svg" || { echo "error: the chart differs between parallel and sequential runs" >&2; exit 1; }
cp "$work/a.svg" docs/images/budget-sweep.svg
rsvg-convert -w 1200 docs/images/budget-sweep.svg -o docs/images/budget-sweep.png

check_png docs/images/budget-sweep.png
