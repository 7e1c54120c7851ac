/// The criterion scores of the eligible vendors as the robustness analysis samples them: the nominal
/// scores, and for each criterion whose `sampling` the scenario's `[uncertainty]` switches on
/// (`quality`, `cultural_fit`, `overlap_hours`) a redraw of each vendor's raw value, uniform within ±
/// the stated amount and clipped to its range, scored by the criterion's own rule. Eligibility is never
/// re-evaluated.
struct SampledScores: Sendable {
    /// Eligible vendors.
    let count: Int
    /// Nominal scores, column-major by criterion (`[c * count + k]`).
    let scores: [Double]
    /// The lowest and highest score each vendor can take in any sample (= nominal when not sampled;
    /// a criterion's score is monotone in its raw value).
    let low: [Double]
    let high: [Double]
    /// Position of each eligible vendor in the shortlist's tie order (lower `r̄`, then id).
    let tieRank: [Int]
    /// One sampled raw value per uncertain criterion.
    let uncertain: [Uncertain]

    struct Uncertain: Sendable {
        var criterion: Int
        /// The nominal raw value of each eligible vendor.
        var raw: [Double]
        /// The criterion's own sampling (amount, range, score rule).
        var sampling: ScoreSampling
    }

    var isSampled: Bool { !uncertain.isEmpty }

    init(_ scored: ScoredPool, uncertainty u: Scenario.Uncertainty) {
        let m = scored.eligibleCount, n = Criterion.allCases.count
        count = m
        var scores = [Double](repeating: 0, count: m * n)
        for c in 0..<n { for k in 0..<m { scores[c * m + k] = scored.scores.columns[c][k] } }
        self.scores = scores
        let rates = scored.meanRate, ids = scored.pool.ids, eligible = scored.eligible
        let order = (0..<m).sorted { a, b in
            let ia = Int(eligible[a]), ib = Int(eligible[b])
            if rates[ia] != rates[ib] { return rates[ia] < rates[ib] }
            return ids.lexicographicallyPrecedes(ia, ib)
        }
        var tieRank = [Int](repeating: 0, count: m)
        for (position, k) in order.enumerated() { tieRank[k] = position }
        self.tieRank = tieRank

        let idx = eligible.map(Int.init), context = scored.criterionContext
        self.uncertain = Criterion.allCases.compactMap { criterion in
            criterion.definition.sampling(u, in: context).map { sampling in
                Uncertain(criterion: criterion.ordinal, raw: idx.map(sampling.raw), sampling: sampling)
            }
        }
        var low = scores, high = scores
        for x in uncertain {
            for k in 0..<m {
                // The ends of the redraw; a score falling with its raw value (a cost) swaps them.
                let r = x.raw[k], s = x.sampling
                let down = s.clippedScore(r - s.amount), up = s.clippedScore(r + s.amount)
                low[x.criterion * m + k] = min(down, up)
                high[x.criterion * m + k] = max(down, up)
            }
        }
        self.low = low
        self.high = high
    }

    /// `Σ_c center_c · low` and `Σ_c center_c · high` of every vendor: a dominator's first is at least
    /// the dominated vendor's second.
    func centerKeys(_ center: [Double]) -> (low: [Double], high: [Double]) {
        var lowKey = [Double](repeating: 0, count: count), highKey = lowKey
        for c in center.indices where center[c] != 0 {
            for k in 0..<count {
                lowKey[k] += center[c] * low[c * count + k]
                highKey[k] += center[c] * high[c * count + k]
            }
        }
        return (lowKey, highKey)
    }

    /// The nominal scores of `candidates` (positions), column-major by criterion.
    func nominal(_ candidates: [Int]) -> [Double] {
        let c = candidates.count, n = Criterion.allCases.count
        var out = [Double](repeating: 0, count: c * n)
        for j in 0..<n { for (k, p) in candidates.enumerated() { out[j * c + k] = scores[j * count + p] } }
        return out
    }

    /// Redraws the uncertain scores of `candidates` into `out` (laid out as `nominal`). One value is
    /// taken from `g` per sample; each vendor's draw is a hash of it, the vendor and the criterion, so
    /// a vendor's sampled score does not depend on which others are sampled (pruning changes nothing).
    func draw(_ candidates: [Int], _ g: inout SeededGenerator, into out: inout [Double]) {
        let c = candidates.count
        let key = g.next()
        for x in uncertain {
            let offset = x.criterion * c, s = x.sampling
            for (k, p) in candidates.enumerated() {
                let value = x.raw[p] + s.amount * (2 * Self.unit(key, UInt64(p), UInt64(x.criterion)) - 1)
                out[offset + k] = s.clippedScore(value)
            }
        }
    }

    /// A uniform double in [0, 1) from (key, a, b): SplitMix64's finaliser over their mix.
    @inline(__always)
    static func unit(_ key: UInt64, _ a: UInt64, _ b: UInt64) -> Double {
        var z = key &+ (a &+ 1) &* 0x9E37_79B9_7F4A_7C15 &+ (b &+ 1) &* 0xC2B2_AE3D_27D4_EB4F
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) * 0x1p-53
    }

    /// The best `r` of the candidates by `utility` (within 1e-12 equal, then the tie order), best first.
    func top(_ r: Int, _ utility: [Double], _ candidates: [Int], into best: inout [Int]) {
        best.removeAll(keepingCapacity: true)
        guard r > 0 else { return }
        @inline(__always) func precedes(_ a: Int, _ b: Int) -> Bool {
            let ua = utility[a], ub = utility[b]
            if abs(ua - ub) > Shortlist.tolerance { return ua > ub }
            return tieRank[candidates[a]] < tieRank[candidates[b]]
        }
        for k in 0..<utility.count {
            if best.count == r, !precedes(k, best[r - 1]) { continue }
            var position = best.count
            while position > 0, precedes(k, best[position - 1]) { position -= 1 }
            best.insert(k, at: position)
            if best.count > r { best.removeLast() }
        }
    }
}
