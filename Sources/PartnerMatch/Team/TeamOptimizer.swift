import GLPKSolver
import LinearModel

/// Why a team solve could not run (not: why there is no team — that is `TeamStatus.infeasible`).
public enum TeamOptimizationError: Error, Sendable, CustomStringConvertible {
    case solver(SolverError)
    /// GLPK stopped for a reason that gives no usable answer (numerical failure, …).
    case solverGaveUp(RawSolverStatus)

    public var description: String {
        switch self {
        case .solver(let error): "\(error)"
        case .solverGaveUp(let raw): "the solver gave up: \(raw)"
        }
    }
}

/// Chooses the optimal team with GLPK (MODEL.md, "Team optimisation").
public struct TeamOptimizer: Sendable {
    public struct Options: Sendable {
        /// Wall-clock limit per MILP solve, seconds.
        public var timeLimit: Double?
        /// Relative MIP gap at which to stop (0: prove optimality).
        public var relativeGap: Double = 0
        /// When to offer a greedy feasible team to GLPK as its first incumbent.
        public var warmStart: WarmStart = .auto
        /// Explain infeasible scenarios with an elastic re-solve.
        public var explainInfeasibility: Bool = true
        /// Remove dominated vendors before building the MILP (exact: see `DominancePruning`).
        public var pruning: Bool = true
        /// Price one more unit of budget with an LP re-solve around the team (`marginalUtilityPerCurrency`).
        public var priceBudget: Bool = true
        /// Further GLPK settings (cuts, branching, log); time limit and gap above take precedence.
        public var solver = SolveOptions()

        public init() {
            solver.cuts = SolveOptions.Cuts(mixedIntegerRounding: true, cover: true)
        }
    }

    public var options: Options

    /// When to offer GLPK a greedy starting team. Measured (BENCHMARKS.md, "Team solver settings"):
    /// it does not make proven optimality faster, because GLPK then needs its presolver off; it helps
    /// when a time limit may end the search, where an early incumbent means a team is reported.
    public enum WarmStart: String, Sendable, CaseIterable {
        /// Only when a time limit is set.
        case auto
        case always
        case never
    }

    public init(options: Options = Options()) { self.options = options }

    /// The optimal team for `problem`.
    public func solve(_ problem: TeamProblem) throws(TeamOptimizationError) -> TeamSolution {
        let (working, report) = pruned(problem)
        var solution = try solve(TeamModel(working))
        solution.pruning = report
        if solution.status == .infeasible, options.explainInfeasibility {
            // Relaxing `max_vendors` may allow larger teams than the pruning threshold assumed, so
            // explanations use a candidate set pruned at twice the threshold. Every suggestion is
            // verified on it, and a team of a subset of the pool is a team of the pool.
            let (wider, _) = pruned(problem, extra: report.threshold ?? 0)
            solution.relaxations = try InfeasibilityExplainer(optimizer: self).explain(wider)
        }
        return solution
    }

    /// The MILP that `solve` hands to GLPK for `problem` (after pruning), e.g. to export it.
    public func milp(for problem: TeamProblem) -> Model {
        TeamModel(pruned(problem).0).model
    }

    /// Writes that MILP to `path` (`.lp`: CPLEX LP, `.mps`: free MPS) with `AtomicFileWriter`:
    /// whole or not at all, every byte checked.
    public func exportModel(for problem: TeamProblem, to path: String) throws(TeamOptimizationError) {
        guard let format = ModelFileFormat(pathExtension: path) else {
            throw .solver(.writeFailed(path: path, message: "unknown model format (expected a .mps or .lp file)"))
        }
        let bytes: [UInt8]
        do throws(SolverError) { bytes = try GLPKSolver().modelFile(milp(for: problem), format: format) } catch { throw .solver(error) }
        do throws(OutputFileError) { try AtomicFileWriter.write(bytes, to: path) } catch {
            throw .solver(.writeFailed(path: path, message: error.reason))
        }
    }

    /// `problem` without the vendors dominated by at least `team size bound + extra` others
    /// (unchanged when pruning is off or no bound on the team size exists).
    public func pruned(_ problem: TeamProblem, extra: Int = 0) -> (TeamProblem, PruningReport) {
        let before = problem.candidates.count
        guard options.pruning, let bound = DominancePruning.teamSizeBound(problem) else {
            return (problem, PruningReport(before: before, after: before, threshold: nil))
        }
        let threshold = max(1, bound) + extra
        let (working, kept) = DominancePruning.prune(problem, threshold: threshold)
        return (working, PruningReport(before: before, after: kept.count, threshold: threshold))
    }

