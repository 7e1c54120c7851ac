@testable import PartnerMatch
import Testing

/// Closed-form cases of the SMAA-2 shortlist analysis (docs/ROBUSTNESS.md). Acceptabilities from
/// S = 10,000 samples are checked within 4 standard errors √(p(1−p)/S) of the exact value.
@Suite("Shortlist robustness (SMAA-2)")
struct RobustnessTests {
    static let samples = 10_000

    static func within4SE(_ estimate: Double, _ exact: Double) -> Bool {
        abs(estimate - exact) <= 4 * (exact * (1 - exact) / Double(samples)).squareRoot() + 1e-12
    }

    // A: rate 100, quality 90 → cost 0, quality 0.9.  B: rate 50, quality 50 → cost 1, quality 0.5.
    // Everything else equal, so u_A − u_B = 0.4·w_quality − w_cost: A ranks first exactly where
    // t = w_quality / (w_quality + w_cost) > 1/1.4 = 5/7.
    static func pool(extra: [Vendor] = []) -> VendorPool {
        VendorPool(vendors: [ScoringFixtures.vendor("A", rate: 100, quality: 90), ScoringFixtures.vendor("B", rate: 50, quality: 50)] + extra)
    }

    static func scenario(_ weights: Scenario.Weights = .init(), _ configure: (inout Scenario.Uncertainty) -> Void) -> Scenario {
        var s = ScoringFixtures.scenario(weights: weights)
        configure(&s.uncertainty)
        return s
    }

    func acceptability(_ result: ShortlistRobustness, _ id: String) -> [Double] {
        result.vendors.first { $0.id == id }?.rankAcceptability ?? Array(repeating: 0, count: result.top)
    }

    @Test("Two vendors, two criteria, no preference information: the first-rank acceptability is the length of the weight interval where each wins")
    func twoVendorsUniformSimplex() {
        // Under Dirichlet(1, …, 1) on all six weights, t = w_q / (w_q + w_c) is uniform on [0, 1]
        // whatever the other four, so P(A first) = 1 − 5/7 = 2/7.
        let scored = ScoredPool(pool: Self.pool(), scenario: Self.scenario { $0.weights = .none; $0.samples = Self.samples; $0.seed = 3 })
        let result = ShortlistRobustness(scored, top: 2)
        let a = acceptability(result, "A"), b = acceptability(result, "B")
        #expect(Self.within4SE(a[0], 2.0 / 7), "b¹_A = \(a[0])")
        #expect(Self.within4SE(b[0], 5.0 / 7), "b¹_B = \(b[0])")
        #expect(abs(a[0] + b[0] - 1) < 1e-12 && abs(a[1] - b[0]) < 1e-12)
        // A's central weights lean to quality, B's to cost; each sums to 1.
        let ca = result.vendors.first { $0.id == "A" }!.centralWeights!, cb = result.vendors.first { $0.id == "B" }!.centralWeights!
        #expect(abs(ca.reduce(0, +) - 1) < 1e-9 && abs(cb.reduce(0, +) - 1) < 1e-9)
        #expect(ca[Criterion.quality.ordinal] > 0.4 * 2.5 * ca[Criterion.cost.ordinal])   // t > 5/7 on average
        #expect(cb[Criterion.cost.ordinal] > cb[Criterion.quality.ordinal] * 0.4)
        // Without score uncertainty the confidence factor is 1: each wins at its own central weights.
        #expect(result.vendors.allSatisfy { $0.confidence == 1 })
    }

