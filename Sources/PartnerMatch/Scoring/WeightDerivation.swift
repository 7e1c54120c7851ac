/// Weights a buyer can defend (docs/MODEL.md, "Weights"): rank-order centroid weights from a ranking,
/// and AHP weights from Saaty's pairwise judgements with their consistency check.
public enum RankOrderCentroid {
    /// ROC weight of position `k` (1-based) among `n`: `w_k = (1/n) Σ_{i=k}^{n} 1/i`.
    public static func weight(position k: Int, of n: Int) -> Double {
        precondition(k >= 1 && k <= n)
        var s = 0.0
        for i in stride(from: n, through: k, by: -1) { s += 1 / Double(i) }   // smallest terms first
        return s / Double(n)
    }

    /// The weights of a ranking, most important first; a group of several criteria is a tie and its
    /// members share the mean of their positions' weights; a criterion not listed gets 0.
    public static func weights(_ groups: [[Criterion]]) -> Scenario.Weights {
        var weights = Scenario.Weights.only([:])
        let n = groups.reduce(0) { $0 + $1.count }
        var position = 1
        for group in groups {
            let shared = (position..<(position + group.count)).reduce(0.0) { $0 + weight(position: $1, of: n) } / Double(group.count)
            for c in group { weights[c] = shared }
            position += group.count
        }
        weights.method = .order(groups)
        return weights
    }
}

/// The analytic hierarchy process on one level (Saaty 1980): the weights are the principal right
/// eigenvector of the reciprocal matrix of pairwise judgements, normalised to sum 1;
/// `CI = (λ_max − n)/(n − 1)`, `CR = CI / RI_n`.
public struct AHP: Sendable {
    /// One judgement `"a/b" = value`: `a` is `value` times as important as `b`.
    public struct Judgement: Sendable, Equatable {
        public var a: Criterion
        public var b: Criterion
        public var value: Double
        public init(_ a: Criterion, _ b: Criterion, _ value: Double) {
            self.a = a
            self.b = b
            self.value = value
        }
    }

    /// The criteria compared, in the order first named.
    public let criteria: [Criterion]
    public let judgements: [Judgement]
    /// The priority of each of `criteria`, summing to 1.
    public let priorities: [Double]
    public let lambdaMax: Double
    public let consistencyIndex: Double
    /// 0 for two criteria (always consistent).
    public let consistencyRatio: Double

    /// Saaty's random indices `RI_n`, n = 1 ... 10 (Saaty 1980); docs/MODEL.md quotes n = 3 ... 6.
    public static let randomIndex: [Int: Double] = [1: 0, 2: 0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49]
    /// The largest acceptable consistency ratio.
    public static let acceptableRatio = 0.10

    /// Computes the priorities of a complete set of judgements (one per pair of `criteria`).
    public init(judgements: [Judgement]) {
        var criteria: [Criterion] = []
        for j in judgements {
            if !criteria.contains(j.a) { criteria.append(j.a) }
            if !criteria.contains(j.b) { criteria.append(j.b) }
        }
        self.criteria = criteria
        self.judgements = judgements
        let (w, lambda) = Self.principal(Self.matrix(criteria, judgements))
        priorities = w
        lambdaMax = lambda
        let n = Double(criteria.count)
        consistencyIndex = criteria.count > 2 ? max(0, (lambda - n) / (n - 1)) : 0
        let ri = Self.randomIndex[criteria.count] ?? 1.49
        consistencyRatio = criteria.count > 2 ? consistencyIndex / ri : 0
    }

    /// The weights, every criterion not compared 0.
    public var weights: Scenario.Weights {
        var weights = Scenario.Weights.only([:])
        for (c, p) in zip(criteria, priorities) { weights[c] = p }
        weights.method = .ahp(judgements: judgements, lambdaMax: lambdaMax, consistencyRatio: consistencyRatio)
        return weights
    }

    /// Saaty's scale, the values a judgement is suggested to take: 1/9, 1/8, …, 1/2, 1, 2, …, 9.
    public static let scale: [Double] = (2...9).reversed().map { 1 / Double($0) } + (1...9).map(Double.init)

