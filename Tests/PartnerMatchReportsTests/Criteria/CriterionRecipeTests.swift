import Foundation
@testable import PartnerMatch
@testable import PartnerMatchReports
import Testing

/// docs/ARCHITECTURE.md, "How to add a criterion", followed by a test: `OnboardingCriterion` is one
/// file of the test target, and one line registers it. The scenario reader, the weights, the scores
/// and utility, the shortlist, the explanation, robustness sampling and the reports then all know it.
@Suite("A criterion added by the recipe")
struct CriterionRecipeTests {
    static let scenario = """
        [client]
        timezone = "Europe/Warsaw"

        [demand]
        total = 4

        [horizon]
        months = 6

        [budget]
        total = 900000

        [weights]
        quality = 1
        onboarding = 3

        """

    // Equal but for quality and onboarding cost:
    //   A quality 90, onboarding 30,000 → qual 0.9, onb 0.25 → u = (0.9 + 3 · 0.25) / 4 = 0.4125
    //   B quality 60, onboarding 0      → qual 0.6, onb 1    → u = (0.6 + 3 · 1) / 4 = 0.9
    //   C quality 80, onboarding 10,000 → qual 0.8, onb 0.5  → u = (0.8 + 3 · 0.5) / 4 = 0.575
    static let vendors = """
        id,name,country,timezone,work_start,work_end,hourly_rate,quality,cultural_fit,capacity_fte,max_fte,min_fte,certifications,skills,onboarding_cost
        A,Alpha,PL,Europe/Warsaw,09:00,17:00,50,90,80,5,5,1,ISO27001,backend,30000
        B,Beta,PL,Europe/Warsaw,09:00,17:00,50,60,80,5,5,1,ISO27001,backend,0
        C,Gamma,PL,Europe/Warsaw,09:00,17:00,50,80,80,5,5,1,ISO27001,backend,10000

        """

    static func scored() throws -> ScoredPool {
        let scenario = try ScenarioReader.parse(scenario)
        let options = VendorReadOptions(columns: scenario.columns, currency: scenario.currency, fx: scenario.fx)
        let pool = try VendorCSVReader.read(bytes: Array(vendors.utf8), source: "t.csv", options: options).pool
        return ScoredPool(pool: pool, scenario: scenario)
    }

    @Test("Unregistered, its weight key is an unknown key; registered by one line, it is read into the weights")
    func readsOnlyWhenRegistered() throws {
        #expect(throws: InputError.self) { try ScenarioReader.parse(Self.scenario) }
        #expect(Criterion.allCases.count == 6)
        try Criterion.$extra.withValue([OnboardingCriterion.self]) {
            let scenario = try ScenarioReader.parse(Self.scenario)
            #expect(Criterion.allCases.count == 7)
            #expect(Criterion.allCases.last == .onboarding)
            #expect(Criterion(rawValue: "onboarding") == .onboarding)
            #expect(scenario.weights[.onboarding] == 3)
            #expect(scenario.weights[.quality] == 1)
            // Weights the scenario does not name keep their defaults; the new one's default is its own.
            #expect(scenario.weights[.cost] == 0.25)
            #expect(Scenario.Weights()[.onboarding] == OnboardingCriterion.defaultWeight)
            #expect(Scenario.Weights([.onboarding: 2])[.onboarding] == 2)
        }
    }

    @Test("Its score enters utility, the ranking and a team (hand-computed)")
    func flowsThroughScoring() throws {
        try Criterion.$extra.withValue([OnboardingCriterion.self]) {
            let scored = try Self.scored()
            #expect(scored.scores[.onboarding] == [0.25, 1, 0.5])
            // The other weights are the defaults: cost 0.25, timezone 0.15, culture 0.1, scalability 0.1, security 0.1.
            let w = scored.scenario.weights
            for (k, expected) in [(0, 0.25), (1, 1.0), (2, 0.5)] {
                let u = Criterion.allCases.reduce(0.0) { $0 + w[$1] * scored.scores[$1][k] } / w.sum
                #expect(abs(scored.utility[k] - u) < 1e-12)
                let other = Criterion.allCases.filter { $0 != .onboarding }.reduce(0.0) { $0 + w[$1] * scored.scores[$1][k] }
                #expect(abs(scored.utility[k] - (other + 3 * expected) / w.sum) < 1e-12)
            }
            // With quality alone A ranks first; the onboarding weight turns the order to B, C, A.
            #expect(Shortlist(scored).rows.map(\.id) == ["B", "C", "A"])
            let qualityOnly = ScoredPool(pool: scored.pool, scenario: {
                var s = scored.scenario
                s.weights = .only([.quality: 1])
                return s
            }())
            #expect(Shortlist(qualityOnly).rows.map(\.id) == ["A", "C", "B"])
            // TOPSIS reads its raw column as a cost.
            #expect(Criterion.onboarding.rawValues(of: scored.eligible, in: scored.criterionContext) == [30_000, 0, 10_000])
            // A team of one vendor (4 FTE, any single vendor can supply it) takes the best utility: B.
            let scenario = try ScenarioReader.parse(Self.scenario + "\n[rules]\nmax_vendors = 1\n")
            let team = try TeamOptimizer().solve(TeamProblem(scored: ScoredPool(pool: scored.pool, scenario: scenario)))
            #expect(team.members.map(\.id) == ["B"])
        }
    }

