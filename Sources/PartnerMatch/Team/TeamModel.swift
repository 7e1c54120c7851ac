import LinearModel

/// The MILP of docs/MODEL.md built over a `TeamProblem`, with handles to every variable and rule.
///
/// Variables: `y_v` (vendor selected) and one `x_{v,s}` per candidate and required skill it offers,
/// held in units of `scale` FTE (`q` when FTE come in steps, then integer; else 1 and continuous).
struct TeamModel: Sendable {
    enum Objective: Sendable {
        /// `max Σ u_v X_v` (the team's FTE-weighted utility).
        case maximizeUtility
        /// `min C` (the team's cost, onboarding included), optionally keeping utility at least `floor`.
        case minimizeCost(utilityFloor: Double?)
    }

    private(set) var problem: TeamProblem
    let objective: Objective
    private(set) var model = Model()
    /// `y_v` per candidate.
    private(set) var select: [Variable] = []
    /// Per candidate, `(skill index, x variable)` for each required skill it offers.
    private(set) var assign: [[(skill: Int, variable: Variable)]] = []
    /// FTE per unit of an `x` variable.
    let scale: Double
    /// The rows of each rule (the budget's, for pricing more budget).
    private(set) var rows: [TeamRule: [ConstraintReference]] = [:]
    /// The rules' rows over the whole team, by key: what reduced-cost fixing prices.
    private(set) var teamRows: [String: ConstraintReference] = [:]
    /// The rules' own columns (not a candidate's), by key.
    private(set) var ruleColumns: [String: Variable] = [:]
    /// The utility floor of a cost objective, when it has one.
    private(set) var floorRow: ConstraintReference?
    /// The violation columns of soft rules (only in the elastic programme).
    private(set) var softColumns: [SoftColumn] = []

    /// The model of `problem` for `objective` (by default the problem's own: the utility, or the
    /// cost when it sets `min_mean_utility`). Rows and columns are named (`y_V001`, `budget`, …) only
    /// when `named`, for a model that is written to a file: naming every column of every model a
    /// solve builds was a fifth of the time of `optimize --robustness` (perf), for names nobody reads.
    ///
    /// Every row comes from a rule (`TeamConstraint`, in registration order): first the rows that
    /// give the columns their meaning (the demand), then each candidate's own rows, then the team rows.
    init(_ problem: TeamProblem, objective: Objective? = nil, named: Bool = false) {
        let objective = objective ?? problem.requirements.objective
        self.problem = problem
        self.objective = objective
        let requirements = problem.requirements
        let candidates = problem.candidates
        let bounds = ColumnBounds(problem)
        let step = bounds.step
        scale = step ?? 1
        var model = Model(name: "partner_match_team", sense: {
            if case .maximizeUtility = objective { return .maximize }
            return .minimize
        }())
        var names = NameTable(enabled: named)

        // Variables.
        for (v, candidate) in candidates.enumerated() {
            let base = named ? NameTable.sanitize(candidate.id) : ""
            select.append(model.addVariable(names.unique("y_\(base)"), kind: .binary))
            var xs: [(Int, Variable)] = []
            for s in candidate.skills {
                let skill = requirements.skills[s]
                let link = min(bounds.ceiling[v], skill.demand)
                let upper = step.map { (link / $0 + 1e-9).rounded(.down) } ?? link
                let x = model.addVariable(names.unique("x_\(base)_\(NameTable.sanitize(skill.name))"),
                                          kind: step == nil ? .continuous : .integer, lowerBound: 0, upperBound: upper)
                xs.append((s, x))
            }
            assign.append(xs.map { (skill: $0.0, variable: $0.1) })
        }

        // Rules add their rows (docs/TEAM-MODEL.md, "Rules as values").
        var builder = TeamModelBuilder(model: model, names: names, problem: problem, select: select, assign: assign,
                                       scale: scale, bounds: bounds)
        let items = requirements.constraints.items
        for constraint in items where type(of: constraint).leadsRows {
            rows[constraint.rule, default: []] += constraint.addRows(to: &builder)
        }
        for v in candidates.indices {
            for constraint in items {
                let added = constraint.addCandidateRows(v, to: &builder)
                if !added.isEmpty { rows[constraint.rule, default: []] += added }
            }
        }
        for constraint in items where !type(of: constraint).leadsRows {
            rows[constraint.rule, default: []] += constraint.addRows(to: &builder)
        }
        model = builder.model
        teamRows = builder.keyedRows
        ruleColumns = builder.keyedColumns
        softColumns = builder.softColumns

        // Objective.
        switch objective {
        case .maximizeUtility:
            model.objective = TeamModel.utility(candidates, assign, scale)
        case .minimizeCost(let floor):
            model.objective = TeamModel.cost(candidates, select, assign, scale)
            if let floor { floorRow = model.addConstraint(TeamModel.utility(candidates, assign, scale) >= floor, name: "utility_floor") }
        }
        self.model = model
    }

