/// Quality: `quality / 100` (docs/MODEL.md, "Criteria"); TOPSIS ranks on `quality`.
public enum QualityCriterion: CriterionDefinition {
    public static let key = "quality"
    public static let defaultWeight = 0.30
    public static let abbreviation = "qual"
    public static let label = "delivery quality"
    public static let legend = "qual: delivery quality / 100"
    public static let topsisIsBenefit = true

    public static func raw(_ index: Int, in context: CriterionContext) -> Double { context.pool.quality[index] }

    public static func score(_ index: Int, in context: CriterionContext) -> Double { context.pool.quality[index] / 100 }

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
