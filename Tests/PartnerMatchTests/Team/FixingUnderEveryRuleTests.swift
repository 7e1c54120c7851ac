import GLPKSolver
@testable import PartnerMatch
import Testing

/// Reduced-cost fixing is no longer switched off by any rule: its pricing LP prices every rule's
/// team rows (docs/TEAM-MODEL.md, "Reduced-cost fixing"). Under pins, country shares, a minimum of
/// countries and the cheapest-team floor, the answer with fixing (and pruning) forced on equals the
/// brute force, and fixing does remove vendors under each.
@Suite("Reduced-cost fixing under every rule")
struct FixingUnderEveryRuleTests {
    static let rules = ["pins", "countryShare", "minCountries", "cost"]

    private func optimizer(fixing: Bool, pruning: Bool = true) -> TeamOptimizer {
        var options = TeamOptimizer.Options()
        options.explainInfeasibility = false
        options.pruning = pruning
        options.reducedCostFixingAbove = fixing ? 0 : nil
        options.relaxationStartPerSkill = 1
        return TeamOptimizer(options: options)
    }

    @Test("Fixing and pruning on: the optimum is the brute force's, with each buyer's rule alone and all combined",
          arguments: rules + ["all"])
    func optimumEqualsBruteForce(rule: String) throws {
        var solved = 0
        for seed in UInt64(13_000)..<13_060 {
            let (problem, rules) = RandomRuleProblems.make(seed: seed, only: rule == "all" ? nil : rule)
            let expected = try BruteForceRules.optimum(problem, rules)
            let team = try optimizer(fixing: true).solve(problem)
            #expect(TeamRulesTests.close(TeamRulesTests.value(team, problem), expected), "\(rule) seed \(seed)")
            if team.status.hasTeam {
                #expect(BruteForceRules.check(team, problem, rules).isEmpty, "\(rule) seed \(seed)")
                solved += 1
            }
        }
        #expect(solved >= 15, "\(rule): only \(solved) feasible cases")
    }

    /// `RandomTeamProblems` of 12 to 30 vendors with one buyer's rule set.
    static func larger(seed: UInt64, rule: String) -> TeamProblem {
        var problem = RandomTeamProblems.make(seed: seed, vendors: 12 + Int(seed % 19))
        var rng = TestRandom(seed: seed &+ 99)
        for v in problem.candidates.indices {
            problem.candidates[v].country = RandomRuleProblems.countries[Int.random(in: 0...2, using: &rng)]
        }
        switch rule {
        case "pins":
            problem.requirements.constraints.set(PinnedVendors(ids: [problem.candidates[Int.random(in: 0..<problem.candidates.count, using: &rng)].id]))
        case "countryShare":
            var shares = CountryShares()
            shares.maxShare = [0.4, 0.5, 0.7][Int.random(in: 0...2, using: &rng)]
            shares.maxShareSet = true
            problem.requirements.constraints.set(shares)
        case "minCountries":
            problem.requirements.constraints.set(MinCountries(count: Int.random(in: 2...3, using: &rng)))
        default:
            problem.requirements.minMeanUtility = [0.4, 0.55][Int.random(in: 0...1, using: &rng)]
        }
        return problem
    }

    @Test("On 12 to 30 vendors, fixing removes vendors under each rule, and the answer equals the one without fixing",
          arguments: rules)
    func fixingRemovesAndKeepsTheAnswer(rule: String) throws {
        var removed = 0, feasible = 0
        for seed in UInt64(14_000)..<14_080 {
            let problem = Self.larger(seed: seed, rule: rule)
            let with = try optimizer(fixing: true, pruning: false).solve(problem)
            let without = try optimizer(fixing: false, pruning: false).solve(problem)
            #expect(with.status == without.status, "\(rule) seed \(seed)")
            #expect(TeamRulesTests.close(TeamRulesTests.value(with, problem), TeamRulesTests.value(without, problem)), "\(rule) seed \(seed)")
            if with.status.hasTeam {
                feasible += 1
                #expect(problem.violations(of: with.members).isEmpty, "\(rule) seed \(seed)")
            }
            let fixed = try optimizer(fixing: true, pruning: false).reducedCostFixed(problem, objective: problem.requirements.objective)
            if fixed.candidates.count < problem.candidates.count { removed += 1 }
        }
        #expect(feasible >= 20, "\(rule): only \(feasible) feasible cases")
        #expect(removed >= 5, "\(rule): fixing removed vendors in only \(removed) cases")
    }
}
