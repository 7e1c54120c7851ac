import LinearModel

/// `min_mean_utility` (`μ`) of the cheapest good-enough team (`objective = "cost"`): the team's
/// mean utility per FTE reaches `μ`, `Σ_v u_v X_v ≥ μ · D` (docs/MODEL.md, "The cheapest good-enough
/// team").
struct UtilityFloor: TeamConstraint {
    /// `μ`.
    var mean: Double

    static let rule = TeamRule(key: "min_mean_utility")

    /// Reports state the objective on a line of its own.
    var summary: String? { nil }

    func addRows(to builder: inout TeamModelBuilder) -> [ConstraintReference] {
        let utility = TeamModel.utility(builder.problem.candidates, builder.assign, builder.scale)
        let D = builder.problem.requirements.totalDemand
        let short = builder.slack(UtilityFloor.rule.rawValue, perUnit: D / 100, upTo: mean * 100)
        return [builder.add(utility + short - mean * builder.demanded >= 0, name: "min_mean_utility", key: "min_mean_utility")]
    }

    func rows(at team: TeamView) -> [RuleRow] {
        var utility = 0.0
        for member in team.members {
            guard let c = team.candidate(member) else { continue }
            for part in team.parts(member) { utility += c.utility * part.fte }
        }
        let floor = mean * team.problem.requirements.totalDemand
        let reported = team.members.reduce(0) { $0 + $1.utility * $1.fte }
        return [RuleRow(activity: utility, sense: .atLeast, bound: floor, scale: utility,
                        violation: "the team's mean utility is below min_mean_utility \(mean)",
                        binding: BindingRule(code: "min_mean_utility", message: "the team's mean utility is at the minimum (\(Format.number(mean)))"),
                        tight: reported <= floor + 1e-6 * max(1, floor))]
    }

    func ladders(in problem: TeamProblem) -> [RuleLadder] {
        guard mean > 0 else { return [] }
        // Hundredths less each time, down to 0.
        let current = mean
        let first = Int((current * 100 - 1e-7).rounded(.up))
        return [RuleLadder(rule: rule, count: first, apply: { k, p in
            p.requirements.minMeanUtility = k == RuleLadder.unlimited ? 0 : Double(first - k) / 100
        }, describe: { k in
            let new = Double(first - k) / 100
            return Relaxation(rule: UtilityFloor.rule, constraint: "min_mean_utility", current: current, needed: new,
                              size: abs(new - current) / current,
                              message: "lower min_mean_utility to \(Format.number(new)) (now \(Format.number(current)))")
        })]
    }

    func dominance(in problem: TeamProblem) -> DominanceRequirement { DominanceRequirement() }

    /// The floor defines the cost objective (`min_mean_utility`): it is not priced.
    func removals(in problem: TeamProblem) -> [RuleRemoval] { [] }

    /// Soft: the violation is in hundredths of utility; as met, the team's mean utility per FTE
    /// rounded down to 0.0001.
    func relaxed(_ key: String, at team: TeamView) -> SoftRelaxation? {
        guard key == UtilityFloor.rule.rawValue else { return nil }
        let total = team.members.reduce(0) { $0 + $1.fte }
        let utility = team.members.reduce(0) { $0 + $1.utility * $1.fte }
        let met = max(0, SoftGrid.down(utility / max(total, 1e-12), per: 10_000))
        guard met < mean - 1e-9 else { return nil }
        return SoftRelaxation(written: Format.number(mean, decimals: 4), met: Format.number(met, decimals: 4), unit: "hundredths of utility",
                              apply: { $0.requirements.minMeanUtility = met })
    }

    func afterExit(of id: String) -> UtilityFloor? { self }
}

extension TeamRule {
    /// `min_mean_utility` of the cheapest good-enough team (`objective = "cost"`).
    public static let utilityFloor = UtilityFloor.rule
}

extension TeamRequirements {
    /// `μ` of `objective = "cost"`: the team's mean utility per FTE must reach it (`nil`: the
    /// utility objective, no floor).
    public var minMeanUtility: Double? {
        get { constraints.first(UtilityFloor.self)?.mean }
        set { constraints.set(newValue.map { UtilityFloor(mean: $0) }) }
    }
}
