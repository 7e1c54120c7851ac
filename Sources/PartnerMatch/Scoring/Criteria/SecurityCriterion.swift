/// Security: points of the certifications held / points of all certifications in the scenario's table
/// (docs/MODEL.md, "Criteria"); TOPSIS ranks on the points held.
public enum SecurityCriterion: CriterionDefinition {
    public static let key = "security"
    public static let defaultWeight = 0.10
    public static let abbreviation = "sec"
    public static let label = "certifications"
    public static let legend = "sec: certification points held / all points in the scenario's table"
    public static let topsisIsBenefit = true

    public static func raw(_ index: Int, in context: CriterionContext) -> Double { context.certificationPoints[index] }

    public static func score(_ index: Int, in context: CriterionContext) -> Double {
        let total = context.scenario.certificationPoints.total
        return total > 0 ? context.certificationPoints[index] / total : 0
    }

    public static func explanation(_ index: Int, in context: CriterionContext) -> String {
        "holds \(formatNumber(context.certificationPoints[index])) of \(formatNumber(context.scenario.certificationPoints.total)) certification points"
    }
}

extension Criterion {
    public static let security = Criterion.of(SecurityCriterion.self)
}

extension Scenario.Weights {
    public var security: Double { get { self[.security] } set { self[.security] = newValue } }
}
