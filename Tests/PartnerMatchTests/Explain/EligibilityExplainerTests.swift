import Foundation
import Testing
@testable import PartnerMatch

/// A small random pool and a scenario written as TOML, so that every suggested change can be typed
/// back through the scenario reader exactly as printed.
struct EligibilityCase {
    var pool: VendorPool
    var demand: String
    var budget: Int
    /// `[rules]` keys and their TOML values.
    var rules: [String: String]

    static let zones = ["Europe/Berlin", "Europe/London", "Asia/Dubai", "Asia/Kolkata", "America/New_York", "Asia/Tokyo"]
    static let countries = ["DE", "PL", "IN", "US"]

    static func make(seed: UInt64) -> EligibilityCase {
        var rng = TestRandom(seed: seed)
        let n = Int.random(in: 4...7, using: &rng)
        let skills = ["backend", "ios"]
        var vendors: [Vendor] = []
        for v in 0..<n {
            var offered = skills.filter { _ in Bool.random(using: &rng) }
            if offered.isEmpty { offered = [skills[Int.random(in: 0...1, using: &rng)]] }
            let certs = ["ISO27001", "SOC2"].filter { _ in Double.random(in: 0..<1, using: &rng) < 0.6 }
            let capacity = Double(Int.random(in: 2...8, using: &rng)) * 0.5
            vendors.append(Vendor(
                id: "V\(v)", name: "Vendor \(v)", country: countries[Int.random(in: 0..<countries.count, using: &rng)],
                timeZone: zones[Int.random(in: 0..<zones.count, using: &rng)],
                hourlyRate: Double(Int.random(in: 20...120, using: &rng)), quality: Double(Int.random(in: 50...95, using: &rng)),
                culturalFit: Double(Int.random(in: 40...95, using: &rng)), capacityFTE: capacity, maxFTE: capacity * 2,
                certifications: certs, skills: offered))
        }
        let demanded = Bool.random(using: &rng) ? ["backend"] : skills
        let demand = demanded.map { "\($0) = \(Double(Int.random(in: 2...5, using: &rng)) * 0.5)" }.joined(separator: "\n")
        var rules: [String: String] = [:]
        rules["min_overlap_hours"] = ["0", "3", "5", "7.5"][Int.random(in: 0...3, using: &rng)]
        rules["min_quality"] = ["0", "70", "85"][Int.random(in: 0...2, using: &rng)]
        rules["min_cultural_fit"] = ["0", "60", "80"][Int.random(in: 0...2, using: &rng)]
        if Bool.random(using: &rng) { rules["max_rate"] = ["45", "70.5"][Int.random(in: 0...1, using: &rng)] }
        let required = ["ISO27001", "SOC2"].filter { _ in Double.random(in: 0..<1, using: &rng) < 0.4 }
        rules["required_certifications"] = list(required)
        if Double.random(in: 0..<1, using: &rng) < 0.3 { rules["allowed_countries"] = list(["DE", "IN"]) }
        if Double.random(in: 0..<1, using: &rng) < 0.3 { rules["excluded_countries"] = list(["PL"]) }
        let excluded = (0..<n).filter { _ in Double.random(in: 0..<1, using: &rng) < 0.2 }.map { "V\($0)" }
        if !excluded.isEmpty { rules["exclude_vendors"] = list(excluded) }
        let budget = Int.random(in: 1...3, using: &rng) * 150_000
        return EligibilityCase(pool: VendorPool(vendors: vendors), demand: demand, budget: budget, rules: rules)
    }

    static func list(_ items: [String]) -> String { "[" + items.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }

    /// The scenario as TOML, with `changes` to `[rules]` (a `nil` value: the key removed).
    func text(_ changes: [String: String?] = [:]) -> String {
        var r = rules
        for (key, value) in changes { r[key] = value }
        return """
            [client]
            timezone = "Europe/Berlin"
            [demand]
            \(demand)
            [horizon]
            months = 6
            [budget]
            total = \(budget)
            [rules]
            \(r.keys.sorted().map { "\($0) = \(r[$0]!)" }.joined(separator: "\n"))
            """
    }

    func scored(_ changes: [String: String?] = [:]) throws -> ScoredPool {
        ScoredPool(pool: pool, scenario: try ScenarioReader.parse(text(changes)))
    }

    /// Whether the scenario has a team, by brute force over vendor subsets.
    func feasible(_ changes: [String: String?] = [:]) throws -> Bool {
        try BruteForceTeam.optimum(TeamProblem(scored: scored(changes))) != nil
    }
}

