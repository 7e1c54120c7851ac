@testable import PartnerMatch

/// Small pools and scenarios shared by the scoring tests.
enum ScoringFixtures {
    /// Berlin client 09:00–17:00 (8 h window), start 2027-01-04, no rules, default weights.
    static func scenario(
        demand: Scenario.Demand = .total(4), weights: Scenario.Weights = .init(), rules: Scenario.Rules = .init(),
        missing: Scenario.MissingValuePolicy = .value(50), points: Scenario.CertificationPoints = .default
    ) -> Scenario {
        Scenario(
            client: .init(timeZone: "Europe/Berlin"), demand: demand, months: 12, budget: 1_000_000,
            weights: weights, rules: rules, missingCulturalFit: missing, certificationPoints: points
        )
    }

    static func vendor(
        _ id: String, rate: Double = 50, quality: Double = 80, fit: Double? = 70, maxFTE: Double = 5,
        zone: String = "Europe/Berlin", country: String = "DE", certs: [String] = [], skills: [String] = []
    ) -> Vendor {
        Vendor(id: id, country: country, timeZone: zone, hourlyRate: rate, quality: quality, culturalFit: fit,
               capacityFTE: min(2, maxFTE), maxFTE: maxFTE, certifications: certs, skills: skills)
    }
}

import Testing

@Suite("Criterion scores")
struct CriterionScoreTests {
    // Three vendors, Berlin client 09–17, D = 4, g = 1.5 (g·D = 6), default weights and points table (total 11).
    //   A: rate 50,  quality 80,  fit 70,    max_fte 3, Europe/Berlin  (overlap 8 h),       ISO27001 + SOC2 = 7 points
    //   B: rate 100, quality 60,  fit blank, max_fte 9, Asia/Kolkata   (overlap 1065/260 h), GDPR twice     = 2 points
    //   C: rate 75,  quality 100, fit 0,     max_fte 6, Pacific/Honolulu (overlap 0 h),   "iso 27001", XYZ = 4 points
    static let scored: ScoredPool = {
        let pool = VendorPool(vendors: [
            ScoringFixtures.vendor("A", rate: 50, quality: 80, fit: 70, maxFTE: 3, certs: ["ISO27001", "SOC2"]),
            ScoringFixtures.vendor("B", rate: 100, quality: 60, fit: nil, maxFTE: 9, zone: "Asia/Kolkata", country: "IN", certs: ["GDPR", "gdpr"]),
            ScoringFixtures.vendor("C", rate: 75, quality: 100, fit: 0, maxFTE: 6, zone: "Pacific/Honolulu", country: "US", certs: ["iso 27001", "XYZ"]),
        ])
        return ScoredPool(pool: pool, scenario: ScoringFixtures.scenario(rules: .init(growth: 1.5)))
    }()

    static func close(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < 1e-12 }
    }

    @Test("Cost is min–max normalised over the eligible vendors")
    func cost() {
        // r_min 50, r_max 100: A (100−50)/50 = 1, B 0, C (100−75)/50 = 0.5.
        #expect(Self.close(Self.scored.scores[.cost], [1, 0, 0.5]))
    }

    @Test("Quality and culture are divided by 100; a blank cultural fit takes the scenario's value")
    func qualityAndCulture() {
        #expect(Self.close(Self.scored.scores[.quality], [0.8, 0.6, 1.0]))
        #expect(Self.close(Self.scored.scores[.culture], [0.7, 0.5, 0]))
    }

    @Test("Time zone is the mean overlap over the client window, capped at 1")
    func timezone() {
        #expect(Self.close(Self.scored.scores[.timezone], [1, 1065.0 / 260 / 8, 0]))
        #expect(Self.close(Self.scored.overlapHours, [8, 1065.0 / 260, 0]))
    }

    @Test("Scalability is max_fte over g·D, capped at 1")
    func scalability() {
        #expect(Self.close(Self.scored.scores[.scalability], [0.5, 1, 1]))
    }

    @Test("Security counts table points of the certifications held, each token once, unknown tokens 0")
    func security() {
        #expect(Self.close(Self.scored.scores[.security], [7.0 / 11, 2.0 / 11, 4.0 / 11]))
    }

    @Test("Utility is the weighted mean of the six scores")
    func utility() {
        // A: 0.25·1 + 0.30·0.8 + 0.15·1 + 0.10·0.7 + 0.10·0.5 + 0.10·7/11 = 0.76 + 0.7/11
        // B: 0.25·0 + 0.30·0.6 + 0.15·(1065/2080) + 0.10·0.5 + 0.10·1 + 0.10·2/11
        // C: 0.25·0.5 + 0.30·1 + 0 + 0 + 0.10·1 + 0.10·4/11
        let b = 0.18 + 0.15 * 1065.0 / 2080 + 0.05 + 0.1 + 0.2 / 11
        #expect(Self.close(Self.scored.utility, [0.76 + 0.7 / 11, b, 0.525 + 0.4 / 11]))
    }

    @Test("Equal rates give everyone a cost score of 1")
    func allEqualRates() {
        let pool = VendorPool(vendors: [ScoringFixtures.vendor("A", rate: 40), ScoringFixtures.vendor("B", rate: 40)])
        let scored = ScoredPool(pool: pool, scenario: ScoringFixtures.scenario())
        #expect(scored.scores[.cost] == [1, 1])
        #expect(scored.utility.allSatisfy { !$0.isNaN })
    }

    @Test("The cost range ignores ineligible vendors")
    func costOverEligibleOnly() {
        let pool = VendorPool(vendors: [
            ScoringFixtures.vendor("A", rate: 40), ScoringFixtures.vendor("B", rate: 60),
            ScoringFixtures.vendor("C", rate: 500, quality: 10),
        ])
        let scored = ScoredPool(pool: pool, scenario: ScoringFixtures.scenario(rules: .init(minQuality: 50)))
        #expect(scored.eligible == [0, 1])
        #expect(scored.rateRange == (40, 60))
        #expect(scored.scores[.cost] == [1, 0])
    }

    @Test("An empty certification table scores security 0, never NaN")
    func emptyPointsTable() {
        let pool = VendorPool(vendors: [ScoringFixtures.vendor("A", certs: ["SOC2"])])
        let scored = ScoredPool(pool: pool, scenario: ScoringFixtures.scenario(points: .init([])))
        #expect(scored.scores[.security] == [0])
    }
}