    /// The model with `objective` in `sense` in place of its own (a phase of the lexicographic
    /// solve of soft rules).
    func replacingObjective(_ objective: LinearExpression, sense: ObjectiveSense) -> TeamModel {
        var copy = self
        copy.model.objective = objective
        copy.model.sense = sense
        return copy
    }

    /// This model of the utility objective seen as the model of `problem`, whose candidates are the
    /// ones at `positions` (ascending) of this model's problem with other utilities: the objective is
    /// `problem`'s `Σ u_v X_v` (the same terms `init` writes, over those candidates' columns), and
    /// every row and column stays this model's. For reduced-cost fixing's pricing (`reducedCostFixed`,
    /// `pricing:`), which reads only the objective and the team rows' coefficients of `problem`'s
    /// candidates: a candidate's coefficients in a team row do not depend on the other candidates
    /// (the keyed rows of a model over fewer candidates are the same rows, which the restricted LPs
    /// already rely on), so the prices are the ones a model built for `problem` gives. Rows of this
    /// model that `problem`'s model would not have are never paired, so never priced.
    func reweighted(as problem: TeamProblem, at positions: [Int]) -> TeamModel {
        precondition(positions.count == problem.candidates.count, "one position per candidate")
        guard case .maximizeUtility = objective else { preconditionFailure("reweighted models are of the utility objective") }
        var copy = self
        copy.problem = problem
        copy.select = positions.map { select[$0] }
        copy.assign = positions.map { assign[$0] }
        copy.model.objective = TeamModel.utility(problem.candidates, copy.assign, scale)
        return copy
    }

    /// `C = Σ_{v,s} c_{v,s} x_{v,s} + Σ_v f_v y_v`: the team's cost over the horizon.
    static func cost(_ candidates: [TeamCandidate], _ select: [Variable], _ assign: [[(skill: Int, variable: Variable)]],
                             _ scale: Double) -> LinearExpression {
        var cost = LinearExpression()
        for (v, candidate) in candidates.enumerated() {
            for (k, x) in assign[v].enumerated() { cost.add(x.variable, candidate.costPerFTE(at: k) * scale) }
            if candidate.onboardingCost > 0 { cost.add(select[v], candidate.onboardingCost) }
        }
        return cost
    }

    /// `Σ_v u_v X_v`: the team's FTE-weighted utility.
    static func utility(_ candidates: [TeamCandidate], _ assign: [[(skill: Int, variable: Variable)]], _ scale: Double) -> LinearExpression {
        var utility = LinearExpression()
        for (v, candidate) in candidates.enumerated() { for x in assign[v] { utility.add(x.variable, candidate.utility * scale) } }
        return utility
    }

    /// The FTE of candidate `v` per required skill at `values`.
    func fte(of v: Int, at values: [Double]) -> [(skill: Int, fte: Double)] {
        assign[v].map { (skill: $0.skill, fte: values[$0.variable.index] * scale) }
    }
}

extension TeamRequirements {
    /// What the problem's own solve optimises: the cheapest team reaching `min_mean_utility` when
    /// it is set (`objective = "cost"`), else the best utility.
    var objective: TeamModel.Objective { minMeanUtility == nil ? .maximizeUtility : .minimizeCost(utilityFloor: nil) }
}

/// Names for model rows and columns: readable in exported LP/MPS files, valid for GLPK, unique
/// (or all empty, for models that are only solved).
struct NameTable {
    private var used: Set<String> = []

    /// Letters, digits, `_` and `.` kept; anything else becomes `_`; at most 200 bytes.
    ///
    /// Byte arithmetic on the scalars' values instead of Unicode property lookups: every model a
    /// solve builds names each column and row, and the property lookup was a tenth of the time of
    /// `optimize --robustness` (perf). Any scalar outside ASCII becomes one `_`, as before.
    static func sanitize(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(text.utf8.count, 200))
        for scalar in text.unicodeScalars.prefix(200) {
            let v = scalar.value
            let kept = (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) || v == 0x5F || v == 0x2E
            bytes.append(kept ? UInt8(v) : 0x5F)
        }
        return bytes.isEmpty ? "_" : String(decoding: bytes, as: UTF8.self)
    }

    /// Whether names are made at all (when not, every name is empty and `unique` evaluates nothing).
    let enabled: Bool

    init(enabled: Bool = true) { self.enabled = enabled }

    mutating func unique(_ make: @autoclosure () -> String) -> String {
        guard enabled else { return "" }
        let name = make()
        var candidate = name
        var n = 2
        while !used.insert(candidate).inserted {
            candidate = "\(name)_\(n)"
            n += 1
        }
        return candidate
    }
}
