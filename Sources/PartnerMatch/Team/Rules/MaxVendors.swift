import LinearModel

/// `rules.max_vendors` (`V_max`, default none): at most this many vendors are selected,
/// `Σ_v y_v ≤ V_max` (docs/MODEL.md, "Team optimisation").
struct MaxVendors: ScenarioRule {
    var count: Int

    static let rule = TeamRule(key: "rules.max_vendors")
    static let keys = ["max_vendors"]
    static let scenarioDefault: MaxVendors? = nil

    static func read(_ rules: [String: ScenarioValue], _ decoder: inout ScenarioDecoder) -> MaxVendors? {
        decoder.wholeNumber(rules["max_vendors"], ["rules", "max_vendors"], atLeast: 1).map { MaxVendors(count: $0) }
    }

    var entries: [(key: String, value: JSONValue)] { [("max_vendors", .number(Double(count)))] }

    var summary: String? { "at most \(count)" }

    func poolIssues(_ pool: VendorPool) -> [PoolIssue] { [] }

    func resolved(in scored: ScoredPool) -> MaxVendors { self }

    func addRows(to builder: inout TeamModelBuilder) -> [ConstraintReference] {
        let over = builder.slack(MaxVendors.rule.rawValue, perUnit: 1, integer: true)
        return [builder.add(builder.select.sum() - over <= Double(count), name: "max_vendors", key: "max_vendors")]
    }

    func rows(at team: TeamView) -> [RuleRow] {
        [RuleRow(activity: Double(team.members.count), sense: .atMost, bound: Double(count), scale: 1,
                 violation: "more vendors than max_vendors",
                 binding: BindingRule(code: "max_vendors", message: "the team has the most vendors allowed (\(count))"))]
    }

    func ladders(in problem: TeamProblem) -> [RuleLadder] {
        let current = count
        guard current < problem.candidates.count else { return [] }
        return [RuleLadder(rule: rule, count: problem.candidates.count - current, apply: { k, p in
            p.requirements.maxVendors = k == RuleLadder.unlimited ? nil : current + k
        }, describe: { k in
            let new = current + k
            return Relaxation(rule: MaxVendors.rule, constraint: "rules.max_vendors", current: Double(current), needed: Double(new),
                              size: Double(k) / Double(current), message: "allow \(new) vendors (now \(current))")
        })]
    }

    func dominance(in problem: TeamProblem) -> DominanceRequirement { DominanceRequirement() }

    /// Loosest: no limit.
    func removals(in problem: TeamProblem) -> [RuleRemoval] {
        [RuleRemoval(constraint: "rules.max_vendors", written: "\(count)", without: "none",
                     edit: .problem { $0.requirements.maxVendors = nil })]
    }

    /// Soft: the violation is in vendors.
    func relaxed(_ key: String, at team: TeamView) -> SoftRelaxation? {
        guard key == MaxVendors.rule.rawValue, team.members.count > count else { return nil }
        let met = team.members.count
        return SoftRelaxation(written: "\(count)", met: "\(met)", unit: "vendors", apply: { $0.requirements.maxVendors = met })
    }

    func afterExit(of id: String) -> MaxVendors? { self }
}

extension TeamRule {
    public static let maxVendors = MaxVendors.rule
}

extension TeamRequirements {
    /// `V_max`; `nil`: no upper limit.
    public var maxVendors: Int? {
        get { constraints.first(MaxVendors.self)?.count }
        set { constraints.set(newValue.map { MaxVendors(count: $0) }) }
    }
}

extension Scenario.Rules {
    /// `max_vendors` (`V_max`); default none (`nil`: no limit).
    public var maxVendors: Int? {
        get { constraints.first(MaxVendors.self)?.count }
        set { constraints.set(newValue.map { MaxVendors(count: $0) }) }
    }
}