    @Test("Its sampling is its own: robustness redraws its raw value within its range and scores it by its rule")
    func samplesByItsOwnRule() throws {
        try Criterion.$extra.withValue([OnboardingCriterion.self]) {
            var u = Scenario.Uncertainty()
            u.quality = 2   // the test criterion reads this as ± 2,000 of onboarding cost
            let sampled = SampledScores(try Self.scored(), uncertainty: u)
            #expect(sampled.uncertain.map(\.criterion) == [Criterion.quality.ordinal, Criterion.onboarding.ordinal])
            let c = Criterion.onboarding.ordinal, m = sampled.count
            // A 30,000 ± 2,000; B 0 clipped at 0 below; C 10,000 ± 2,000.
            #expect(sampled.low[c * m + 0] == 10_000 / 42_000.0 && sampled.high[c * m + 0] == 10_000 / 38_000.0)
            #expect(sampled.low[c * m + 1] == 10_000 / 12_000.0 && sampled.high[c * m + 1] == 1)
            #expect(sampled.low[c * m + 2] == 10_000 / 22_000.0 && sampled.high[c * m + 2] == 10_000 / 18_000.0)
            var g = SeededGenerator(seed: 7)
            var out = sampled.nominal([0, 1, 2])
            for _ in 0..<200 {
                sampled.draw([0, 1, 2], &g, into: &out)
                for k in 0..<3 { #expect(out[c * 3 + k] >= sampled.low[c * m + k] && out[c * 3 + k] <= sampled.high[c * m + k]) }
            }
        }
    }

    @Test("Its explanation, legend, glossary entry and report label reach the explanation and the reports")
    func presentsItself() throws {
        try Criterion.$extra.withValue([OnboardingCriterion.self]) {
            let scored = try Self.scored()
            let explanation = Explanation(scored, index: 0, top: 3)
            #expect(explanation.scoreBasis.last == "onboarding costs 30,000")
            let report = ShortlistReport(shortlist: Shortlist(scored), showExcluded: false)
            #expect(report.legend.hasPrefix("util: weighted mean of the seven scores (0 to 1, higher is better): cost (cheaper is higher), "))
            #expect(report.legend.contains("sec security, onb onboarding (cheaper is higher); ovl h:"))
            let table = report.table(Terminal(isTTY: false, width: 200, colour: false))
            #expect(table.contains(" onb "))
            let glossary = HTMLReport.glossary()
            #expect(glossary.contains { $0.0 == "Onboarding score" && $0.1 == OnboardingCriterion.glossaryDefinition })
            #expect(glossary.contains { $0.1.hasSuffix("The seven criteria follow; the shortlist's bars call them cost, quality, overlap, culture, scale, security and onboarding.") })
        }
        // Unregistered, nothing of it shows.
        let legend = ShortlistReport(shortlist: Shortlist(try Self.scored(withoutOnboardingWeight: ())), showExcluded: false).legend
        #expect(legend.hasPrefix("util: weighted mean of the six scores (0 to 1, higher is better): cost (cheaper is higher), "
            + "qual quality, tz working-hours overlap with the client, cult cultural fit, scal scalability, sec security; ovl h:"))
        #expect(!HTMLReport.glossary().contains { $0.0 == "Onboarding score" })
    }

    /// The pool and scenario without the `onboarding` weight, for the unregistered case.
    static func scored(withoutOnboardingWeight: Void) throws -> ScoredPool {
        let scenario = try ScenarioReader.parse(scenario.replacingOccurrences(of: "onboarding = 3\n", with: ""))
        let pool = try VendorCSVReader.read(bytes: Array(vendors.utf8), source: "t.csv").pool
        return ScoredPool(pool: pool, scenario: scenario)
    }
}
