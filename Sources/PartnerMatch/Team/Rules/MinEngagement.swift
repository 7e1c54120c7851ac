import LinearModel

/// `rules.min_engagement_fte` (`e`, default 0.5): a selected vendor receives at least
/// `m_v = max(min_fte_v, e)` FTE, `X_v ≥ m_v · y_v` (docs/MODEL.md, "Team optimisation"), so that
/// it does real work. Candidates keep their own `min_fte`; `e` lives here only, and the explanation
/// lowers it here.
struct MinEngagement: ScenarioRule {
    /// `e`, FTE.
    var fte: Double

    static let rule = TeamRule(key: "rules.min_engagement_fte")
    static let keys = ["min_engagement_fte"]
    static let scenarioDefault: MinEngagement? = MinEngagement(fte: 0.5)

    static func read(_ rules: [String: ScenarioValue], _ decoder: inout ScenarioDecoder) -> MinEngagement? {
        decoder.number(rules["min_engagement_fte"], ["rules", "min_engagement_fte"], "≥ 0", max: Magnitude.fte, { $0 >= 0 })
            .map { MinEngagement(fte: $0) } ?? scenarioDefault
    }

    var entries: [(key: String, value: JSONValue)] { [("min_engagement_fte", .number(fte))] }

    var summary: String? { fte > 0 ? "at least \(Format.number(fte)) FTE for each vendor selected" : nil }

    func poolIssues(_ pool: VendorPool) -> [PoolIssue] { [] }

    func resolved(in scored: ScoredPool) -> MinEngagement { self }

    func bound(_ bounds: inout ColumnBounds, in problem: TeamProblem) {
        // Soft, the engagement moves: only each vendor's own minimum stays a bound.
        guard fte > 0, !problem.requirements.isElastic(MinEngagement.rule.rawValue) else { return }
        for v in bounds.minimum.indices { bounds.minimum[v] = max(bounds.minimum[v], fte) }
    }

    func addCandidateRows(_ v: Int, to builder: inout TeamModelBuilder) -> [ConstraintReference] {
        let id = builder.problem.candidates[v].id
        let minimum = builder.bounds.minimum[v]
        return [builder.model.addConstraint(builder.fte(v) - minimum * builder.select[v] >= 0,
                                            name: builder.names.unique("engagement_\(NameTable.sanitize(id))"))]
            + softRows(v, to: &builder)
    }

    /// Soft: `X_v ≥ e·y_v − s` beside the vendor's own minimum (hard), `s` in FTE.
    private func softRows(_ v: Int, to builder: inout TeamModelBuilder) -> [ConstraintReference] {
        guard fte > builder.problem.candidates[v].minimumFTE, builder.problem.requirements.isElastic(MinEngagement.rule.rawValue) else { return [] }
        let short = builder.slack(MinEngagement.rule.rawValue, perUnit: 1, upTo: fte)
        return [builder.model.addConstraint(builder.fte(v) - fte * builder.select[v] + short >= 0,
                                            name: builder.names.unique("engagement_soft_\(NameTable.sanitize(builder.problem.candidates[v].id))"))]
    }

    func rows(at team: TeamView) -> [RuleRow] {
        team.members.compactMap { member in
            guard let v = team.position(member) else { return nil }
            let total = team.parts(member).reduce(0) { $0 + $1.fte }
            return RuleRow(activity: total, sense: .atLeast, bound: team.bounds.minimum[v], scale: total,
                           violation: "\(member.id) is below its minimum engagement", tight: false)
        }
    }

    func ladders(in problem: TeamProblem) -> [RuleLadder] {
        guard fte > 0 else { return [] }
        // Hundredths of an FTE less each time, down to 0 (vendors keep their own min_fte).
        let current = fte
        let first = Int(min(1e6, (current * 100 - 1e-7).rounded(.up)))
        return [RuleLadder(rule: rule, count: first, apply: { k, p in
            p.requirements.minEngagementFTE = k == RuleLadder.unlimited ? 0 : Double(first - k) / 100
        }, describe: { k in
            let new = Double(first - k) / 100
            return Relaxation(rule: MinEngagement.rule, constraint: "rules.min_engagement_fte", current: current, needed: new,
                              size: abs(new - current) / current,
                              message: "lower the minimum engagement to \(Format.number(new)) FTE (rules.min_engagement_fte; now \(Format.number(current)))")
        })]
    }

    func dominance(in problem: TeamProblem) -> DominanceRequirement { DominanceRequirement() }

    /// Loosest: 0 FTE (each vendor's own `min_fte` still holds).
    func removals(in problem: TeamProblem) -> [RuleRemoval] {
        guard fte > 0 else { return [] }
        return [RuleRemoval(constraint: "rules.min_engagement_fte", written: Format.number(fte, decimals: 4), without: "0",
                            edit: .problem { $0.requirements.minEngagementFTE = 0 })]
    }

    /// Soft: the violation is in FTE; as met, the least FTE a member receives, rounded down to a
    /// hundredth.
    func relaxed(_ key: String, at team: TeamView) -> SoftRelaxation? {
        guard key == MinEngagement.rule.rawValue else { return nil }
        let least = team.members.map(\.fte).min() ?? fte
        let met = max(0, SoftGrid.down(least, per: 100))
        guard met < fte - 1e-9 else { return nil }
        return SoftRelaxation(written: "\(Format.number(fte)) FTE", met: "\(Format.number(met)) FTE", unit: "FTE",
                              apply: { $0.requirements.minEngagementFTE = met })
    }

    func afterExit(of id: String) -> MinEngagement? { self }
}

extension TeamRule {
    public static let minEngagement = MinEngagement.rule
}

extension TeamRequirements {
    /// `e`: every selected vendor receives at least `max(min_fte_v, e)` FTE.
    public var minEngagementFTE: Double {
        get { constraints.first(MinEngagement.self)?.fte ?? 0 }
        set { constraints.set(MinEngagement(fte: newValue)) }
    }
}

extension TeamProblem {
    /// `m_v = max(min_fte_v, e)` of each candidate: the least FTE it receives when selected.
    /// (`ColumnBounds` without the ceilings, which it does not read: it is asked for on every solve.)
    var minimumFTE: [Double] { ColumnBounds(self, ceilings: false).minimum }
}

extension Scenario.Rules {
    /// `min_engagement_fte` (`e`); default 0.5.
    public var minEngagementFTE: Double {
        get { constraints.first(MinEngagement.self)?.fte ?? 0.5 }
        set { constraints.set(MinEngagement(fte: newValue)) }
    }
}
