/// What one rule costs (docs/MODEL.md, "What each rule costs"): the optimum with the rule removed
/// minus the optimum with it, from a verified re-solve with exactly that one rule changed.
public struct RulePrice: Sendable {
    /// The scenario key, e.g. `rules.max_share`, `rules.country_share.IN`, `budget.total`.
    public var constraint: String
    /// The entry of a list rule that was lifted (`ISO27001`, `V019`); `nil` for a whole rule.
    public var entry: String?
    /// The rule as written, and its loosest value, as a user types them.
    public var current: String
    public var without: String
    /// How the run without the rule ended.
    public var status: TeamStatus
    /// The price in the objective's own sense: utility mode, the utility (`Σ u_v X_v`) gained
    /// without the rule; cost mode, the money saved (`C − C'`). `nil` when the run without it has no team.
    public var price: Double?
    /// `Σ u_v X_v` without the rule minus with it (on different scales when `rescored`).
    public var utilityGain: Double?
    /// The same per FTE of demand (the change of the mean utility).
    public var meanUtilityGain: Double?
    /// `C' − C`: the cost without the rule minus the cost with it (negative: money saved).
    public var costChange: Double?
    /// Vendors in the team without the rule but not with it, and the other way round (ids, sorted).
    public var joins: [String]
    public var leaves: [String]
    /// `|price|` at most the materiality `ε` of the optimum: the rule costs nothing worth acting on.
    public var free: Bool
    /// Removing the rule changed the scores (eligibility moves the cost range; `growth` moves
    /// scalability): utilities before and after are on different scales, and the price may be negative.
    public var rescored: Bool
    /// The team without the rule (members and totals), for reports that show it.
    public var team: TeamSolution?
}

/// Prices every rule in force of a scenario (`optimize --rule-prices`, the report's section).
///
/// Each price is one re-solve with exactly one rule at its loosest value, verified like every team
/// (the optimiser's own verification), and exactly what a user gets by removing that rule from the
/// file and running again: a rule whose removal leaves the scores alone edits the team problem of the
/// scored pool (the same problem a fresh run builds, without reading and scoring the pool again); a
/// rule whose removal may move the scores (eligibility, `growth`) is applied to the scenario and the
/// pool scored afresh. A removal that leaves the eligible set and every utility as they were builds
/// the very problem already solved: its price is 0 with no solve. The re-solves are independent and
/// run in parallel; results come in the rules' order whatever the thread count.
public struct RulePricing: Sendable {
    public var optimizer: TeamOptimizer
    /// Solve the removals on all cores.
    public var parallel = true

    public init(optimizer: TeamOptimizer, parallel: Bool = true) {
        var quiet = optimizer
        quiet.options.explainInfeasibility = false
        quiet.options.priceBudget = false
        self.optimizer = quiet
        self.parallel = parallel
    }

    /// The price of every rule in force of `scored`'s scenario, `base` being the team `optimize`
    /// reports for `problem` (= `TeamProblem(scored:)`). Empty when `base` has no team, or only one
    /// with soft rules relaxed (each rule's price is against the scenario every rule admits).
    public func prices(_ scored: ScoredPool, problem: TeamProblem, base: TeamSolution) throws(TeamOptimizationError) -> [RulePrice] {
        guard base.status.hasTeam, base.relaxedRules.isEmpty else { return [] }
        let removals = problem.requirements.constraints.items.flatMap { $0.removals(in: problem) }
            + scored.scenario.rules.eligibilityRemovals
        let materiality = scored.scenario.whatIf.materiality
        let baseUtility = Self.utilityByPool(scored)
        return try parallelMap(count: removals.count, parallel: parallel) { [self] k throws(TeamOptimizationError) -> RulePrice in
            let removal = removals[k]
            switch removal.edit {
            case .problem(let edit):
                var changed = problem
                edit(&changed)
                return price(removal, base: base, without: try optimizer.solve(changed), problem: problem,
                             rescored: false, materiality: materiality)
            case .scenario(let edit, _):
                var scenario = scored.scenario
                edit(&scenario)
                let rescoredPool = ScoredPool(pool: scored.pool, scenario: scenario)
                let same = rescoredPool.eligible == scored.eligible && rescoredPool.utility == scored.utility
                if same {
                    return price(removal, base: base, without: base, problem: problem, rescored: false, materiality: materiality)
                }
                let after = Self.utilityByPool(rescoredPool)
                let rescored = after.contains { index, u in baseUtility[index].map { abs($0 - u) > 1e-12 } ?? false }
                return price(removal, base: base, without: try optimizer.solve(TeamProblem(scored: rescoredPool)), problem: problem,
                             rescored: rescored, materiality: materiality)
            }
        }
    }

    /// The price of the problem's team rules alone, on the problem as given (its scores held): the
    /// team-rule part of `prices`, for a problem without a scored pool. Removals that would re-score
    /// (`growth`) change the problem's rows only: the price with the scores held.
    public func prices(_ problem: TeamProblem, base: TeamSolution, materiality: Double = 0.001) throws(TeamOptimizationError) -> [RulePrice] {
        guard base.status.hasTeam else { return [] }
        let removals = problem.requirements.constraints.items.flatMap { $0.removals(in: problem) }
        return try parallelMap(count: removals.count, parallel: parallel) { [self] k throws(TeamOptimizationError) -> RulePrice in
            let removal = removals[k]
            var changed = problem
            switch removal.edit {
            case .problem(let edit): edit(&changed)
            case .scenario(_, let rows): rows?(&changed)
            }
            return price(removal, base: base, without: try optimizer.solve(changed), problem: problem, rescored: false, materiality: materiality)
        }
    }

    private static func utilityByPool(_ scored: ScoredPool) -> [Int: Double] {
        var out: [Int: Double] = [:]
        out.reserveCapacity(scored.eligible.count)
        for (k, index) in scored.eligible.enumerated() { out[Int(index)] = scored.utility[k] }
        return out
    }

    private func price(_ removal: RuleRemoval, base: TeamSolution, without: TeamSolution, problem: TeamProblem,
                       rescored: Bool, materiality: Double) -> RulePrice {
        var out = RulePrice(constraint: removal.constraint, entry: removal.entry, current: removal.written, without: removal.without,
                            status: without.status, price: nil, utilityGain: nil, meanUtilityGain: nil, costChange: nil,
                            joins: [], leaves: [], free: false, rescored: rescored, team: without)
        guard without.status.hasTeam, let u0 = base.objective, let u1 = without.objective,
              let c0 = base.totalCost, let c1 = without.totalCost else { return out }
        let D = max(problem.requirements.totalDemand, 1e-12)
        out.utilityGain = TeamOptimizer.clean(u1 - u0)
        out.meanUtilityGain = TeamOptimizer.clean((u1 - u0) / D)
        out.costChange = Money.roundedToCent(c1 - c0)
        let costMode = problem.requirements.minMeanUtility != nil
        let price = costMode ? Money.roundedToCent(c0 - c1) : TeamOptimizer.clean(u1 - u0)
        out.price = price
        let scale = costMode ? c0 : u0
        out.free = abs(price) <= materiality * abs(scale) + (costMode ? Money.halfCent : 1e-9)
        let before = Set(base.vendorSet), after = Set(without.vendorSet)
        out.joins = after.subtracting(before).sorted()
        out.leaves = before.subtracting(after).sorted()
        return out
    }
}
