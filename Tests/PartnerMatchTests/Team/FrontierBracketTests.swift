import Foundation
@testable import PartnerMatch
import Testing

/// The frontier's bisection decides some midpoints from the optima at the bracket's ends instead of
/// solving there (docs/WHAT-IF.md, "Midpoints decided without a solve"). These tests check every
/// change the walks report against fresh, independent solves at its two budgets: the decisions must
/// be the ones an optimal solve at each budget gives.
@Suite("Frontier changes decided by bracket bounds agree with fresh solves")
struct FrontierBracketTests {
    static let materiality = 0.001
    static let tolerance = 1.0

    static func material(_ value: Double?, best: Double?) -> Bool {
        guard let value, let best else { return false }
        return value >= (1 - materiality) * best - TeamOptimizer.optimalityTolerance(best)
    }

    /// The settled value of the team of `ids` at `budget` (`nil`: it cannot meet the rules within it).
    static func value(of ids: [String], in problem: TeamProblem, at budget: Double) throws -> Double? {
        var p = problem
        p.requirements.budget = budget
        let selection = Set(p.candidates.indices.filter { ids.contains(p.candidates[$0].id) })
        #expect(selection.count == ids.count)
        return try TeamOptimizer().evaluate(selection, of: p)?.objective
    }

    static func optimum(_ problem: TeamProblem, at budget: Double) throws -> Double? {
        var p = problem
        p.requirements.budget = budget
        let team = try TeamOptimizer().solve(p)
        return team.status.hasTeam ? team.objective : nil
    }

    @Test("Changes below and above the scenario's budget: material at the change, not just before it",
          arguments: [UInt64(31_000), 31_090])
    func changesAgreeWithFreshSolves(from: UInt64) throws {
        var below = 0, above = 0
        for seed in from..<(from + 90) {
            let (csv, toml) = TypedBackPropertyTests.make(seed: seed)
            guard let scored = try TypedBackPropertyTests.run(csv, toml) else { continue }
            let problem = TeamProblem(scored: scored)
            guard let budget = problem.requirements.budget, try TeamOptimizer().solve(problem).status.hasTeam else { continue }
            let analysis = BudgetAnalysis(problem: problem)
            // Coarse budgets on both sides of the anchor, so that intervals hold changes to locate.
            let budgets = [0.35, 0.6, 0.85, 1.1, 1.4, 2.0].map { ($0 * budget).rounded() }
            let swept = try analysis.sweep(budgets)
            let minimum = try analysis.minimumBudget()
            // Anchored at the scenario's budget: the walk goes down from it and up from it.
            let anchored = try analysis.frontier(swept, tolerance: Self.tolerance, materiality: Self.materiality,
                                                 minimumBudget: minimum, anchor: budget)
            // Not anchored: one walk upwards from the lowest feasible budget.
            let upwards = try analysis.frontier(swept, tolerance: Self.tolerance, materiality: Self.materiality, minimumBudget: minimum)
            let changes = anchored.changes.map { ($0, $0.budget <= budget) } + upwards.changes.map { ($0, false) }
            for (change, down) in changes where change.feasibleBefore {
                let where_ = "seed \(seed), change at \(change.budget) (\(down ? "down" : "up"))"
                #expect(change.budget - change.lastBefore <= Self.tolerance, "\(where_): located to the tolerance")
                #expect(change.before != change.after, "\(where_)")
                let top = try Self.optimum(problem, at: change.budget)
                let bottom = try Self.optimum(problem, at: change.lastBefore)
                if down {
                    // Going down: the team above (`after`) is material at the change and not just below it;
                    // the team below (`before`) is the optimum just below it.
                    below += 1
                    #expect(Self.material(try Self.value(of: change.after, in: problem, at: change.budget), best: top), "\(where_)")
                    #expect(!Self.material(try Self.value(of: change.after, in: problem, at: change.lastBefore), best: bottom), "\(where_)")
                    let beforeValue = try #require(try Self.value(of: change.before, in: problem, at: change.lastBefore), "\(where_)")
                    let best = try #require(bottom, "\(where_)")
                    #expect(abs(beforeValue - best) <= 1e-6 * max(1, best), "\(where_): \(beforeValue) vs \(best)")
                } else {
                    // Going up: the team below (`before`) is material just before the change and not at it;
                    // the team above (`after`) is the optimum at it.
                    above += 1
                    #expect(Self.material(try Self.value(of: change.before, in: problem, at: change.lastBefore), best: bottom), "\(where_)")
                    #expect(!Self.material(try Self.value(of: change.before, in: problem, at: change.budget), best: top), "\(where_)")
                    let afterValue = try #require(try Self.value(of: change.after, in: problem, at: change.budget), "\(where_)")
                    let best = try #require(top, "\(where_)")
                    #expect(abs(afterValue - best) <= 1e-6 * max(1, best), "\(where_): \(afterValue) vs \(best)")
                }
            }
        }
        // Both walks must have located changes, or the test proves nothing.
        print("frontier bracket seeds \(from)...: \(below) changes going down, \(above) going up")
        #expect(below >= 5, "changes found going down: \(below)")
        #expect(above >= 5, "changes found going up: \(above)")
    }

    @Test("Both walks at once, each solving its own budgets, equal the sweep then the frontier")
    func concurrentWalksEqualSequential() throws {
        var compared = 0, withChanges = 0
        for seed in UInt64(32_000)..<32_060 {
            let (csv, toml) = TypedBackPropertyTests.make(seed: seed)
            guard let scored = try TypedBackPropertyTests.run(csv, toml) else { continue }
            let problem = TeamProblem(scored: scored)
            guard let budget = problem.requirements.budget else { continue }
            let analysis = BudgetAnalysis(problem: problem)
            let minimum = try analysis.minimumBudget()
            // The anchor swept and not swept.
            for budgets in [[0.35, 0.6, 0.85, 1.1, 1.4, 2.0], [0.5, 0.75, 1.0, 1.5]].map({ $0.map { ($0 * budget).rounded() } }) {
                let anchor = budgets.contains(budget.rounded()) ? budget.rounded() : budget
                let optimal = try analysis.sweep(budgets, parallel: false)
                let expected = try analysis.frontier(optimal, tolerance: Self.tolerance, materiality: Self.materiality,
                                                     minimumBudget: minimum, anchor: anchor)
                let both = try analysis.sweepAndFrontier(budgets, tolerance: Self.tolerance, materiality: Self.materiality,
                                                         minimumBudget: minimum, anchor: anchor)
                #expect(both.optimal.map(\.budget) == budgets, "seed \(seed)")
                #expect(both.optimal.map(\.vendorSet) == optimal.map(\.vendorSet), "seed \(seed)")
                #expect(both.optimal.map(\.team.objective) == optimal.map(\.team.objective), "seed \(seed)")
                #expect(both.frontier.points.map(\.budget) == expected.points.map(\.budget), "seed \(seed)")
                #expect(both.frontier.points.map(\.vendorSet) == expected.points.map(\.vendorSet), "seed \(seed)")
                #expect(both.frontier.points.map(\.team.objective) == expected.points.map(\.team.objective), "seed \(seed)")
                #expect(both.frontier.points.map { $0.team.members.map(\.fte) } == expected.points.map { $0.team.members.map(\.fte) }, "seed \(seed)")
                #expect(both.frontier.changes == expected.changes, "seed \(seed)")
                compared += 1
                if !expected.changes.isEmpty { withChanges += 1 }
            }
        }
        #expect(compared > 40 && withChanges > 15, "compared \(compared), with changes \(withChanges)")
    }
}
