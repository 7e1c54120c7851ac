import LinearModel

/// `budget.total` (`B`): the team's cost over the horizon, onboarding included, is at most `B`:
/// `Σ_{v,s} c_{v,s} x_{v,s} + Σ_v f_v y_v ≤ B` (docs/MODEL.md, "Team optimisation").
///
/// Parametric: a budget sweep changes `amount` only (`TeamRequirements.budget`), or the bound of
/// the one row `TeamModel.rows[Budget.rule]` holds; the pricing model of a sweep is built once with
/// any budget, as only its coefficients are read. Its infeasibility ladder is searched exactly: the
/// least workable budget is the cheapest team's cost under every other rule, rounded up to the cent.
struct Budget: TeamConstraint {
    /// `B`, in the scenario's currency.
    var amount: Double

    static let rule = TeamRule(key: "budget.total")

    /// Reports show the budget on a line of its own.
    var summary: String? { nil }

    func addRows(to builder: inout TeamModelBuilder) -> [ConstraintReference] {
        let cost = TeamModel.cost(builder.problem.candidates, builder.select, builder.assign, builder.scale)
        // To the half cent (`Money`): a budget typed as a team's printed cost buys that team.
        let over = builder.slack(Budget.rule.rawValue, perUnit: amount / 100)
        return [builder.add(cost - over <= Money.budgetRow(amount), name: "budget", key: "budget")]
    }

    func rows(at team: TeamView) -> [RuleRow] {
        var cost = 0.0, scale = 0.0
        for member in team.members {
            guard let c = team.candidate(member) else { continue }
            for part in team.parts(member) {
                let partCost = c.costPerFTE(at: c.skills.firstIndex(of: part.skill)!) * part.fte
                cost += partCost
                scale += abs(partCost)
            }
            cost += c.onboardingCost
            scale += c.onboardingCost
        }
        let spent = team.members.reduce(0) { $0 + $1.cost }
        // Money to the half cent, no relative tolerance (`Money`).
        return [RuleRow(activity: cost, sense: .atMost, bound: amount, scale: scale, money: true,
                        violation: "the cost \(cost) exceeds the budget \(amount)",
                        binding: BindingRule(code: "budget", message: "the budget is spent: \(Format.money(spent)) of \(Format.money(amount))"),
                        tight: spent >= amount * (1 - 1e-6))]
    }

    func ladders(in problem: TeamProblem) -> [RuleLadder] {
        let current = amount
        let unit = problem.requirements.currency.isEmpty ? "" : " " + problem.requirements.currency
        // Position k stands for the budget of k cents: the ladder is found exactly.
        return [RuleLadder(rule: rule, count: 0, apply: { k, p in
            p.requirements.budget = k == RuleLadder.unlimited ? nil : Double(k) / 100
        }, describe: { k in
            let new = Double(k) / 100
            return Relaxation(rule: Budget.rule, constraint: "budget.total", current: current, needed: new,
                              size: abs(new - current) / max(current, 1e-12),
                              message: "needs a budget of at least \(Money.text(new))\(unit) (now \(Money.text(current))\(unit))")
        }, exact: { problem, optimizer throws(TeamOptimizationError) in
            var free = problem
            free.requirements.budget = nil
            var quiet = optimizer
            quiet.options.explainInfeasibility = false
            quiet.options.pruning = false
            quiet.options.priceBudget = false
            let cheapest = try quiet.solve(TeamModel(free, objective: .minimizeCost(utilityFloor: nil)))
            guard cheapest.status.hasTeam, let cost = cheapest.totalCost else { return nil }
            // The least cost rounded up to the cent, within the reader's limit on amounts.
            let cents = (Money.roundedUpToCent(cost) * 100).rounded()
            return cents / 100 <= Money.largestAmount ? Int(cents) : nil
        })]
    }

    func dominance(in problem: TeamProblem) -> DominanceRequirement { DominanceRequirement() }

    /// The budget lifted: the best team whatever it costs.
    func removals(in problem: TeamProblem) -> [RuleRemoval] {
        [RuleRemoval(constraint: "budget.total", written: Money.text(amount), without: "none",
                     edit: .problem { $0.requirements.budget = nil })]
    }

    /// Soft: the violation is in per cent of `B`; as met, the team's cost rounded up to the cent.
    func relaxed(_ key: String, at team: TeamView) -> SoftRelaxation? {
        guard key == Budget.rule.rawValue else { return nil }
        let met = SoftGrid.up(team.members.reduce(0) { $0 + $1.cost }, per: 100)
        guard met > amount + Money.halfCent else { return nil }
        let unit = team.problem.requirements.currency.isEmpty ? "" : " " + team.problem.requirements.currency
        return SoftRelaxation(written: Money.text(amount) + unit, met: Money.text(met) + unit, unit: "per cent of the budget",
                              apply: { $0.requirements.budget = met })
    }

    func afterExit(of id: String) -> Budget? { self }
}

extension TeamRule {
    public static let budget = Budget.rule
}

extension TeamRequirements {
    /// `B` for the whole horizon; `nil` means no budget constraint.
    public var budget: Double? {
        get { constraints.first(Budget.self)?.amount }
        set { constraints.set(newValue.map { Budget(amount: $0) }) }
    }
}
