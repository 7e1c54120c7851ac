import LinearModel

/// `rules.team_overlap_hours` (`h_team`, default 0: no rule): the team's FTE-weighted mean overlap
/// with the client is at least `h_team` hours, `Σ_v (overlap_v − h_team) · X_v ≥ 0` (docs/MODEL.md,
/// "Team optimisation").
struct TeamOverlap: ScenarioRule {
    /// `h_team`, hours.
    var hours: Double

    static let rule = TeamRule(key: "rules.team_overlap_hours")
    static let keys = ["team_overlap_hours"]
    static let scenarioDefault: TeamOverlap? = TeamOverlap(hours: 0)

    static func read(_ rules: [String: ScenarioValue], _ decoder: inout ScenarioDecoder) -> TeamOverlap? {
        decoder.number(rules["team_overlap_hours"], ["rules", "team_overlap_hours"], "in 0–24", { (0...24).contains($0) })
            .map { TeamOverlap(hours: $0) } ?? scenarioDefault
    }

    var entries: [(key: String, value: JSONValue)] { [("team_overlap_hours", .number(hours))] }

    var summary: String? { hours > 0 ? "a mean overlap of at least \(Format.number(hours)) h a day" : nil }

    func poolIssues(_ pool: VendorPool) -> [PoolIssue] { [] }

    func resolved(in scored: ScoredPool) -> TeamOverlap { self }

    func addRows(to builder: inout TeamModelBuilder) -> [ConstraintReference] {
        guard hours > 0 else { return [] }
        var lhs = LinearExpression()
        for (v, candidate) in builder.problem.candidates.enumerated() {
            for x in builder.assign[v] { lhs.add(x.variable, (candidate.overlapHours - hours) * builder.scale) }
        }
        // Soft: each hour less is `D` FTE-hours of room (the demand met as written).
        lhs += builder.slack(TeamOverlap.rule.rawValue, perUnit: builder.problem.requirements.totalDemand, upTo: hours)
        return [builder.add(lhs >= 0, name: "team_overlap", key: "team_overlap")]
    }

    func rows(at team: TeamView) -> [RuleRow] {
        guard hours > 0 else { return [] }
        var overlap = 0.0, scale = 0.0
        for member in team.members {
            guard let c = team.candidate(member) else { continue }
            for part in team.parts(member) {
                overlap += (c.overlapHours - hours) * part.fte
                scale += abs(c.overlapHours * part.fte)
            }
        }
        let fte = team.members.reduce(0) { $0 + $1.fte }
        let mean = team.members.reduce(0) { $0 + $1.overlapHours * $1.fte } / max(fte, 1e-12)
        return [RuleRow(activity: overlap, sense: .atLeast, bound: 0, scale: scale + hours * team.problem.requirements.totalDemand,
                        violation: "the team's mean overlap is below \(hours) h",
                        binding: BindingRule(code: "team_overlap", message: "the team's mean overlap is at the minimum (\(Format.number(hours)) h)"),
                        tight: mean <= hours + 1e-6)]
    }

    func ladders(in problem: TeamProblem) -> [RuleLadder] {
        guard hours > 0 else { return [] }
        let current = hours
        let first = Int((current * 10 - 1e-7).rounded(.up))
        return [RuleLadder(rule: rule, count: first, apply: { k, p in
            p.requirements.teamOverlapHours = k == RuleLadder.unlimited || first - k <= 0 ? nil : Double(first - k) / 10
        }, describe: { k in
            let new = Double(first - k) / 10
            return Relaxation(rule: TeamOverlap.rule, constraint: "rules.team_overlap_hours", current: current, needed: new,
                              size: abs(new - current) / current,
                              message: "lower the team overlap to \(Format.number(new)) h (now \(Format.number(current)) h)")
        })]
    }

    func dominance(in problem: TeamProblem) -> DominanceRequirement { DominanceRequirement() }

    /// Loosest: 0 hours.
    func removals(in problem: TeamProblem) -> [RuleRemoval] {
        guard hours > 0 else { return [] }
        return [RuleRemoval(constraint: "rules.team_overlap_hours", written: Format.number(hours, decimals: 4), without: "0",
                            edit: .problem { $0.requirements.teamOverlapHours = nil })]
    }

    /// Soft: the violation is in hours; as met, the team's FTE-weighted mean overlap rounded down
    /// to a hundredth of an hour.
    func relaxed(_ key: String, at team: TeamView) -> SoftRelaxation? {
        guard key == TeamOverlap.rule.rawValue else { return nil }
        let total = team.members.reduce(0) { $0 + $1.fte }
        let weighted = team.members.reduce(0.0) { $0 + (team.candidate($1)?.overlapHours ?? 0) * $1.fte }
        let met = max(0, SoftGrid.down(weighted / max(total, 1e-12), per: 100))
        guard met < hours - 1e-9 else { return nil }
        return SoftRelaxation(written: "\(Format.number(hours)) h", met: "\(Format.number(met)) h", unit: "hours",
                              apply: { $0.requirements.teamOverlapHours = met })
    }

    func afterExit(of id: String) -> TeamOverlap? { self }
}

extension TeamRule {
    public static let teamOverlap = TeamOverlap.rule
}

extension TeamRequirements {
    /// `h_team`: the FTE-weighted mean overlap of the team, hours (`nil`: no rule).
    public var teamOverlapHours: Double? {
        get { constraints.first(TeamOverlap.self).flatMap { $0.hours > 0 ? $0.hours : nil } }
        set { constraints.set(TeamOverlap(hours: newValue ?? 0)) }
    }
}

extension Scenario.Rules {
    /// `team_overlap_hours` (`h_team`); default 0.
    public var teamOverlapHours: Double {
        get { constraints.first(TeamOverlap.self)?.hours ?? 0 }
        set { constraints.set(TeamOverlap(hours: newValue)) }
    }
}
