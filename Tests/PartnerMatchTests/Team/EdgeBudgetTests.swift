import Foundation
@testable import PartnerMatch
import Testing

/// Decisions at the edges (issue: "Decisions exactly right at the edges"): budgets within one
/// currency unit of a team's exact price, the exact minimum and saturation budgets, alternatives and
/// exit replacements, each team checked row by row on its reported numbers and against brute force.
@Suite("Teams at the edges of the budget")
struct EdgeBudgetTests {
    private var quiet: TeamOptimizer {
        var options = TeamOptimizer.Options()
        options.explainInfeasibility = false
        return TeamOptimizer(options: options)
    }

    /// Brute-force optimum at `budget`: the best subset value among subsets whose cheapest team fits.
    private func bruteForce(_ problem: TeamProblem, budget: Double) throws -> Double? {
        var p = problem
        p.requirements.budget = budget
        return try BruteForceTeam.optimum(p)
    }

    /// The exact prices of the best few teams of a problem without its budget.
    private func prices(_ problem: TeamProblem, count: Int) throws -> [Double] {
        var free = problem
        free.requirements.budget = nil
        let teams = try BruteForceTeam.teams(free).sorted { $0.value > $1.value }
        var out: [Double] = []
        for team in teams where !out.contains(where: { abs($0 - team.cheapest) < 2 }) {
            out.append(team.cheapest)
            if out.count == count { break }
        }
        return out
    }

    @Test("A team reported at a budget within one unit of a team's price meets every row and is the brute-force optimum")
    func budgetsAtTeamPrices() throws {
        var checked = 0
        for seed in UInt64(1)...40 {
            let base = RandomTeamProblems.make(seed: seed)
            for price in try prices(base, count: 2) {
                for delta in [-1.0, -0.2, 0, 0.2, 1] {
                    var problem = base
                    problem.requirements.budget = price + delta
                    let team = try quiet.solve(problem)
                    let expected = try bruteForce(base, budget: price + delta)
                    #expect(same(team.status.hasTeam ? team.objective : nil, expected), "seed \(seed), budget \(price) + \(delta)")
                    if team.status.hasTeam {
                        #expect(team.status == .optimal)
                        #expect(ReportedTeamCheck.violations(team, problem).isEmpty,
                                "seed \(seed), budget \(price) + \(delta): \(ReportedTeamCheck.violations(team, problem))")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 200)
    }

    @Test("The minimum budget is exact: a verified team at it, none one unit below")
    func minimumBudgetIsExact() throws {
        var checked = 0
        for seed in UInt64(100)...160 {
            let problem = RandomTeamProblems.make(seed: seed)
            let analysis = BudgetAnalysis(problem: problem, optimizer: quiet)
            var free = problem
            free.requirements.budget = nil
            let expected = try BruteForceTeam.teams(free).map(\.cheapest).min()
            let minimum = try analysis.minimumBudget()
            #expect(same(minimum, expected), "seed \(seed)")
            guard let minimum else { continue }
            let at = try analysis.solve(at: minimum)
            #expect(at.status == .optimal, "seed \(seed)")
            var atProblem = problem
            atProblem.requirements.budget = minimum
            #expect(ReportedTeamCheck.violations(at, atProblem).isEmpty, "seed \(seed)")
            #expect(try analysis.solve(at: minimum - 1).status == .infeasible, "seed \(seed)")
            checked += 1
        }
        #expect(checked > 20)
    }

    @Test("At the saturation budget the utility reaches its unbudgeted optimum")
    func saturationReachesTheOptimum() throws {
        var checked = 0
        for seed in UInt64(200)...260 {
            let problem = RandomTeamProblems.make(seed: seed)
            let analysis = BudgetAnalysis(problem: problem, optimizer: quiet)
            guard let saturation = try analysis.saturation() else { continue }
            var free = problem
            free.requirements.budget = nil
            #expect(same(saturation.objective, try BruteForceTeam.optimum(free)), "seed \(seed)")
            let at = try analysis.solve(at: saturation.budget)
            #expect(same(at.objective, saturation.objective), "seed \(seed): \(at.objective ?? -1) at \(saturation.budget)")
            checked += 1
        }
        #expect(checked > 20)
    }

    @Test("Alternatives are the brute-force k best teams, each meeting every row, also at a budget just at a team's price")
    func alternativesAgainstBruteForce() throws {
        var checked = 0
        for seed in UInt64(300)...340 {
            let base = RandomTeamProblems.make(seed: seed)
            for budget in [base.requirements.budget] + (try prices(base, count: 1)).map { Optional($0 - 0.2) } {
                var problem = base
                problem.requirements.budget = budget
                let search = try quiet.alternatives(problem, count: 3)
                let expected = try BruteForceTeam.teams(problem).map(\.value).sorted(by: >)
                #expect(search.teams.count == min(3, expected.count), "seed \(seed)")
                #expect(search.exhausted == (expected.count < 3), "seed \(seed)")
                for (k, team) in search.teams.enumerated() {
                    #expect(same(team.objective, expected[k]), "seed \(seed), team \(k + 1)")
                    #expect(ReportedTeamCheck.violations(team, problem).isEmpty, "seed \(seed), team \(k + 1)")
                }
                checked += 1
            }
        }
        #expect(checked > 40)
    }

    @Test("Each exit replacement is the brute-force best team without the leaver and meets every row")
    func exitReplacementsAgainstBruteForce() throws {
        var checked = 0
        for seed in UInt64(400)...430 {
            let problem = RandomTeamProblems.make(seed: seed)
            let team = try quiet.solve(problem)
            guard team.status.hasTeam else { continue }
            for impact in try quiet.exitAnalysis(problem, team: team) {
                let without = problem.removing(Set(problem.candidates.indices.filter { problem.candidates[$0].id == impact.memberID }))
                let expected = try BruteForceTeam.optimum(without)
                #expect(same(impact.replacement.status.hasTeam ? impact.replacement.objective : nil, expected), "seed \(seed)")
                if impact.hasReplacement {
                    #expect(ReportedTeamCheck.violations(impact.replacement, without).isEmpty, "seed \(seed)")
                }
                checked += 1
            }
        }
        #expect(checked > 20)
    }

    @Test("A sweep over budgets within one unit of team prices: every optimum is brute force's, every reported team meets every row")
    func sweepAtTeamPrices() throws {
        var checked = 0
        for seed in UInt64(500)...530 {
            let base = RandomTeamProblems.make(seed: seed)
            let prices = try prices(base, count: 3)
            guard !prices.isEmpty else { continue }
            let budgets = Array(Set(prices.flatMap { p in [p - 1, p - 0.2, p, p + 0.2, p + 1] })).sorted()
            let analysis = BudgetAnalysis(problem: base, optimizer: quiet)
            let optimal = try analysis.sweep(budgets)
            let frontier = try analysis.frontier(optimal, tolerance: 0.1, materiality: 0.001, minimumBudget: try analysis.minimumBudget())
            for (k, budget) in budgets.enumerated() {
                var problem = base
                problem.requirements.budget = budget
                #expect(same(optimal[k].team.status.hasTeam ? optimal[k].team.objective : nil, try bruteForce(base, budget: budget)),
                        "seed \(seed) at \(budget)")
                for team in [optimal[k].team, frontier.points[k].team] where team.status.hasTeam {
                    #expect(ReportedTeamCheck.violations(team, problem).isEmpty, "seed \(seed) at \(budget)")
                }
                checked += 1
            }
        }
        #expect(checked > 100)
    }
}
