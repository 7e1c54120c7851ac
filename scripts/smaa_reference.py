#!/usr/bin/env python3
"""An independent SMAA-2 rank-acceptability implementation in numpy (not shipped; docs/ROBUSTNESS.md).

Reads the JSON of `partner-match shortlist --format json --top 0` (every eligible vendor's six scores and
mean rate) and estimates rank acceptabilities for ranks 1..R from its own weight samples:
  none     Dirichlet(1,...,1) on the six criteria (numpy's gamma-based sampler),
  ranking  uniform on {groups in the order of the scenario's positive weights, ties equal}: rejection
           sampling of Dirichlet points x over the G groups (x_i = size_i * v_i) until v is non-increasing.
It shares no code with partner-match.

usage: smaa_reference.py SHORTLIST.json --mode none|ranking --weights c,q,t,cu,sc,se --top R --samples N --seed S
prints JSON {id: [b_1..b_R]} for vendors with any positive acceptability.
"""
import argparse, json, sys, time
import numpy as np

CRITERIA = ["cost", "quality", "timezone", "culture", "scalability", "security"]


def ranking_samples(rng, weights, n):
    positive = sorted({w for w in weights if w > 0}, reverse=True)
    groups = [[c for c, w in enumerate(weights) if w == level] for level in positive]
    sizes = np.array([len(g) for g in groups], dtype=float)
    out = np.empty((0, len(weights)))
    while out.shape[0] < n:
        x = rng.dirichlet(np.ones(len(groups)), size=max(4 * n, 1000))
        v = x / sizes
        keep = np.all(np.diff(v, axis=1) <= 0, axis=1)
        w = np.zeros((int(keep.sum()), len(weights)))
        for gi, g in enumerate(groups):
            for c in g:
                w[:, c] = v[keep, gi]
        out = np.vstack([out, w])
    return out[:n]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("shortlist")
    p.add_argument("--mode", choices=["none", "ranking"], required=True)
    p.add_argument("--weights", default="0.25,0.30,0.15,0.10,0.10,0.10")
    p.add_argument("--top", type=int, default=10)
    p.add_argument("--samples", type=int, default=1_000_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--chunk", type=int, default=20_000)
    a = p.parse_args()
    doc = json.load(open(a.shortlist))
    ranked = doc["ranked"]
    ids = [r["id"] for r in ranked]
    scores = np.array([[r["scores"][c] for c in CRITERIA] for r in ranked])  # m x 6
    rates = np.array([r.get("mean_rate", r["hourly_rate"]) for r in ranked])
    # Tie order: lower rate, then id in byte order (the shortlist's rule); a tiny tie-break term.
    tie = np.lexsort((np.array([i.encode() for i in ids], dtype=object).argsort().argsort(), rates))
    tie_rank = np.empty(len(ids)); tie_rank[tie] = np.arange(len(ids))
    m, R = len(ids), min(a.top, len(ids))
    weights = [float(x) for x in a.weights.split(",")]
    rng = np.random.default_rng(a.seed)
    counts = np.zeros((m, R), dtype=np.int64)
    start = time.perf_counter()
    done = 0
    while done < a.samples:
        n = min(a.chunk, a.samples - done)
        w = rng.dirichlet(np.ones(6), size=n) if a.mode == "none" else ranking_samples(rng, weights, n)
        u = w @ scores.T                                   # n x m
        key = -u + tie_rank[None, :] * 1e-15               # ties (within rounding) by the tie order
        top = np.argpartition(key, R - 1, axis=1)[:, :R] if R < m else np.tile(np.arange(m), (n, 1))
        order = np.take_along_axis(top, np.argsort(np.take_along_axis(key, top, axis=1), axis=1), axis=1)
        for r in range(R):
            counts[:, r] += np.bincount(order[:, r], minlength=m)
        done += n
    elapsed = time.perf_counter() - start
    b = counts / a.samples
    out = {ids[k]: b[k].tolist() for k in range(m) if counts[k].any()}
    json.dump({"samples": a.samples, "seconds": elapsed, "acceptability": out}, sys.stdout)


if __name__ == "__main__":
    main()
