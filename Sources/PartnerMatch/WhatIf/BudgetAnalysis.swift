import Dispatch
import Foundation

/// What-if budget analysis over one team problem (docs/MODEL.md, "What-if budget scenarios"): the
/// team at each budget, the minimum feasible budget, the saturation budget, and the budgets at
/// which the selected vendor set changes. The problem's own budget is ignored.
public struct BudgetAnalysis: Sendable {
    public let problem: TeamProblem
    public let optimizer: TeamOptimizer

    /// Candidates before and after dominance pruning (done once: dominance does not depend on the budget).
    public let pruning: PruningReport

    /// The whole candidate set's model, built once, from which reduced-cost fixing prices the
    /// candidates at every budget (`nil` when the pool is too small for fixing to run).
    let pricing: TeamModel?

    public init(problem: TeamProblem, optimizer: TeamOptimizer = TeamOptimizer()) {
        (self.problem, pruning) = optimizer.pruned(problem)
        var quiet = optimizer
        quiet.options.explainInfeasibility = false
        quiet.options.pruning = false
        // Sweeps and bisections need the teams only, not the price of more budget at each point.
        quiet.options.priceBudget = false
        self.optimizer = quiet
        if let threshold = quiet.options.reducedCostFixingAbove, self.problem.candidates.count > threshold {
            var withBudget = self.problem
            withBudget.requirements.budget = 1   // the budget row's coefficients; each solve has its own budget
            pricing = TeamModel(withBudget)
        } else {
            pricing = nil
        }
    }

    /// The team at one budget.
    public struct Point: Sendable {
        public var budget: Double
        public var team: TeamSolution
        public var status: TeamStatus { team.status }
        public var vendorSet: [String] { team.vendorSet }
    }

    /// A budget at which the reported team changes (docs/WHAT-IF.md, "The frontier"): below
    /// `budget` the team is `before` (none when `feasibleBefore` is false), from `budget` on it is
    /// `after`, located by bisection to the tolerance.
    public struct Breakpoint: Sendable, Hashable {
        /// The lowest budget seen at which `before` is no longer materially optimal.
        public var budget: Double
        /// The last budget seen at which `before` still was (within the tolerance of `budget`).
        public var lastBefore: Double
        public var before: [String]
        public var after: [String]
        /// Whether a feasible team exists below the breakpoint.
        public var feasibleBefore: Bool
        /// `U*(budget) − U_before(budget)`: the utility·FTE the change gains there (`nil` when no
        /// team existed before).
        public var utilityGain: Double?
    }

    /// The frontier a buyer can read: the team reported at each swept budget, and its changes.
    public struct Frontier: Sendable {
        /// The reported team at each swept budget: the kept team while it is materially optimal.
        public var points: [Point]
        public var changes: [Breakpoint]
        /// `ε`: a team is kept while its utility is at least `(1 − ε)` of the optimum.
        public var materiality: Double
        public var tolerance: Double
    }

    /// The least budget for which any team satisfies every other rule: `min Σ c_v X_v`, rounded
    /// up to the cent (`Money`: a budget equal to it has a team; `nil` when no budget is enough).
    public func minimumBudget() throws(TeamOptimizationError) -> Double? {
        let team = try optimizer.solve(budgetFree, objective: .minimizeCost(utilityFloor: nil), pricing: nil)
        return team.status.hasTeam ? team.totalCost.map(Money.roundedUpToCent) : nil
    }

