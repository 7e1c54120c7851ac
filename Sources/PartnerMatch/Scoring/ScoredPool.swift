/// A vendor pool scored against a scenario: overlap and eligibility for every vendor, and for each
/// eligible vendor the six criterion scores `n_c(v)` and the utility `u_v` (docs/MODEL.md, "Criteria").
///
/// Columnar, for very large pools: per-vendor arrays have `pool.count` entries; per-eligible arrays
/// are aligned with `eligible` (the pool indices of the eligible vendors, ascending). The team
/// optimiser reads `eligible`, `utility`, `scores` and `overlapHours`.
public struct ScoredPool: Sendable {
    public let pool: VendorPool
    public let scenario: Scenario

    // Per vendor (pool.count entries).
    /// Mean daily overlap with the client, hours.
    public let overlapHours: [Double]
    /// The lowest weekly mean overlap, hours.
    public let worstWeekOverlapHours: [Double]
    /// Rules failed (empty: eligible).
    public let failures: [RuleFailures]
    /// `cultural_fit` after the missing-value policy (`.nan` when blank and the policy is `exclude`).
    public let effectiveCulturalFit: [Double]
    /// Points of the certifications held, by the scenario's table.
    public let certificationPoints: [Double]

    // Per eligible vendor (aligned with `eligible`).
    /// Pool indices of the eligible vendors, ascending.
    public let eligible: [Int32]
    /// `u_v = Σ_c w_c · n_c(v) / Σ_c w_c`.
    public let utility: [Double]
    public let scores: CriterionScores
    /// `r_min`, `r_max` of the demand-weighted mean rate `r̄` over the eligible vendors (0, 0 when none is eligible).
    public let rateRange: (min: Double, max: Double)
    /// How many distinct (zone, work_start, work_end) triples the overlap was computed for.
    public let distinctOverlapTriples: Int
    /// What the criteria read (the per-vendor values above, `r̄`, the rate range).
    public let criterionContext: CriterionContext

    /// `r̄_v` per pool vendor: the demand-weighted mean rate over the demanded skills it offers,
    /// `Σ_{s∈S_v} d_s r_{v,s} / Σ_{s∈S_v} d_s`, converted; its `hourly_rate` when the demand is a
    /// total, it has no `rates`, or it offers no demanded skill (docs/MODEL.md, "Rates per skill").
    /// The cost criterion, TOPSIS, the tie-break and `max_rate` use it.
    public var meanRate: [Double] { criterionContext.meanRate }

    /// The criterion scores, one column per criterion (by `Criterion.ordinal`), aligned with `ScoredPool.eligible`.
    public struct CriterionScores: Sendable {
        public var columns: [[Double]]

        public subscript(criterion: Criterion) -> [Double] { columns[criterion.ordinal] }

        /// The scores of eligible vendor `k`, in `Criterion.allCases` order.
        public func row(_ k: Int) -> [Double] { columns.map { $0[k] } }
    }

