/// Exact dominance pruning for large pools (MODEL.md, "Exact pruning for large pools").
///
/// Vendor `w` dominates `v` when it is at least as good in every coefficient the team model uses
/// (`u_w ≥ u_v`, `c_w ≤ c_v`, capacity, `max_fte` and overlap ≥, `m_w ≤ m_v`, required skills ⊇)
/// and comes first in a strict total order consistent with those comparisons (then `id`), so two
/// identical vendors never dominate each other. A vendor dominated by at least `threshold` others
/// can be removed without changing the optimum when every team has at most `threshold` vendors:
/// one of its dominators is then unselected and can take its place, with the same FTE, at no more
/// cost and no less utility, overlap, capacity or growth.
///
/// Dominators of a vendor precede it in the processing order, and a removed vendor's dominators
/// are dominators of everything it dominates, so counting dominators among the survivors only is
/// exact. Survivors are kept per required-skill signature; a vendor is compared only with
/// survivors whose signature contains its own, and it stops at `threshold` dominators.
public enum DominancePruning {
    /// How many vendors any team of `requirements` can hold: `max_vendors`, or the demand divided
    /// by the smallest minimum engagement among the candidates; `nil` when unbounded.
    public static func teamSizeBound(_ problem: TeamProblem) -> Int? {
        let r = problem.requirements
        var bound = r.maxVendors
        let smallest = problem.candidates.map(\.minimumFTE).min() ?? 0
        if smallest > 0 {
            let bySize = Int((r.totalDemand / smallest + 1e-9).rounded(.down))
            bound = min(bound ?? bySize, bySize)
        }
        return bound
    }

    /// Positions in `problem.candidates` of the vendors kept, ascending.
    /// - Parameter threshold: remove vendors dominated by at least this many others (≥ 1).
    /// - Complexity: O(n log n) to sort, then O(n · s) comparisons in the worst case for s survivors;
    ///   in practice most vendors stop after a few comparisons.
    public static func survivors(_ problem: TeamProblem, threshold: Int) -> [Int] {
        let c = problem.candidates
        guard threshold >= 1, c.count > threshold else { return Array(c.indices) }
        // Required-skill signature as a bit set (a total demand is one "skill" every candidate has).
        let signature: [UInt64] = c.map { $0.skills.reduce(UInt64(0)) { $0 | (1 << UInt64($1 & 63)) } }
        // The processing order: better in the first differing coefficient first, then id.
        let order = c.indices.sorted { a, b in
            let x = c[a], y = c[b]
            if x.utility != y.utility { return x.utility > y.utility }
            if x.costPerFTE != y.costPerFTE { return x.costPerFTE < y.costPerFTE }
            if x.capacityFTE != y.capacityFTE { return x.capacityFTE > y.capacityFTE }
            if x.maxFTE != y.maxFTE { return x.maxFTE > y.maxFTE }
            if x.overlapHours != y.overlapHours { return x.overlapHours > y.overlapHours }
            if x.minimumFTE != y.minimumFTE { return x.minimumFTE < y.minimumFTE }
            if signature[a] != signature[b] { return signature[a].nonzeroBitCount > signature[b].nonzeroBitCount }
            return x.id.utf8.lexicographicallyPrecedes(y.id.utf8)
        }
        // Survivors grouped by signature, each group in processing order, as flat coefficient rows.
        var groups: [UInt64: SurvivorGroup] = [:]
        var kept: [Int] = []
        for v in order {
            let candidate = c[v]
            var dominators = 0
            search: for (groupSignature, group) in groups where groupSignature & signature[v] == signature[v] {
                dominators += group.countDominators(of: candidate, upTo: threshold - dominators)
                if dominators >= threshold { break search }
            }
            if dominators < threshold {
                kept.append(v)
                groups[signature[v], default: SurvivorGroup()].append(candidate)
            }
        }
        return kept.sorted()
    }

    /// The problem restricted to its survivors.
    public static func prune(_ problem: TeamProblem, threshold: Int) -> (problem: TeamProblem, kept: [Int]) {
        let kept = survivors(problem, threshold: threshold)
        var pruned = problem
        pruned.candidates = kept.map { problem.candidates[$0] }
        return (pruned, kept)
    }
}

/// Survivors of one skill signature, their coefficients in flat arrays for a tight scan.
private struct SurvivorGroup {
    var utility: [Double] = [], cost: [Double] = [], capacity: [Double] = []
    var maxFTE: [Double] = [], overlap: [Double] = [], minimum: [Double] = []

    mutating func append(_ c: TeamCandidate) {
        utility.append(c.utility); cost.append(c.costPerFTE); capacity.append(c.capacityFTE)
        maxFTE.append(c.maxFTE); overlap.append(c.overlapHours); minimum.append(c.minimumFTE)
    }

    /// How many members dominate `c` (they all precede it in the processing order), stopping at `limit`.
    func countDominators(of c: TeamCandidate, upTo limit: Int) -> Int {
        var found = 0
        for k in utility.indices where cost[k] <= c.costPerFTE && capacity[k] >= c.capacityFTE
            && maxFTE[k] >= c.maxFTE && overlap[k] >= c.overlapHours && minimum[k] <= c.minimumFTE
            && utility[k] >= c.utility {
            found += 1
            if found >= limit { break }
        }
        return found
    }
}
