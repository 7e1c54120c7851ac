/// A value of an eligibility rule as the scenario file writes it: a number (the threshold rules)
/// or a list (`required_certifications`, the country lists, `exclude_vendors`).
public enum EligibilityValue: Sendable, Hashable {
    case number(Double)
    case list([String])
}

/// One change of an eligibility rule that makes an infeasible scenario feasible (docs/TEAM-MODEL.md,
/// "Infeasible scenarios": "Eligibility rules"). Verified by a solve of the scenario with the change
/// applied, its value as printed.
public struct EligibilityRelaxation: Sendable, Hashable {
    /// The eligibility rules an explanation may change, by scenario key under `[rules]`.
    public enum Rule: String, Sendable, Hashable, CaseIterable {
        case minOverlapHours = "min_overlap_hours"
        case minQuality = "min_quality"
        case minCulturalFit = "min_cultural_fit"
        case maxRate = "max_rate"
        case requiredCertifications = "required_certifications"
        case allowedCountries = "allowed_countries"
        case excludedCountries = "excluded_countries"
        case excludeVendors = "exclude_vendors"
    }

    public var rule: Rule
    /// The scenario key, e.g. `rules.min_overlap_hours` (the form of `Relaxation.constraint`).
    public var constraint: String { "rules." + rule.rawValue }
    /// The value the scenario has now.
    public var current: EligibilityValue
    /// The value to write instead, exactly as printed in `message`.
    public var needed: EligibilityValue
    /// Pool indices of the vendors the change makes eligible, ascending.
    public var admits: [Int]
    public var message: String
}

/// A demanded skill that only ineligible vendors offer, with who offers it and what excludes them.
public struct UnofferedSkill: Sendable, Hashable {
    /// The skill as the scenario writes it.
    public var skill: String
    /// Pool indices of the vendors offering it (all ineligible), those failing fewest rules first;
    /// at most `EligibilityExplainer.listedVendors` of them.
    public var offeredBy: [Int]
    /// How many vendors offer it in all.
    public var offeredByCount: Int
    /// E.g. "no eligible vendor offers data: V009 Pune Data is excluded by min_overlap_hours 3 (it overlaps 1.2 h)".
    public var message: String
}

/// Why the eligible vendors cannot form a team, and which eligibility changes fix that.
public struct EligibilityExplanation: Sendable {
    /// Demanded skills no eligible vendor offers (named first in reports).
    public var unofferedSkills: [UnofferedSkill] = []
    /// Each a change of one eligibility rule alone, in `Rule` order (for list rules: in the list's order).
    public var relaxations: [EligibilityRelaxation] = []
    /// Some list entries were not tried because of `EligibilityExplainer.listEntryLimit`.
    public var truncated = false
}

/// Explains an infeasible scenario by its eligibility rules (docs/TEAM-MODEL.md, "Infeasible
/// scenarios"), at the scenario level: pool + changed scenario → `ScoredPool` → `TeamProblem` →
/// `TeamOptimizer.solve`.
///
/// - Threshold rules (`min_overlap_hours`, `min_quality`, `min_cultural_fit`, `max_rate`): the
///   candidate values are those of the vendors the rule alone excludes, sorted from the closest to
///   the scenario's value. Feasibility is monotone along them (each admits a superset of vendors), so
///   a gallop from the closest value, then bisection, finds the closest value that works; the far
///   end is tried first, so a rule that cannot help costs one solve.
/// - List rules: each required certification dropped, each country added to `allowed_countries`
///   (those of vendors excluded by that rule alone), each country removed from `excluded_countries`,
///   each id removed from `exclude_vendors`: one solve each, skipped without a solve when the
///   change admits nobody.
///
/// Speed: a candidate solve does not re-score the pool. Whether the scenario has a team depends only
/// on which vendors are candidates and on their own coefficients (rate, capacity, overlap, skills),
/// never on the utilities, which alone depend on the eligible set; so the pool is scored once with
/// every eligibility rule removed, and each candidate change is a filter of that problem. Each
/// reported change is then verified end to end: its printed value parsed back, applied to the
/// scenario, the pool re-scored and solved. Work is bounded: one scoring in all; per threshold rule at
/// most about 2·log₂(k) + 2 solves for k distinct values and one verifying scoring and solve; per list
/// rule at most `listEntryLimit` entries tried, each one solve and, when it works, one verifying
/// scoring and solve (`truncated` says when entries were left).
public struct EligibilityExplainer: Sendable {
    public var optimizer: TeamOptimizer

