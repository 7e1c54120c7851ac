"""Write N jobs (default 10,000) of distinct scenarios for examples/spark: the template scenario
(`partner-match init`) converted to JSON and written inline in each job, with its budget, its
weights and the command varied, so no two jobs are the same scenario.

Usage: python make_jobs.py TEMPLATE.toml VENDORS.csv N > jobs.jsonl
"""
import datetime
import json
import sys
import tomllib


def plain(value):
    """TOML dates and times as the text a JSON scenario takes."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, (datetime.date, datetime.time, datetime.datetime)):
        return value.isoformat()
    return value


def main():
    template, vendors, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(template, "rb") as f:
        base = plain(tomllib.load(f))
    criteria = ["cost", "quality", "timezone", "culture", "scalability", "security"]
    for k in range(count):
        scenario = json.loads(json.dumps(base))
        scenario["name"] = f"client scenario {k + 1}"
        scenario["budget"]["total"] = 600_000 + 1_000 * (k % 900)
        weights = scenario.get("weights", {})
        for n, c in enumerate(criteria):
            weights[c] = 1 + (k // (n + 1)) % 5
        scenario["weights"] = weights
        command, args = ("optimize", []) if k % 4 else ("shortlist", ["--top", "5"])
        print(json.dumps({"id": k + 1, "command": command, "vendors": vendors, "scenario": scenario, "args": args},
                         separators=(",", ":")))


if __name__ == "__main__":
    main()
