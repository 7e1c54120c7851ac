import Dispatch

/// SMAA-2 for the shortlist (Lahdelma & Salminen 2001; docs/ROBUSTNESS.md): under weight samples (and
/// optional score samples), each eligible vendor's rank acceptability `b_v^r` for ranks 1 … R, its
/// central weight vector and its confidence factor.
///
/// **Exact pruning.** Vendor `w` dominates `v` when `u_w ≥ u_v` for every weight vector the sampler can
/// draw — with, for a criterion whose score is sampled, `w`'s lowest possible score against `v`'s
/// highest (`WeightSampler.nonNegative`; for `none` this is criterion-wise dominance) — and `w` comes
/// first in the shortlist's tie order (lower `r̄`, then id). Then `w` ranks before `v` in every sample;
/// a vendor dominated by at least R others never takes a rank ≤ R, and its acceptabilities are
/// exactly 0 without sampling it.
///
/// **Determinism.** Samples are drawn in fixed chunks of `chunkSize`; chunk `c` has its own generator
/// seeded from (seed, c), and chunk results are added in chunk order. The result is therefore the
/// same whatever the number of threads.
public struct ShortlistRobustness: Sendable {
    public struct Vendor: Sendable, Equatable {
        /// Pool index.
        public var index: Int
        public var id: String
        public var name: String
        /// `b_v^r` for r = 1 … R.
        public var rankAcceptability: [Double]
        /// The mean weight vector of the samples in which it ranks first (`Criterion.allCases` order); `nil` if never.
        public var centralWeights: [Double]?
        /// The share of score samples in which it ranks first under its central weights; `nil` if never first.
        public var confidence: Double?
    }

    public let samples: Int
    public let seed: UInt64
    public let top: Int
    public let uncertainty: Scenario.Uncertainty
    /// Eligible vendors, and how many were sampled after criterion-wise dominance.
    public let eligibleCount: Int
    public let candidateCount: Int
    /// Vendors with a positive acceptability for some rank ≤ R: by `b^1` descending, then `b^2`, …, then id.
    public let vendors: [Vendor]

    /// Samples per chunk (fixed: the result must not depend on the thread count).
    public static let chunkSize = 1_000

    /// - Parameters:
    ///   - top: R, the ranks reported.
    ///   - samples: the number of samples (default: the scenario's, else 10,000).
    /// - Complexity: O(S · (c · K + c · R)) for S samples, c candidates after pruning and K criteria,
    ///   plus the confidence pass, plus the pruning (at most `scanLimit` comparisons per vendor).
    ///   - pruning: skip the vendors dominated by `top` others (exact; tested against `false`).
    public init(_ scored: ScoredPool, top: Int, samples: Int? = nil, parallel: Bool = true, pruning: Bool = true) {
        let u = scored.scenario.uncertainty
        let total = samples ?? u.samples ?? 10_000
        self.samples = total
        self.seed = u.seed
        self.top = top
        self.uncertainty = u
        self.eligibleCount = scored.eligibleCount
        let model = SampledScores(scored, uncertainty: u)
        let sampler = WeightSampler(weights: scored.scenario.weights, uncertainty: u)
        let candidates = pruning ? Self.undominated(model, sampler: sampler, top: top) : Array(0..<model.count)
        self.candidateCount = candidates.count
        let c = candidates.count, n = Criterion.allCases.count, r = min(top, c)

        // Rank acceptabilities and central weights, chunk by chunk.
        struct Chunk: Sendable { var counts: [Int]; var firsts: [Int]; var central: [Double] }
        let chunks = (total + Self.chunkSize - 1) / Self.chunkSize
        let results: [Chunk] = parallelMap(count: chunks, parallel: parallel) { chunk in
            var g = SeededGenerator(seed: Self.chunkSeed(u.seed, stream: 0, chunk: chunk))
            var counts = [Int](repeating: 0, count: c * max(r, 1))
            var firsts = [Int](repeating: 0, count: c)
            var central = [Double](repeating: 0, count: c * n)
            var w = [Double](repeating: 0, count: n), scratch = [Double](repeating: 0, count: n)
            var scores = model.nominal(candidates)
            var utility = [Double](repeating: 0, count: c)
            var best: [Int] = []
            best.reserveCapacity(r + 1)
            let count = min(Self.chunkSize, total - chunk * Self.chunkSize)
            for _ in 0..<count {
                sampler.draw(&g, into: &w, scratch: &scratch)
                if model.isSampled { model.draw(candidates, &g, into: &scores) }
                Self.utilities(scores, w, into: &utility)
                model.top(r, utility, candidates, into: &best)
                for (rank, k) in best.enumerated() { counts[k * r + rank] += 1 }
                if let first = best.first {
                    firsts[first] += 1
                    for j in 0..<n { central[first * n + j] += w[j] }
                }
            }
            return Chunk(counts: counts, firsts: firsts, central: central)
        }
        var counts = [Int](repeating: 0, count: c * max(r, 1)), firsts = [Int](repeating: 0, count: c)
        var central = [Double](repeating: 0, count: c * n)
        for chunk in results {   // in chunk order
            for i in counts.indices { counts[i] += chunk.counts[i] }
            for i in firsts.indices { firsts[i] += chunk.firsts[i] }
            for i in central.indices { central[i] += chunk.central[i] }
        }
        let centralWeights: [[Double]?] = (0..<c).map { k in
            firsts[k] == 0 ? nil : (0..<n).map { central[k * n + $0] / Double(firsts[k]) }
        }
        let confidence = Self.confidence(model, candidates, centralWeights, samples: total, seed: u.seed, parallel: parallel)

        var vendors: [Vendor] = []
        for k in 0..<c {
            var b = [Double](repeating: 0, count: top)
            for rank in 0..<r { b[rank] = Double(counts[k * r + rank]) / Double(total) }
            guard b.contains(where: { $0 > 0 }) else { continue }
            let i = Int(scored.eligible[candidates[k]])
            vendors.append(Vendor(index: i, id: scored.pool.ids[i], name: scored.pool.names[i], rankAcceptability: b,
                                  centralWeights: centralWeights[k], confidence: confidence[k]))
        }
        vendors.sort { a, b in
            if a.rankAcceptability != b.rankAcceptability { return a.rankAcceptability.lexicographicallyPrecedes(b.rankAcceptability, by: >) }
            return a.id.utf8.lexicographicallyPrecedes(b.id.utf8)
        }
        self.vendors = vendors
    }

