import Foundation
@testable import PartnerMatch
import Testing

/// Issue 23, rule prices: every price is the difference of two brute-force optima (every vendor
/// subset, `BruteForceRules`), the rule removed here by the test's own edit — of the brute force's
/// inputs for team problems, of the scenario's *text* for files — never by the production removal.
@Suite("What each rule costs")
struct RulePriceTests {
    /// The brute-force optimum of `problem` with the rule `price` names removed by this test's own
    /// edit (`nil`: a key this test does not know, which fails the test).
    static func bruteForceWithout(_ price: RulePrice, _ problem: TeamProblem) throws -> Double?? {
        var p = problem
        var rules = BruteForceRules.rules(of: problem)
        switch price.constraint {
        case "budget.total": p.requirements.budget = nil
        case "rules.min_vendors": p.requirements.minVendors = 1
        case "rules.max_vendors": p.requirements.maxVendors = nil
        case "rules.max_share": p.requirements.maxShare = 1
        case "rules.growth": p.requirements.growth = 1
        case "rules.team_overlap_hours": p.requirements.teamOverlapHours = nil
        case "rules.min_engagement_fte": p.requirements.minEngagementFTE = 0
        case "rules.fte_step": p.requirements.fteStep = nil
        case "rules.include_vendors": rules.pins.removeAll { $0 == price.entry }
        case "rules.max_country_share": rules.maxCountryShare = 1
        case "rules.min_countries": rules.minCountries = 1
        default:
            if price.constraint.hasPrefix("rules.backups.") {
                let skill = String(price.constraint.dropFirst("rules.backups.".count))
                let s = try #require(p.requirements.skills.firstIndex { $0.name == skill })
                p.requirements.skills[s].backups = 0
            } else if price.constraint.hasPrefix("rules.country_share.") {
                rules.countryShare[String(price.constraint.dropFirst("rules.country_share.".count))] = 1
            } else {
                return nil
            }
        }
        return .some(try BruteForceRules.optimum(p, rules))
    }

    /// The keys this test expects priced, read from the problem's own numbers.
    static func expectedKeys(_ problem: TeamProblem) -> [String] {
        let r = problem.requirements
        let rules = BruteForceRules.rules(of: problem)
        var keys: [String] = []
        if r.budget != nil { keys.append("budget.total") }
        if r.minVendors > 1 { keys.append("rules.min_vendors") }
        if r.maxVendors != nil { keys.append("rules.max_vendors") }
        if r.maxShare < 1 { keys.append("rules.max_share") }
        if r.growth > 1 { keys.append("rules.growth") }
        keys += r.skills.filter { $0.backups > 1 }.map { "rules.backups.\($0.name)" }
        if (r.teamOverlapHours ?? 0) > 0 { keys.append("rules.team_overlap_hours") }
        if r.minEngagementFTE > 0 { keys.append("rules.min_engagement_fte") }
        if r.fteStep != nil { keys.append("rules.fte_step") }
        keys += rules.pins.map { _ in "rules.include_vendors" }
        if rules.maxCountryShare < 1 { keys.append("rules.max_country_share") }
        keys += rules.countryShare.filter { $0.value < 1 }.keys.map { "rules.country_share.\($0)" }
        if rules.minCountries > 1 { keys.append("rules.min_countries") }
        return keys.sorted()
    }

