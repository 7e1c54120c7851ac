/// Exact dominance pruning for large pools (docs/MODEL.md, "Exact pruning for large pools").
///
/// Vendor `w` dominates `v` when it is at least as good in every coefficient the team model uses
/// (`u_w ≥ u_v`, `c_w ≤ c_v`, capacity, `max_fte` and overlap ≥, `m_w ≤ m_v`, required skills ⊇)
/// and comes first in a strict total order consistent with those comparisons (then `id`), so two
/// identical vendors never dominate each other. A vendor dominated by at least `threshold` others
/// can be removed without changing the optimum when every team has at most `threshold` vendors:
/// one of its dominators is then unselected and can take its place, with the same FTE, at no more
/// cost and no less utility, overlap, capacity or growth.
///
/// Rules written as values add what they need (`DominanceRequirement`, docs/TEAM-MODEL.md, "Rules as
/// values"): with a country rule a dominator must be of the same country (the swap then leaves every
/// country's FTE and the set of countries unchanged), and a pinned vendor is never removed. Per-skill
/// costs compare skill by skill (`c_{w,s} ≤ c_{v,s}` for every skill `v` offers) and onboarding costs
/// as one more coefficient (`f_w ≤ f_v`).
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
        let smallest = problem.minimumFTE.min() ?? 0
        // Clamped to 10^15 (more vendors than any pool) before the conversion, which would trap beyond Int.max.
        if smallest > 0, let bySize = Int(exactly: min((r.totalDemand / smallest + 1e-9).rounded(.down), 1e15)) {
            bound = min(bound ?? bySize, bySize)
        }
        return bound
    }

    /// Positions in `problem.candidates` of the vendors kept, ascending.
    /// - Parameter threshold: remove vendors dominated by at least this many others (≥ 1).
    /// - Complexity: O(n log n) to sort, then O(n · s) comparisons in the worst case for s survivors;
    ///   in practice most vendors stop after a few comparisons. Coefficients are copied once into flat
    ///   rows, so neither the sort nor the scan touches the candidates' strings or arrays (ids are
    ///   read only to break exact ties).
    public static func survivors(_ problem: TeamProblem, threshold: Int) -> [Int] {
        let c = problem.candidates
        // Signatures are 64-bit sets: with more required skills, keep everyone (still exact).
        guard threshold >= 1, c.count > threshold, problem.requirements.skills.count <= 64 else { return Array(c.indices) }
        // Coefficients as flat rows; the required-skill signature as a bit set (a total demand is
        // one "skill" every candidate has).
        let requirement = DominanceRequirement.of(problem)
        return survivors(rows: DominanceRow.rows(problem, requirement), of: c, threshold: threshold)
    }

    /// `survivors(_:threshold:)` over rows already made (`DominanceRow.rows` of a problem with the
    /// candidates `c`): a caller that prunes the same candidates under many utilities makes the rows
    /// once and changes only their `utility` (`TeamRobustness.SampleSharing`).
    static func survivors(rows: [DominanceRow], of c: [TeamCandidate], threshold: Int) -> [Int] {
        // The processing order: better in the first differing coefficient first, then more skills,
        // then id.
        let order = rows.withUnsafeBufferPointer { r in
            Array(c.indices).sorted { a, b in
                let x = r[a], y = r[b]
                if x.utility != y.utility { return x.utility > y.utility }
                if x.cost != y.cost { return x.cost < y.cost }
                if x.capacity != y.capacity { return x.capacity > y.capacity }
                if x.maxFTE != y.maxFTE { return x.maxFTE > y.maxFTE }
                if x.overlap != y.overlap { return x.overlap > y.overlap }
                if x.minimum != y.minimum { return x.minimum < y.minimum }
                if x.signature != y.signature {
                    // More skills first (a superset precedes its subsets); then any fixed order, so
                    // that the order is a strict total order and the sort is well defined.
                    let p = x.signature.nonzeroBitCount, q = y.signature.nonzeroBitCount
                    return p != q ? p > q : x.signature < y.signature
                }
                return c[a].id.utf8.lexicographicallyPrecedes(c[b].id.utf8)
            }
        }
        // Survivors grouped by signature, each group in processing order. Dominators of a vendor
        // precede it, so every survivor already has `utility ≥` the vendor's.
        var signatures: [UInt64] = []
        var groups: [[DominanceRow]] = []
        var kept: [Int] = []
        for v in order {
            let row = rows[v]
            var dominators = 0
            for g in groups.indices where signatures[g] & row.signature == row.signature {
                dominators += Self.countDominators(of: row, in: groups[g], upTo: threshold - dominators)
                if dominators >= threshold { break }
            }
            if dominators < threshold || row.pinned {
                kept.append(v)
                if let g = signatures.firstIndex(of: row.signature) {
                    groups[g].append(row)
                } else {
                    signatures.append(row.signature)
                    groups.append([row])
                }
            }
        }
        return kept.sorted()
    }

    /// How many of `members` dominate `row` (they all precede it in the processing order), stopping at `limit`.
    private static func countDominators(of row: DominanceRow, in members: [DominanceRow], upTo limit: Int) -> Int {
        members.withUnsafeBufferPointer { m in
            var found = 0
            for k in m.indices {
                let w = m[k]
                // Cost first: the most selective comparison.
                if w.cost <= row.cost, w.capacity >= row.capacity, w.maxFTE >= row.maxFTE,
                   w.overlap >= row.overlap, w.minimum <= row.minimum, w.utility >= row.utility,
                   w.onboarding <= row.onboarding, w.country == row.country, w.cheaperPerSkill(than: row) {
                    found += 1
                    if found >= limit { break }
                }
            }
            return found
        }
    }

    /// Dominance by definition, compared pair by pair with no ordering tricks: the reference the
    /// tests check `survivors` against (`w` dominates `v` when it is at least as good in every
    /// coefficient, offers every required skill `v` offers, and precedes it in the total order).
    /// - Complexity: O(n²).
    static func survivorsByAllPairs(_ problem: TeamProblem, threshold: Int) -> [Int] {
        let c = problem.candidates
        guard threshold >= 1, c.count > threshold, problem.requirements.skills.count <= 64 else { return Array(c.indices) }
        let requirement = DominanceRequirement.of(problem)
        let rows = DominanceRow.rows(problem, requirement)
        func precedes(_ a: Int, _ b: Int) -> Bool {
            let x = rows[a], y = rows[b]
            let keysX = [-x.utility, x.cost, -x.capacity, -x.maxFTE, -x.overlap, x.minimum, -Double(x.signature.nonzeroBitCount)]
            let keysY = [-y.utility, y.cost, -y.capacity, -y.maxFTE, -y.overlap, y.minimum, -Double(y.signature.nonzeroBitCount)]
            for (p, q) in zip(keysX, keysY) where p != q { return p < q }
            if x.signature != y.signature { return x.signature < y.signature }
            return c[a].id.utf8.lexicographicallyPrecedes(c[b].id.utf8)
        }
        func dominates(_ w: Int, _ v: Int) -> Bool {
            let a = rows[w], b = rows[v]
            return a.utility >= b.utility && a.cost <= b.cost && a.capacity >= b.capacity && a.maxFTE >= b.maxFTE
                && a.overlap >= b.overlap && a.minimum <= b.minimum && a.signature & b.signature == b.signature
                && a.onboarding <= b.onboarding && a.country == b.country
                && (0..<b.skillCost.count).allSatisfy { s in b.signature & (1 << UInt64(s)) == 0 || a.skillCost[s] <= b.skillCost[s] }
                && precedes(w, v)
        }
        return c.indices.filter { v in rows[v].pinned || c.indices.count { w in w != v && dominates(w, v) } < threshold }
    }

    /// The problem restricted to its survivors.
    public static func prune(_ problem: TeamProblem, threshold: Int) -> (problem: TeamProblem, kept: [Int]) {
        let kept = survivors(problem, threshold: threshold)
        var pruned = problem
        pruned.candidates = kept.map { problem.candidates[$0] }
        return (pruned, kept)
    }
}