    @Test("A ranking constraint removes part of the simplex: quality ≥ cost leaves t uniform on [1/2, 1]")
    func rankingConstraint() {
        // Only quality (0.7) and cost (0.3) are positive: "ranking" samples t = w_q uniform on [1/2, 1],
        // and A wins for t > 5/7: (1 − 5/7) / (1/2) = 4/7.
        let weights = Scenario.Weights.only([.quality: 0.7, .cost: 0.3])
        let scored = ScoredPool(pool: Self.pool(), scenario: Self.scenario(weights) { $0.weights = .ranking; $0.samples = Self.samples })
        let result = ShortlistRobustness(scored, top: 1)
        #expect(Self.within4SE(acceptability(result, "A")[0], 4.0 / 7), "b¹_A = \(acceptability(result, "A")[0])")
        for v in result.vendors {
            let w = v.centralWeights!
            #expect(w[Criterion.quality.ordinal] >= w[Criterion.cost.ordinal])
            #expect(w[Criterion.timezone.ordinal] == 0 && w[Criterion.security.ordinal] == 0)
        }
        // Reversed order (cost ≥ quality): t ≤ 1/2 < 5/7, A never wins.
        let reversed = ScoredPool(pool: Self.pool(), scenario: Self.scenario(.only([.quality: 0.3, .cost: 0.7])) { $0.weights = .ranking; $0.samples = 2_000 })
        #expect(acceptability(ShortlistRobustness(reversed, top: 1), "A")[0] == 0)
    }

    @Test("Tied criteria in the order stay equal in every sample")
    func tiesStayEqual() {
        var weights = RankOrderCentroid.weights([[.quality], [.cost, .timezone]])
        weights.method = .order([[.quality], [.cost, .timezone]])
        let sampler = WeightSampler(weights: weights, uncertainty: Scenario.Uncertainty())
        var g = SeededGenerator(seed: 5)
        var w = [Double](repeating: 0, count: 6), scratch = w
        for _ in 0..<1_000 {
            sampler.draw(&g, into: &w, scratch: &scratch)
            #expect(w[Criterion.cost.ordinal] == w[Criterion.timezone.ordinal])
            #expect(w[Criterion.quality.ordinal] >= w[Criterion.cost.ordinal])
            #expect(abs(w.reduce(0, +) - 1) < 1e-12)
        }
    }

    @Test("A vendor dominated criterion-wise has rank-1 acceptability 0, and is not sampled once R others dominate it")
    func dominatedVendor() {
        // C: A's scores, but dearer (cost lower) and lower quality: A dominates it.
        let c = ScoringFixtures.vendor("C", rate: 110, quality: 85)
        let scored = ScoredPool(pool: Self.pool(extra: [c]), scenario: Self.scenario { $0.weights = .none; $0.samples = 5_000 })
        let top3 = ShortlistRobustness(scored, top: 3)
        #expect(top3.candidateCount == 3)
        let bc = acceptability(top3, "C")
        #expect(bc[0] == 0)
        #expect(bc[1] > 0)   // second behind A whenever quality weighs enough
        let top1 = ShortlistRobustness(scored, top: 1)
        #expect(top1.candidateCount == 2, "C is dominated by A alone, so it can never rank first")
        #expect(acceptability(top1, "C") == [0])
        // Pruning changes nothing: the same counts as sampling C too.
        #expect(acceptability(top1, "A") == [acceptability(top3, "A")[0]])
    }

