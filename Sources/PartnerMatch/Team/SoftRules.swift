import GLPKSolver
import LinearModel

/// A soft rule the reported team meets only with a looser value than written (docs/MODEL.md,
/// "Soft rules with priorities").
public struct RelaxedRule: Sendable, Hashable {
    /// The `[priorities]` key (`rules.max_share`, `budget.total`, `demand.qa`, …).
    public var key: String
    /// 1 (most important) … 3.
    public var priority: Int
    /// The value as the scenario writes it, and as the team meets it, as one would type them.
    public var written: String
    public var met: String
    /// How far the rule moved, in its own unit (`unit`): the amount the lexicographic solve minimised.
    public var violation: Double
    public var unit: String
    /// In plain words: "max_share relaxed from 40% to 47% (priority 3)".
    public var message: String
}

/// What a rule says about one of its soft keys relaxed by a violation (`TeamConstraint.relaxed`).
struct SoftRelaxation {
    /// The value as written and as met, in the scenario's own notation.
    var written: String
    var met: String
    /// The violation's unit in words ("percentage points", "vendors", …).
    var unit: String
    /// Sets the met value in a problem (the relaxed problem the team is solved and verified in).
    var apply: (inout TeamProblem) -> Void
    /// The change in words where "relaxed from … to …" would not say it (lifted pins).
    var words: String? = nil
}

extension TeamConstraint {
    /// By default a rule has no soft keys.
    func relaxed(_ key: String, at team: TeamView) -> SoftRelaxation? { nil }
}

/// Values rounded outward onto the grid the reader accepts, solver noise first removed.
///
/// The violations the last phase returns may exceed the least by the phases' hold tolerance (a
/// relative 1e-7): a thousandth of a grid step is taken as noise. Nothing rests on it: the relaxed
/// problem is solved and its team verified against the values as rounded.
enum SoftGrid {
    /// `x` rounded up to a multiple of `1/per` (`per` = 100: hundredths).
    static func up(_ x: Double, per: Double) -> Double { (x * per - 1e-3).rounded(.up) / per }
    /// `x` rounded down to a multiple of `1/per`.
    static func down(_ x: Double, per: Double) -> Double { (x * per + 1e-3).rounded(.down) / per }
}

extension TeamOptimizer {
    /// Below this a violation column is solver noise: the rule is met as written.
    static let softTolerance = 1e-7

