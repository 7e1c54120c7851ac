import Testing
@testable import PartnerMatch

@Suite("Explain")
struct ExplainTests {
    // Weights: cost 0.5, quality 0.5. Vendors (same zone and hours):
    //   L rate 50, quality 90 → cost 1,   u = 0.95
    //   M rate 60, quality 80 → cost 0.8, u = 0.80
    //   X rate 100, quality 85 → cost 0,  u = 0.425 (rank 3)
    static let weights = Scenario.Weights.only([.cost: 0.5, .quality: 0.5])
    static let scored = ScoredPool(
        pool: VendorPool(vendors: [
            ScoringFixtures.vendor("L", rate: 50, quality: 90),
            ScoringFixtures.vendor("M", rate: 60, quality: 80),
            ScoringFixtures.vendor("X", rate: 100, quality: 85),
        ]),
        scenario: ScoringFixtures.scenario(weights: weights)
    )

    @Test("The vendor's rank, scores and the leader are reported")
    func basics() {
        let explanation = Explanation(Self.scored, index: 2, top: 2)
        #expect(explanation.rank == 3)
        #expect(explanation.leader?.id == "L")
        #expect(explanation.scores?[0] == 0 && explanation.scores?[1] == 0.85)
    }

    @Test("The rate change accounts for the rate range moving with the vendor's own rate")
    func rateChange() {
        // For X to pass M it must stop being the dearest. At rate r ≥ 60 X's cost score is 0 (u_X = 0.425)
        // and r_max = r, so M's cost score is (r − 60)/(r − 50) and u_M = 0.4 + 0.5·(r − 60)/(r − 50).
        // u_M < 0.425 ⟺ 0.95·r < 57.5 ⟺ r < 60.526315…; at equality M wins the tie (lower rate).
        // The largest rate in cents that brings X into the top 2: 60.52.
        let explanation = Explanation(Self.scored, index: 2, top: 2)
        #expect(explanation.rateChange == .lowerTo(rate: 60.52, rank: 2))
        #expect(RankAnalysis(scored: Self.scored, index: 2).rankBefore(rate: 60.53) == 2)
    }

    @Test("The weight change is the nearest breakpoint of the linear inequalities")
    func weightChange() throws {
        let explanation = Explanation(Self.scored, index: 2, top: 2)
        let byCriterion = Dictionary(uniqueKeysWithValues: explanation.weightChanges.map { ($0.criterion, $0) })
        // Quality weight w (cost 0.5 fixed): M before X ⟺ 0.4 + 0.8w > 0 + 0.85w ... as lines in w:
        //   M − X: a = 0.5·0.8 − 0.5·0 = 0.4, b = 0.80 − 0.85 = −0.05 → M before X while w < 8 (tie at 8 → M).
        let quality = try #require(byCriterion[.quality])
        #expect(abs(quality.target! - 8) < 1e-9 && quality.strict && quality.rank == 2)
        // Cost weight w (quality 0.5 fixed): M − X: a = 0.5·(0.80 − 0.85) = −0.025, b = 0.8 − 0 → M before X
        // while w > 0.03125; L − X: a = 0.025, b = 1 → always before. So w must drop below 0.03125.
        let cost = try #require(byCriterion[.cost])
        #expect(abs(cost.target! - 0.03125) < 1e-12 && cost.strict && cost.rank == 2)
        // Time-zone scores are all equal: that weight changes nothing.
        #expect(byCriterion[.timezone]?.target == nil)
    }