    @Test("Score uncertainty widens dominance: a vendor within the uncertainty of its dominator is sampled and can rank first")
    func scoreUncertaintyKeepsNearVendors() {
        // C is A with quality 88 instead of 90 and rate 101: nominally dominated, but with quality ±5 not robustly.
        let c = ScoringFixtures.vendor("C", rate: 101, quality: 88)
        let scored = ScoredPool(pool: Self.pool(extra: [c]), scenario: Self.scenario { $0.weights = .none; $0.quality = 5; $0.samples = 4_000 })
        let result = ShortlistRobustness(scored, top: 1)
        #expect(result.candidateCount == 3)
        #expect(acceptability(result, "C")[0] > 0)
        for v in result.vendors { #expect(v.confidence.map { (0...1).contains($0) } ?? false) }
        #expect(result.vendors.contains { ($0.confidence ?? 1) < 1 }, "with score samples some vendor is not first every time")
    }

    @Test("The same seed gives identical results whatever the thread count; another seed differs")
    func deterministic() throws {
        let pool = try VendorCSVReader.read(bytes: PoolGenerator(seed: 11).csv(vendors: 400), source: "g.csv").pool
        var scenario = ScoringFixtures.scenario()
        scenario.uncertainty.weights = .spread
        scenario.uncertainty.quality = 3
        scenario.uncertainty.samples = 3_500   // several chunks, the last one partial
        let scored = ScoredPool(pool: pool, scenario: scenario)
        let parallel = ShortlistRobustness(scored, top: 5, parallel: true)
        let sequential = ShortlistRobustness(scored, top: 5, parallel: false)
        #expect(parallel.vendors == sequential.vendors)
        #expect(parallel.candidateCount < scored.eligibleCount, "dominance prunes some of \(scored.eligibleCount)")
        scenario.uncertainty.seed = 2
        let other = ShortlistRobustness(ScoredPool(pool: pool, scenario: scenario), top: 5)
        #expect(other.vendors != parallel.vendors)
        // Each rank's acceptabilities over all vendors sum to 1.
        for r in 0..<5 { #expect(abs(parallel.vendors.reduce(0) { $0 + $1.rankAcceptability[r] } - 1) < 1e-9) }
    }

    @Test("Pruning by dominance over the sampled weight region changes no acceptability, in every weight mode", arguments: [
        Scenario.Uncertainty.WeightSampling.none, .ranking, .spread,
    ])
    func pruningIsExact(mode: Scenario.Uncertainty.WeightSampling) throws {
        let pool = try VendorCSVReader.read(bytes: PoolGenerator(seed: 21).csv(vendors: 500), source: "g.csv").pool
        var scenario = ScoringFixtures.scenario()
        scenario.uncertainty.weights = mode
        scenario.uncertainty.spread = 0.3
        scenario.uncertainty.overlapHours = mode == .spread ? 0.5 : 0
        scenario.uncertainty.samples = 1_500
        let scored = ScoredPool(pool: pool, scenario: scenario)
        let pruned = ShortlistRobustness(scored, top: 4, pruning: true)
        let full = ShortlistRobustness(scored, top: 4, pruning: false)
        #expect(pruned.candidateCount < full.candidateCount, "\(pruned.candidateCount) of \(full.candidateCount)")
        #expect(pruned.vendors.map(\.id) == full.vendors.map(\.id))
        #expect(pruned.vendors.map(\.rankAcceptability) == full.vendors.map(\.rankAcceptability))
    }

    @Test("The weight region's minimum is at its vertices: ranking needs every prefix of groups, spread the worst end of each interval")
    func nonNegativeOverTheRegion() {
        var u = Scenario.Uncertainty()
        u.weights = .ranking
        // quality > cost > (timezone = culture): prefixes quality; quality+cost; all four.
        let weights = Scenario.Weights.only([.quality: 0.4, .cost: 0.3, .timezone: 0.15, .culture: 0.15])
        let ranking = WeightSampler(weights: weights, uncertainty: u)
        func delta(_ q: Double, _ c: Double, _ t: Double, _ cu: Double) -> [Double] {
            var d = [Double](repeating: 0, count: 6)
            d[Criterion.quality.ordinal] = q; d[Criterion.cost.ordinal] = c
            d[Criterion.timezone.ordinal] = t; d[Criterion.culture.ordinal] = cu
            d[Criterion.security.ordinal] = -5   // weight 0 in every sample: ignored
            return d
        }
        #expect(ranking.nonNegative(delta(0.2, -0.1, 0, -0.05)))       // 0.2, 0.1, 0.05
        #expect(!ranking.nonNegative(delta(0.2, -0.3, 0, 0.5)))        // 0.2, −0.1: fails at "quality = cost"
        #expect(!ranking.nonNegative(delta(-0.01, 1, 1, 1)))           // fails at "quality only"
        u.weights = .spread
        u.spread = 0.5
        let spread = WeightSampler(weights: weights, uncertainty: u)
        // 0.4·1.5·(−0.1) + 0.3·0.5·0.3 = −0.06 + 0.045 < 0; with 0.45 instead: −0.06 + 0.0675 ≥ 0.
        #expect(!spread.nonNegative(delta(-0.1, 0.3, 0, 0)))
        #expect(spread.nonNegative(delta(-0.1, 0.45, 0, 0)))
        u.weights = .none
        #expect(!WeightSampler(weights: weights, uncertainty: u).nonNegative(delta(0.2, 0.1, 0, 0)))   // security −5
    }
}
