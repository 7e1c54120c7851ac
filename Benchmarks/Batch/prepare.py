"""Inputs of BENCHMARKS.md's "Batch" figures, in DIR (run from anywhere):

    python3 Benchmarks/Batch/prepare.py PARTNER_MATCH DIR

- pool.csv: `generate --vendors 200 --seed 5`; template.toml: `init`.
- scenarios/s1.json … s1000.json: the template as JSON, budget and weights varied (distinct scenarios).
- jobs-1000.jsonl: 1,000 small jobs on them (3 in 4 `optimize`, 1 in 4 `shortlist --top 5`).
- peer-1000.txt: the same 1,000 runs as separate processes' arguments, one a line (for `xargs -L 1`).
- jobs-1000-short.jsonl, jobs-100000-short.jsonl: 1,000 and 100,000 `shortlist --top 1…5` jobs on the
  bundled datasets/vendors.csv and datasets/scenario.toml.
- jobs-1000-mem.jsonl, jobs-100000-mem.jsonl: the same inputs, 1 in 100 `shortlist --top 3` and the
  others `explain` of an unknown id (peak memory against the job count).
"""
import datetime
import json
import os
import subprocess
import sys
import tomllib

binary, out = sys.argv[1], os.path.abspath(sys.argv[2])
repo = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
os.makedirs(os.path.join(out, "scenarios"), exist_ok=True)
pool = os.path.join(out, "pool.csv")
subprocess.run([binary, "generate", "--vendors", "200", "--seed", "5", "--out", pool], check=True)
subprocess.run([binary, "init", "--out", os.path.join(out, "template.toml")], check=True, stdout=subprocess.DEVNULL)


def plain(v):
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, (datetime.date, datetime.time, datetime.datetime)):
        return v.isoformat()
    return v


with open(os.path.join(out, "template.toml"), "rb") as f:
    base = plain(tomllib.load(f))
criteria = ["cost", "quality", "timezone", "culture", "scalability", "security"]
paths = []
for k in range(1000):
    s = json.loads(json.dumps(base))
    s["name"] = f"client scenario {k + 1}"
    s["budget"]["total"] = 600_000 + 1_000 * (k % 900)
    s["weights"] = {c: 1 + (k // (n + 1)) % 5 for n, c in enumerate(criteria)}
    path = os.path.join(out, "scenarios", f"s{k + 1}.json")
    with open(path, "w") as f:
        json.dump(s, f)
    paths.append(path)

with open(os.path.join(out, "jobs-1000.jsonl"), "w") as jobs, open(os.path.join(out, "peer-1000.txt"), "w") as peer:
    for k, path in enumerate(paths):
        command, args = ("optimize", []) if k % 4 else ("shortlist", ["--top", "5"])
        jobs.write(json.dumps({"id": k + 1, "command": command, "vendors": pool, "scenario": path, "args": args}) + "\n")
        peer.write(" ".join([command, pool, "--scenario", path] + args + ["--format", "json"]) + "\n")

small = os.path.join(repo, "datasets", "vendors.csv")
scenario = os.path.join(repo, "datasets", "scenario.toml")
for n in (1000, 100_000):
    with open(os.path.join(out, f"jobs-{n}-short.jsonl"), "w") as jobs:
        for k in range(n):
            jobs.write(json.dumps({"id": k + 1, "command": "shortlist", "vendors": small, "scenario": scenario,
                                   "args": ["--top", str(1 + k % 5)]}) + "\n")
    # Cheap jobs for peak memory against the job count: 1 in 100 `shortlist --top 3`, the others
    # `explain` of an unknown id; every one reads the bundled pool and the TOML scenario file.
    with open(os.path.join(out, f"jobs-{n}-mem.jsonl"), "w") as jobs:
        for k in range(n):
            command, args = ("shortlist", ["--top", "3"]) if k % 100 == 0 else ("explain", ["NO-SUCH-ID"])
            jobs.write(json.dumps({"id": k + 1, "command": command, "vendors": small, "scenario": scenario,
                                   "args": args}) + "\n")
