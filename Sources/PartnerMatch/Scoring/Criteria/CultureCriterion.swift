/// Culture: `cultural_fit / 100`, a blank cell taking the scenario's missing value (docs/MODEL.md,
/// "Criteria"); TOPSIS ranks on the cultural fit.
public enum CultureCriterion: CriterionDefinition {
    public static let key = "culture"
    public static let defaultWeight = 0.10
    public static let abbreviation = "cult"
    public static let label = "cultural fit"
    public static let legend = "cult: the buyer's cultural-fit assessment / 100"
    public static let topsisIsBenefit = true

    public static func raw(_ index: Int, in context: CriterionContext) -> Double { context.effectiveCulturalFit[index] }

    public static func score(_ index: Int, in context: CriterionContext) -> Double { context.effectiveCulturalFit[index] / 100 }

    public static func explanation(_ index: Int, in context: CriterionContext) -> String {
        let fit = context.effectiveCulturalFit[index]
        if context.pool.culturalFit[index].isNaN {
            return fit.isNaN ? "no cultural fit given, and the scenario excludes such vendors"
                : "no cultural fit given: the scenario's missing value \(formatNumber(fit)) of 100"
        }
        return "cultural fit \(formatNumber(fit)) of 100"
    }
}

extension Criterion {
    public static let culture = Criterion.of(CultureCriterion.self)
}

extension Scenario.Weights {
    public var culture: Double { get { self[.culture] } set { self[.culture] = newValue } }
}