    /// Scores `pool` against `scenario`.
    /// - Complexity: O(n + t) for n vendors and t certification tokens, plus the overlap of each distinct
    ///   (zone, work_start, work_end) triple, computed once (`OverlapTable`).
    public init(pool: VendorPool, scenario: Scenario) {
        self.pool = pool
        self.scenario = scenario
        let n = pool.count
        let table = OverlapTable(pool: pool, overlap: TimeZoneOverlap(scenario: scenario))
        let rules = scenario.rules

        // Lookup tables by interned id.
        let certCount = pool.certificationTokens.count
        var pointsOfToken = [Double](repeating: 0, count: certCount)
        for t in 0..<certCount { pointsOfToken[t] = scenario.certificationPoints.byKey[pool.certificationTokens.keys[t]] ?? 0 }
        var requiredBit = [UInt64](repeating: 0, count: certCount)
        var requiredMask: UInt64 = 0
        var requiredCount = 0
        var requiredKeys: Set<String> = []
        for cert in rules.requiredCertifications where requiredKeys.insert(Token.key(cert)).inserted {
            let bit: UInt64 = requiredCount < 64 ? 1 << UInt64(requiredCount) : 0
            requiredMask |= bit
            requiredCount += 1
            if let id = pool.certificationTokens.id(of: cert) { requiredBit[id] |= bit }
        }
        let demanded = Set(scenario.demand.skills.map(\.key))
        let perSkill = scenario.demand.isPerSkill
        var skillDemanded = [Bool](repeating: false, count: pool.skillTokens.count)
        for t in 0..<pool.skillTokens.count { skillDemanded[t] = demanded.contains(pool.skillTokens.keys[t]) }
        let allowed = Set(rules.allowedCountries), excluded = Set(rules.excludedCountries)
        var countryFailure = [RuleFailures](repeating: [], count: pool.countries.count)
        for c in 0..<pool.countries.count {
            let code = pool.countries.display[c].uppercased()
            if !allowed.isEmpty, !allowed.contains(code) { countryFailure[c].insert(.countryNotAllowed) }
            if excluded.contains(code) { countryFailure[c].insert(.countryExcluded) }
        }
        let missingValue: Double? = if case .value(let v) = scenario.missingCulturalFit { v } else { nil }
        let maxRate = rules.maxRate ?? .infinity
        let meanRate = Self.meanRates(pool: pool, scenario: scenario)
        let minOverlap = rules.minOverlapHours - 1e-9
        let excludedIDs = Set(rules.excludeVendors)

        // Pass 1: overlap, cultural fit, certification points, eligibility.
        var overlap = [Double](repeating: 0, count: n)
        var worst = [Double](repeating: 0, count: n)
        var failures = [RuleFailures](repeating: [], count: n)
        var culture = [Double](repeating: 0, count: n)
        var points = [Double](repeating: 0, count: n)
        var eligible: [Int32] = []
        eligible.reserveCapacity(n)
        var rMin = Double.infinity, rMax = -Double.infinity
        pool.certifications.tokens.withUnsafeBufferPointer { certTokens in
        pool.certifications.ends.withUnsafeBufferPointer { certEnds in
        pool.skills.tokens.withUnsafeBufferPointer { skillTokens in
        pool.skills.ends.withUnsafeBufferPointer { skillEnds in
            var certStart = 0, skillStart = 0
            for i in 0..<n {
                var failed: RuleFailures = []
                let result = table.results[Int(table.slot[i])]
                overlap[i] = result.meanHours
                worst[i] = result.worstWeekHours
                if result.meanHours < minOverlap { failed.insert(.minOverlap) }

                var held: UInt64 = 0, p = 0.0
                let certEnd = Int(certEnds[i])
                for k in certStart..<certEnd {
                    let t = Int(certTokens[k])
                    held |= requiredBit[t]
                    p += pointsOfToken[t]
                }
                certStart = certEnd
                points[i] = p
                if held != requiredMask || (requiredCount > 64 && !Self.holdsAll(pool, i, requiredKeys)) {
                    failed.insert(.missingCertification)
                }

                if pool.quality[i] < rules.minQuality { failed.insert(.minQuality) }
                var fit = pool.culturalFit[i]
                if fit.isNaN {
                    if let missingValue { fit = missingValue } else { failed.insert(.missingCulturalFit) }
                }
                culture[i] = fit
                if !fit.isNaN, fit < rules.minCulturalFit { failed.insert(.minCulturalFit) }
                failed.formUnion(countryFailure[Int(pool.countryIndex[i])])
                let rate = meanRate[i]
                if rate > maxRate { failed.insert(.maxRate) }

                let skillEnd = Int(skillEnds[i])
                if perSkill {
                    var offers = false
                    for k in skillStart..<skillEnd where skillDemanded[Int(skillTokens[k])] { offers = true; break }
                    if !offers { failed.insert(.noRequiredSkill) }
                }
                skillStart = skillEnd

                if !excludedIDs.isEmpty, excludedIDs.contains(pool.ids[i]) { failed.insert(.excludedByID) }
                failures[i] = failed
                if failed.isEmpty {
                    eligible.append(Int32(i))
                    rMin = min(rMin, rate)
                    rMax = max(rMax, rate)
                }
            }
        }}}}
        if eligible.isEmpty { rMin = 0; rMax = 0 }

        // Pass 2: each criterion's score column, and the utility of each eligible vendor.
        let context = CriterionContext(
            pool: pool, scenario: scenario, overlapHours: overlap, effectiveCulturalFit: culture,
            certificationPoints: points, meanRate: meanRate, rateRange: (rMin, rMax)
        )
        let columns = Criterion.allCases.map { $0.scores(of: eligible, in: context) }
        let weights = scenario.weights
        let weightSum = weights.sum
        var utility = [Double](repeating: 0, count: eligible.count)
        for c in Criterion.allCases {
            let w = weights[c] / weightSum
            guard w != 0 else { continue }
            let column = columns[c.ordinal]
            for k in utility.indices { utility[k] += w * column[k] }
        }

        self.overlapHours = overlap
        self.worstWeekOverlapHours = worst
        self.failures = failures
        self.effectiveCulturalFit = culture
        self.certificationPoints = points
        self.eligible = eligible
        self.utility = utility
        self.scores = CriterionScores(columns: columns)
        self.rateRange = (rMin, rMax)
        self.distinctOverlapTriples = table.results.count
        self.criterionContext = context
    }

    /// `r̄_v` of every pool vendor (see `meanRate`).
    /// - Complexity: O(n) plus the skills of the vendors with per-skill rates.
    static func meanRates(pool: VendorPool, scenario: Scenario) -> [Double] {
        var rates = pool.hourlyRate
        guard scenario.demand.isPerSkill, !pool.skillRates.isEmpty else { return rates }
        let demand = Dictionary(scenario.demand.skills.map { ($0.key, $0.fte) }, uniquingKeysWith: +)
        let demandOfToken = pool.skillTokens.keys.map { demand[$0] ?? 0 }
        for (i, own) in pool.skillRates {
            var weighted = 0.0, total = 0.0
            var seen: [Int32] = []
            for t in pool.skills[i] where demandOfToken[Int(t)] > 0 && !seen.contains(t) {
                seen.append(t)
                let d = demandOfToken[Int(t)]
                weighted += d * (own[t] ?? pool.hourlyRate[i])
                total += d
            }
            if total > 0 { rates[i] = weighted / total }
        }
        return rates
    }

    /// `(r_max − r) / (r_max − r_min)`; 1 when all rates are equal. Clamped to [0, 1] for rates outside the range.
    public static func costScore(rate: Double, min rMin: Double, max rMax: Double) -> Double {
        CostCriterion.score(rate: rate, min: rMin, max: rMax)
    }

    private static func holdsAll(_ pool: VendorPool, _ i: Int, _ keys: Set<String>) -> Bool {
        let held = Set(pool.certifications[i].map { pool.certificationTokens.keys[Int($0)] })
        return keys.isSubset(of: held)
    }

    public var eligibleCount: Int { eligible.count }
    public var ineligibleCount: Int { pool.count - eligible.count }

    /// Position of pool vendor `index` in the per-eligible arrays, if eligible.
    /// - Complexity: O(log m).
    public func eligiblePosition(of index: Int) -> Int? {
        var lo = 0, hi = eligible.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(eligible[mid]) < index { lo = mid + 1 } else { hi = mid }
        }
        return lo < eligible.count && Int(eligible[lo]) == index ? lo : nil
    }
}