    /// Solves a built team model and reads the team off it.
    func solve(_ teamModel: TeamModel, extraCuts: [LinearConstraint] = []) throws(TeamOptimizationError) -> TeamSolution {
        var model = teamModel.model
        for (k, cut) in extraCuts.enumerated() { model.addConstraint(cut, name: "no_good_\(k + 1)") }
        var settings = options.solver
        settings.timeLimit = options.timeLimit
        settings.relativeGap = options.relativeGap
        let offerStart = switch options.warmStart {
        case .always: true
        case .never: false
        case .auto: options.timeLimit != nil
        }
        if offerStart, extraCuts.isEmpty, let seed = GreedyTeam(teamModel).values() {
            settings.initialSolution = seed
        }
        let result: Solution
        do throws(SolverError) { result = try GLPKSolver().solve(model, options: settings) } catch { throw .solver(error) }

        let status: TeamStatus
        switch (result.termination, result.hasFeasiblePoint) {
        case (.optimal, true): status = .optimal
        case (.gapLimit, true): status = .feasible
        case (.timeLimit, true): status = .timeLimit
        case (.timeLimit, false): status = .timeLimitNoSolution
        case (.infeasible, _), (.infeasibleOrUnbounded, _): status = .infeasible
        default: throw .solverGaveUp(result.raw)
        }
        var solution = TeamSolution(
            status: status, objective: nil, meanUtility: nil, totalCost: nil, gap: result.relativeGap,
            bestBound: result.bestBound, members: [], binding: [], marginalUtilityPerCurrency: nil,
            solveSeconds: result.solveSeconds, candidates: teamModel.problem.candidates.count,
            rows: model.constraints.count, columns: model.variables.count, warmStart: result.incumbentSeed,
            relaxations: [], raw: result.raw, pruning: nil)
        guard status.hasTeam else { return solution }
        read(result.values, of: teamModel, into: &solution)
        if options.priceBudget { solution.marginalUtilityPerCurrency = marginalUtility(teamModel, values: result.values) }
        return solution
    }

    /// Fills members, objective, cost and binding rules from a point of `teamModel`.
    func read(_ values: [Double], of teamModel: TeamModel, into solution: inout TeamSolution) {
        let problem = teamModel.problem
        let requirements = problem.requirements
        var members: [TeamMember] = []
        for (v, candidate) in problem.candidates.enumerated() where values[teamModel.select[v].index] > 0.5 {
            let perSkill = teamModel.fte(of: v, at: values).map { (skill: $0.skill, fte: TeamOptimizer.clean($0.fte)) }
            let total = perSkill.reduce(0) { $0 + $1.fte }
            members.append(TeamMember(
                id: candidate.id, poolIndex: candidate.poolIndex, fte: total,
                skills: perSkill.filter { $0.fte > 0 }.map { TeamMember.SkillFTE(skill: requirements.skills[$0.skill].name, fte: $0.fte) },
                cost: total * candidate.costPerFTE, utility: candidate.utility,
                hourlyRate: candidate.hourlyRate, overlapHours: candidate.overlapHours))
        }
        // Largest share first, then id: a stable, readable order.
        members.sort { ($0.fte, $1.id) > ($1.fte, $0.id) }
        solution.members = members
        let objective = members.reduce(0) { $0 + $1.utility * $1.fte }
        solution.objective = objective
        solution.meanUtility = objective / max(requirements.totalDemand, 1e-12)
        solution.totalCost = members.reduce(0) { $0 + $1.cost }
        solution.binding = BindingRules.find(members: members, problem: problem)
    }

    /// The dual of the budget row in the LP with the selected vendors fixed and FTE continuous.
    func marginalUtility(_ teamModel: TeamModel, values: [Double]) -> Double? {
        guard let budgetRow = teamModel.rows[.budget]?.first else { return nil }
        var lp = teamModel.model.relaxed()
        for y in teamModel.select {
            let fixed = values[y.index].rounded()
            lp.setBounds(y, lowerBound: fixed, upperBound: fixed)
        }
        guard let result = try? GLPKSolver().solve(lp), result.termination == .optimal,
              let dual = result.dual(budgetRow) else { return nil }
        return TeamOptimizer.clean(dual)
    }

    /// Rounds away solver noise (|x| < 1e-9 → 0; values within 1e-9 of a multiple of 1e-6 snapped).
    static func clean(_ x: Double) -> Double {
        if abs(x) < 1e-9 { return 0 }
        let snapped = (x * 1e6).rounded() / 1e6
        return abs(snapped - x) < 1e-9 * max(1, abs(x)) ? snapped : x
    }
}
