/// Security: points of the certifications held / points of all certifications in the scenario's table
/// (docs/MODEL.md, "Criteria"); TOPSIS ranks on the points held.
public enum SecurityCriterion: CriterionDefinition {
    public static let key = "security"
    public static let defaultWeight = 0.10
    public static let abbreviation = "sec"
    public static let label = "certifications"
    public static let legend = "sec: certification points held / all points in the scenario's table"
    public static let legendEntry = "sec security"
    public static let reportLabel = "security"
    public static let glossaryTerm = "Security score"
    public static let glossaryDefinition = "Points of the certifications the vendor holds out of the points of every certification in the scenario's table (ISO27001 4, SOC2 3, GDPR 2, ISO9001 1, CMMI3 1 unless the scenario replaces them)."
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
