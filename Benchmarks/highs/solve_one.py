"""Solve one MPS file with HiGHS (single thread, proven optimality) and print status, objective and
wall seconds as one JSON line: the peer of `partner-match optimize` in BENCHMARKS.md's hard case.

    python3 Benchmarks/highs/solve_one.py MODEL.mps [TIME_LIMIT]
"""
import json, sys, time
import highspy

path = sys.argv[1]
limit = float(sys.argv[2]) if len(sys.argv) > 2 else 600.0
start = time.perf_counter()
h = highspy.Highs()
h.setOptionValue("output_flag", False)
h.setOptionValue("threads", 1)
h.setOptionValue("time_limit", limit)
h.setOptionValue("mip_rel_gap", 0.0)
h.readModel(path)
h.run()
seconds = time.perf_counter() - start
info = h.getInfo()
print(json.dumps({"status": h.modelStatusToString(h.getModelStatus()), "objective": info.objective_function_value,
                  "seconds": round(seconds, 3)}))
