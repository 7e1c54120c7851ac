import GLPKSolver
import LinearModel

/// Why a team solve could not run (not: why there is no team — that is `TeamStatus.infeasible`).
public enum TeamOptimizationError: Error, Sendable, CustomStringConvertible {
    case solver(SolverError)
    /// GLPK stopped for a reason that gives no usable answer (numerical failure, …).
    case solverGaveUp(RawSolverStatus)
    /// GLPK returned teams, but none of them satisfied every rule when re-solved exactly.
    case unverified(RawSolverStatus)

    public var description: String {
        switch self {
        case .solver(let error): "\(error)"
        case .solverGaveUp(let raw): "the solver gave up: \(raw)"
        case .unverified(let raw): "the solver's teams could not be verified against the rules (\(raw)); please report this scenario"
        }
    }
}

extension TeamModel {
    /// Whether objective value `a` is better than `b` by more than `margin` in this model's sense.
    func better(_ a: Double, than b: Double, by margin: Double = 0) -> Bool {
        switch objective {
        case .maximizeUtility: a > b + margin
        case .minimizeCost: a < b - margin
        }
    }
}

/// Chooses the optimal team with GLPK (docs/MODEL.md, "Team optimisation").
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
        /// Reduced-cost fixing (see `reducedCostFixed`) runs when more candidates than this are left
        /// after pruning (`nil`: never).
        public var reducedCostFixingAbove: Int? = 300
        /// The LP relaxation for the fixing starts from this many candidates per demanded skill (by
        /// utility, and by utility per cost) and adds the others as their reduced costs ask.
        public var relaxationStartPerSkill = 40
        /// Describe the reported team beyond its members and totals: the binding rules and what it
        /// survives (`TeamSolution.binding`, `survives`). Solves whose team is only compared (the
        /// fixing's incumbent, robustness samples) leave them out.
        public var teamDetails = true
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

    /// The optimal team for `problem`: the best utility, or with `min_mean_utility` set the
    /// cheapest team reaching it.
    public func solve(_ problem: TeamProblem) throws(TeamOptimizationError) -> TeamSolution {
        try solve(problem, objective: problem.requirements.objective, pricing: nil)
    }

    /// The best team of `problem` for `objective`: pruning, reduced-cost fixing (with `pricing`, a
    /// model of the same candidates built once by a caller that solves many budgets), the MILP,
    /// and for an infeasible scenario the explanation.
    func solve(_ problem: TeamProblem, objective: TeamModel.Objective, pricing: TeamModel?) throws(TeamOptimizationError) -> TeamSolution {
        let (afterPruning, report) = pruned(problem)
        let working = try reducedCostFixed(afterPruning, objective: objective,
                                           pricing: afterPruning.candidates.count == problem.candidates.count ? pricing : nil)
        var solution = try solve(TeamModel(working, objective: objective))
        solution.pruning = report
        if working.candidates.count != problem.candidates.count {
            // Positions of the selection in `problem`, whatever pruning and fixing removed.
            let position = Dictionary(problem.candidates.indices.map { (problem.candidates[$0].poolIndex, $0) }, uniquingKeysWith: { a, _ in a })
            solution.selection = Set(solution.selection.compactMap { position[working.candidates[$0].poolIndex] })
        }
        if solution.status == .infeasible, !problem.requirements.priorities.isEmpty,
           let relaxed = try solveRelaxed(problem, objective: objective) {
            return relaxed
        }
        if solution.status == .infeasible, options.explainInfeasibility {
            // Each suggestion must be the smallest that works, also for rules (max_vendors) whose
            // change allows larger teams than the pruning threshold assumed: explanations use the
            // unpruned candidates up to `explanationPruningLimit`, beyond it a set pruned at twice
            // the threshold (every suggestion is still verified: a team of a subset of the pool
            // is a team of the pool).
            var wider = problem.candidates.count <= TeamOptimizer.explanationPruningLimit
                ? problem : pruned(problem, extra: report.threshold ?? 0).0
            // Suggestions are hard changes: the solves that check them relax nothing.
            wider.requirements.priorities = [:]
            (solution.relaxations, solution.relaxationsExhausted) = try InfeasibilityExplainer(optimizer: self).explain(wider)
        }
        return solution
    }

    /// Up to this many eligible vendors, infeasibility explanations search the unpruned pool.
    static let explanationPruningLimit = 2_000

    /// The MILP that `solve` hands to GLPK for `problem` (after pruning), e.g. to export it.
    public func milp(for problem: TeamProblem) -> Model {
        TeamModel(pruned(problem).0, named: true).model
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

    /// Solves a built team model and reads a verified team off it (docs/TEAM-MODEL.md, "Every
    /// reported team is verified").
    ///
    /// GLPK accepts a binary within its integrality tolerance, so its point may let an
    /// "unselected" vendor carry a sliver of work. The team is therefore read as the rounded
    /// selection, its FTE re-solved with that selection fixed (an LP in exact arithmetic, or a
    /// small MIP when FTE come in steps), and checked row by row. A selection whose fixed re-solve
    /// fails, or whose value falls short of the solver's, is cut off with a no-good row and the
    /// MILP solved again, until the best verified team is at least as good as everything left.
    func solve(_ teamModel: TeamModel, extraCuts: [LinearConstraint] = []) throws(TeamOptimizationError) -> TeamSolution {
        var cuts = extraCuts
        var best: Settled?
        var proven = false
        var last: (result: Solution, status: TeamStatus)?
        var solverSeconds = 0.0
        var round = 0
        var lazyRounds = 0
        while round < TeamOptimizer.maximumRounds {
            defer { round += 1 }
            let (result, status) = try milp(teamModel, cuts: cuts, seed: round == 0 && lazyRounds == 0 && extraCuts.isEmpty)
            solverSeconds += result.solveSeconds
            last = (result, status)
            guard status.hasTeam, let value = result.objectiveValue else {
                // Nothing left (infeasible): every team not cut off is infeasible, so `best` is optimal.
                proven = status == .infeasible
                break
            }
            let selection = Set(teamModel.select.indices.filter { result.values[teamModel.select[$0].index] > 0.5 })
            let settledTeam = try settle(selection, of: teamModel.problem, objective: teamModel.objective)
            if settledTeam == nil, lazyRounds < TeamOptimizer.maximumLazyRounds {
                // A rule's lazy rows (teams that survive an exit): valid for every team meeting the
                // rule, they cut off this selection; such a round does not count against the others.
                let lazy = teamModel.problem.requirements.constraints.items.flatMap { $0.lazyCuts(selection, in: teamModel) }
                if !lazy.isEmpty {
                    cuts += lazy
                    lazyRounds += 1
                    round -= 1
                    continue
                }
            }
            if var settled = settledTeam, best.map({ teamModel.better(settled.value, than: $0.value) }) ?? true {
                settled.solverSelection = selection
                best = settled
            }
            if status != .optimal, best != nil { break }   // a time or gap limit: report what is verified
            // Every team not yet cut off is worth at most `value`: stop once `best` reaches it.
            if let best, !teamModel.better(value, than: best.value, by: TeamOptimizer.optimalityTolerance(value)) {
                proven = true
                break
            }
            cuts.append(TeamOptimizer.noGood(selection, in: teamModel))
        }
        guard let last else { preconditionFailure("maximumRounds is positive") }
        let status: TeamStatus
        switch (best, last.status) {
        case (.some, _) where proven: status = .optimal
        case (.some, let s) where s.hasTeam && s != .optimal: status = s
        case (.some, _): status = .feasible   // rounds ran out before the proof
        case (.none, let s) where s.hasTeam: throw .unverified(last.result.raw)
        case (.none, let s): status = s
        }
        let model = teamModel.model
        var solution = TeamSolution(
            status: status, objective: nil, meanUtility: nil, totalCost: nil,
            gap: status == .optimal ? 0 : last.result.relativeGap,
            bestBound: status == .optimal ? best?.value : last.result.bestBound, members: [], binding: [],
            marginalUtilityPerCurrency: nil, solveSeconds: solverSeconds, candidates: teamModel.problem.candidates.count,
            rows: model.constraints.count + extraCuts.count, columns: model.variables.count, warmStart: last.result.incumbentSeed,
            relaxations: [], raw: last.result.raw, pruning: nil)
        guard let best else { return solution }
        solution.members = best.members
        solution.selection = best.selection
        solution.solverSelection = best.solverSelection
        summarize(&solution, problem: teamModel.problem)
        // The value of more budget is a utility per currency unit: only where utility is the objective.
        if options.priceBudget, case .maximizeUtility = teamModel.objective {
            solution.marginalUtilityPerCurrency = marginalUtility(teamModel, selection: best.selection)
        }
        return solution
    }

    /// The team of the candidates at `selection` (positions in `problem.candidates`) with their FTE
    /// re-optimised under every rule of `problem` (`nil`: no allocation meets them). Its status is
    /// `optimal` for that vendor set, not necessarily for the problem.
    public func evaluate(_ selection: Set<Int>, of problem: TeamProblem) throws(TeamOptimizationError) -> TeamSolution? {
        try evaluate(selection, of: problem, objective: .maximizeUtility)
    }

    /// `evaluate` for `objective` (the cheapest allocation reaching the floor, for a cost objective).
    func evaluate(_ selection: Set<Int>, of problem: TeamProblem, objective: TeamModel.Objective) throws(TeamOptimizationError) -> TeamSolution? {
        guard let settled = try settle(selection, of: problem, objective: objective) else { return nil }
        var solution = TeamSolution(
            status: .optimal, objective: nil, meanUtility: nil, totalCost: nil, gap: 0, bestBound: nil, members: settled.members,
            binding: [], marginalUtilityPerCurrency: nil, solveSeconds: 0, candidates: problem.candidates.count,
            rows: 0, columns: 0, warmStart: .notGiven,
            relaxations: [], raw: RawSolverStatus(solver: "GLPK", routine: "fixed selection", returnCode: 0, status: 0, meaning: "settled"),
            pruning: nil)
        solution.selection = settled.selection
        summarize(&solution, problem: problem)
        return solution
    }

    /// How many MILP solves one team solve may take before it reports the best verified team.
    static let maximumRounds = 12

    /// How many further MILP solves rules' lazy rows may ask for (each cuts off the selection it
    /// was found at, and there are finitely many such rows).
    static let maximumLazyRounds = 200

    /// Two objective values closer than this are the same optimum (GLPK's own optimality is
    /// relative to about 1e-9; the integrality slivers the settling removes are below 1e-8).
    static func optimalityTolerance(_ value: Double) -> Double { 1e-7 * max(1, abs(value)) }

    /// A selection with its verified allocation.
    struct Settled {
        var selection: Set<Int>
        var members: [TeamMember]
        /// The model's objective at the settled point (utility, or cost when minimising cost).
        var value: Double
        /// The selection the MILP returned (⊇ `selection`: settling drops idle vendors).
        var solverSelection: Set<Int> = []
    }

    /// One MILP solve mapped to a team status. A numerical failure is retried once with the
    /// presolver and cuts off, and an `infeasible` verdict is confirmed the same way, so neither
    /// an error nor "infeasible" is reported on a tolerance accident a second solve settles.
    func milp(_ teamModel: TeamModel, cuts: [LinearConstraint], seed: Bool) throws(TeamOptimizationError) -> (Solution, TeamStatus) {
        var model = teamModel.model
        for (k, cut) in cuts.enumerated() { model.addConstraint(cut, name: "no_good_\(k + 1)") }
        var settings = options.solver
        settings.timeLimit = options.timeLimit
        settings.relativeGap = options.relativeGap
        settings.integralityTolerance = TeamOptimizer.integralityTolerance
        let offerStart = switch options.warmStart {
        case .always: true
        case .never: false
        case .auto: options.timeLimit != nil
        }
        if offerStart, seed, let start = GreedyTeam(teamModel).values() {
            settings.initialSolution = start
        }
        func run(_ settings: SolveOptions) throws(TeamOptimizationError) -> (Solution, TeamStatus?) {
            let result: Solution
            do throws(SolverError) { result = try GLPKSolver().solve(model, options: settings) } catch { throw .solver(error) }
            let status: TeamStatus? = switch (result.termination, result.hasFeasiblePoint) {
            case (.optimal, true): .optimal
            case (.gapLimit, true): .feasible
            case (.timeLimit, true): .timeLimit
            case (.timeLimit, false): .timeLimitNoSolution
            case (.infeasible, _), (.infeasibleOrUnbounded, _): .infeasible
            default: nil
            }
            return (result, status)
        }
        let (first, status) = try run(settings)
        if let status, status != .infeasible { return (first, status) }
        // The second opinion: no presolver (its row rounding has a tolerance of its own), no cuts.
        var careful = settings
        careful.presolve = false
        careful.cuts = .none
        careful.initialSolution = nil
        let (second, confirmed) = try run(careful)
        guard let confirmed else { throw .solverGaveUp(second.raw) }
        var result = second
        result.solveSeconds += first.solveSeconds
        return (result, confirmed)
    }

    /// GLPK's integrality tolerance for team solves: 1e-9 instead of its default 1e-5, so a
    /// binary read as 0 carries at most a billionth of a vendor's capacity before settling.
    static let integralityTolerance = 1e-9

    /// The no-good row that cuts off exactly the selection `selected`:
    /// `Σ_{v∈S} (1 − y_v) + Σ_{v∉S} y_v ≥ 1`.
    static func noGood(_ selected: Set<Int>, in teamModel: TeamModel) -> LinearConstraint {
        noGood(from: selected, to: selected, in: teamModel)
    }

    /// The row that cuts off every selection `S'` with `team ⊆ S' ⊆ solver`:
    /// `Σ_{v∈team} (1 − y_v) + Σ_{v∉solver} y_v ≥ 1` (`team ⊆ solver`). For a team settled from the
    /// MILP's selection `solver`, every such `S'` is the same team plus idle vendors (docs/TEAM-MODEL.md,
    /// "Alternatives and exit analysis").
    static func noGood(from team: Set<Int>, to solver: Set<Int>, in teamModel: TeamModel) -> LinearConstraint {
        var lhs = LinearExpression()
        for v in teamModel.select.indices where team.contains(v) || !solver.contains(v) {
            lhs.add(teamModel.select[v], team.contains(v) ? -1 : 1)
        }
        return lhs >= Double(1 - team.count)
    }

    /// The best allocation of the vendors in `selection` (positions in `problem.candidates`) for
    /// `objective`, with the selection fixed, verified row by row; `nil` when that vendor set admits
    /// no team. Only the selected vendors' model is built.
    func settle(_ selection: Set<Int>, of problem: TeamProblem, objective: TeamModel.Objective) throws(TeamOptimizationError) -> Settled? {
        let positions = selection.sorted()
        let sub = TeamProblem(candidates: positions.map { problem.candidates[$0] }, requirements: problem.requirements)
        let fixedModel = TeamModel(sub, objective: objective)
        var model = fixedModel.model
        for y in fixedModel.select { model.setBounds(y, lowerBound: 1, upperBound: 1) }
        var settings = SolveOptions()
        settings.log = options.solver.log == .standardError ? .silent : options.solver.log
        settings.timeLimit = options.timeLimit
        if problem.requirements.fteStep == nil {
            model = model.relaxed()
            settings.exactArithmetic = true
        } else {
            settings.integralityTolerance = TeamOptimizer.integralityTolerance
        }
        let result: Solution
        do throws(SolverError) { result = try GLPKSolver().solve(model, options: settings) } catch { throw .solver(error) }
        guard result.termination == .optimal, result.hasFeasiblePoint else { return nil }
        var values = result.values
        if let _ = problem.requirements.fteStep {
            for xs in fixedModel.assign { for x in xs { values[x.variable.index] = values[x.variable.index].rounded() } }
        }
        var members = TeamOptimizer.members(fixedModel, values: values, positions: positions)
        members = TeamOptimizer.withoutIdleVendors(members, problem: problem)
        guard problem.violations(of: members).isEmpty else { return nil }
        let utility = members.reduce(0) { $0 + $1.utility * $1.fte }
        let cost = members.reduce(0) { $0 + $1.cost }
        let value: Double
        switch objective {
        case .maximizeUtility: value = utility
        case .minimizeCost(let floor):
            if let floor, utility < floor - TeamOptimizer.optimalityTolerance(floor) { return nil }
            value = cost
        }
        let kept = Set(members.map(\.poolIndex))
        return Settled(selection: Set(positions.filter { kept.contains(problem.candidates[$0].poolIndex) }), members: members, value: value)
    }

    /// The members of a fixed-selection model at `values` (FTE cleaned of solver noise).
    static func members(_ fixedModel: TeamModel, values: [Double], positions: [Int]) -> [TeamMember] {
        let problem = fixedModel.problem
        let requirements = problem.requirements
        var members: [TeamMember] = []
        for (v, candidate) in problem.candidates.enumerated() {
            let perSkill = fixedModel.fte(of: v, at: values).map { (skill: $0.skill, fte: max(0, TeamOptimizer.clean($0.fte))) }
            let total = perSkill.reduce(0) { $0 + $1.fte }
            var member = TeamMember(
                id: candidate.id, poolIndex: candidate.poolIndex, fte: total,
                skills: perSkill.filter { $0.fte > 0 }.map { TeamMember.SkillFTE(skill: requirements.skills[$0.skill].name, fte: $0.fte) },
                cost: candidate.workCost(perSkill) + candidate.onboardingCost, utility: candidate.utility,
                hourlyRate: candidate.hourlyRate, overlapHours: candidate.overlapHours)
            member.onboardingCost = candidate.onboardingCost
            members.append(member)
        }
        // Largest share first, then id: a stable, readable order.
        members.sort { ($0.fte, $1.id) > ($1.fte, $0.id) }
        return members
    }

    /// `members` without the vendors that were selected but given no work and that no rule needs
    /// (possible only when their minimum engagement is 0): to a buyer they are not in the team.
    /// Dropped one at a time, last first, while vendor counts, growth and backups still hold.
    static func withoutIdleVendors(_ members: [TeamMember], problem: TeamProblem) -> [TeamMember] {
        let minimum = problem.minimumFTE
        let mayIdle = Set(problem.candidates.indices.filter { minimum[$0] <= 0 }.map { problem.candidates[$0].poolIndex })
        var kept = members
        for member in members.reversed() where member.fte == 0 && mayIdle.contains(member.poolIndex) {
            let without = kept.filter { $0.poolIndex != member.poolIndex }
            if problem.violations(of: without).isEmpty { kept = without }
        }
        return kept
    }

    /// Fills objective, mean utility, cost and binding rules from the members.
    func summarize(_ solution: inout TeamSolution, problem: TeamProblem) {
        let requirements = problem.requirements
        let members = solution.members
        let objective = members.reduce(0) { $0 + $1.utility * $1.fte }
        solution.objective = objective
        solution.meanUtility = objective / max(requirements.totalDemand, 1e-12)
        solution.totalCost = members.reduce(0) { $0 + $1.cost }
        solution.totalOnboardingCost = members.reduce(0) { $0 + $1.onboardingCost }
        guard options.teamDetails else { return }
        solution.binding = BindingRules.find(members: members, problem: problem)
        solution.survives = members.isEmpty ? nil : Resilience(members: members, problem: problem)
    }

    /// The dual of the budget row in the LP with the selected vendors fixed and FTE continuous.
    func marginalUtility(_ teamModel: TeamModel, selection: Set<Int>) -> Double? {
        guard let budgetRow = teamModel.rows[.budget]?.first else { return nil }
        var lp = teamModel.model.relaxed()
        for (v, y) in teamModel.select.enumerated() {
            let fixed: Double = selection.contains(v) ? 1 : 0
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
