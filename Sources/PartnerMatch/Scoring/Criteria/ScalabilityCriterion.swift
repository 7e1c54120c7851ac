/// Scalability: `min(1, max_fte / (g · D))` (docs/MODEL.md, "Criteria"); TOPSIS ranks on `max_fte`.
public enum ScalabilityCriterion: CriterionDefinition {
    public static let key = "scalability"
    public static let defaultWeight = 0.10
    public static let abbreviation = "scal"
    public static let label = "room to grow"
    public static let legend = "scal: FTE reachable after ramp-up / the grown demand g·D, capped at 1"
    public static let legendEntry = "scal scalability"
    public static let reportLabel = "scale"
    public static let glossaryTerm = "Scalability score"
    public static let glossaryDefinition = "How far the vendor can grow: its maximum FTE after ramp-up against the demand times the scenario's growth factor, capped at 1."
    public static let topsisIsBenefit = true

    public static func raw(_ index: Int, in context: CriterionContext) -> Double { context.pool.maxFTE[index] }

    public static func score(_ index: Int, in context: CriterionContext) -> Double {
        let grown = context.growthDemand
        return grown > 0 ? min(1, context.pool.maxFTE[index] / grown) : 1
    }

    public static func explanation(_ index: Int, in context: CriterionContext) -> String {
        "can reach \(formatNumber(context.pool.maxFTE[index])) FTE of the \(formatNumber(context.growthDemand)) the grown demand needs"
    }
}

extension Criterion {
    public static let scalability = Criterion.of(ScalabilityCriterion.self)
}

extension Scenario.Weights {
    public var scalability: Double { get { self[.scalability] } set { self[.scalability] = newValue } }
}
