/// Time zone: mean daily overlap with the client's window, divided by the window's length, capped at 1
/// (docs/MODEL.md, "Criteria"); TOPSIS ranks on the overlap hours.
public enum TimezoneCriterion: CriterionDefinition {
    public static let key = "timezone"
    public static let defaultWeight = 0.15
    public static let abbreviation = "tz"
    public static let label = "working-hours overlap"
    public static let legend = "tz: mean daily overlap with the client's working day / its length"
    public static let legendEntry = "tz working-hours overlap with the client"
    public static let reportLabel = "overlap"
    public static let glossaryTerm = "Time-zone overlap score"
    public static let glossaryDefinition = "How many of the client's working hours the vendor's working day shares, on the weekdays of a year from the scenario's start date (daylight saving included)."
    public static let topsisIsBenefit = true

    public static func raw(_ index: Int, in context: CriterionContext) -> Double { context.overlapHours[index] }

    public static func score(_ index: Int, in context: CriterionContext) -> Double {
        score(overlap: context.overlapHours[index], window: context.windowHours)
    }

    /// Overlap hours / the window's hours, capped at 1.
    static func score(overlap: Double, window: Double) -> Double { min(1, overlap / window) }

    /// `uncertainty.overlap_hours`: ± hours of daily overlap, within 0–24.
    public static func sampling(_ uncertainty: Scenario.Uncertainty, in context: CriterionContext) -> ScoreSampling? {
        guard uncertainty.overlapHours > 0 else { return nil }
        let overlap = context.overlapHours, window = context.windowHours
        return ScoreSampling(amount: uncertainty.overlapHours, range: 0...24, raw: { overlap[$0] },
                             score: { score(overlap: $0, window: window) })
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