    @Test("A rate at which the vendor ties on utility and wins on the lower rate is the answer, not one cent less")
    func rateAtAnExactTie() {
        // Weights cost 0.5, quality 0.5; rates span 10 (L) to 50 (D), so cost = (50 − r)/40.
        // M: rate 20, quality 80 → u = 0.375 + 0.4 = 0.775. X: quality 76 → u = (50 − r)/80 + 0.38,
        // equal to M's at r = 18.40 exactly, where X's lower rate wins the tie: rank 2 at 18.40.
        func scored(xRate: Double) -> ScoredPool {
            ScoredPool(
                pool: VendorPool(vendors: [
                    ScoringFixtures.vendor("L", rate: 10, quality: 90),
                    ScoringFixtures.vendor("M", rate: 20, quality: 80),
                    ScoringFixtures.vendor("X", rate: xRate, quality: 76),
                    ScoringFixtures.vendor("D", rate: 50, quality: 20),
                ]),
                scenario: ScoringFixtures.scenario(weights: Self.weights))
        }
        let x = 2
        #expect(Explanation(scored(xRate: 30), index: x, top: 2).rateChange == .lowerTo(rate: 18.40, rank: 2))
        // The shortlist's own tie rules, with X re-scored at 18.40 and 18.41 from a fresh pool.
        func rank(at rate: Double) -> Int { Shortlist(scored(xRate: rate)).rank(ofPosition: x) }
        #expect(rank(at: 18.40) == 2)
        #expect(rank(at: 18.41) == 3)
    }

    @Test("A vendor already in the top N needs no change, of its rate or of any weight")
    func alreadyIn() {
        let explanation = Explanation(Self.scored, index: 1, top: 2)
        #expect(explanation.rateChange == .alreadyInTop(rank: 2))
        // Regression: the JSON gave weight targets while the table said "no change needed".
        #expect(explanation.weightChanges.allSatisfy { $0.target == nil })
    }

    @Test("An ineligible vendor lists its rules; a rate change cannot fix other rules")
    func ineligible() {
        var scenario = ScoringFixtures.scenario(weights: Self.weights)
        scenario.rules.minQuality = 86
        let scored = ScoredPool(pool: Self.scored.pool, scenario: scenario)
        let explanation = Explanation(scored, index: 2, top: 2)
        #expect(explanation.rank == nil)
        #expect(explanation.reasons.map(\.code) == ["min_quality"])
        if case .impossible = explanation.rateChange {} else { Issue.record("expected impossible, got \(explanation.rateChange)") }
    }

    @Test("On random pools the weight answer is the nearest weight a fine grid search finds")
    func weightAgainstGrid() {
        var seed: UInt64 = 7
        func next() -> Double {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Double(seed >> 33) / Double(1 << 31)
        }
        let zones = ["Europe/Berlin", "Asia/Kolkata", "America/New_York", "Europe/Warsaw"]
        for round in 0..<3 {
            let vendors = (0..<25).map { i in
                ScoringFixtures.vendor(
                    "r\(round)-\(i)", rate: (20 + next() * 80).rounded(), quality: (50 + next() * 50).rounded(),
                    fit: (next() * 100).rounded(), maxFTE: (1 + next() * 8).rounded(), zone: zones[Int(next() * 4) % 4],
                    certs: next() < 0.5 ? ["ISO27001"] : ["GDPR"]
                )
            }
            let scored = ScoredPool(pool: VendorPool(vendors: vendors), scenario: ScoringFixtures.scenario())
            let top = 3
            let list = Shortlist(scored)
            let target = list.order[12]   // a vendor at rank 13
            let index = Int(scored.eligible[target])
            let analysis = RankAnalysis(scored: scored, index: index)
            for change in Explanation(scored, index: index, top: top).weightChanges {
                // Grid over [0, 2] in steps of 0.005: the nearest grid weight that reaches the top 3.
                var nearest: Double? = nil
                for step in 0...400 {
                    let w = Double(step) / 200
                    guard analysis.rankBefore(criterion: change.criterion, weight: w, position: target) < top else { continue }
                    if nearest.map({ abs(w - change.current) < abs($0 - change.current) }) ?? true { nearest = w }
                }
                if let nearest {
                    let found = change.target
                    #expect(found != nil, "round \(round) \(change.criterion): grid found \(nearest), sweep found none")
                    if let found { #expect(abs(found - change.current) <= abs(nearest - change.current) + 1e-9) }
                    if let found { #expect(abs(found - nearest) <= 0.0051 || found > 2, "round \(round) \(change.criterion)") }
                } else if let found = change.target {
                    #expect(found > 2 || abs(found - change.current) < 0.005, "round \(round) \(change.criterion): sweep \(found), grid none")
                }
            }
        }
    }
}
