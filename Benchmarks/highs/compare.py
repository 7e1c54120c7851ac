#!/usr/bin/env python3
"""Solve partner-match's exported team MILPs with HiGHS and compare with partner-match.

Usage: compare.py RESULTS.json [--time-limit SECONDS] [--markdown]

RESULTS.json is written by run.sh: a list of records, one per pool size, with
  vendors, eligible, kept          pool size, eligible candidates, candidates after pruning
  pm_objective                     partner-match's optimum (from `partner-match optimize --format json`)
  pm_seconds                       partner-match end-to-end wall times (read, score, prune, solve), a list
  unpruned_mps, pruned_mps         the MILPs exported by `partner-match bench --export-dir`

The MPS files do not record the objective sense; partner-match's team model maximises utility, so
HiGHS is told to maximise. Optional tool dependency: `pip install highspy` (tested with 1.15.1).
"""
import argparse
import json
import statistics
import sys
import time

import highspy


def solve(path, time_limit):
    """HiGHS on one MPS file (read, presolve, solve): (status, objective, seconds, gap)."""
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", 0.0)
    start = time.perf_counter()
    h.readModel(path)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.run()
    seconds = time.perf_counter() - start
    status = h.modelStatusToString(h.getModelStatus())
    info = h.getInfo()
    objective = info.objective_function_value if info.primal_solution_status == 2 else None
    gap = info.mip_gap if objective is not None else None
    return status, objective, seconds, gap


def agree(a, b):
    return a is not None and b is not None and abs(a - b) <= 1e-6 * max(1.0, abs(b))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results")
    parser.add_argument("--time-limit", type=float, default=600)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    records = json.load(open(args.results))

    print(f"highspy {highspy.Highs().version()}", file=sys.stderr)
    rows = []
    ok = True
    for r in records:
        u_status, u_obj, u_sec, u_gap = solve(r["unpruned_mps"], args.time_limit)
        p_status, p_obj, p_sec, _ = solve(r["pruned_mps"], args.time_limit)
        pm = statistics.median(r["pm_seconds"])
        agree_unpruned = agree(u_obj, r["pm_objective"]) if u_status == "Optimal" else None
        agree_pruned = agree(p_obj, r["pm_objective"]) if p_status == "Optimal" else None
        if agree_unpruned is False or agree_pruned is False:
            ok = False
        rows.append([
            str(r["vendors"]), str(r["eligible"]), str(r["kept"]),
            f"{pm:.2f} ({min(r['pm_seconds']):.2f}–{max(r['pm_seconds']):.2f})",
            f"{r['pm_objective']:.6f}",
            f"{u_sec:.2f}" + ("" if u_status == "Optimal" else f" ({u_status}, gap {u_gap if u_gap is None else round(u_gap, 6)})"),
            "-" if u_obj is None else f"{u_obj:.6f}",
            {True: "yes", False: "NO", None: "-"}[agree_unpruned],
            f"{p_sec:.2f}", {True: "yes", False: "NO", None: "-"}[agree_pruned],
            f"{u_sec / pm:.1f}" if u_status == "Optimal" else f"> {u_sec / pm:.1f}",
        ])
    header = ["vendors", "eligible", "after pruning", "partner-match s (median, min–max)", "pm objective",
              "HiGHS unpruned s", "HiGHS objective", "agree", "HiGHS pruned s", "pruned agree",
              "HiGHS unpruned / pm"]
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---:|" * len(header))
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(header)]
        print("  ".join(h.rjust(w) for h, w in zip(header, widths)))
        for row in rows:
            print("  ".join(c.rjust(w) for c, w in zip(row, widths)))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