    @Test("Every team rule's price is the difference of two brute-force optima, pruning on and off (utility and cost mode)",
          arguments: [true, false])
    func teamRulesAgainstBruteForce(pruning: Bool) throws {
        var priced = 0, nonzero = 0, costMode = 0
        for seed in UInt64(23_100)..<23_160 {
            var (problem, _) = RandomRuleProblems.make(seed: seed)
            if seed % 3 == 0 { problem.requirements.minEngagementFTE = 0.5 }
            var options = TeamOptimizer.Options()
            options.pruning = pruning
            let optimizer = TeamOptimizer(options: options)
            let base = try optimizer.solve(problem)
            guard base.status.hasTeam else { continue }
            let rules = BruteForceRules.rules(of: problem)
            let optimum = try #require(try BruteForceRules.optimum(problem, rules), "seed \(seed)")
            let prices = try RulePricing(optimizer: optimizer).prices(problem, base: base)
            #expect(prices.map(\.constraint).sorted() == Self.expectedKeys(problem), "seed \(seed)")
            let isCost = problem.requirements.minMeanUtility != nil
            if isCost { costMode += 1 }
            for price in prices {
                let without = try #require(try Self.bruteForceWithout(price, problem), "seed \(seed): unknown key \(price.constraint)")
                let value = try #require(without, "seed \(seed): \(price.constraint) removed has no team by brute force")
                // Utility: gained without the rule; cost mode: money saved.
                let expected = isCost ? optimum - value : value - optimum
                let got = try #require(price.price, "seed \(seed): \(price.constraint) has no price")
                #expect(abs(got - expected) <= (isCost ? 0.011 : 1e-6 * max(1, abs(optimum))),
                        "seed \(seed): \(price.constraint) priced \(got), brute force \(expected)")
                // Removing a rule never hurts when the scores stay.
                #expect(got >= -(isCost ? 0.011 : 1e-7), "seed \(seed): \(price.constraint) negative \(got)")
                #expect(!price.rescored)
                #expect(price.free == (abs(got) <= 0.001 * abs(isCost ? base.totalCost! : base.objective!) + (isCost ? 0.005 : 1e-9)))
                // Who joins and leaves is read off the two teams.
                let before = Set(base.vendorSet), after = Set(price.team?.vendorSet ?? [])
                #expect(price.joins == after.subtracting(before).sorted() && price.leaves == before.subtracting(after).sorted())
                priced += 1
                if got > 1e-6 { nonzero += 1 }
            }
        }
        #expect(priced > 100, "\(priced) prices checked")
        #expect(nonzero > 15, "\(nonzero) prices above zero")
        #expect(costMode > 3, "\(costMode) problems in cost mode")
    }

    /// The scenario text with the line `key = …` under `[rules]` or `[budget]` removed or replaced.
    static func edit(_ toml: String, _ key: String, to value: String?) -> String {
        let name = key.split(separator: ".").last.map(String.init) ?? key
        var lines = toml.components(separatedBy: "\n")
        guard let i = lines.firstIndex(where: { $0.hasPrefix(name + " = ") }) else {
            return value.map { toml + "\n\(name) = \($0)\n" } ?? toml
        }
        if let value { lines[i] = "\(name) = \(value)" } else { lines.remove(at: i) }
        return lines.joined(separator: "\n")
    }

    @Test("Every price of a scenario file is what removing the rule from the file and running again gives, by brute force",
          arguments: [true, false])
    func filePricesAgainstBruteForce(pruning: Bool) throws {
        var priced = 0, rescored = 0, eligibility = 0
        for seed in UInt64(23_200)..<23_290 {
            var (csv, toml) = TypedBackPropertyTests.make(seed: seed)
            // More eligibility rules in force (every generated vendor's quality is 50–95).
            if seed % 2 == 0, !toml.contains("min_quality") { toml = Self.edit(toml, "min_quality", to: "\(60 + seed % 7 * 3)") }
            guard let scored = try TypedBackPropertyTests.run(csv, toml) else { continue }
            var options = TeamOptimizer.Options()
            options.pruning = pruning
            let optimizer = TeamOptimizer(options: options)
            let problem = TeamProblem(scored: scored)
            let base = try optimizer.solve(problem)
            guard base.status.hasTeam else { continue }
            let optimum = try #require(try BruteForceRules.optimum(problem))
            let prices = try RulePricing(optimizer: optimizer).prices(scored, problem: problem, base: base)
            for price in prices {
                // The rule removed as a person edits the file.
                let text: String
                switch price.constraint {
                case "budget.total": text = Self.edit(toml, "total", to: "1_000_000_000")
                case "rules.max_share", "rules.growth": text = Self.edit(toml, price.constraint, to: "1")
                case "rules.min_quality", "rules.min_engagement_fte": text = Self.edit(toml, price.constraint, to: "0")
                case "rules.max_vendors", "rules.max_rate", "rules.fte_step": text = Self.edit(toml, price.constraint, to: nil)
                case "rules.backups.backend": text = Self.edit(toml, "backups", to: nil)
                default: Issue.record("seed \(seed): unexpected key \(price.constraint)"); continue
                }
                let changed = try #require(try TypedBackPropertyTests.run(csv, text))
                let value = try #require(try BruteForceRules.optimum(TeamProblem(scored: changed)),
                                         "seed \(seed): no team without \(price.constraint)")
                let gain = try #require(price.utilityGain)
                #expect(abs(gain - (value - optimum)) <= 1e-6 * max(1, optimum),
                        "seed \(seed): \(price.constraint) priced \(gain), brute force \(value - optimum)")
                // Re-scored exactly when the file's change moves some eligible vendor's utility.
                let moved = changed.eligible.contains { index in
                    guard let k = scored.eligiblePosition(of: Int(index)), let j = changed.eligiblePosition(of: Int(index)) else { return false }
                    return abs(scored.utility[k] - changed.utility[j]) > 1e-12
                }
                #expect(price.rescored == moved, "seed \(seed): \(price.constraint) rescored \(price.rescored)")
                if !price.rescored { #expect(gain >= -1e-7, "seed \(seed): \(price.constraint) negative without re-scoring") }
                if price.rescored { rescored += 1 }
                if price.constraint == "rules.max_rate" || price.constraint == "rules.min_quality" { eligibility += 1 }
                priced += 1
            }
        }
        #expect(priced > 60, "\(priced) prices checked")
        #expect(rescored > 5, "\(rescored) re-scored prices")
        #expect(eligibility > 8, "\(eligibility) eligibility prices")
    }

    @Test("A rule that excludes nobody, or asks less than any team gives, is free and not re-scored; parallel equals sequential")
    func looseRulesAreFree() throws {
        var checked = 0
        for seed in UInt64(23_300)..<23_330 {
            let (csv, toml) = TypedBackPropertyTests.make(seed: seed)
            // Every generated vendor has quality ≥ 50 and at most 7 vendors exist.
            var text = Self.edit(toml, "min_quality", to: "1")
            text = Self.edit(text, "max_vendors", to: "20")
            guard let scored = try TypedBackPropertyTests.run(csv, text) else { continue }
            let problem = TeamProblem(scored: scored)
            let base = try TeamOptimizer().solve(problem)
            guard base.status.hasTeam else { continue }
            let prices = try RulePricing(optimizer: TeamOptimizer()).prices(scored, problem: problem, base: base)
            for key in ["rules.min_quality", "rules.max_vendors"] {
                let price = try #require(prices.first { $0.constraint == key }, "seed \(seed): \(key) not priced")
                #expect(price.price == 0 && price.free && !price.rescored && price.joins.isEmpty && price.leaves.isEmpty,
                        "seed \(seed): \(key) \(String(describing: price.price))")
            }
            let sequential = try RulePricing(optimizer: TeamOptimizer(), parallel: false).prices(scored, problem: problem, base: base)
            #expect(sequential.map(\.constraint) == prices.map(\.constraint))
            #expect(sequential.map(\.price) == prices.map(\.price))
            #expect(sequential.map(\.joins) == prices.map(\.joins))
            checked += 1
        }
        #expect(checked > 10, "\(checked) scenarios")
    }

    @Test("No team, no prices")
    func infeasibleHasNoPrices() throws {
        var problem = RandomTeamProblems.make(seed: 5)
        problem.requirements.budget = 1
        let base = try TeamOptimizer().solve(problem)
        #expect(base.status == .infeasible)
        #expect(try RulePricing(optimizer: TeamOptimizer()).prices(problem, base: base).isEmpty)
    }
}
