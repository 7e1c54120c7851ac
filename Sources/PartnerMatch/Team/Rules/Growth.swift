import LinearModel

/// `rules.growth` (`g`, default 1): the selected vendors can grow to `g·D` FTE,
/// `Σ_v max_fte_v · y_v ≥ g·D` (docs/MODEL.md, "Team optimisation").
struct Growth: ScenarioRule {
    /// `g`.
    var factor: Double

    static let rule = TeamRule(key: "rules.growth")
    static let keys = ["growth"]
    static let scenarioDefault: Growth? = Growth(factor: 1)

    static func read(_ rules: [String: ScenarioValue], _ decoder: inout ScenarioDecoder) -> Growth? {
        decoder.number(rules["growth"], ["rules", "growth"], "> 0", max: Magnitude.growth, { $0 > 0 }).map { Growth(factor: $0) } ?? scenarioDefault
    }

    var entries: [(key: String, value: JSONValue)] { [("growth", .number(factor))] }

    var summary: String? { factor != 1 && factor > 0 ? "room to grow to \(Format.number(factor)) × the demand" : nil }

    func poolIssues(_ pool: VendorPool) -> [PoolIssue] { [] }

    func resolved(in scored: ScoredPool) -> Growth { self }

    func addRows(to builder: inout TeamModelBuilder) -> [ConstraintReference] {
        guard factor > 0 else { return [] }
        let candidates = builder.problem.candidates
        let lhs = LinearExpression(terms: candidates.indices.map { Term(builder.select[$0], candidates[$0].maxFTE) })
        let D = builder.problem.requirements.totalDemand
        let short = builder.slack(Growth.rule.rawValue, perUnit: D / 100, upTo: (factor - 0.01) * 100)
        return [builder.add(lhs + short - factor * builder.demanded >= 0, name: "growth", key: "growth")]
    }

    func rows(at team: TeamView) -> [RuleRow] {
        guard factor > 0 else { return [] }
        let target = factor * team.problem.requirements.totalDemand
        let room = team.members.reduce(0.0) { $0 + (team.candidate($1)?.maxFTE ?? 0) }
        return [RuleRow(activity: room, sense: .atLeast, bound: target, scale: room,
                        violation: "the team cannot grow to g·D",
                        binding: BindingRule(code: "growth", message: "the team can grow to exactly \(Format.number(factor)) × the demand (\(Format.number(room)) FTE)"),
                        tight: room <= target + 1e-6)]
    }

    func ladders(in problem: TeamProblem) -> [RuleLadder] {
        guard factor > 0.01 else { return [] }
        let current = factor
        let first = Int((current * 100 - 1e-7).rounded(.up))
        return [RuleLadder(rule: rule, count: first - 1, apply: { k, p in
            p.requirements.growth = k == RuleLadder.unlimited ? 0 : Double(first - k) / 100
        }, describe: { k in
            let new = Double(first - k) / 100
            return Relaxation(rule: Growth.rule, constraint: "rules.growth", current: current, needed: new,
                              size: abs(new - current) / current,
                              message: "lower the growth factor to \(Format.number(new)) (rules.growth; now \(Format.number(current)))")
        })]
    }

    func dominance(in problem: TeamProblem) -> DominanceRequirement { DominanceRequirement() }

    /// Loosest: 1 (a team that covers the demand can always grow to it). `g` is part of the
    /// scalability score, so the pool is scored afresh.
    func removals(in problem: TeamProblem) -> [RuleRemoval] {
        guard factor > 1 else { return [] }
        return [RuleRemoval(constraint: "rules.growth", written: Format.number(factor, decimals: 4), without: "1",
                            edit: .scenario({ $0.rules.growth = 1 }, rows: { $0.requirements.growth = 1 }))]
    }

    /// Soft: the violation is in hundredths of the factor; as met, the team's room over its FTE,
    /// rounded down to a hundredth.
    func relaxed(_ key: String, at team: TeamView) -> SoftRelaxation? {
        guard key == Growth.rule.rawValue else { return nil }
        let total = team.members.reduce(0) { $0 + $1.fte }
        let room = team.members.reduce(0.0) { $0 + (team.candidate($1)?.maxFTE ?? 0) }
        let met = max(0.01, SoftGrid.down(room / max(total, 1e-12), per: 100))
        guard met < factor - 1e-9 else { return nil }
        return SoftRelaxation(written: Format.number(factor), met: Format.number(met), unit: "hundredths of the factor",
                              apply: { $0.requirements.growth = met })
    }

    func afterExit(of id: String) -> Growth? { self }
}

extension TeamRule {
    public static let growth = Growth.rule
}

extension TeamRequirements {
    /// `g`: the selected vendors' `max_fte` must add up to at least `g · D` (0: no rule).
    public var growth: Double {
        get { constraints.first(Growth.self)?.factor ?? 0 }
        set { constraints.set(Growth(factor: newValue)) }
    }
}

extension Scenario.Rules {
    /// `growth` (`g`); default 1.
    public var growth: Double {
        get { constraints.first(Growth.self)?.factor ?? 1 }
        set { constraints.set(Growth(factor: newValue)) }
    }
}