@Suite("Eligibility relaxations")
struct EligibilityExplainerTests {
    static let thresholds: [(key: String, lowers: Bool, value: @Sendable (ScoredPool, Int) -> Double)] = [
        ("min_overlap_hours", true, { $0.overlapHours[$1] }),
        ("min_quality", true, { $0.pool.quality[$1] }),
        ("min_cultural_fit", true, { $0.effectiveCulturalFit[$1] }),
        ("max_rate", false, { $0.pool.hourlyRate[$1] }),
    ]

    /// The number printed after "to " in a threshold's message.
    static func printed(_ message: String) -> String? {
        guard let range = message.range(of: #"to [0-9.]+ "#, options: .regularExpression) else { return nil }
        return String(message[range].dropFirst(3).dropLast())
    }

    @Test("Each threshold suggestion is feasible as printed and typed back, the next excluded vendor's value closer to the scenario's is not, and a rule without one cannot help", arguments: [UInt64(100), 1100])
    func thresholdsAreClosestAndTypeable(from: UInt64) throws {
        var infeasible = 0, suggested = 0, nextChecked = 0, noneChecked = 0
        for seed in from..<(from + 60) {
            let c = EligibilityCase.make(seed: seed)
            let scored = try c.scored()
            guard try !c.feasible() else { continue }
            infeasible += 1
            let explanation = try EligibilityExplainer(optimizer: TeamOptimizer()).explain(scored)
            for rule in Self.thresholds {
                let current = scored.scenario.rules
                let suggestion = explanation.relaxations.first { $0.constraint == "rules.\(rule.key)" }
                guard let suggestion else {
                    // None: even the rule removed (at its loosest) has no team, or the rule excludes nobody.
                    let loosest: String? = rule.key == "max_rate" ? nil : "0"
                    if c.rules[rule.key] != nil, c.rules[rule.key] != "0" {
                        #expect(try !c.feasible([rule.key: loosest]), "seed \(seed): \(rule.key) removed works, yet no suggestion")
                        noneChecked += 1
                    }
                    continue
                }
                suggested += 1
                // Typeable: the printed value, through the reader, has a team (brute force) and admits what it says.
                let text = try #require(Self.printed(suggestion.message), "seed \(seed): \(suggestion.message)")
                #expect(suggestion.needed == .number(Double(text)!))
                #expect(try c.feasible([rule.key: text]), "seed \(seed): \(suggestion.message) has no team")
                let after = try c.scored([rule.key: text])
                #expect(after.eligible.map(Int.init).filter { !scored.failures[$0].isEmpty } == suggestion.admits)
                #expect(!suggestion.admits.isEmpty)
                // Closest: the next vendor value closer to the scenario's than every admitted one has no team.
                let admittedValues = suggestion.admits.map { rule.value(scored, $0) }
                let edge = rule.lowers ? admittedValues.min()! : admittedValues.max()!
                let now = rule.key == "max_rate" ? current.maxRate! : [current.minOverlapHours, current.minQuality, current.minCulturalFit][Self.thresholds.firstIndex { $0.key == rule.key }!]
                let closer = scored.pool.indices.map { rule.value(scored, $0) }.filter { v in
                    rule.lowers ? v > edge + 1e-9 && v < now - 1e-9 : v < edge && v > now
                }
                if let next = rule.lowers ? closer.min() : closer.max() {
                    // Written with every digit (Swift's shortest round-trip form), so it is that exact value.
                    #expect(try !c.feasible([rule.key: "\(next)"]), "seed \(seed): \(rule.key) \(next) already works, closer than \(suggestion.message)")
                    nextChecked += 1
                }
            }
        }
        #expect(infeasible >= 10)
        #expect(suggested >= 5)
        #expect(nextChecked >= 3)
        #expect(noneChecked >= 5)
    }

    @Test("Certifications dropped, countries added or removed and excluded ids removed are suggested exactly when brute force finds a team", arguments: [UInt64(5000), 6000])
    func listRulesMatchBruteForce(from: UInt64) throws {
        var infeasible = 0, suggested = 0, checked = 0
        for seed in from..<(from + 60) {
            var c = EligibilityCase.make(seed: seed)
            // Half the cases without threshold rules, so that the list rules are more often what binds.
            if seed % 2 == 0 { for key in ["min_overlap_hours", "min_quality", "min_cultural_fit", "max_rate"] { c.rules[key] = nil } }
            let scored = try c.scored()
            guard try !c.feasible() else { continue }
            infeasible += 1
            let explanation = try EligibilityExplainer(optimizer: TeamOptimizer()).explain(scored)
            let rules = scored.scenario.rules
            var trials: [(key: String, needed: [String], phrase: String)] = []
            for cert in rules.requiredCertifications {
                trials.append(("required_certifications", rules.requiredCertifications.filter { $0 != cert }, "drop \(cert) from required_certifications"))
            }
            if !rules.allowedCountries.isEmpty {
                for code in EligibilityCase.countries where !rules.allowedCountries.contains(code) {
                    trials.append(("allowed_countries", rules.allowedCountries + [code], "add \(code) to allowed_countries"))
                }
            }
            for code in rules.excludedCountries {
                trials.append(("excluded_countries", rules.excludedCountries.filter { $0 != code }, "remove \(code) from excluded_countries"))
            }
            for id in rules.excludeVendors {
                trials.append(("exclude_vendors", rules.excludeVendors.filter { $0 != id }, "remove \(id) from exclude_vendors"))
            }
            for trial in trials {
                // Typed back through the reader, as the suggestion's value.
                let works = try c.feasible([trial.key: EligibilityCase.list(trial.needed)])
                let suggestion = explanation.relaxations.first { $0.message.hasPrefix(trial.phrase + " ") }
                #expect(works == (suggestion != nil), "seed \(seed): \(trial.phrase): brute force \(works), suggested \(suggestion?.message ?? "nothing")")
                checked += 1
                if let suggestion {
                    suggested += 1
                    #expect(suggestion.constraint == "rules.\(trial.key)")
                    #expect(suggestion.needed == .list(trial.needed))
                    let after = try c.scored([trial.key: EligibilityCase.list(trial.needed)])
                    #expect(after.eligible.map(Int.init).filter { !scored.failures[$0].isEmpty } == suggestion.admits)
                }
            }
            // Nothing else is suggested for these rules.
            let listed = explanation.relaxations.filter { !$0.constraint.hasSuffix("min_overlap_hours") && !$0.constraint.hasSuffix("min_quality") && !$0.constraint.hasSuffix("min_cultural_fit") && !$0.constraint.hasSuffix("max_rate") }
            #expect(listed.allSatisfy { s in trials.contains { s.message.hasPrefix($0.phrase + " ") } }, "seed \(seed)")
        }
        #expect(infeasible >= 10)
        #expect(checked >= 20)
        #expect(suggested >= 3)
    }

    @Test("A demanded skill only excluded vendors offer is named with each vendor and the rules that exclude it")
    func unofferedSkill() throws {
        let pool = VendorPool(vendors: [
            ScoringFixtures.vendor("B1", skills: ["backend"]),
            ScoringFixtures.vendor("D1", quality: 55, zone: "Asia/Tokyo", skills: ["data"]),
            ScoringFixtures.vendor("D2", rate: 150, skills: ["data"]),
        ])
        let scenario = ScoringFixtures.scenario(
            demand: .perSkill([.init("backend", fte: 1), .init("data", fte: 1)]),
            rules: .init(minOverlapHours: 3, minQuality: 60, maxRate: 100))
        let scored = ScoredPool(pool: pool, scenario: scenario)
        let explanation = try EligibilityExplainer(optimizer: TeamOptimizer()).explain(scored)
        #expect(explanation.unofferedSkills.map(\.skill) == ["data"])
        #expect(explanation.unofferedSkills.first?.offeredBy == [2, 1])
        #expect(explanation.unofferedSkills.first?.message == "no eligible vendor offers data: D2 D2 is excluded by max_rate 100 (its rate is 150); D1 D1 is excluded by min_overlap_hours 3 (it overlaps 0.6 h) and min_quality 60 (its quality is 55)")
        // The one change of one rule that admits a data vendor: raise max_rate to D2's rate.
        #expect(explanation.relaxations.map(\.message) == ["raise max_rate to 150 (admits D2 D2; now 100)"])
    }

    @Test("At most listEntryLimit ids of exclude_vendors are tried, and the explanation says when more were left")
    func listEntriesAreBounded() throws {
        let n = EligibilityExplainer.listEntryLimit + 2
        let pool = VendorPool(vendors: (0..<n).map { ScoringFixtures.vendor(String(format: "V%02d", $0), skills: ["backend"]) })
        // Two vendors needed, one eligible: removing any one id from the list gives a team.
        let excluded = (1..<n).map { String(format: "V%02d", $0) }
        var rules = Scenario.Rules(minVendors: 2)
        rules.excludeVendors = excluded
        let scenario = ScoringFixtures.scenario(demand: .total(2), rules: rules)
        let explanation = try EligibilityExplainer(optimizer: TeamOptimizer()).explain(ScoredPool(pool: pool, scenario: scenario))
        #expect(explanation.truncated)
        #expect(explanation.relaxations.count == EligibilityExplainer.listEntryLimit)
        #expect(explanation.relaxations.map(\.message).first == "remove V01 from exclude_vendors (admits V01 V01)")
        #expect(!explanation.relaxations.contains { $0.message.hasPrefix("remove V\(n - 1) ") })
    }
}