    /// The most entries tried per list rule (certifications, countries to add, countries and ids to remove).
    public static let listEntryLimit = 20
    /// The most vendors named in one sentence.
    public static let listedVendors = 5

    public init(optimizer: TeamOptimizer) {
        var quiet = optimizer
        quiet.options.explainInfeasibility = false
        quiet.options.priceBudget = false
        self.optimizer = quiet
    }

    /// The explanation of `scored`'s scenario (meant for an infeasible one: on a feasible scenario
    /// every rule's change "works", and the closest is reported).
    public func explain(_ scored: ScoredPool) throws(TeamOptimizationError) -> EligibilityExplanation {
        var explanation = EligibilityExplanation()
        explanation.unofferedSkills = unofferedSkills(scored)
        // Only vendors failing exactly one of these rules can be admitted by changing one rule.
        guard scored.failures.contains(where: { !$0.isEmpty && Self.relaxable.isSuperset(of: $0) && $0.rawValue.nonzeroBitCount == 1 }) else {
            return explanation
        }
        let base = Self.relaxedProblem(scored)
        for rule in ThresholdRule.all {
            if let change = try threshold(rule, scored, base: base) { explanation.relaxations.append(change) }
        }
        let (lists, truncated) = try listChanges(scored, base: base)
        explanation.relaxations += lists
        explanation.truncated = truncated
        return explanation
    }

    /// The rules a change of one rule can lift.
    static let relaxable: RuleFailures = [.minOverlap, .missingCertification, .minQuality, .minCulturalFit,
                                          .countryNotAllowed, .countryExcluded, .maxRate, .excludedByID]

    /// The team problem with every eligibility rule an explanation may change removed: scored once,
    /// then filtered for each candidate change (a candidate's coefficients do not depend on the rules).
    static func relaxedProblem(_ scored: ScoredPool) -> TeamProblem {
        var s = scored.scenario
        s.rules.minOverlapHours = 0
        s.rules.minQuality = 0
        s.rules.minCulturalFit = 0
        s.rules.maxRate = nil
        s.rules.requiredCertifications = []
        s.rules.allowedCountries = []
        s.rules.excludedCountries = []
        s.rules.excludeVendors = []
        return TeamProblem(scored: ScoredPool(pool: scored.pool, scenario: s))
    }

    // MARK: Solves

    func feasible(_ problem: TeamProblem) throws(TeamOptimizationError) -> Bool {
        try optimizer.solve(problem).status.hasTeam
    }

    /// The scenario solved end to end; the scoring when it has a team.
    func verified(_ scenario: Scenario, pool: VendorPool) throws(TeamOptimizationError) -> ScoredPool? {
        let scored = ScoredPool(pool: pool, scenario: scenario)
        return try feasible(TeamProblem(scored: scored)) ? scored : nil
    }

    /// The vendors `after` admits that `before` did not, ascending.
    static func admitted(_ before: ScoredPool, _ after: ScoredPool) -> [Int] {
        after.eligible.map(Int.init).filter { !before.failures[$0].isEmpty }
    }

    // MARK: Threshold rules

    struct ThresholdRule {
        var rule: EligibilityRelaxation.Rule
        var failure: RuleFailures
        /// Lower the threshold (a minimum) or raise it (`max_rate`).
        var lowers: Bool
        /// The values the scenario reader accepts.
        var range: ClosedRange<Double>
        var current: (Scenario.Rules) -> Double?
        var set: (inout Scenario.Rules, Double?) -> Void
        var value: (ScoredPool, Int) -> Double