    /// The lexicographic elastic programme of docs/MODEL.md ("Soft rules with priorities") for a
    /// problem whose hard solve found no team; `nil` when it has no soft rules or its hard rules
    /// alone admit no team.
    ///
    /// Phase k minimises the total violation of the priority-k keys, the totals of the phases
    /// before it held at their least (to 1e-6, relative above 1); a last phase optimises its own
    /// objective with every total held. Each soft key as the team at that point meets it (its cost,
    /// its largest share, …), rounded outward onto the values the scenario reader accepts, is
    /// written into the problem as a hard value, and
    /// that relaxed problem goes through the same solve as any scenario (pruning, fixing,
    /// settling, verification): the reported team is verified against the rules as printed, and
    /// the printed values typed back give it again.
    ///
    /// The phases solve the candidates left by dominance pruning (exact for the elastic programme
    /// too: a dominator is at least as good in every row a violation column loosens, so swapping it
    /// in raises no violation and lowers no objective), with the team-size bound of the rules that
    /// stay hard (a soft `max_vendors` bounds nothing; a soft engagement is left out of the least
    /// FTE a vendor takes, `ColumnBounds`). Reduced-cost fixing is not used: its pricing LP does
    /// not know the violation columns.
    func solveRelaxed(_ problem: TeamProblem, objective: TeamModel.Objective) throws(TeamOptimizationError) -> TeamSolution? {
        guard !problem.requirements.priorities.isEmpty else { return nil }
        var elastic = problem
        elastic.requirements.elastic = true
        if options.pruning, let bound = DominancePruning.teamSizeBound(elastic.withoutSoftVendorCap) {
            elastic = DominancePruning.prune(elastic, threshold: max(1, bound)).problem
        }
        let teamModel = TeamModel(elastic, objective: objective)
        let columns = teamModel.softColumns
        guard !columns.isEmpty else { return nil }
        // Each level's least total, held in the phases after it. The hold is loosened once (1e-6,
        // then 1e-4, relative and absolute) if GLPK cannot meet it at its own optimum's point:
        // its reported objective and its columns disagree by rounding.
        var least: [(total: LinearExpression, value: Double)] = []
        func held(_ tolerance: Double) -> [LinearConstraint] {
            least.map { $0.total <= max(0, $0.value) + tolerance * max(1, abs($0.value)) }
        }
        var proven = true
        var seconds = 0.0
        func phase(_ model: TeamModel) throws(TeamOptimizationError) -> (Solution, TeamStatus) {
            var outcome: (Solution, TeamStatus)?
            for tolerance in [1e-6, 1e-4] {
                let (result, status) = try milp(model, cuts: held(tolerance), seed: false)
                seconds += result.solveSeconds
                outcome = (result, status)
                if status != .infeasible || least.isEmpty { break }
            }
            return outcome!
        }
        for level in 1...3 {
            let mine = columns.filter { $0.level == level }
            guard !mine.isEmpty else { continue }
            let total = LinearExpression(terms: mine.map { Term($0.column, 1) })
            let (result, status) = try phase(teamModel.replacingObjective(total, sense: .minimize))
            // The first phase holds nothing: infeasible there means the hard rules admit no team.
            if status == .infeasible, least.isEmpty { return nil }
            guard status.hasTeam, let value = result.objectiveValue else { throw .solverGaveUp(result.raw) }
            proven = proven && status == .optimal
            least.append((total, value))
        }
        let (result, status) = try phase(teamModel)
        guard status.hasTeam else { throw .solverGaveUp(result.raw) }
        proven = proven && status == .optimal

        // Each relaxed key as the elastic team meets it, written into the problem as the reader
        // would accept it.
        var keys: [String] = []
        var slack: [String: Double] = [:]
        for column in columns {
            if slack[column.key] == nil { keys.append(column.key) }
            slack[column.key, default: 0] += max(0, result.values[column.column.index])
        }
        let selected = Set(teamModel.select.indices.filter { result.values[teamModel.select[$0].index] > 0.5 })
        let members = TeamOptimizer.members(teamModel, values: result.values, positions: [])
            .filter { member in selected.contains { elastic.candidates[$0].poolIndex == member.poolIndex } }
        let team = TeamView(problem: problem, members: members)
        var relaxedProblem = problem
        relaxedProblem.requirements.priorities = [:]
        var relaxed: [RelaxedRule] = []
        for key in keys {
            guard slack[key]! > TeamOptimizer.softTolerance,
                  let change = problem.requirements.constraints.items.lazy.compactMap({ $0.relaxed(key, at: team) }).first,
                  change.met != change.written else { continue }
            change.apply(&relaxedProblem)
            let level = problem.requirements.priorities[key]!
            let name = key.hasPrefix("rules.") ? String(key.dropFirst(6)) : key
            relaxed.append(RelaxedRule(key: key, priority: level, written: change.written, met: change.met,
                                       violation: TeamOptimizer.clean(slack[key]!), unit: change.unit,
                                       message: (change.words ?? "\(name) relaxed from \(change.written) to \(change.met)") + " (priority \(level))"))
        }
        // Most important first, then in the order the rules are registered.
        relaxed = relaxed.enumerated().sorted { ($0.element.priority, $0.offset) < ($1.element.priority, $1.offset) }.map(\.element)
        var solution = try solve(relaxedProblem, objective: objective, pricing: nil)
        // The relaxed rules admit the elastic programme's own team: a solve finding none is the
        // solver contradicting itself.
        guard solution.status.hasTeam else { throw .unverified(solution.raw) }
        if solution.status == .optimal { solution.status = proven ? .relaxed : .feasible }
        solution.relaxedRules = relaxed
        solution.relaxedRequirements = relaxedProblem.requirements
        solution.solveSeconds += seconds
        return solution
    }
}

extension TeamProblem {
    /// The problem without its `max_vendors` when that rule is soft (the elastic programme's team
    /// may be larger).
    var withoutSoftVendorCap: TeamProblem {
        guard requirements.priorities[MaxVendors.rule.rawValue] != nil else { return self }
        var copy = self
        copy.requirements.maxVendors = nil
        return copy
    }
}

extension TeamRequirements {
    /// Whether `key` is soft and the model being built is the elastic programme.
    func isElastic(_ key: String) -> Bool { elastic && priorities[key] != nil }
}
