"""Run `partner-match batch` under Apache Spark: each partition of a jobs file is piped through
the binary (RDD.pipe), one result line per job comes back.

Usage (run.sh does all of it):
    python batch_spark.py --binary PATH --jobs jobs.jsonl --expected expected.jsonl --cores 1 2

For each --cores value it starts Spark in local mode with that many executor cores
(`local[N]`), pipes the jobs through `partner-match batch - --threads 1` (Spark supplies the
parallelism: one process per partition, partitions on the cores), checks every result line
against `expected` (the same jobs run by one plain `partner-match batch`, keyed by id: the same
bytes), and prints the throughput. Exit status 1 when a line is missing, extra or different.
"""
import argparse
import json
import sys
import time

from pyspark import SparkConf, SparkContext


def run(binary, jobs, cores, partitions):
    conf = (SparkConf().setMaster(f"local[{cores}]").setAppName(f"partner-match batch, {cores} cores")
            .set("spark.ui.enabled", "false").set("spark.driver.memory", "1g"))
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        lines = sc.textFile(jobs, minPartitions=partitions)
        lines.count()  # the file is read once before the clock starts (Spark's own start-up excluded)
        start = time.perf_counter()
        # One process per partition; --threads 1 because Spark runs one partition per core.
        results = lines.pipe(f"{binary} batch - --quiet --threads 1").collect()
        seconds = time.perf_counter() - start
    finally:
        sc.stop()
    return results, seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--jobs", required=True)
    parser.add_argument("--expected", required=True, help="the output of one plain `partner-match batch JOBS`")
    parser.add_argument("--cores", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--partitions", type=int, default=8)
    args = parser.parse_args()

    with open(args.expected, encoding="utf-8") as f:
        expected = {json.loads(line)["id"]: line.rstrip("\n") for line in f}
    failed = False
    report = []
    for cores in args.cores:
        results, seconds = run(args.binary, args.jobs, cores, args.partitions)
        got = {}
        for line in results:
            got.setdefault(json.loads(line)["id"], []).append(line)
        missing = [k for k in expected if k not in got]
        extra = [k for k in got if k not in expected or len(got[k]) != 1]
        different = [k for k in expected if k in got and got[k][0] != expected[k]]
        nonzero = sum(1 for line in results if json.loads(line)["exit_code"] != 0)
        ok = not (missing or extra or different)
        failed |= not ok
        report.append((cores, len(results), seconds, nonzero, ok))
        print(f"{cores} executor core(s): {len(results)} results in {seconds:.1f} s = {len(results) / seconds:.0f} jobs/s; "
              f"{nonzero} non-zero exit codes; missing {len(missing)}, extra {len(extra)}, different {len(different)}"
              f" -> {'same lines as one plain batch' if ok else 'MISMATCH'}", flush=True)
    if len(report) == 2 and all(r[4] for r in report):
        print(f"speed-up 2 cores / 1 core: {report[0][2] / report[1][2]:.2f}x")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