    /// The seed of one chunk of one stream (0: acceptabilities, 1: confidence factors), mixed by
    /// SplitMix64 inside `SeededGenerator`.
    static func chunkSeed(_ seed: UInt64, stream: UInt64, chunk: Int) -> UInt64 {
        seed &* 0x9E37_79B9_7F4A_7C15 &+ stream &* 0xD1B5_4A32_D192_ED03 &+ UInt64(chunk) &* 0xBF58_476D_1CE4_E5B9
    }

    /// `u_k = Σ_c w_c · s_{c,k}` (scores column-major by criterion: `scores[c * count + k]`).
    @inline(__always)
    static func utilities(_ scores: [Double], _ w: [Double], into utility: inout [Double]) {
        let count = utility.count
        for k in 0..<count { utility[k] = 0 }
        for c in 0..<w.count where w[c] != 0 {
            let wc = w[c], offset = c * count
            for k in 0..<count { utility[k] += wc * scores[offset + k] }
        }
    }

    /// Confidence factors: the share of score samples in which each vendor ranks first under its central
    /// weights (without score uncertainty one evaluation at the nominal scores: 1 or 0).
    static func confidence(_ model: SampledScores, _ candidates: [Int], _ central: [[Double]?], samples: Int, seed: UInt64,
                           parallel: Bool) -> [Double?] {
        let c = candidates.count
        let firsts = (0..<c).filter { central[$0] != nil }
        guard !firsts.isEmpty else { return Array(repeating: nil, count: c) }
        let rounds = model.isSampled ? samples : 1
        let chunks = (rounds + chunkSize - 1) / chunkSize
        let wins: [[Int]] = parallelMap(count: chunks, parallel: parallel) { chunk in
            var g = SeededGenerator(seed: chunkSeed(seed, stream: 1, chunk: chunk))
            var scores = model.nominal(candidates)
            var utility = [Double](repeating: 0, count: c)
            var best: [Int] = []
            var won = [Int](repeating: 0, count: firsts.count)
            for _ in 0..<min(chunkSize, rounds - chunk * chunkSize) {
                if model.isSampled { model.draw(candidates, &g, into: &scores) }
                for (f, k) in firsts.enumerated() {
                    utilities(scores, central[k]!, into: &utility)
                    model.top(1, utility, candidates, into: &best)
                    if best.first == k { won[f] += 1 }
                }
            }
            return won
        }
        var result = [Double?](repeating: nil, count: c)
        for (f, k) in firsts.enumerated() {
            result[k] = Double(wins.reduce(0) { $0 + $1[f] }) / Double(rounds)
        }
        return result
    }

    /// How many vendors one vendor is compared with at most when looking for R dominators: a vendor not
    /// shown dominated within the limit is kept (sampled), which costs time, never exactness.
    public static let scanLimit = 4_096

    /// Positions (into the eligible arrays) of the vendors not dominated by `top` others in every sample.
    static func undominated(_ model: SampledScores, sampler: WeightSampler, top: Int) -> [Int] {
        let m = model.count, n = Criterion.allCases.count
        guard top > 0, m > top else { return Array(0..<m) }
        let (lowKey, highKey) = model.centerKeys(sampler.center)
        let order = (0..<m).sorted { lowKey[$0] > lowKey[$1] || (lowKey[$0] == lowKey[$1] && model.tieRank[$0] < model.tieRank[$1]) }
        let kept: [Bool] = parallelMap(count: m, parallel: m > 2_048) { v in
            var found = 0, scanned = 0
            var delta = [Double](repeating: 0, count: n)
            for w in order {
                // A dominator has u_w ≥ u_v at the center too.
                if lowKey[w] < highKey[v] - 1e-9 || scanned >= scanLimit { break }
                scanned += 1
                guard w != v, model.tieRank[w] < model.tieRank[v] else { continue }
                for c in 0..<n { delta[c] = model.low[c * m + w] - model.high[c * m + v] }
                if sampler.nonNegative(delta) {
                    found += 1
                    if found >= top { return false }
                }
            }
            return true
        }
        return (0..<m).filter { kept[$0] }
    }
}
