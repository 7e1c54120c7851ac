import Foundation
@testable import PartnerMatch
import Testing

/// docs/ARCHITECTURE.md, "How to add a rule", followed by a test: `MaxOnboardingTotal` is one file
/// of the test target, and one line registers it. The scenario reader, the model, verification,
/// binding rules, reduced-cost fixing and the infeasibility explanation then all know it.
@Suite("A rule added by the recipe")
struct RuleRecipeTests {
    static let scenario = """
        [client]
        timezone = "Europe/Warsaw"

        [demand]
        total = 4

        [horizon]
        months = 6

        [budget]
        total = 900000

        [rules]
        max_onboarding_total = 12000

        """

    @Test("Unregistered, its key is an unknown key; registered by one line, it reads, writes back and states itself")
    func readsOnlyWhenRegistered() throws {
        #expect(throws: InputError.self) { try ScenarioReader.parse(Self.scenario) }
        let scenario = try TeamConstraints.$extra.withValue([MaxOnboardingTotal.self]) { try ScenarioReader.parse(Self.scenario) }
        let rule = try #require(scenario.rules.constraints.first(MaxOnboardingTotal.self))
        #expect(rule.limit == 12_000)
        #expect(scenario.rules.constraints.entries.last?.key == "max_onboarding_total")
        #expect(scenario.rules.constraints.summaries.contains("onboarding costs of at most 12,000 in total"))
        // A wrong value is located at its key, as every built-in rule's is.
        let bad = Self.scenario.replacingOccurrences(of: "12000", with: "-1")
        do {
            _ = try TeamConstraints.$extra.withValue([MaxOnboardingTotal.self]) { try ScenarioReader.parse(bad) }
            Issue.record("a negative limit was accepted")
        } catch let error as InputError {
            #expect(error.diagnostics.first?.message.hasPrefix("rules.max_onboarding_total must be ≥ 0") == true)
            #expect(error.diagnostics.first?.location?.line == 14)
        }
    }

    @Test("Solved with pruning and reduced-cost fixing on, it gives the best team among the subsets that keep it (brute force)")
    func optimumAgreesWithBruteForce() throws {
        var checked = 0, binding = 0
        for seed in UInt64(11_000)..<11_120 {
            var (problem, rules) = RandomRuleProblems.make(seed: seed, only: "onboarding")
            let onboarding = problem.candidates.map(\.onboardingCost)
            let limit = Double(Int(onboarding.reduce(0, +) / 2_000)) * 1_000
            problem.requirements.constraints.set(MaxOnboardingTotal(limit: limit))
            rules = BruteForceRules.rules(of: problem)
            let expected = try BruteForceRules.teams(problem, rules)
                .filter { team in team.members.reduce(0.0) { $0 + onboarding[$1] } <= limit + 1e-9 }
                .map(\.value)
            let best = problem.requirements.minMeanUtility == nil ? expected.max() : expected.min()
            var optimizer = TeamOptimizer()
            optimizer.options.reducedCostFixingAbove = 0
            optimizer.options.relaxationStartPerSkill = 1
            optimizer.options.explainInfeasibility = false
            let team = try TeamConstraints.$extra.withValue([MaxOnboardingTotal.self]) { try optimizer.solve(problem) }
            #expect(TeamRulesTests.close(TeamRulesTests.value(team, problem), best), "seed \(seed)")
            guard team.status.hasTeam else { continue }
            checked += 1
            let spent = team.members.reduce(0.0) { $0 + $1.onboardingCost }
            #expect(spent <= limit + 1e-6, "seed \(seed)")
            let listed = team.binding.contains { $0.code == "max_onboarding_total" }
            #expect(listed == (abs(spent - limit) <= 1e-6 * max(1, limit)), "seed \(seed)")
            if listed { binding += 1 }
        }
        #expect(checked >= 20)
        #expect(binding >= 1)
    }

    @Test("Where it alone has no team, the explanation raises it to the least workable thousand, verified")
    func explained() throws {
        var explained = 0
        for seed in UInt64(12_000)..<12_200 where explained < 5 {
            var (problem, _) = RandomRuleProblems.make(seed: seed, only: "onboarding")
            problem.requirements.minMeanUtility = nil
            guard try BruteForceRules.optimum(problem) != nil else { continue }
            problem.requirements.constraints.set(MaxOnboardingTotal(limit: 0))
            let team = try TeamConstraints.$extra.withValue([MaxOnboardingTotal.self]) { try TeamOptimizer().solve(problem) }
            guard team.status == .infeasible else { continue }
            let change = try #require(team.relaxations.first { $0.constraint == "rules.max_onboarding_total" }, "seed \(seed)")
            // The value suggested works and one step (1,000) less does not: checked by brute force.
            func works(_ limit: Double) throws -> Bool {
                try BruteForceRules.teams(problem, BruteForceRules.rules(of: problem))
                    .contains { team in team.members.reduce(0.0) { $0 + problem.candidates[$1].onboardingCost } <= limit + 1e-9 }
            }
            #expect(try works(change.needed), "seed \(seed)")
            #expect(try !works(change.needed - 1_000), "seed \(seed)")
            explained += 1
        }
        #expect(explained >= 3)
    }
}