        static var all: [ThresholdRule] { [
            ThresholdRule(rule: .minOverlapHours, failure: .minOverlap, lowers: true, range: 0...24,
                          current: { $0.minOverlapHours }, set: { $0.minOverlapHours = $1 ?? 0 },
                          value: { $0.overlapHours[$1] }),
            ThresholdRule(rule: .minQuality, failure: .minQuality, lowers: true, range: 0...100,
                          current: { $0.minQuality }, set: { $0.minQuality = $1 ?? 0 },
                          value: { $0.pool.quality[$1] }),
            ThresholdRule(rule: .minCulturalFit, failure: .minCulturalFit, lowers: true, range: 0...100,
                          current: { $0.minCulturalFit }, set: { $0.minCulturalFit = $1 ?? 0 },
                          value: { $0.effectiveCulturalFit[$1] }),
            ThresholdRule(rule: .maxRate, failure: .maxRate, lowers: false, range: 0.01...1e15,
                          current: { $0.maxRate }, set: { $0.maxRate = $1 },
                          // r̄, converted: the rate the max_rate rule compares (an hourly_rate below
                          // max_rate says nothing when per-skill rates put r̄ above it).
                          value: { $0.meanRate[$1] }),
        ] }

        /// Whether threshold `t` lets value `x` through, as `ScoredPool` decides it (overlap with its
        /// 1e-9 h tolerance).
        func admits(_ x: Double, at t: Double) -> Bool {
            switch rule {
            case .minOverlapHours: x >= t - 1e-9
            case .maxRate: x <= t
            default: x >= t
            }
        }

        /// `x` rounded to hundredths in the admitting direction (down for a minimum, up for a
        /// maximum), so that the printed value, typed back, lets `x` through.
        func printable(_ x: Double) -> Double {
            var t = lowers ? (x * 100 + 1e-7).rounded(.down) / 100 : (x * 100 - 1e-7).rounded(.up) / 100
            if !admits(x, at: t) { t += lowers ? -0.01 : 0.01 }
            return min(range.upperBound, max(range.lowerBound, t))
        }
    }

