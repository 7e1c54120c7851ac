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

    let problem: TeamProblem
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
    /// The utility floor of a cost objective, when it has one.
    private(set) var floorRow: ConstraintReference?

    /// The model of `problem` for `objective` (by default the problem's own: the utility, or the
    /// cost when it sets `min_mean_utility`). Rows and columns are named (`y_V001`, `budget`, …) only
    /// when `named`, for a model that is written to a file: naming every column of every model a
    /// solve builds was a fifth of the time of `optimize --robustness` (perf), for names nobody reads.
    init(_ problem: TeamProblem, objective: Objective? = nil, named: Bool = false) {
        let objective = objective ?? problem.requirements.objective
        self.problem = problem
        self.objective = objective
        let requirements = problem.requirements
        let candidates = problem.candidates
        let step = requirements.fteStep
        scale = step ?? 1
        let D = requirements.totalDemand
        let alpha = requirements.maxShare
        var model = Model(name: "partner_match_team", sense: {
            if case .maximizeUtility = objective { return .maximize }
            return .minimize
        }())
        var names = NameTable(enabled: named)

        // The most FTE each candidate can take under every rule (docs/TEAM-MODEL.md, "Why
        // branch-and-bound could not close country shares"): its capacity, the max share, each
        // rule's own ceiling (a country's share), on the FTE grid. Valid for every team, and what
        // lets the LP relaxation see that a few vendors cannot cover the demand.
        let ceilings = candidates.map { candidate in
            var u = min(candidate.capacityFTE, alpha * D)
            for constraint in requirements.constraints.items {
                if let own = constraint.vendorCeiling(candidate, in: problem) { u = min(u, own) }
            }
            return step.map { ($0 * (u / $0 + 1e-9).rounded(.down)) } ?? u
        }

        // Variables.
        for (v, candidate) in candidates.enumerated() {
            let base = named ? NameTable.sanitize(candidate.id) : ""
            select.append(model.addVariable(names.unique("y_\(base)"), kind: .binary))
            var xs: [(Int, Variable)] = []
            for s in candidate.skills {
                let skill = requirements.skills[s]
                let link = min(ceilings[v], skill.demand)
                let upper = step.map { (link / $0 + 1e-9).rounded(.down) } ?? link
                let x = model.addVariable(names.unique("x_\(base)_\(NameTable.sanitize(skill.name))"),
                                          kind: step == nil ? .continuous : .integer, lowerBound: 0, upperBound: upper)
                xs.append((s, x))
            }
            assign.append(xs.map { (skill: $0.0, variable: $0.1) })
        }

        func fte(_ v: Int) -> LinearExpression {
            LinearExpression(terms: assign[v].map { Term($0.variable, scale) })
        }

        // Demand met, per skill.
        for (s, skill) in requirements.skills.enumerated() {
            var lhs = LinearExpression()
            for xs in assign { for x in xs where x.skill == s { lhs.add(x.variable, scale) } }
            rows[.demand, default: []].append(model.addConstraint(lhs == skill.demand, name: names.unique("demand_\(NameTable.sanitize(skill.name))")))
        }

        for (v, candidate) in candidates.enumerated() {
            let base = named ? NameTable.sanitize(candidate.id) : ""
            let X = fte(v)
            // Capacity, linking X to y (at the candidate's ceiling under every rule); tight per-skill
            // links are the x bounds times y.
            model.addConstraint(X - ceilings[v] * select[v] <= 0, name: names.unique("capacity_\(base)"))
            for x in assign[v] {
                let bound = model.variables[x.variable.index].upperBound
                model.addConstraint(x.variable - bound * select[v] <= 0, name: names.unique("link_\(model.variables[x.variable.index].name)"))
            }
            // Minimum engagement.
            model.addConstraint(X - candidate.minimumFTE * select[v] >= 0, name: names.unique("engagement_\(base)"))
            // Max share (exit strategy); redundant rows are left out.
            if alpha * D < candidate.capacityFTE - 1e-12 {
                rows[.maxShare, default: []].append(model.addConstraint(X <= alpha * D, name: names.unique("share_\(base)")))
            }
        }

        // Budget: FTE bought at each skill's rate, plus the onboarding cost of every vendor selected,
        // to the half cent (`Money`).
        if let budget = requirements.budget {
            rows[.budget] = [model.addConstraint(TeamModel.cost(candidates, select, assign, scale) <= Money.budgetRow(budget), name: "budget")]
        }

        // Number of vendors.
        let count = select.sum()
        if let maxVendors = requirements.maxVendors {
            rows[.maxVendors] = [model.addConstraint(count <= Double(maxVendors), name: "max_vendors")]
        }
        if requirements.minVendors > 0 {
            rows[.minVendors] = [model.addConstraint(count >= Double(requirements.minVendors), name: "min_vendors")]
        }

        // Growth: the team can grow to g·D.
        if requirements.growth > 0 {
            let lhs = LinearExpression(terms: candidates.indices.map { Term(select[$0], candidates[$0].maxFTE) })
            rows[.growth] = [model.addConstraint(lhs >= requirements.growth * D, name: "growth")]
        }

        // Backups: k_s selected vendors offer skill s.
        for (s, skill) in requirements.skills.enumerated() where skill.backups > 0 {
            var lhs = LinearExpression()
            for (v, candidate) in candidates.enumerated() where candidate.skills.contains(s) { lhs.add(select[v], 1) }
            rows[.backups, default: []].append(model.addConstraint(lhs >= Double(skill.backups), name: names.unique("backups_\(NameTable.sanitize(skill.name))")))
        }

        // Team overlap: Σ (o_v − h) X_v ≥ 0.
        if let h = requirements.teamOverlapHours, h > 0 {
            var lhs = LinearExpression()
            for (v, candidate) in candidates.enumerated() {
                for x in assign[v] { lhs.add(x.variable, (candidate.overlapHours - h) * scale) }
            }
            rows[.teamOverlap] = [model.addConstraint(lhs >= 0, name: "team_overlap")]
        }

        // The utility floor of the cheapest good-enough team: Σ u_v X_v ≥ μ · D.
        if let mu = requirements.minMeanUtility {
            rows[.utilityFloor] = [model.addConstraint(TeamModel.utility(candidates, assign, scale) >= mu * D, name: "min_mean_utility")]
        }

        // Rules written as values add their own rows (docs/TEAM-MODEL.md, "Rules as values").
        var builder = TeamModelBuilder(model: model, names: names, problem: problem, select: select, assign: assign, scale: scale)
        for constraint in requirements.constraints.items {
            rows[constraint.rule, default: []] += constraint.addRows(to: &builder)
        }
        model = builder.model

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

    /// `C = Σ_{v,s} c_{v,s} x_{v,s} + Σ_v f_v y_v`: the team's cost over the horizon.
    private static func cost(_ candidates: [TeamCandidate], _ select: [Variable], _ assign: [[(skill: Int, variable: Variable)]],
                             _ scale: Double) -> LinearExpression {
        var cost = LinearExpression()
        for (v, candidate) in candidates.enumerated() {
            for (k, x) in assign[v].enumerated() { cost.add(x.variable, candidate.costPerFTE(at: k) * scale) }
            if candidate.onboardingCost > 0 { cost.add(select[v], candidate.onboardingCost) }
        }
        return cost
    }

    /// `Σ_v u_v X_v`: the team's FTE-weighted utility.
    private static func utility(_ candidates: [TeamCandidate], _ assign: [[(skill: Int, variable: Variable)]], _ scale: Double) -> LinearExpression {
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