/// The coefficients dominance compares, in one flat row.
struct DominanceRow {
    var utility: Double, cost: Double, capacity: Double, maxFTE: Double, overlap: Double, minimum: Double
    /// `f_v`.
    var onboarding: Double
    /// The country's position among the problem's countries when a rule needs the same country, else 0.
    var country: Int32
    /// Never removed (pinned).
    var pinned: Bool
    /// The required skills offered, as a bit set.
    var signature: UInt64
    /// `c_{v,s}` by skill index, when some candidate has per-skill rates (else empty, and `cost` is every skill's).
    var skillCost: [Double]

    init(_ c: TeamCandidate, country: Int32, pinned: Bool, perSkill: Bool, skills: Int) {
        utility = c.utility; cost = c.costPerFTE; capacity = c.capacityFTE
        maxFTE = c.maxFTE; overlap = c.overlapHours; minimum = c.minimumFTE
        onboarding = c.onboardingCost
        self.country = country
        self.pinned = pinned
        signature = c.skills.reduce(UInt64(0)) { $0 | (1 << UInt64($1 & 63)) }   // < 64 skills: checked by the callers
        skillCost = []
        if perSkill {
            // Skills the vendor does not offer never count (the signature test comes first).
            skillCost = [Double](repeating: .infinity, count: skills)
            for (k, s) in c.skills.enumerated() { skillCost[s] = c.costPerFTE(at: k) }
            // The processing order's cost key: the dearest skill, consistent with the per-skill test
            // only as a tie-breaker (any strict total order keeps the count exact).
            cost = c.skills.indices.map { c.costPerFTE(at: $0) }.max() ?? cost
        }
    }

    /// The rows of `problem`'s candidates under `requirement`.
    static func rows(_ problem: TeamProblem, _ requirement: DominanceRequirement) -> [DominanceRow] {
        var countryOf: [String: Int32] = [:]
        let perSkill = problem.candidates.contains { $0.skillCostPerFTE != nil }
        let minimum = problem.minimumFTE
        return problem.candidates.enumerated().map { v, c in
            var country: Int32 = 0
            if requirement.sameCountry {
                if let known = countryOf[c.country] { country = known } else {
                    country = Int32(countryOf.count)
                    countryOf[c.country] = country
                }
            }
            var row = DominanceRow(c, country: country, pinned: requirement.keep.contains(c.id), perSkill: perSkill,
                                   skills: problem.requirements.skills.count)
            row.minimum = minimum[v]
            return row
        }
    }

    /// Whether this vendor costs no more than `other` for every skill `other` offers (true when
    /// costs are not per skill: `cost` compares them).
    func cheaperPerSkill(than other: DominanceRow) -> Bool {
        guard !skillCost.isEmpty else { return true }
        var bits = other.signature
        while bits != 0 {
            let s = bits.trailingZeroBitCount
            if skillCost[s] > other.skillCost[s] { return false }
            bits &= bits - 1
        }
        return true
    }
}
