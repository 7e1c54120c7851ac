/// How the shortlist is ordered.
public enum RankingMethod: String, CaseIterable, Sendable {
    /// By utility `u_v` (weighted sum of the six scores).
    case weighted
    /// By TOPSIS closeness on the raw matrix.
    case topsis
}

/// The ranked shortlist of docs/MODEL.md: eligible vendors by `u_v` (or TOPSIS closeness) descending,
/// values within 1e-12 equal; ties by lower rate (`r̄`, `ScoredPool.meanRate`), then `id` in byte order.
public struct Shortlist: Sendable {
    public let scored: ScoredPool
    public let method: RankingMethod
    /// The ranking key per eligible vendor (aligned with `scored.eligible`): utility or closeness.
    public let key: [Double]
    /// TOPSIS details when `method == .topsis`.
    public let topsis: TOPSIS.Result?
    /// Positions into the per-eligible arrays, best first (only the first `limit` when one was given).
    public let order: [Int]

    /// Values closer than this are equal for ranking.
    public static let tolerance = 1e-12

    /// Ranks the eligible vendors of `scored`.
    /// - Parameter limit: keep only the best `limit` (all when `nil`).
    /// - Complexity: O(m log k) for m eligible vendors and `k = limit` (a bounded heap), O(m log m) for all.
    public init(_ scored: ScoredPool, method: RankingMethod = .weighted, limit: Int? = nil) {
        self.scored = scored
        self.method = method
        let topsis = method == .topsis ? TOPSIS.evaluate(scored) : nil
        self.topsis = topsis
        let key = topsis?.closeness ?? scored.utility
        self.key = key
        let precedes = Self.comparator(scored: scored, key: key)
        let m = key.count
        let k = min(limit ?? m, m)
        if k >= m / 4 {
            self.order = Array(0..<m).sorted(by: precedes)[..<k].map { $0 }
        } else {
            self.order = Self.best(k, of: m, by: precedes)
        }
    }

    /// Whether eligible vendor `a` ranks before `b` (positions into the per-eligible arrays).
    static func comparator(scored: ScoredPool, key: [Double]) -> (Int, Int) -> Bool {
        let rates = scored.meanRate
        let eligible = scored.eligible
        let ids = scored.pool.ids
        return { a, b in
            let ka = key[a], kb = key[b]
            if abs(ka - kb) > tolerance { return ka > kb }
            let ia = Int(eligible[a]), ib = Int(eligible[b])
            if rates[ia] != rates[ib] { return rates[ia] < rates[ib] }
            return ids.lexicographicallyPrecedes(ia, ib)
        }
    }

    /// The best `k` of `0..<m`, sorted, with a bounded max-heap whose root is the worst kept.
    private static func best(_ k: Int, of m: Int, by precedes: (Int, Int) -> Bool) -> [Int] {
        guard k > 0 else { return [] }
        var heap: [Int] = []
        heap.reserveCapacity(k)
        func siftUp(_ start: Int) {
            var c = start
            while c > 0 {
                let p = (c - 1) / 2
                guard precedes(heap[p], heap[c]) else { break }
                heap.swapAt(p, c)
                c = p
            }
        }
        func siftDown() {
            var p = 0
            while true {
                let l = 2 * p + 1, r = l + 1
                var worst = p
                if l < heap.count, precedes(heap[worst], heap[l]) { worst = l }
                if r < heap.count, precedes(heap[worst], heap[r]) { worst = r }
                if worst == p { return }
                heap.swapAt(p, worst)
                p = worst
            }
        }
        for i in 0..<m {
            if heap.count < k {
                heap.append(i)
                siftUp(heap.count - 1)
            } else if precedes(i, heap[0]) {
                heap[0] = i
                siftDown()
            }
        }
        return heap.sorted(by: precedes)
    }

    /// One ranked row.
    public struct Row: Sendable {
        public var rank: Int
        /// Pool index.
        public var index: Int
        /// Position in the per-eligible arrays.
        public var position: Int
        public var id: String
        public var name: String
        public var utility: Double
        /// TOPSIS closeness (only with `.topsis`).
        public var closeness: Double?
        /// The criterion scores, in `Criterion.allCases` order.
        public var scores: [Double]
        public var overlapHours: Double
        public var worstWeekOverlapHours: Double
    }

    /// The ranked rows, best first.
    public var rows: [Row] {
        order.enumerated().map { rank, k in
            let i = Int(scored.eligible[k])
            return Row(
                rank: rank + 1, index: i, position: k, id: scored.pool.ids[i], name: scored.pool.names[i],
                utility: scored.utility[k], closeness: topsis?.closeness[k], scores: scored.scores.row(k),
                overlapHours: scored.overlapHours[i], worstWeekOverlapHours: scored.worstWeekOverlapHours[i]
            )
        }
    }

    /// The 1-based rank of eligible vendor at `position` among all eligible vendors.
    /// - Complexity: O(m).
    public func rank(ofPosition position: Int) -> Int {
        let precedes = Self.comparator(scored: scored, key: key)
        var before = 0
        for k in 0..<key.count where k != position && precedes(k, position) { before += 1 }
        return before + 1
    }

    /// Ineligible vendors (pool indices, in pool order) with their reasons.
    public var excluded: [(index: Int, reasons: [IneligibilityReason])] {
        let texts = IneligibilityTexts(scored)   // prepared once, not per vendor
        return scored.pool.indices.compactMap { i in
            scored.failures[i].isEmpty ? nil : (i, texts.reasons(for: i))
        }
    }
}
