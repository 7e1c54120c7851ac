/// Time zone: mean daily overlap with the client's window, divided by the window's length, capped at 1
/// (docs/MODEL.md, "Criteria"); TOPSIS ranks on the overlap hours.
public enum TimezoneCriterion: CriterionDefinition {
    public static let key = "timezone"
    public static let defaultWeight = 0.15
    public static let abbreviation = "tz"
    public static let label = "working-hours overlap"
    public static let legend = "tz: mean daily overlap with the client's working day / its length"
    public static let topsisIsBenefit = true

    public static func raw(_ index: Int, in context: CriterionContext) -> Double { context.overlapHours[index] }

    public static func score(_ index: Int, in context: CriterionContext) -> Double {
        min(1, context.overlapHours[index] / context.windowHours)
    }

    public static func explanation(_ index: Int, in context: CriterionContext) -> String {
        "overlaps the client's \(formatNumber(context.windowHours))-hour day by \(formatNumber((context.overlapHours[index] * 100).rounded() / 100)) hours a weekday on average"
    }
}

extension Criterion {
    public static let timezone = Criterion.of(TimezoneCriterion.self)
}

extension Scenario.Weights {
    public var timezone: Double { get { self[.timezone] } set { self[.timezone] = newValue } }
}