    /// The cheapest cost at which utility reaches its unbudgeted optimum, with that optimum
    /// (`nil` when no team exists at any budget). Beyond it more money buys nothing.
    public func saturation() throws(TeamOptimizationError) -> (budget: Double, objective: Double)? {
        let best = try optimizer.solve(budgetFree, objective: .maximizeUtility, pricing: nil)
        guard best.status.hasTeam, let objective = best.objective else { return nil }
        // Keep the utility at its optimum up to a relative 1e-9 (solver tolerance), then minimise cost.
        let floor = objective - 1e-9 * max(1, abs(objective))
        let cheapest = try optimizer.solve(budgetFree, objective: .minimizeCost(utilityFloor: floor), pricing: nil)
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

    /// The frontier a buyer can read (docs/WHAT-IF.md, "The frontier"): the swept `points` (the
    /// optimal team at each budget) walked so that the current team is kept while it stays
    /// materially optimal — at least `(1 − materiality)` of the optimum with its vendors fixed and
    /// their FTE re-optimised (with the cost objective: at most `(1 + materiality)` of the cheapest
    /// cost). Where it stops being so, the change is located by bisection to `tolerance` and the
    /// optimal team there is taken up. The first team appears at `minimumBudget` (exact) when that
    /// lies in the swept range. `progress` is called after each interval.
    ///
    /// One answer per budget (docs/MODEL.md, v3): when `anchor` (the scenario's own budget) lies
    /// within the swept range, the walk starts there from the optimal team at `anchor` — the team
    /// `optimize` reports — and keeps materially optimal teams outwards: upwards for larger budgets,
    /// downwards for smaller ones, where a kept team must also stay within budget. Otherwise it
    /// walks upwards from the optimum at the lowest feasible swept budget.
    ///
    /// Guaranteed: at every swept budget the reported team is materially optimal; inside each
    /// interval the reported changes lead from the team at one end to the team at the other; no
    /// change is reported while the kept team is materially optimal at the budgets seen. A stretch
    /// inside an interval where the kept team dips below materiality and recovers, with no budget
    /// evaluated in it, is not seen (sweep more finely to see it).
    public func frontier(_ points: [Point], tolerance: Double, materiality: Double, minimumBudget: Double?, anchor: Double? = nil,
                         progress: (@Sendable (Int, Int) -> Void)? = nil) throws(TeamOptimizationError) -> Frontier {
        guard let anchor, let first = points.first?.budget, let last = points.last?.budget, anchor >= first, anchor <= last else {
            return try walkUp(PointSource(points), kept: nil, tolerance: tolerance, materiality: materiality, minimumBudget: minimumBudget,
                              progress: progress, done: 0, total: points.count)
        }
        let anchorTeam = try solve(at: anchor)
        let swept = points.contains { $0.budget == anchor }
        let below = points.filter { $0.budget < anchor }
        let above = points.filter { $0.budget > anchor }
        guard anchorTeam.status.hasTeam else {
            // No team at the scenario's budget: nothing below has one either; walk up as before.
            return try walkUp(PointSource(points), kept: nil, tolerance: tolerance, materiality: materiality, minimumBudget: minimumBudget,
                              progress: progress, done: 0, total: points.count)
        }
        let down = try walkDown(PointSource(below), from: Point(budget: anchor, team: anchorTeam), tolerance: tolerance, materiality: materiality,
                                minimumBudget: minimumBudget)
        progress?(below.count, points.count)
        var up = try walkUp(PointSource([Point(budget: anchor, team: anchorTeam)] + above), kept: anchorTeam, tolerance: tolerance,
                            materiality: materiality, minimumBudget: minimumBudget, progress: progress, done: below.count,
                            total: points.count)
        if !swept { up.points.removeFirst() }
        return Frontier(points: down.points + up.points, changes: down.changes + up.changes, materiality: materiality, tolerance: tolerance)
    }

    /// The upward walk over `points` (ascending), starting with `kept` when given (it is the team
    /// at the first point) or else from the first feasible point's optimum.
    func walkUp(_ points: PointSource, kept initial: TeamSolution?, tolerance: Double, materiality: Double, minimumBudget: Double?,
                        progress: (@Sendable (Int, Int) -> Void)?, done: Int, total: Int) throws(TeamOptimizationError) -> Frontier {
        var reported: [Point] = []
        var changes: [Breakpoint] = []
        var kept: TeamSolution? = initial
        var previous: Double?
        var previousPoint: Point?
        for k in 0..<points.count {
            let point = try points.read(k)
            defer {
                previousPoint = point
                progress?(done + k + 1, total)
            }
            guard point.team.status.hasTeam, let best = goal(point.team) else {
                reported.append(point)
                previous = point.budget
                continue
            }
            var from = previous ?? point.budget
            var fromOptimum: Double? = previousPoint.flatMap { $0.team.status.hasTeam ? goal($0.team) : nil }
            if kept == nil {
                if let low = previous {
                    // The first team, after infeasible budgets: it appears at the exact minimum budget.
                    let start = minimumBudget.flatMap { m in m > low && m <= point.budget ? m : nil } ?? point.budget
                    let first = start == point.budget ? point.team : try solve(at: start)
                    guard first.status.hasTeam else { reported.append(point); previous = point.budget; continue }
                    changes.append(Breakpoint(budget: start, lastBefore: low, before: [], after: first.vendorSet,
                                              feasibleBefore: false, utilityGain: nil))
                    kept = first
                    from = start
                    fromOptimum = goal(first)
                } else {
                    kept = point.team   // the sweep starts with a team: no change to report
                }
            }
            // Follow the kept team up to this budget, changing it where it stops being material.
            var fromBest = fromOptimum ?? worstGoal
            var atHigh = try value(of: kept!, at: point.budget)
            var changesHere = 0
            while !material(atHigh.flatMap(goal), best: best, materiality) {
                guard changesHere < BudgetAnalysis.maximumChangesPerInterval else { break }
                // kept is material at `from`, not at this budget.
                let (low, high, newTeam) = try locateChange(of: kept!, held: from, heldBest: fromBest, lost: point.budget, lostBest: best,
                                                            lostTeam: point.team, tolerance: tolerance, materiality: materiality)
                let keptAtHigh = try value(of: kept!, at: high)
                changes.append(Breakpoint(
                    budget: high, lastBefore: low, before: kept!.vendorSet, after: newTeam.vendorSet, feasibleBefore: true,
                    utilityGain: (newTeam.objective ?? 0) - (keptAtHigh?.objective ?? 0)))
                kept = newTeam
                from = high
                fromBest = goal(newTeam) ?? fromBest
                changesHere += 1
                atHigh = high == point.budget ? newTeam : try value(of: newTeam, at: point.budget)
            }
            var shown = point
            if let atHigh { shown.team = atHigh }
            reported.append(shown)
            previous = point.budget
        }
        return Frontier(points: reported, changes: changes, materiality: materiality, tolerance: tolerance)
    }

    /// The downward walk from `start` (the optimal team at the anchor) over `points` (ascending,
    /// all below it): the kept team stays while it is within budget and materially optimal; where
    /// it stops, the change is located by bisection (kept at the bracket's top, the optimal team
    /// below); below the minimum budget no team exists, and the team there forms at it.
    func walkDown(_ points: PointSource, from start: Point, tolerance: Double, materiality: Double,
                  minimumBudget: Double?, progress: (@Sendable () -> Void)? = nil) throws(TeamOptimizationError) -> Frontier {
        var reported: [Point] = []
        var changes: [Breakpoint] = []   // found top down
        var kept = start.team
        var high = start.budget          // kept is the reported team here
        var highBest = goal(start.team) ?? worstGoal   // the optimum at high
        var formed = false
        for k in stride(from: points.count - 1, through: 0, by: -1) {
            let point = try points.read(k)
            defer { progress?() }
            guard !formed else { reported.append(point); continue }
            var low = point.budget
            var lowOptimal = point.team
            if !lowOptimal.status.hasTeam {
                // The first team forms at the exact minimum budget, between this budget and `high`.
                guard let m = minimumBudget, m > low, m <= high else { reported.append(point); formed = true; continue }
                low = m
                lowOptimal = try solve(at: m)
                guard lowOptimal.status.hasTeam else { reported.append(point); formed = true; continue }
            }
            let lowBest = goal(lowOptimal) ?? worstGoal
            var changesHere = 0
            while changesHere < BudgetAnalysis.maximumChangesPerInterval {
                let keptAtLow = try value(of: kept, at: low).flatMap(goal)
                if material(keptAtLow, best: lowBest, materiality) { break }
                // kept is material at `high`, not at `low`.
                let (top, bottom, newTeam) = try locateChange(of: kept, held: high, heldBest: highBest, lost: low, lostBest: lowBest,
                                                              lostTeam: lowOptimal, tolerance: tolerance, materiality: materiality)
                guard newTeam.status.hasTeam, newTeam.vendorSet != kept.vendorSet else { break }
                let keptAtTop = try value(of: kept, at: top)
                let newAtTop = try value(of: newTeam, at: top)
                changes.append(Breakpoint(budget: top, lastBefore: bottom, before: newTeam.vendorSet, after: kept.vendorSet,
                                          feasibleBefore: true, utilityGain: (keptAtTop?.objective ?? 0) - (newAtTop?.objective ?? 0)))
                kept = newTeam
                high = bottom
                highBest = goal(newTeam) ?? worstGoal
                changesHere += 1
            }
            if low != point.budget {
                // Below the minimum budget: the team forms at it.
                changes.append(Breakpoint(budget: low, lastBefore: point.budget, before: [], after: kept.vendorSet,
                                          feasibleBefore: false, utilityGain: nil))
                reported.append(point)
                formed = true
                continue
            }
            var shown = point
            if let atLow = try value(of: kept, at: low) { shown.team = atLow }
            reported.append(shown)
            high = low
            highBest = lowBest
        }
        return Frontier(points: reported.reversed(), changes: changes.reversed(), materiality: materiality, tolerance: tolerance)
    }

    /// One change located by bisection, for either walk: `kept` is materially optimal at `held` and
    /// not at `lost` (either may be the larger budget), whose optima are `heldBest` and `lostBest`;
    /// `lostTeam` is the optimal team at `lost` when known. Returns the two budgets, within the
    /// tolerance, and the optimal team at the last `lost`.
    ///
    /// The optimum never worsens as the budget grows, so at a midpoint it lies between the optima
    /// known at the bracket's ends (docs/WHAT-IF.md, "Midpoints decided without a solve"): a kept
    /// value material against the larger budget's optimum is material at the midpoint, one not
    /// material against the smaller budget's is not — the decisions an optimal solve there would
    /// give, so only the midpoints these bounds leave open are solved. The bounds are updated from
    /// solved optima only, and the optimal team found at `lost` is kept rather than solved again.
    private func locateChange(of kept: TeamSolution, held: Double, heldBest: Double, lost: Double, lostBest: Double,
                              lostTeam: TeamSolution?, tolerance: Double,
                              materiality: Double) throws(TeamOptimizationError) -> (held: Double, lost: Double, team: TeamSolution) {
        var (held, heldBest, lost, lostBest, lostTeam) = (held, heldBest, lost, lostBest, lostTeam)
        var halvings = 0
        while abs(lost - held) > tolerance, halvings < BudgetAnalysis.maximumHalvings {
            let (low, high) = (min(held, lost), max(held, lost))
            let middle = low + (high - low) / 2
            guard middle > low, middle < high else { break }   // floating-point resolution
            halvings += 1
            let (lowBest, highBest) = held < lost ? (heldBest, lostBest) : (lostBest, heldBest)
            let keptThere = try value(of: kept, at: middle).flatMap(goal)
            if material(keptThere, best: highBest, materiality) {
                held = middle
            } else if !material(keptThere, best: lowBest, materiality) {
                lost = middle
                lostTeam = nil
            } else {
                let optimal = try solve(at: middle)
                let optimum = goal(optimal) ?? worstGoal
                if optimal.status.hasTeam, material(keptThere, best: optimum, materiality) {
                    held = middle
                    heldBest = optimum
                } else {
                    lost = middle
                    lostBest = optimum
                    lostTeam = optimal
                }
            }
        }
        if let lostTeam { return (held, lost, lostTeam) }
        return (held, lost, try solve(at: lost))
    }

    /// Bisection steps per change at most (a tolerance below the floating-point resolution of the
    /// budgets stops earlier, where the midpoint no longer moves).
    static let maximumHalvings = 200
    /// Changes located per swept interval at most.
    static let maximumChangesPerInterval = 1_000

    /// Whether the problem's own objective is the cost (`min_mean_utility` set): the sweep then
    /// reports the cheapest team reaching the floor at each budget, and keeps teams by cost.
    public var sweepsCost: Bool { problem.requirements.minMeanUtility != nil }

    /// What the sweep optimises for a team: its utility, or its cost with the cost objective.
    private func goal(_ team: TeamSolution) -> Double? { sweepsCost ? team.totalCost : team.objective }

    /// A goal value no team is worse than (a bound that decides nothing).
    private var worstGoal: Double { sweepsCost ? .infinity : 0 }

    /// Whether a team's goal `value` is within the materiality share of the optimum `best`.
    private func material(_ value: Double?, best: Double, _ materiality: Double) -> Bool {
        guard let value else { return false }
        if sweepsCost {
            guard best.isFinite else { return true }
            return value <= (1 + materiality) * best + TeamOptimizer.optimalityTolerance(best)
        }
        return value >= (1 - materiality) * best - TeamOptimizer.optimalityTolerance(best)
    }

    /// The team `team`'s vendors with the budget `budget`: their FTE re-optimised for the sweep's
    /// objective (`nil`: they cannot meet the rules within it).
    public func value(of team: TeamSolution, at budget: Double) throws(TeamOptimizationError) -> TeamSolution? {
        var p = problem
        p.requirements.budget = budget
        return try optimizer.evaluate(team.selection, of: p, objective: p.requirements.objective)
    }

    /// The optimal team at `budget` for the problem's own objective (the best utility, or the
    /// cheapest team reaching `min_mean_utility`): the team `optimize` reports at that budget.
    public func solve(at budget: Double) throws(TeamOptimizationError) -> TeamSolution {
        var p = problem
        p.requirements.budget = budget
        return try optimizer.solve(p, objective: p.requirements.objective, pricing: pricing)
    }

    /// Identity of a point for change detection: its vendor set, or none when there is no team.
    private func key(_ team: TeamSolution) -> [String]? { team.status.hasTeam ? team.vendorSet : nil }

    private var budgetFree: TeamProblem {
        var p = problem
        p.requirements.budget = nil
        return p
    }
}