    /// The closest value of `rule` that makes the scenario feasible, with the vendors it admits.
    func threshold(_ rule: ThresholdRule, _ scored: ScoredPool, base: TeamProblem) throws(TeamOptimizationError) -> EligibilityRelaxation? {
        guard let current = rule.current(scored.scenario.rules) else { return nil }
        // Vendors this rule alone excludes.
        let alone = scored.failures.indices.filter { scored.failures[$0] == rule.failure }
        guard !alone.isEmpty else { return nil }
        // Candidate thresholds: the values of the excluded vendors that can join a team, closest first.
        let inBase = Set(base.candidates.map(\.poolIndex))
        let values = Array(Set(alone.filter { inBase.contains($0) }.map { rule.value(scored, $0) }.filter(\.isFinite)))
            .sorted { rule.lowers ? $0 > $1 : $0 < $1 }
        guard !values.isEmpty else { return nil }
        func works(_ k: Int) throws(TeamOptimizationError) -> Bool {
            let t = values[k]
            var p = base
            p.candidates = base.candidates.filter { c in
                scored.failures[c.poolIndex].isEmpty
                    || (scored.failures[c.poolIndex] == rule.failure && rule.admits(rule.value(scored, c.poolIndex), at: t))
            }
            return try feasible(p)
        }
        let far = values.count - 1
        guard try works(far) else { return nil }
        // Gallop from the closest value, then bisect: `lo` fails (-1: the scenario's own value), `hi` works.
        var lo = -1, hi = 0
        while hi < far, !(try works(hi)) {
            lo = hi
            hi = min(far, hi * 2 + 1)
        }
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if try works(mid) { hi = mid } else { lo = mid }
        }
        // The value as printed, typed back, verified end to end.
        let text = Format.number(rule.printable(values[hi]))
        guard let typed = Double(text), rule.range.contains(typed) else { return nil }
        var changed = scored.scenario
        rule.set(&changed.rules, typed)
        guard let after = try verified(changed, pool: scored.pool) else { return nil }
        let admits = Self.admitted(scored, after)
        let verb = rule.lowers ? "lower" : "raise"
        return EligibilityRelaxation(
            rule: rule.rule, current: .number(current), needed: .number(typed), admits: admits,
            message: "\(verb) \(rule.rule.rawValue) to \(text) (admits \(vendorList(admits, scored.pool)); now \(Format.number(current)))")
    }

    // MARK: List rules

    func listChanges(_ scored: ScoredPool, base: TeamProblem) throws(TeamOptimizationError) -> ([EligibilityRelaxation], truncated: Bool) {
        let pool = scored.pool, rules = scored.scenario.rules
        var changes: [EligibilityRelaxation] = []
        var truncated = false

        /// Tries admitting `extra` (vendors the rule alone excludes) on `base`, then verifies `changed`.
        func attempt(_ rule: EligibilityRelaxation.Rule, extra: Set<Int>,
                     changed: Scenario, current: [String], needed: [String], phrase: String) throws(TeamOptimizationError) {
            guard !extra.isEmpty else { return }
            var p = base
            p.candidates = base.candidates.filter { scored.failures[$0.poolIndex].isEmpty || extra.contains($0.poolIndex) }
            guard p.candidates.contains(where: { extra.contains($0.poolIndex) }), try feasible(p), let after = try verified(changed, pool: pool) else { return }
            let admits = Self.admitted(scored, after)
            changes.append(EligibilityRelaxation(
                rule: rule, current: .list(current), needed: .list(needed), admits: admits,
                message: "\(phrase) (admits \(vendorList(admits, pool)))"))
        }

        // Required certifications, each dropped alone (distinct by token).
        var seen: Set<String> = []
        let required = rules.requiredCertifications.filter { seen.insert(Token.key($0)).inserted }
        if !required.isEmpty {
            var missingOnly: [String: Set<Int>] = [:]   // certification key → vendors lacking only it
            for i in scored.failures.indices where scored.failures[i] == .missingCertification {
                let held = Set(pool.certifications[i].map { pool.certificationTokens.keys[Int($0)] })
                let missing = required.map(Token.key).filter { !held.contains($0) }
                if missing.count == 1 { missingOnly[missing[0], default: []].insert(i) }
            }
            for (n, certification) in required.enumerated() {
                if n == Self.listEntryLimit { truncated = true; break }
                var changed = scored.scenario
                let kept = rules.requiredCertifications.filter { Token.key($0) != Token.key(certification) }
                changed.rules.requiredCertifications = kept
                try attempt(.requiredCertifications, extra: missingOnly[Token.key(certification)] ?? [], changed: changed,
                            current: rules.requiredCertifications, needed: kept,
                            phrase: "drop \(certification) from required_certifications")
            }
        }

        // Countries: vendors excluded by a country rule alone, by country code.
        func byCountry(_ failure: RuleFailures) -> [String: Set<Int>] {
            var found: [String: Set<Int>] = [:]
            for i in scored.failures.indices where scored.failures[i] == failure {
                found[pool.countries.display[Int(pool.countryIndex[i])].uppercased(), default: []].insert(i)
            }
            return found
        }
        if !rules.allowedCountries.isEmpty {
            let outside = byCountry(.countryNotAllowed)
            // Most admitted vendors first, then by code.
            let order = outside.keys.sorted { (outside[$0]!.count, $1) > (outside[$1]!.count, $0) }
            for (n, code) in order.enumerated() {
                if n == Self.listEntryLimit { truncated = true; break }
                var changed = scored.scenario
                changed.rules.allowedCountries = rules.allowedCountries + [code]
                try attempt(.allowedCountries, extra: outside[code]!,
                            changed: changed, current: rules.allowedCountries, needed: changed.rules.allowedCountries,
                            phrase: "add \(code) to allowed_countries")
            }
        }
        if !rules.excludedCountries.isEmpty {
            let inside = byCountry(.countryExcluded)
            var listed: Set<String> = []
            for (n, code) in rules.excludedCountries.filter({ listed.insert($0).inserted }).enumerated() {
                if n == Self.listEntryLimit { truncated = true; break }
                var changed = scored.scenario
                changed.rules.excludedCountries = rules.excludedCountries.filter { $0 != code }
                try attempt(.excludedCountries, extra: inside[code] ?? [],
                            changed: changed, current: rules.excludedCountries, needed: changed.rules.excludedCountries,
                            phrase: "remove \(code) from excluded_countries")
            }
        }

        // Vendor ids of exclude_vendors, each removed alone.
        if !rules.excludeVendors.isEmpty {
            var onlyByID: [String: Int] = [:]
            for i in scored.failures.indices where scored.failures[i] == .excludedByID { onlyByID[pool.ids[i]] = i }
            for (n, id) in rules.excludeVendors.enumerated() {
                if n == Self.listEntryLimit { truncated = true; break }
                var changed = scored.scenario
                changed.rules.excludeVendors = rules.excludeVendors.filter { $0 != id }
                try attempt(.excludeVendors, extra: onlyByID[id].map { [$0] } ?? [],
                            changed: changed, current: rules.excludeVendors, needed: changed.rules.excludeVendors,
                            phrase: "remove \(id) from exclude_vendors")
            }
        }
        return (changes, truncated)
    }

    // MARK: Demanded skills only ineligible vendors offer

    func unofferedSkills(_ scored: ScoredPool) -> [UnofferedSkill] {
        guard scored.scenario.demand.isPerSkill else { return [] }
        let pool = scored.pool
        var found: [UnofferedSkill] = []
        let texts = IneligibilityTexts(scored)
        for skill in scored.scenario.demand.skills {
            guard let id = pool.skillID(skill.key) else { continue }   // no vendor at all: an input error (ScenarioPoolCheck)
            if scored.eligible.contains(where: { pool.offers(Int($0), skill: id) }) { continue }
            let offering = pool.indices.filter { pool.offers($0, skill: id) }
            guard !offering.isEmpty else { continue }
            // Those failing fewest rules first (the easiest to admit), then in file order.
            let shown = offering.sorted { (scored.failures[$0].rawValue.nonzeroBitCount, $0) < (scored.failures[$1].rawValue.nonzeroBitCount, $1) }
                .prefix(Self.listedVendors)
            let clauses = shown.map { i in
                "\(pool.ids[i]) \(pool.names[i]) is excluded by " + texts.reasons(for: i).map { exclusionClause($0, i, scored) }.joined(separator: " and ")
            }
            let more = offering.count > shown.count ? "; and \(offering.count - shown.count) more" : ""
            found.append(UnofferedSkill(
                skill: skill.display, offeredBy: Array(shown), offeredByCount: offering.count,
                message: "no eligible vendor offers \(skill.display): " + clauses.joined(separator: "; ") + more))
        }
        return found
    }

    /// A failed rule as "the scenario key and value (the vendor's value)".
    func exclusionClause(_ reason: IneligibilityReason, _ i: Int, _ scored: ScoredPool) -> String {
        let rules = scored.scenario.rules, pool = scored.pool
        switch reason.code {
        case "min_overlap":
            return "min_overlap_hours \(Format.number(rules.minOverlapHours)) (it overlaps \(Format.hours(scored.overlapHours[i])))"
        case "min_quality":
            return "min_quality \(Format.number(rules.minQuality)) (its quality is \(Format.number(pool.quality[i])))"
        case "min_cultural_fit":
            return "min_cultural_fit \(Format.number(rules.minCulturalFit)) (its cultural fit is \(Format.number(scored.effectiveCulturalFit[i])))"
        case "max_rate":
            return "max_rate \(Format.number(rules.maxRate ?? 0)) (its rate is \(Format.number(pool.hourlyRate[i])))"
        case "excluded_by_id":
            return "exclude_vendors"
        case "country_not_allowed", "country_excluded":
            let key = reason.code == "country_excluded" ? "excluded_countries" : "allowed_countries"
            return "\(key) (it is in \(pool.countries.display[Int(pool.countryIndex[i])].uppercased()))"
        case "missing_certification":
            return "required_certifications (it \(reason.message))"
        case "missing_cultural_fit":
            return "missing.cultural_fit = \"exclude\" (its cultural fit is blank)"
        default:
            return reason.message
        }
    }

    /// "V009 Pune Data, V019 Pune Platforms and 3 more".
    func vendorList(_ indices: [Int], _ pool: VendorPool) -> String {
        let shown = indices.prefix(Self.listedVendors).map { "\(pool.ids[$0]) \(pool.names[$0])" }
        let rest = indices.count - shown.count
        return shown.joined(separator: ", ") + (rest > 0 ? " and \(rest) more" : "")
    }
}
