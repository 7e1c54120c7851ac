#!/usr/bin/env bash
# Runs 10,000 scenarios through `partner-match batch` under Apache Spark (PySpark, local mode) with
# 1 and 2 executor cores, checks every result line against one plain `partner-match batch`, and
# prints the throughput. One command on a fresh machine (Debian/Ubuntu with Swift and libglpk-dev):
#
#     examples/spark/run.sh [JOBS]          # JOBS: default 10000
#
# Installs what it needs: Java (Debian's default-jre-headless) when `java` is missing, PySpark in a
# virtual environment (~/.cache/partner-match/spark-venv, or $SPARK_VENV), and the release binary
# (`swift build -c release`) unless $PARTNER_MATCH names one. Writes only in a temporary directory
# (kept and named at the end) and the caches above. Not part of the test run (docs/BATCH.md).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
count=${1:-10000}
work=$(mktemp -d "${TMPDIR:-/tmp}/partner-match-spark.XXXXXX")

if ! command -v java > /dev/null 2>&1; then
    echo "== installing Java (default-jre-headless)"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd=sudo
    $sudo_cmd apt-get update -q
    $sudo_cmd apt-get install -y -q default-jre-headless
fi
java -version 2>&1 | head -1

venv=${SPARK_VENV:-$HOME/.cache/partner-match/spark-venv}
if [ ! -x "$venv/bin/python" ]; then
    echo "== creating $venv"
    python3 -m venv "$venv"
fi
"$venv/bin/python" -c "import pyspark" 2> /dev/null || { echo "== pip install pyspark"; "$venv/bin/pip" install -q pyspark; }
"$venv/bin/python" -c "import pyspark; print('PySpark', pyspark.__version__)"

binary=${PARTNER_MATCH:-$repo/.build/release/partner-match}
if [ ! -x "$binary" ]; then
    echo "== swift build -c release"
    (cd "$repo" && swift build -c release)
fi

echo "== inputs in $work"
"$binary" generate --vendors 200 --seed 5 --out "$work/pool.csv"
"$binary" init --out "$work/template.toml" > /dev/null
"$venv/bin/python" "$here/make_jobs.py" "$work/template.toml" "$work/pool.csv" "$count" > "$work/jobs.jsonl"
echo "$(wc -l < "$work/jobs.jsonl") jobs, $(du -h "$work/jobs.jsonl" | cut -f1)"

echo "== one plain batch (the expected lines), all cores"
start=$(date +%s.%N)
"$binary" batch "$work/jobs.jsonl" --quiet > "$work/expected.jsonl"
end=$(date +%s.%N)
python3 -c "print(f'{$count} results in {$end - $start:.1f} s = {$count / ($end - $start):.0f} jobs/s')"

echo "== Spark, local mode"
"$venv/bin/python" "$here/batch_spark.py" --binary "$binary" --jobs "$work/jobs.jsonl" \
    --expected "$work/expected.jsonl" --cores 1 2
echo "inputs and outputs kept in $work"
