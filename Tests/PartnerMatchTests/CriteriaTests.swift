@testable import PartnerMatch
import Testing

@Suite("Criteria as values")
struct CriteriaTests {
    @Test("Every registered criterion is found by its key, and each static member is a registered criterion")
    func registry() {
        let members: [Criterion] = [.cost, .quality, .timezone, .culture, .scalability, .security]
        #expect(members.map(\.rawValue) == ["cost", "quality", "timezone", "culture", "scalability", "security"])
        #expect(Set(members) .count == Criterion.allCases.count)
        var abbreviations: Set<String> = []
        for c in Criterion.allCases {
            #expect(Criterion(rawValue: c.rawValue) == c)
            let definition = c.definition
            let weight: Double = definition.defaultWeight, legend: String = definition.legend
            let abbreviation: String = definition.abbreviation
            #expect(weight >= 0)
            #expect(legend.hasPrefix(abbreviation + ":"))
            abbreviations.insert(abbreviation)
        }
        #expect(Set(Criterion.allCases.map(\.rawValue)).count == Criterion.allCases.count)
        #expect(abbreviations.count == Criterion.allCases.count)
        #expect(Criterion(rawValue: "price") == nil)
        // The default weights are each criterion's own, and sum to 1 (docs/MODEL.md's example).
        #expect(abs(Scenario.Weights().sum - 1) < 1e-12)
        #expect(Scenario.Weights()[.quality] == QualityCriterion.defaultWeight)
        // The reports' words are each criterion's own.
        #expect(Criterion.allCases.map { $0.definition.reportLabel } == ["cost", "quality", "overlap", "culture", "scale", "security"])
        #expect(Set(Criterion.allCases.map { $0.definition.glossaryTerm }).count == Criterion.allCases.count)
        #expect(Criterion.allCases.allSatisfy { $0.definition.legendEntry.hasPrefix($0.definition.abbreviation + " ") })
        // Weights by criterion: the named ones set, the others at their defaults.
        let given = Scenario.Weights([.quality: 0.7, .security: 0])
        #expect(given[.quality] == 0.7 && given[.security] == 0 && given[.cost] == CostCriterion.defaultWeight)
    }

    @Test("Robustness samples exactly the criteria whose uncertainty is set, by each one's own score rule")
    func sampling() throws {
        let pool = VendorPool(vendors: [ScoringFixtures.vendor("A", rate: 40, quality: 90), ScoringFixtures.vendor("B", rate: 60, quality: 50)])
        let scored = ScoredPool(pool: pool, scenario: ScoringFixtures.scenario())
        var u = Scenario.Uncertainty()
        #expect(Criterion.allCases.allSatisfy { $0.definition.sampling(u, in: scored.criterionContext) == nil })
        u.quality = 5
        u.overlapHours = 30
        let sampled = Criterion.allCases.filter { $0.definition.sampling(u, in: scored.criterionContext) != nil }
        #expect(sampled == [.quality, .timezone])
        let quality = try #require(QualityCriterion.sampling(u, in: scored.criterionContext))
        #expect(quality.amount == 5 && quality.range == 0...100 && quality.raw(0) == 90)
        #expect(quality.clippedScore(97) == 0.97 && quality.clippedScore(103) == 1)
        let overlap = try #require(TimezoneCriterion.sampling(u, in: scored.criterionContext))
        // Clipped to 0–24 hours, scored against the client's 8-hour day, capped at 1.
        #expect(overlap.range == 0...24 && overlap.clippedScore(-3) == 0 && overlap.clippedScore(4) == 0.5 && overlap.clippedScore(30) == 1)
        #expect(overlap.raw(0) == scored.overlapHours[0])
    }

    @Test("TOPSIS reads each criterion's raw column in its direction")
    func topsisColumns() {
        let pool = VendorPool(vendors: [ScoringFixtures.vendor("A", rate: 40, quality: 90), ScoringFixtures.vendor("B", rate: 60, quality: 50)])
        let scored = ScoredPool(pool: pool, scenario: ScoringFixtures.scenario())
        #expect(Criterion.cost.rawValues(of: scored.eligible, in: scored.criterionContext) == [40, 60])
        #expect(Criterion.quality.rawValues(of: scored.eligible, in: scored.criterionContext) == [90, 50])
        let costColumns = Criterion.allCases.filter { c in
            let definition = c.definition
            return !definition.topsisIsBenefit
        }
        #expect(costColumns == [.cost])
    }

