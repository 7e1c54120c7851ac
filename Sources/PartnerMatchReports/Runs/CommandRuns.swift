import PartnerMatch

// The computations behind the analysis commands, from loaded inputs to the report whose JSON
// document the command prints: called by the commands themselves and by `batch` (one job a
// line), so a job's result is the single command's JSON by construction. No file, stream or
// process here; the caller reads the inputs and writes the output.

/// `optimize`: the team, its alternatives and exits, and the explanation of an infeasible scenario.
public struct TeamRun: Sendable {
    public var options = TeamOptimizer.Options()
    /// The K best teams (1: the optimum only).
    public var alternatives = 1
    public var exitAnalysis = false
    public var verbose = false

    public init() {}

    /// Solves and builds the report; `lap` names each phase as it ends (`--timings`).
    public func run(_ scored: ScoredPool, lap: (String) -> Void = { _ in }) throws -> (report: TeamReport, best: TeamSolution) {
        let problem = TeamProblem(scored: scored)
        let optimizer = TeamOptimizer(options: options)
        var search: AlternativeTeams?
        var exits: [ExitImpact] = []
        var teams: [TeamSolution]
        if alternatives > 1 {
            search = try optimizer.alternatives(problem, count: alternatives)
            teams = search?.teams ?? []
        } else {
            teams = [try optimizer.solve(problem)]
        }
        lap("solve")
        // No alternative at all means the scenario is infeasible: solve once more for the explanation.
        let best = try teams.first ?? optimizer.solve(problem)
        if teams.isEmpty { teams = [best] }
        if best.status == .infeasible {
            // Verified means typed back: each change applied to the scenario and run fresh.
            teams[0].relaxations = try TypedBackCheck(optimizer: optimizer).checked(best.relaxations, scored: scored, problem: problem)
            lap("type back suggestions")
        }
        if exitAnalysis, best.status.hasTeam {
            exits = try optimizer.exitAnalysis(problem, team: best)
            lap("exit analysis")
        }
        var report = TeamReport(scored: scored, teams: teams, search: search, exits: exits, verbose: verbose)
        if best.status == .infeasible {
            report.eligibility = try EligibilityExplainer(optimizer: optimizer).explain(scored)
            lap("explain eligibility")
        }
        return (report, best)
    }

    /// The team's robustness section (`--robustness`), with the pool's names.
    public func robustness(_ report: TeamReport, samples: Int, parallel: Bool = true) throws -> TeamRobustnessReport {
        let analysis = try TeamRobustness(report.scored, samples: samples, optimizer: TeamOptimizer(options: options), parallel: parallel)
        let names = Dictionary(analysis.selectionShare.map { ($0.id, report.scored.pool.names[$0.poolIndex]) }, uniquingKeysWith: { a, _ in a })
        return TeamRobustnessReport(robustness: analysis, names: names)
    }

    /// The rule prices section (`--rule-prices`, the report's section, a batch job's): every rule in
    /// force priced against `best`, the team of `report`.
    public func rulePrices(_ report: TeamReport, best: TeamSolution, parallel: Bool = true) throws -> RulePricesReport {
        try rulePrices(report.scored, best: best, parallel: parallel)
    }

    /// The prices of every rule in force of `scored`'s scenario against its team `best`.
    public func rulePrices(_ scored: ScoredPool, best: TeamSolution, parallel: Bool = true) throws -> RulePricesReport {
        let prices = try RulePricing(optimizer: TeamOptimizer(options: options), parallel: parallel)
            .prices(scored, problem: TeamProblem(scored: scored), base: best)
        return RulePricesReport(prices: prices, scored: scored)
    }

    /// The exit code `optimize` ends with for `status` (docs: exit codes).
    public static func exitCode(_ status: TeamStatus) -> Int32 {
        switch status {
        case .infeasible: 2
        case .timeLimitNoSolution: 3
        default: 0
        }
    }
}

/// `scenarios`: the sweep, the minimum and saturation budgets and the change points.
public struct BudgetSweepRun: Sendable {
    public var budgets: [Double]
    /// `nil`: the scenario's `what_if.tolerance`, else `defaultTolerance(budgets)`.
    public var tolerance: Double?
    /// `nil`: the scenario's `what_if.materiality`.
    public var materiality: Double?
    /// Solve the budgets on all cores (the same bytes either way).
    public var parallel = true

    public init(budgets: [Double], tolerance: Double? = nil, materiality: Double? = nil) {
        (self.budgets, self.tolerance, self.materiality) = (budgets, tolerance, materiality)
    }

    /// 0.1% of the swept range, or 1 currency unit, whichever is larger.
    public static func defaultTolerance(_ budgets: [Double]) -> Double {
        guard let first = budgets.first, let last = budgets.last else { return 1 }
        return max(1, (last - first) * 0.001)
    }

    /// The sweep and its report. `status` names the phase, `progress` counts (done, total, label).
    public func run(_ scored: ScoredPool, status: (String) -> Void = { _ in },
                    progress: (@Sendable (Int, Int, String?) -> Void)? = nil) throws -> (report: ScenariosReport, analysis: BudgetAnalysis) {
        let tolerance = self.tolerance ?? scored.scenario.whatIf.tolerance ?? Self.defaultTolerance(budgets)
        let materiality = self.materiality ?? scored.scenario.whatIf.materiality
        let analysis = BudgetAnalysis(problem: TeamProblem(scored: scored))
        status("minimum and saturation budgets…")
        let minimum = try analysis.minimumBudget()
        let saturation = try analysis.saturation()
        // One answer per budget: anchored at the scenario's own budget, where the team is optimize's.
        let anchor: Double? = scored.scenario.hasBudget ? scored.scenario.budget : nil
        let (optimal, frontier) = try analysis.sweepAndFrontier(budgets, tolerance: tolerance, materiality: materiality, minimumBudget: minimum,
                                                                anchor: anchor, parallel: parallel,
                                                                progress: { done, total in progress?(done, total, nil) },
                                                                locating: { done, total in progress?(done, total, "locating team changes") })
        let report = ScenariosReport(scored: scored, points: frontier.points, optimal: optimal, minimumBudget: minimum, saturation: saturation,
                                     breakpoints: frontier.changes, tolerance: tolerance, materiality: materiality, pruning: analysis.pruning)
        return (report, analysis)
    }
}

/// `shortlist`: the ranking, and its robustness section when asked.
public struct ShortlistRun: Sendable {
    public var method: RankingMethod = .weighted
    /// 0: every eligible vendor.
    public var top = 10
    public var showExcluded = false
    public var columns = ShortlistColumn.defaults
    /// `--robustness`, with `--samples` (`nil`: the scenario's, else 10,000).
    public var robustness = false
    public var samples: Int?
    public var parallel = true

    public init() {}

    /// The shortlist's JSON document, as `shortlist --format json` prints it.
    public func json(_ scored: ScoredPool) -> [UInt8] {
        let shortlist = Shortlist(scored, method: method, limit: top == 0 ? nil : top)
        let report = ShortlistReport(shortlist: shortlist, showExcluded: showExcluded, columns: columns)
        guard robustness else { return report.jsonBytes() }
        let analysis = ShortlistRobustness(scored, top: top, samples: samples, parallel: parallel)
        return Array(report.render(.json, terminal: .plain, adding: RobustnessReport(robustness: analysis)).utf8)
    }
}
