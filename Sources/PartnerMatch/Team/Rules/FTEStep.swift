import LinearModel

/// `rules.fte_step` (`q`, default none: continuous FTE): FTE are bought in multiples of `q`,
/// `x_{v,s} = q · n_{v,s}` with `n_{v,s}` integer (docs/MODEL.md, "Team optimisation"). The rule has
/// no rows: it makes the `x` columns integer counts of `q`.
struct FTEStep: ScenarioRule {
    /// `q`, FTE.
    var step: Double

    static let rule = TeamRule(key: "rules.fte_step")
    static let keys = ["fte_step"]
    static let scenarioDefault: FTEStep? = nil

    static func read(_ rules: [String: ScenarioValue], _ decoder: inout ScenarioDecoder) -> FTEStep? {
        // A step below a thousandth of an FTE (a few minutes a week) is continuous FTE in all but name,
        // and gives the MILP counts of up to 10^9 or more per vendor: refused with that advice.
        decoder.number(rules["fte_step"], ["rules", "fte_step"], "at least 0.001 (or no fte_step for continuous FTE)",
                       max: Magnitude.fte, { $0 >= 0.001 }).map { FTEStep(step: $0) }
    }

    var entries: [(key: String, value: JSONValue)] { [("fte_step", .number(step))] }

    var summary: String? { "FTE in steps of \(Format.number(step))" }

    func poolIssues(_ pool: VendorPool) -> [PoolIssue] { [] }

    func resolved(in scored: ScoredPool) -> FTEStep { self }

    func bound(_ bounds: inout ColumnBounds, in problem: TeamProblem) { bounds.step = step }

    func rows(at team: TeamView) -> [RuleRow] {
        var rows: [RuleRow] = []
        let skills = team.problem.requirements.skills
        for member in team.members {
            for part in team.parts(member) {
                let units = part.fte / step
                rows.append(RuleRow(activity: units, sense: .equal, bound: units.rounded(), scale: abs(units),
                                    violation: "\(member.id)'s \(skills[part.skill].name) FTE is not a multiple of \(step)", tight: false))
            }
        }
        return rows
    }

    func ladders(in problem: TeamProblem) -> [RuleLadder] { [] }

    func dominance(in problem: TeamProblem) -> DominanceRequirement { DominanceRequirement() }

    /// Loosest: continuous FTE.
    func removals(in problem: TeamProblem) -> [RuleRemoval] {
        [RuleRemoval(constraint: "rules.fte_step", written: Format.number(step, decimals: 4), without: "none",
                     edit: .problem { $0.requirements.fteStep = nil })]
    }

    func afterExit(of id: String) -> FTEStep? { self }
}

extension TeamRequirements {
    /// `q`: FTE are bought in multiples of this (`nil`: continuous).
    public var fteStep: Double? {
        get { constraints.first(FTEStep.self)?.step }
        set { constraints.set(newValue.map { FTEStep(step: $0) }) }
    }
}

extension Scenario.Rules {
    /// `fte_step` (`q`); default `nil`: continuous FTE.
    public var fteStep: Double? {
        get { constraints.first(FTEStep.self)?.step }
        set { constraints.set(newValue.map { FTEStep(step: $0) }) }
    }
}
