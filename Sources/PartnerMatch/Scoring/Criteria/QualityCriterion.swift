/// Quality: `quality / 100` (docs/MODEL.md, "Criteria"); TOPSIS ranks on `quality`.
public enum QualityCriterion: CriterionDefinition {
    public static let key = "quality"
    public static let defaultWeight = 0.30
    public static let abbreviation = "qual"
    public static let label = "delivery quality"
    public static let legend = "qual: delivery quality / 100"
    public static let legendEntry = "qual quality"
    public static let reportLabel = "quality"
    public static let glossaryTerm = "Quality score"
    public static let glossaryDefinition = "The vendor's quality rating (0 to 100 in the vendor file) as a share."
    public static let topsisIsBenefit = true

    public static func raw(_ index: Int, in context: CriterionContext) -> Double { context.pool.quality[index] }

    public static func score(_ index: Int, in context: CriterionContext) -> Double { score(quality: context.pool.quality[index]) }

    /// `quality / 100`.
    static func score(quality: Double) -> Double { quality / 100 }

    /// `uncertainty.quality`: ± points on the 0–100 rating.
    public static func sampling(_ uncertainty: Scenario.Uncertainty, in context: CriterionContext) -> ScoreSampling? {
        guard uncertainty.quality > 0 else { return nil }
        let quality = context.pool.quality
        return ScoreSampling(amount: uncertainty.quality, range: 0...100, raw: { quality[$0] }, score: { score(quality: $0) })
    }

    public static func explanation(_ index: Int, in context: CriterionContext) -> String {
        "quality \(formatNumber(context.pool.quality[index])) of 100"
    }
}

extension Criterion {
    public static let quality = Criterion.of(QualityCriterion.self)
}

extension Scenario.Weights {
    public var quality: Double { get { self[.quality] } set { self[.quality] = newValue } }
}
