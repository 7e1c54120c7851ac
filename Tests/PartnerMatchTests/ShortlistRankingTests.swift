import Testing
@testable import PartnerMatch

@Suite("Shortlist ranking")
struct ShortlistRankingTests {
    /// Weights on quality only, so rates matter only as a tie-break.
    static let qualityOnly = Scenario.Weights.only([.quality: 1])

    @Test("Higher utility ranks first")
    func byUtility() {
        let pool = VendorPool(vendors: [
            ScoringFixtures.vendor("low", quality: 50), ScoringFixtures.vendor("high", quality: 90),
            ScoringFixtures.vendor("mid", quality: 70),
        ])
        let list = Shortlist(ScoredPool(pool: pool, scenario: ScoringFixtures.scenario(weights: Self.qualityOnly)))
        #expect(list.rows.map(\.id) == ["high", "mid", "low"])
        #expect(list.rows.map(\.rank) == [1, 2, 3])
    }

    @Test("Equal utilities rank by lower hourly rate, then by id in byte order")
    func ties() {
        let pool = VendorPool(vendors: [
            ScoringFixtures.vendor("b", rate: 60), ScoringFixtures.vendor("a", rate: 60),
            ScoringFixtures.vendor("B", rate: 60), ScoringFixtures.vendor("cheap", rate: 40),
            ScoringFixtures.vendor("Ä", rate: 60),
        ])
        let list = Shortlist(ScoredPool(pool: pool, scenario: ScoringFixtures.scenario(weights: Self.qualityOnly)))
        // "B" (0x42) < "a" (0x61) < "b" (0x62) < "Ä" (0xC3 0x84).
        #expect(list.rows.map(\.id) == ["cheap", "B", "a", "b", "Ä"])
    }

    @Test("Utilities within 1e-12 are equal for ranking")
    func tolerance() {
        // 0.7 · 1 and 0.1 + 0.6 differ in the last bit; with quality 70 vs culture-equal data they tie.
        let weights = Scenario.Weights.only([.quality: 0.6, .culture: 0.4])
        let pool = VendorPool(vendors: [
            ScoringFixtures.vendor("z", rate: 10, quality: 70, fit: 10),   // 0.42 + 0.04 = 0.46
            ScoringFixtures.vendor("y", rate: 20, quality: 10, fit: 100),  // 0.06 + 0.40 = 0.46
        ])
        let scored = ScoredPool(pool: pool, scenario: ScoringFixtures.scenario(weights: weights))
        #expect(abs(scored.utility[0] - scored.utility[1]) <= 1e-12)
        #expect(Shortlist(scored).rows.map(\.id) == ["z", "y"])   // equal: the lower rate wins
    }

    @Test("A top-N selection equals the head of the full ranking")
    func topNMatchesFullSort() {
        var vendors: [Vendor] = []
        var seed: UInt64 = 42
        func next() -> Double {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Double(seed >> 33) / Double(1 << 31)
        }
        for i in 0..<500 {
            vendors.append(ScoringFixtures.vendor("v\(i)", rate: (20 + (next() * 80)).rounded(),
                                                  quality: (next() * 100).rounded(), fit: (next() * 100).rounded()))
        }
        let scored = ScoredPool(pool: VendorPool(vendors: vendors), scenario: ScoringFixtures.scenario())
        let full = Shortlist(scored).rows.map(\.id)
        let top = Shortlist(scored, limit: 10).rows.map(\.id)
        #expect(top == Array(full.prefix(10)))
        #expect(Shortlist(scored, limit: 10).rank(ofPosition: scored.eligiblePosition(of: scored.pool.index(ofID: full[37])!)!) == 38)
    }

    @Test("Ranking is deterministic whatever the pool order")
    func deterministic() {
        let vendors: [Vendor] = (0..<40).map { (n: Int) -> Vendor in
            let rate = Double(40 + n % 3), quality = Double(60 + n % 5)
            return ScoringFixtures.vendor("v\(n % 7)-\(n)", rate: rate, quality: quality)
        }
        let a = Shortlist(ScoredPool(pool: VendorPool(vendors: vendors), scenario: ScoringFixtures.scenario())).rows.map(\.id)
        let b = Shortlist(ScoredPool(pool: VendorPool(vendors: vendors.reversed()), scenario: ScoringFixtures.scenario())).rows.map(\.id)
        #expect(a == b)
    }

    @Test("Excluded vendors are listed with their reasons")
    func excluded() {
        let pool = VendorPool(vendors: [ScoringFixtures.vendor("ok"), ScoringFixtures.vendor("bad", quality: 10)])
        let list = Shortlist(ScoredPool(pool: pool, scenario: ScoringFixtures.scenario(rules: .init(minQuality: 50))))
        #expect(list.rows.map(\.id) == ["ok"])
        #expect(list.excluded.map(\.index) == [1])
        #expect(list.excluded.first?.reasons.map(\.code) == ["min_quality"])
    }
}