    /// A judgement as a user types it in TOML (and JSON): `3`, `"1/3"` for the reverse of a whole
    /// number, else the shortest decimal. Every value of `scale` reads back to the same `Double`.
    public static func typeable(_ value: Double) -> String {
        if value >= 1, value == value.rounded() { return formatNumber(value) }
        let reverse = (1 / value).rounded()
        if value < 1, reverse >= 2, 1 / reverse == value { return "\"1/\(formatNumber(reverse))\"" }
        return formatNumber(value)
    }

    /// A judgement's place on Saaty's scale in steps from 1 (`9` is 8, `1/3` is −2; a value off the
    /// scale lies between its neighbours): how far a revision moves it.
    static func steps(_ value: Double) -> Double { value >= 1 ? value - 1 : -(1 / value - 1) }

    /// One judgement set to another value of Saaty's scale, and the consistency ratio the judgements
    /// then have (computed afresh, as the reader computes it when the value is typed back).
    public struct Revision: Sendable, Equatable {
        /// The judgement as it is (its position in `judgements`, and its value).
        public var index: Int
        public var judgement: Judgement
        /// The value of `scale` it is revised to.
        public var value: Double
        public var consistencyRatio: Double
        /// The revised judgements are acceptable: `consistencyRatio ≤ acceptableRatio`.
        public var suffices: Bool { !(consistencyRatio > AHP.acceptableRatio) }
    }

    /// Every change of one judgement to another value of `scale`, judgements in order, values ascending.
    public var singleRevisions: [Revision] {
        var all: [Revision] = []
        for (n, j) in judgements.enumerated() {
            for value in Self.scale where abs(value - j.value) > 1e-12 {
                var revised = judgements
                revised[n].value = value
                all.append(Revision(index: n, judgement: j, value: value, consistencyRatio: AHP(judgements: revised).consistencyRatio))
            }
        }
        return all
    }

    /// The revision to suggest for inconsistent judgements: the smallest single change on Saaty's
    /// scale (fewest steps, then the lower ratio, then the first judgement) that brings the ratio
    /// within `acceptableRatio`; when no single change does, the one that lowers it most (then the
    /// fewest steps, then the first judgement). `nil` only without judgements.
    public var suggestedRevision: Revision? {
        let all = singleRevisions
        func distance(_ r: Revision) -> Double { abs(Self.steps(r.value) - Self.steps(r.judgement.value)) }
        let sufficing = all.filter(\.suffices)
        if !sufficing.isEmpty {
            return sufficing.min { (distance($0), $0.consistencyRatio, $0.index) < (distance($1), $1.consistencyRatio, $1.index) }
        }
        return all.min { ($0.consistencyRatio, distance($0), $0.index) < ($1.consistencyRatio, distance($1), $1.index) }
    }

    static func matrix(_ criteria: [Criterion], _ judgements: [Judgement]) -> [[Double]] {
        let n = criteria.count
        var a = [[Double]](repeating: [Double](repeating: 1, count: n), count: n)
        for j in judgements {
            let p = criteria.firstIndex(of: j.a)!, q = criteria.firstIndex(of: j.b)!
            a[p][q] = j.value
            a[q][p] = 1 / j.value
        }
        return a
    }

    /// The principal eigenvector (sum 1) and eigenvalue of a positive matrix, by power iteration
    /// (Perron–Frobenius: it converges for any positive start). Hand-written: 2 ≤ n ≤ 6, no
    /// linear-algebra package is a dependency of the project, and power iteration is exact to 1e-15 here.
    static func principal(_ a: [[Double]]) -> (vector: [Double], value: Double) {
        let n = a.count
        guard n > 0 else { return ([], 0) }
        var w = [Double](repeating: 1 / Double(n), count: n)
        for _ in 0..<10_000 {
            var next = [Double](repeating: 0, count: n)
            for i in 0..<n { for k in 0..<n { next[i] += a[i][k] * w[k] } }
            let s = next.reduce(0, +)
            for i in 0..<n { next[i] /= s }
            let change = zip(next, w).reduce(0.0) { max($0, abs($1.0 - $1.1)) }
            w = next
            if change < 1e-15 { break }
        }
        var lambda = 0.0
        for i in 0..<n {
            var aw = 0.0
            for k in 0..<n { aw += a[i][k] * w[k] }
            lambda += aw / w[i]
        }
        return (w, lambda / Double(n))
    }
}
