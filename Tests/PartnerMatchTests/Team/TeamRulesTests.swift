import Foundation
@testable import PartnerMatch
import Testing

/// The rules a buyer sets (docs/TEAM-MODEL.md, "Rules as values"): pins, country limits, onboarding
/// costs, per-skill rates and the cheapest good-enough team, each checked against an independent
/// brute force over vendor subsets, with pruning on and off, in alternatives, exit analysis and
/// infeasibility explanations.
@Suite("Rules a buyer sets")
struct TeamRulesTests {
    static func close(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case let (x?, y?): abs(x - y) <= 1e-6 * max(1, abs(y))
        default: false
        }
    }

    /// The value a solution stands for: its utility, or its cost under `min_mean_utility`.
    static func value(_ team: TeamSolution, _ problem: TeamProblem) -> Double? {
        guard team.status.hasTeam else { return nil }
        return problem.requirements.minMeanUtility == nil ? team.objective : team.totalCost
    }

    @Test("The optimum equals the best over all vendor subsets, with pruning on and off, every rule combined",
          arguments: [UInt64(0), 200])
    func combinedAgainstBruteForce(from: UInt64) throws {
        var feasible = 0, infeasible = 0
        for seed in from..<(from + 120) {
            let (problem, rules) = RandomRuleProblems.make(seed: seed)
            let expected = try BruteForceRules.optimum(problem, rules)
            for pruning in [true, false] {
                var optimizer = TeamOptimizer()
                optimizer.options.pruning = pruning
                optimizer.options.explainInfeasibility = false
                let team = try optimizer.solve(problem)
                #expect(Self.close(Self.value(team, problem), expected), "seed \(seed) pruning \(pruning): \(String(describing: Self.value(team, problem))) vs \(String(describing: expected))")
                if team.status.hasTeam { #expect(BruteForceRules.check(team, problem, rules).isEmpty, "seed \(seed): \(BruteForceRules.check(team, problem, rules))") }
            }
            if expected == nil { infeasible += 1 } else { feasible += 1 }
        }
        #expect(feasible >= 30 && infeasible >= 10, "feasible \(feasible), infeasible \(infeasible): the sample must exercise both")
    }

    @Test("Each rule alone against brute force", arguments: ["onboarding", "rates", "pins", "countryShare", "minCountries", "cost"])
    func eachRuleAlone(rule: String) throws {
        var solved = 0
        for seed in UInt64(1000)..<1060 {
            let (problem, rules) = RandomRuleProblems.make(seed: seed, only: rule)
            let expected = try BruteForceRules.optimum(problem, rules)
            var optimizer = TeamOptimizer()
            optimizer.options.explainInfeasibility = false
            let team = try optimizer.solve(problem)
            #expect(Self.close(Self.value(team, problem), expected), "\(rule) seed \(seed)")
            if team.status.hasTeam { #expect(BruteForceRules.check(team, problem, rules).isEmpty, "\(rule) seed \(seed): \(BruteForceRules.check(team, problem, rules))") }
            if expected != nil { solved += 1 }
        }
        #expect(solved >= 15, "\(rule): only \(solved) feasible cases")
    }

    @Test("Reduced-cost fixing forced on keeps the optimum with onboarding and per-skill costs")
    func fixingWithOnboardingAndRates() throws {
        for seed in UInt64(3000)..<3080 {
            let (problem, rules) = RandomRuleProblems.make(seed: seed, only: seed % 2 == 0 ? "onboarding" : "rates")
            var optimizer = TeamOptimizer()
            optimizer.options.reducedCostFixingAbove = 0
            optimizer.options.relaxationStartPerSkill = 1
            optimizer.options.explainInfeasibility = false
            let team = try optimizer.solve(problem)
            #expect(Self.close(Self.value(team, problem), try BruteForceRules.optimum(problem, rules)), "seed \(seed)")
        }
    }

    @Test("Alternatives: the first is the optimum, each team keeps every rule, values never improve")
    func alternatives() throws {
        for seed in UInt64(4000)..<4060 {
            let (problem, rules) = RandomRuleProblems.make(seed: seed)
            guard let best = try BruteForceRules.optimum(problem, rules) else { continue }
            let search = try TeamOptimizer().alternatives(problem, count: 3)
            #expect(Self.close(search.teams.first.flatMap { Self.value($0, problem) }, best), "seed \(seed)")
            let values = search.teams.compactMap { Self.value($0, problem) }
            let cost = problem.requirements.minMeanUtility != nil
            for (a, b) in zip(values, values.dropFirst()) {
                #expect(cost ? b >= a - 1e-6 * max(1, a) : b <= a + 1e-6 * max(1, a), "seed \(seed): \(values)")
            }
            let subsetValues = try BruteForceRules.teams(problem, rules).map(\.value)
            for team in search.teams {
                #expect(BruteForceRules.check(team, problem, rules).isEmpty, "seed \(seed)")
                // Each alternative's value is the best of some admissible vendor subset.
                #expect(subsetValues.contains { Self.close(Self.value(team, problem), $0) }, "seed \(seed)")
            }
        }
    }

    @Test("Exit analysis: each replacement is the brute-force best without the leaver, its pin lifted")
    func exitAnalysis() throws {
        var pinnedLeavers = 0
        for seed in UInt64(5000)..<5080 {
            let (problem, rules) = RandomRuleProblems.make(seed: seed)
            let optimizer = TeamOptimizer()
            let team = try optimizer.solve(problem)
            guard team.status.hasTeam else { continue }
            for impact in try optimizer.exitAnalysis(problem, team: team) {
                let member = team.members.first { $0.id == impact.memberID }!
                let without = problem.afterExit(of: member)
                var lifted = rules
                lifted.pins.removeAll { $0 == member.id }
                if rules.pins.contains(member.id) { pinnedLeavers += 1 }
                #expect(!without.candidates.contains { $0.id == member.id })
                #expect(Self.close(Self.value(impact.replacement, without), try BruteForceRules.optimum(without, lifted)), "seed \(seed) leaver \(member.id)")
            }
        }
        #expect(pinnedLeavers > 0, "no pinned vendor ever left: the lifted pin is untested")
    }

    @Test("A pinned vendor is never pruned, and vendors are pruned only by dominators of their own country")
    func pruningRespectsRules() throws {
        for seed in UInt64(6000)..<6040 {
            var problem = RandomTeamProblems.make(seed: seed, vendors: 40)
            var rng = TestRandom(seed: seed)
            for v in problem.candidates.indices {
                problem.candidates[v].country = RandomRuleProblems.countries[Int.random(in: 0...2, using: &rng)]
                problem.candidates[v].onboardingCost = Double(Int.random(in: 0...2, using: &rng)) * 1_000
            }
            // The weakest vendor by utility: a pin must keep it anyway.
            let weakest = problem.candidates.min { $0.utility < $1.utility }!.id
            problem.requirements.constraints.set(PinnedVendors(ids: [weakest]))
            problem.requirements.constraints.set(MinCountries(count: 2))
            let threshold = 2
            let kept = DominancePruning.survivors(problem, threshold: threshold)
            #expect(kept.contains { problem.candidates[$0].id == weakest }, "seed \(seed)")
            #expect(kept == DominancePruning.survivorsByAllPairs(problem, threshold: threshold), "seed \(seed)")
            // Every removed vendor has `threshold` dominators of its own country, at no higher onboarding cost.
            let c = problem.candidates
            for v in c.indices where !kept.contains(v) {
                let dominators = c.indices.filter { w in
                    w != v && c[w].country == c[v].country && c[w].utility >= c[v].utility && c[w].costPerFTE <= c[v].costPerFTE
                        && c[w].onboardingCost <= c[v].onboardingCost && c[w].capacityFTE >= c[v].capacityFTE
                        && c[w].maxFTE >= c[v].maxFTE && c[w].overlapHours >= c[v].overlapHours
                        && c[w].minimumFTE <= c[v].minimumFTE && Set(c[v].skills).isSubset(of: c[w].skills)
                }
                #expect(dominators.count >= threshold, "seed \(seed): \(c[v].id) removed with \(dominators.count) same-country dominators")
            }
        }
    }

    @Test("Infeasible scenarios with these rules: each suggestion works, one step less does not, typed back as printed")
    func explanations() throws {
        var explained = 0, ruleChanges = 0
        for seed in UInt64(7000)..<7250 {
            let (problem, rules) = RandomRuleProblems.make(seed: seed)
            guard rules.pins.count + rules.countryShare.count + (rules.maxCountryShare < 1 ? 1 : 0) + (rules.minCountries > 1 ? 1 : 0) > 0
                    || problem.requirements.minMeanUtility != nil else { continue }
            let team = try TeamOptimizer().solve(problem)
            guard team.status == .infeasible else { continue }
            #expect(try BruteForceRules.optimum(problem) == nil, "seed \(seed): brute force finds a team")
            explained += 1
            #expect(!team.relaxations.isEmpty || team.relaxationsExhausted, "seed \(seed)")
            for group in Dictionary(grouping: team.relaxations, by: \.group).values {
                var relaxed = problem
                for change in group { InfeasibilityExplanationTests.apply(change, to: &relaxed) }
                #expect(try BruteForceRules.optimum(relaxed) != nil, "seed \(seed): \(group.map(\.message)) does not work")
                for change in group where [TeamRule.pinnedVendors, .countryShare, .minCountries, .utilityFloor].contains(change.rule) {
                    ruleChanges += 1
                    guard let less = InfeasibilityExplanationTests.oneStepLess(change, problem) else { continue }
                    var tighter = problem
                    for other in group where other != change { InfeasibilityExplanationTests.apply(other, to: &tighter) }
                    InfeasibilityExplanationTests.apply(change, needed: less, to: &tighter)
                    #expect(try BruteForceRules.optimum(tighter) == nil, "seed \(seed): \(change.message) is one step more than needed")
                }
            }
        }
        #expect(explained >= 20 && ruleChanges >= 10, "explained \(explained), rule changes \(ruleChanges)")
    }
}
