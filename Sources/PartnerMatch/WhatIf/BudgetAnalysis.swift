import Dispatch
import Foundation

/// What-if budget analysis over one team problem (MODEL.md, "What-if budget scenarios"): the
/// team at each budget, the minimum feasible budget, the saturation budget, and the budgets at
/// which the selected vendor set changes. The problem's own budget is ignored.
public struct BudgetAnalysis: Sendable {
    public let problem: TeamProblem
    public let optimizer: TeamOptimizer

    /// Candidates before and after dominance pruning (done once: dominance does not depend on the budget).
    public let pruning: PruningReport

    public init(problem: TeamProblem, optimizer: TeamOptimizer = TeamOptimizer()) {
        (self.problem, pruning) = optimizer.pruned(problem)
        var quiet = optimizer
        quiet.options.explainInfeasibility = false
        quiet.options.pruning = false
        // Sweeps and bisections need the teams only, not the price of more budget at each point.
        quiet.options.priceBudget = false
        self.optimizer = quiet
    }

    /// The team at one budget.
    public struct Point: Sendable {
        public var budget: Double
        public var team: TeamSolution
        public var status: TeamStatus { team.status }
        public var vendorSet: [String] { team.vendorSet }
    }

    /// A budget at which the vendor set changes: below `budget − tolerance` the team is `before`,
    /// from `budget` on it is `after` (located by bisection to `tolerance`).
    public struct Breakpoint: Sendable, Hashable {
        public var budget: Double
        /// The last budget seen with the old set (within `tolerance` of `budget`).
        public var lastBefore: Double
        public var before: [String]
        public var after: [String]
        /// Whether a feasible team exists below the breakpoint.
        public var feasibleBefore: Bool
    }

    /// The least budget for which any team satisfies every other rule: `min Σ c_v X_v`
    /// (`nil` when no budget is enough).
    public func minimumBudget() throws(TeamOptimizationError) -> Double? {
        let team = try optimizer.solve(TeamModel(budgetFree, objective: .minimizeCost(utilityFloor: nil)))
        return team.status.hasTeam ? team.totalCost : nil
    }

    /// The cheapest cost at which utility reaches its unbudgeted optimum, with that optimum
    /// (`nil` when no team exists at any budget). Beyond it more money buys nothing.
    public func saturation() throws(TeamOptimizationError) -> (budget: Double, objective: Double)? {
        let best = try optimizer.solve(TeamModel(budgetFree))
        guard best.status.hasTeam, let objective = best.objective else { return nil }
        // Keep the utility at its optimum up to a relative 1e-9 (solver tolerance), then minimise cost.
        let floor = objective - 1e-9 * max(1, abs(objective))
        let cheapest = try optimizer.solve(TeamModel(budgetFree, objective: .minimizeCost(utilityFloor: floor)))
        return (cheapest.totalCost ?? best.totalCost ?? 0, objective)
    }

    /// The team at each budget. Solves run on all cores (GLPK keeps its state per thread, and each
    /// solve is created, run and freed on one thread); results are in `budgets` order whatever the
    /// scheduling, so the output equals a sequential run's.
    public func sweep(_ budgets: [Double], parallel: Bool = true,
                      progress: (@Sendable (Int, Int) -> Void)? = nil) throws(TeamOptimizationError) -> [Point] {
        try parallelMap(count: budgets.count, parallel: parallel, progress: progress) { [self] k throws(TeamOptimizationError) in
            Point(budget: budgets[k], team: try solve(at: budgets[k]))
        }
    }

    /// The breakpoints between consecutive points whose vendor sets differ, each located by
    /// bisection to `tolerance` (several changes inside one interval are all found). Intervals are
    /// bisected independently, on all cores when `parallel`; the list is in budget order either way.
    public func breakpoints(_ points: [Point], tolerance: Double, parallel: Bool = false) throws(TeamOptimizationError) -> [Breakpoint] {
        let intervals = Array(zip(points, points.dropFirst())).filter { key($0.0.team) != key($0.1.team) }
        return try parallelMap(count: intervals.count, parallel: parallel) { [self] k throws(TeamOptimizationError) in
            var found: [Breakpoint] = []
            let (low, high) = intervals[k]
            try bisect(low: (low.budget, low.team), high: (high.budget, high.team), tolerance: tolerance, into: &found)
            return found
        }.flatMap { $0 }
    }

    private func bisect(low: (Double, TeamSolution), high: (Double, TeamSolution), tolerance: Double,
                        into found: inout [Breakpoint]) throws(TeamOptimizationError) {
        if high.0 - low.0 <= tolerance {
            found.append(Breakpoint(budget: high.0, lastBefore: low.0, before: low.1.vendorSet, after: high.1.vendorSet,
                                    feasibleBefore: low.1.status.hasTeam))
            return
        }
        let middle = (low.0 + high.0) / 2
        let team = try solve(at: middle)
        if key(team) == key(low.1) {
            try bisect(low: (middle, team), high: high, tolerance: tolerance, into: &found)
        } else if key(team) == key(high.1) {
            try bisect(low: low, high: (middle, team), tolerance: tolerance, into: &found)
        } else {
            try bisect(low: low, high: (middle, team), tolerance: tolerance, into: &found)
            try bisect(low: (middle, team), high: high, tolerance: tolerance, into: &found)
        }
    }

    /// The team at `budget`.
    public func solve(at budget: Double) throws(TeamOptimizationError) -> TeamSolution {
        var p = problem
        p.requirements.budget = budget
        return try optimizer.solve(p)
    }

    /// Identity of a point for change detection: its vendor set, or none when there is no team.
    private func key(_ team: TeamSolution) -> [String]? { team.status.hasTeam ? team.vendorSet : nil }

    private var budgetFree: TeamProblem {
        var p = problem
        p.requirements.budget = nil
        return p
    }
}
