/// Culture: `cultural_fit / 100`, a blank cell taking the scenario's missing value (docs/MODEL.md,
/// "Criteria"); TOPSIS ranks on the cultural fit.
public enum CultureCriterion: CriterionDefinition {
    public static let key = "culture"
    public static let defaultWeight = 0.10
    public static let abbreviation = "cult"
    public static let label = "cultural fit"
    public static let legend = "cult: the buyer's cultural-fit assessment / 100"
    public static let legendEntry = "cult cultural fit"
    public static let reportLabel = "culture"
    public static let glossaryTerm = "Cultural fit score"
    public static let glossaryDefinition = "The vendor's cultural-fit rating (0 to 100) as a share. Marked imputed (*) when the vendor file left it blank and the scenario's missing value was used."
    public static let topsisIsBenefit = true

    public static func raw(_ index: Int, in context: CriterionContext) -> Double { context.effectiveCulturalFit[index] }

    public static func score(_ index: Int, in context: CriterionContext) -> Double { score(fit: context.effectiveCulturalFit[index]) }

    /// `cultural_fit / 100`.
    static func score(fit: Double) -> Double { fit / 100 }

    /// `uncertainty.cultural_fit`: ± points on the 0–100 rating (after the missing-value policy).
    public static func sampling(_ uncertainty: Scenario.Uncertainty, in context: CriterionContext) -> ScoreSampling? {
        guard uncertainty.culturalFit > 0 else { return nil }
        let fit = context.effectiveCulturalFit
        return ScoreSampling(amount: uncertainty.culturalFit, range: 0...100, raw: { fit[$0] }, score: { score(fit: $0) })
    }

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
