/// Cost: `(r_max − r̄_v) / (r_max − r_min)` over the eligible vendors' demand-weighted mean rates `r̄`
/// (docs/MODEL.md, "Criteria"); 1 when all are equal. TOPSIS ranks on `r̄` itself, as a cost column.
public enum CostCriterion: CriterionDefinition {
    public static let key = "cost"
    public static let defaultWeight = 0.25
    public static let abbreviation = "cost"
    public static let label = "rate"
    public static let legend = "cost: 1 for the cheapest eligible vendor, 0 for the dearest, by demand-weighted mean hourly rate"
    public static let legendEntry = "cost (cheaper is higher)"
    public static let reportLabel = "cost"
    public static let glossaryTerm = "Cost score"
    public static let glossaryDefinition = "Cheaper is higher: 1 for the cheapest eligible hourly rate, 0 for the dearest."
    public static let topsisIsBenefit = false

    public static func raw(_ index: Int, in context: CriterionContext) -> Double { context.meanRate[index] }

    public static func score(_ index: Int, in context: CriterionContext) -> Double {
        score(rate: context.meanRate[index], min: context.rateRange.min, max: context.rateRange.max)
    }

    /// `(r_max − r) / (r_max − r_min)`; 1 when all rates are equal. Clamped to [0, 1] for rates outside the range.
    public static func score(rate: Double, min rMin: Double, max rMax: Double) -> Double {
        guard rMax > rMin else { return 1 }
        return Swift.min(1, Swift.max(0, (rMax - rate) / (rMax - rMin)))
    }

    public static func explanation(_ index: Int, in context: CriterionContext) -> String {
        let r = context.meanRate[index], range = context.rateRange
        let own = context.pool.hourlyRate[index] == r ? "hourly rate" : "demand-weighted mean rate"
        return "\(own) \(ScoredPool.rateText(r)) between the eligible vendors' \(ScoredPool.rateText(range.min)) and \(ScoredPool.rateText(range.max))"
    }
}

extension Criterion {
    public static let cost = Criterion.of(CostCriterion.self)
}

extension Scenario.Weights {
    public var cost: Double { get { self[.cost] } set { self[.cost] = newValue } }
}
