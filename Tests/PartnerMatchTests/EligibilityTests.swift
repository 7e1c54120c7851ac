import Testing
@testable import PartnerMatch

@Suite("Eligibility")
struct EligibilityTests {
    static let rules = Scenario.Rules(
        minOverlapHours: 2, requiredCertifications: ["ISO27001", "SOC2"], minQuality: 60, minCulturalFit: 40,
        allowedCountries: ["de", "PL", "IN", "US"], excludedCountries: ["pl"], maxRate: 120
    )
    static let scenario = ScoringFixtures.scenario(
        demand: .perSkill([.init("backend", fte: 4), .init("iOS", fte: 2)]), rules: rules
    )
    static let good: [String] = ["ISO 27001", "soc-2"]

    static func reasons(_ vendor: Vendor, scenario: Scenario = scenario) -> [IneligibilityReason] {
        let scored = ScoredPool(pool: VendorPool(vendors: [vendor]), scenario: scenario)
        return scored.reasons(for: 0)
    }

    @Test("A vendor meeting every rule is eligible, with tokens compared loosely")
    func eligible() {
        let vendor = ScoringFixtures.vendor("ok", certs: Self.good, skills: ["I_OS"])
        let scored = ScoredPool(pool: VendorPool(vendors: [vendor]), scenario: Self.scenario)
        #expect(scored.eligible == [0])
        #expect(scored.reasons(for: 0).isEmpty)
    }

    @Test("Each failed rule has its code and sentence", arguments: [
        (ScoringFixtures.vendor("a", zone: "Asia/Tokyo", certs: good, skills: ["backend"]),
         "min_overlap", "overlap 0.6 h is below the required 2.0 h"),
        (ScoringFixtures.vendor("b", certs: ["ISO27001"], skills: ["backend"]),
         "missing_certification", "lacks the required certification SOC2"),
        (ScoringFixtures.vendor("c", quality: 55, certs: good, skills: ["backend"]),
         "min_quality", "quality 55 is below the minimum 60"),
        (ScoringFixtures.vendor("d", fit: 30, certs: good, skills: ["backend"]),
         "min_cultural_fit", "cultural fit 30 is below the minimum 40"),
        (ScoringFixtures.vendor("e", country: "VN", certs: good, skills: ["backend"]),
         "country_not_allowed", "country VN is not among the allowed countries (DE, PL, IN, US)"),
        (ScoringFixtures.vendor("f", country: "pl", certs: good, skills: ["backend"]),
         "country_excluded", "country PL is excluded"),
        (ScoringFixtures.vendor("g", rate: 130, certs: good, skills: ["backend"]),
         "max_rate", "hourly rate 130 is above the maximum 120"),
        (ScoringFixtures.vendor("h", certs: good, skills: ["android", "qa"]),
         "no_required_skill", "offers none of the demanded skills (backend, iOS)"),
    ])
    func singleRule(vendor: Vendor, code: String, message: String) {
        #expect(Self.reasons(vendor) == [IneligibilityReason(code: code, message: message)])
    }

    @Test("Every failed rule is listed, not just the first")
    func everyRule() {
        // Tokyo 09–17 JST is 00–08 UTC: no overlap with CET (08–16 UTC), 1 h with CEST (07–15 UTC) on
        // the 155 CEST weekdays: mean 155 / 260 ≈ 0.6 h.
        let vendor = ScoringFixtures.vendor("x", rate: 200, quality: 10, fit: nil, zone: "Asia/Tokyo", country: "PL")
        let codes = Self.reasons(vendor).map(\.code)
        #expect(codes == ["min_overlap", "missing_certification", "min_quality", "country_excluded", "max_rate", "no_required_skill"])
        #expect(Self.reasons(vendor)[1].message == "lacks the required certifications ISO27001, SOC2")
    }

    @Test("A blank cultural fit takes the scenario's value for the rule, or excludes the vendor")
    func missingCulturalFit() {
        let vendor = ScoringFixtures.vendor("m", fit: nil, certs: Self.good, skills: ["backend"])
        var scenario = Self.scenario
        scenario.missingCulturalFit = .value(30)
        #expect(Self.reasons(vendor, scenario: scenario)
            == [IneligibilityReason(code: "min_cultural_fit", message: "cultural fit 30 (blank, the scenario's default) is below the minimum 40")])
        scenario.missingCulturalFit = .value(50)
        #expect(Self.reasons(vendor, scenario: scenario).isEmpty)
        scenario.missingCulturalFit = .exclude
        #expect(Self.reasons(vendor, scenario: scenario)
            == [IneligibilityReason(code: "missing_cultural_fit", message: "cultural fit is blank and the scenario excludes vendors without one")])
    }

    @Test("An overlap that rounds to the required hours is shown with two decimals")
    func overlapPrecision() {
        // Costa Rica 09:00–17:00 (UTC−6, no DST) = 15–23 UTC: 1 h with CET (08–16 UTC) on 105 days, none
        // with CEST (07–15 UTC): mean 105 / 260 = 0.4038 h, which reads "0.4 h" like the required 0.44 h.
        var scenario = Self.scenario
        scenario.rules.minOverlapHours = 0.44
        let vendor = ScoringFixtures.vendor("cr", zone: "America/Costa_Rica", country: "US", certs: Self.good, skills: ["backend"])
        #expect(Self.reasons(vendor, scenario: scenario)
            == [IneligibilityReason(code: "min_overlap", message: "overlap 0.40 h is below the required 0.44 h")])
    }

    @Test("A total demand does not require any skill")
    func totalDemandNeedsNoSkill() {
        var scenario = Self.scenario
        scenario.demand = .total(5)
        #expect(Self.reasons(ScoringFixtures.vendor("n", certs: Self.good), scenario: scenario).isEmpty)
    }
}
