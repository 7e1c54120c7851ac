@testable import PartnerMatch

/// A criterion written by docs/ARCHITECTURE.md's "How to add a criterion", in the test target: one
/// file, registered for a test by one line (`Criterion.$extra.withValue([OnboardingCriterion.self]) { … }`).
/// Onboarding: `10,000 / (10,000 + onboarding_cost)`, 1 for a vendor that costs nothing to bring on;
/// TOPSIS ranks on the cost itself, as a cost column. Its score is sampled with
/// `uncertainty.quality`'s amount in thousands (a test-only choice: it proves the sampling is its own).
enum OnboardingCriterion: CriterionDefinition {
    static let key = "onboarding"
    static let defaultWeight = 0.0
    static let abbreviation = "onb"
    static let label = "onboarding cost"
    static let legend = "onb: 10,000 / (10,000 + the vendor's one-off onboarding cost)"
    static let legendEntry = "onb onboarding (cheaper is higher)"
    static let reportLabel = "onboarding"
    static let glossaryTerm = "Onboarding score"
    static let glossaryDefinition = "Cheaper onboarding is higher: 1 for a vendor that costs nothing to bring on."
    static let topsisIsBenefit = false

    static func raw(_ index: Int, in context: CriterionContext) -> Double { cost(index, context) }

    static func score(_ index: Int, in context: CriterionContext) -> Double { score(cost: cost(index, context)) }

    static func score(cost: Double) -> Double { 10_000 / (10_000 + cost) }

    static func explanation(_ index: Int, in context: CriterionContext) -> String {
        "onboarding costs \(Format.money(cost(index, context)))"
    }

    static func sampling(_ uncertainty: Scenario.Uncertainty, in context: CriterionContext) -> ScoreSampling? {
        guard uncertainty.quality > 0 else { return nil }
        let costs = context.pool.indices.map { cost($0, context) }
        return ScoreSampling(amount: uncertainty.quality * 1_000, range: 0...1_000_000, raw: { costs[$0] }, score: { score(cost: $0) })
    }

    /// The vendor's onboarding cost, 0 when the file has none.
    private static func cost(_ index: Int, _ context: CriterionContext) -> Double {
        let costs = context.pool.onboardingCost
        return costs.indices.contains(index) && !costs[index].isNaN ? costs[index] : 0
    }
}

extension Criterion {
    static var onboarding: Criterion { Criterion.of(OnboardingCriterion.self) }
}