    // Demand backend 3, qa 1. Everything but the rate is equal.
    //   X: hourly 50, rates backend=70, qa=30 → r̄ = (3·70 + 1·30) / 4 = 60
    //   Y: hourly 55, no rates                → r̄ = 55
    //   Z: hourly 65, no rates                → r̄ = 65
    //   W: hourly 50, rates qa=30 (backend at its hourly rate) → r̄ = (3·50 + 1·30) / 4 = 45
    //   Q: hourly 40, rates qa=20, offers qa only → r̄ = 20
    static func pool() -> VendorPool {
        func v(_ id: String, _ rate: Double, _ rates: [String: Double], skills: [String] = ["backend", "qa"]) -> Vendor {
            var vendor = ScoringFixtures.vendor(id, rate: rate, skills: skills)
            vendor.rates = rates
            return vendor
        }
        return VendorPool(vendors: [
            v("X", 50, ["backend": 70, "qa": 30]), v("Y", 55, [:]), v("Z", 65, [:]), v("W", 50, ["qa": 30]),
            v("Q", 40, ["qa": 20], skills: ["qa"]),
        ])
    }

    @Test("A vendor whose per-skill rates make r̄ differ from hourly_rate ranks and is filtered by r̄")
    func meanRateRanksAndFilters() {
        let demand = Scenario.Demand.perSkill([.init("backend", fte: 3), .init("qa", fte: 1)])
        let costOnly = Scenario.Weights.only([.cost: 1])
        let scored = ScoredPool(pool: Self.pool(), scenario: ScoringFixtures.scenario(demand: demand, weights: costOnly))
        #expect(scored.meanRate == [60, 55, 65, 45, 20])
        // Cost over r̄ in [20, 65]: X (65−60)/45, Y 10/45, Z 0, W 20/45, Q 1.
        let expected = [5.0 / 45, 10.0 / 45, 0, 20.0 / 45, 1]
        #expect(zip(scored.scores[.cost], expected).allSatisfy { abs($0 - $1) < 1e-12 })
        // By hourly rate X (50) would rank before Y (55); by r̄ it ranks after.
        #expect(Shortlist(scored).rows.map(\.id) == ["Q", "W", "Y", "X", "Z"])
        // max_rate 58: X's hourly rate 50 is below, its r̄ 60 above; W's r̄ 45 and Y's 55 pass.
        let capped = ScoredPool(pool: Self.pool(), scenario: ScoringFixtures.scenario(demand: demand, weights: costOnly, rules: .init(maxRate: 58)))
        #expect(capped.failures.map { $0.contains(.maxRate) } == [true, false, true, false, false])
        let reason = IneligibilityTexts(capped).reasons(for: 0).first { $0.code == "max_rate" }
        #expect(reason?.message == "demand-weighted mean rate 60 is above the maximum 58")
        #expect(capped.rateRange == (20, 55))
    }

    @Test("With one total demand r̄ is the hourly rate, per-skill rates or not")
    func totalDemandUsesHourlyRate() {
        let scored = ScoredPool(pool: Self.pool(), scenario: ScoringFixtures.scenario(demand: .total(4)))
        #expect(scored.meanRate == [50, 55, 65, 50, 40])
    }

    @Test("Ties break on r̄, not on the hourly rate")
    func tieBreakOnMeanRate() {
        // Zero cost weight: equal utilities, so the lower r̄ ranks first (Y 55 before X 60, though X's hourly rate is 50).
        let demand = Scenario.Demand.perSkill([.init("backend", fte: 3), .init("qa", fte: 1)])
        let scored = ScoredPool(pool: Self.pool(), scenario: ScoringFixtures.scenario(demand: demand, weights: .only([.quality: 1])))
        #expect(Shortlist(scored).rows.map(\.id) == ["Q", "W", "Y", "X", "Z"])
    }

    @Test("Each criterion explains a score with the vendor's own values")
    func explanations() {
        let demand = Scenario.Demand.perSkill([.init("backend", fte: 3), .init("qa", fte: 1)])
        let scored = ScoredPool(pool: Self.pool(), scenario: ScoringFixtures.scenario(demand: demand))
        let e = Explanation(scored, index: 0, top: 1)
        #expect(e.scoreBasis[Criterion.cost.ordinal] == "demand-weighted mean rate 60 between the eligible vendors' 20 and 65")
        #expect(e.scoreBasis[Criterion.quality.ordinal] == "quality 80 of 100")
        #expect(e.scoreBasis.count == Criterion.allCases.count)
    }
}
