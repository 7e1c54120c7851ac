import LinearModel

/// `rules.min_vendors` (`V_min`, default 1): at least this many vendors are selected,
/// `Σ_v y_v ≥ V_min` (docs/MODEL.md, "Team optimisation").
struct MinVendors: ScenarioRule {
    var count: Int

    static let rule = TeamRule(key: "rules.min_vendors")
    static let keys = ["min_vendors"]
    static let scenarioDefault: MinVendors? = MinVendors(count: 1)

    static func read(_ rules: [String: ScenarioValue], _ decoder: inout ScenarioDecoder) -> MinVendors? {
        guard let v = decoder.wholeNumber(rules["min_vendors"], ["rules", "min_vendors"], atLeast: 1) else { return scenarioDefault }
        // Both written and valid: the least may not exceed the most.
        if case let n? = rules["max_vendors"]?.number, n >= 1, n == n.rounded(), n < 1e15, Int(n) < v {
            decoder.error(["rules", "min_vendors"], "inconsistent", "rules.min_vendors (\(v)) must be ≤ rules.max_vendors (\(Int(n)))")
        }
        return MinVendors(count: v)
    }

    var entries: [(key: String, value: JSONValue)] { [("min_vendors", .number(Double(count)))] }

    var summary: String? { "at least \(count) vendor\(count == 1 ? "" : "s")" }

    func poolIssues(_ pool: VendorPool) -> [PoolIssue] { [] }

    func resolved(in scored: ScoredPool) -> MinVendors { self }

    func addRows(to builder: inout TeamModelBuilder) -> [ConstraintReference] {
        guard count > 0 else { return [] }
        let short = builder.slack(MinVendors.rule.rawValue, perUnit: 1, integer: true, upTo: Double(count - 1))
        return [builder.add(builder.select.sum() + short >= Double(count), name: "min_vendors", key: "min_vendors")]
    }

    func rows(at team: TeamView) -> [RuleRow] {
        [RuleRow(activity: Double(team.members.count), sense: .atLeast, bound: Double(count), scale: 1,
                 violation: "fewer vendors than min_vendors",
                 binding: count > 1 ? BindingRule(code: "min_vendors", message: "the team has the fewest vendors allowed (\(count))") : nil)]
    }

    func ladders(in problem: TeamProblem) -> [RuleLadder] {
        let current = count
        guard current > 1 else { return [] }
        return [RuleLadder(rule: rule, count: current - 1, apply: { k, p in
            p.requirements.minVendors = k == RuleLadder.unlimited ? 1 : current - k
        }, describe: { k in
            let new = current - k
            return Relaxation(rule: MinVendors.rule, constraint: "rules.min_vendors", current: Double(current), needed: Double(new),
                              size: Double(k) / Double(current),
                              message: "require at least \(new) \(new == 1 ? "vendor" : "vendors") (now \(current))")
        })]
    }

    func dominance(in problem: TeamProblem) -> DominanceRequirement { DominanceRequirement() }

    /// Loosest: 1 vendor.
    func removals(in problem: TeamProblem) -> [RuleRemoval] {
        guard count > 1 else { return [] }
        return [RuleRemoval(constraint: "rules.min_vendors", written: "\(count)", without: "1",
                            edit: .problem { $0.requirements.minVendors = 1 })]
    }

    /// Soft: the violation is in vendors.
    func relaxed(_ key: String, at team: TeamView) -> SoftRelaxation? {
        guard key == MinVendors.rule.rawValue, team.members.count < count else { return nil }
        let met = max(1, team.members.count)
        return SoftRelaxation(written: "\(count)", met: "\(met)", unit: "vendors", apply: { $0.requirements.minVendors = met })
    }

    func afterExit(of id: String) -> MinVendors? { self }
}

extension TeamRule {
    public static let minVendors = MinVendors.rule
}

extension TeamRequirements {
    /// `V_min`.
    public var minVendors: Int {
        get { constraints.first(MinVendors.self)?.count ?? 0 }
        set { constraints.set(MinVendors(count: newValue)) }
    }
}

extension Scenario.Rules {
    /// `min_vendors` (`V_min`); default 1.
    public var minVendors: Int {
        get { constraints.first(MinVendors.self)?.count ?? 1 }
        set { constraints.set(MinVendors(count: newValue)) }
    }
}
