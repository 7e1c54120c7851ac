@testable import PartnerMatch
import Testing

/// Samples that share one pool, its dominance rows and one model's rows (`TeamRobustness.SampleSharing`)
/// find the teams that solving each sample on its own finds.
@Suite("Team robustness: samples sharing one model")
struct TeamRobustnessSharingTests {
    /// Reduced-cost fixing on every pool however small, pruning on, quiet.
    static func optimizer(fixingAbove: Int? = 0, start: Int = 5) -> TeamOptimizer {
        var options = TeamOptimizer.Options()
        options.explainInfeasibility = false
        options.priceBudget = false
        options.reducedCostFixingAbove = fixingAbove
        options.relaxationStartPerSkill = start
        return TeamOptimizer(options: options)
    }

    /// Random utilities in [0, 1) (continuous: two teams tie with probability 0).
    private func utilities(_ count: Int, _ rng: inout TestRandom) -> [Double] {
        (0..<count).map { _ in Double.random(in: 0..<1, using: &rng) }
    }

    @Test("A shared sample solve returns the unshared solve's team, and the optimum of a solve with neither pruning nor fixing, on 60 random pools of 10 to 40 vendors, 4 utility draws each",
          arguments: [1, 5, 40])
    func sharedEqualsFresh(start: Int) throws {
        let optimizer = Self.optimizer(start: start)
        var plain = Self.optimizer(fixingAbove: nil)
        plain.options.pruning = false
        var fixedSomewhere = 0, teams = 0
        for seed in UInt64(7000)..<7060 {
            let problem = RandomTeamProblems.make(seed: seed, vendors: 10 + Int(seed % 31))
            let sharing = TeamRobustness.SampleSharing(problem, optimizer: optimizer)
            #expect(sharing.pricing != nil || problem.requirements.minMeanUtility != nil, "seed \(seed)")
            var rng = TestRandom(seed: seed &* 31)
            for draw in 0..<4 {
                let u = utilities(problem.candidates.count, &rng)
                var sample = problem
                for j in sample.candidates.indices { sample.candidates[j].utility = u[j] }
                let shared = try sharing.solve(utilities: u)
                let alone = try optimizer.solve(sample)
                let fresh = try plain.solve(sample)
                #expect(shared.status == alone.status && shared.status == fresh.status, "seed \(seed) draw \(draw)")
                #expect(shared.members.map(\.id) == alone.members.map(\.id), "seed \(seed) draw \(draw)")
                #expect(shared.members.map(\.fte) == alone.members.map(\.fte), "seed \(seed) draw \(draw)")
                #expect(shared.objective == alone.objective, "seed \(seed) draw \(draw)")
                #expect(shared.selection == alone.selection, "seed \(seed) draw \(draw)")
                #expect(same(shared.status.hasTeam ? shared.objective : nil, fresh.status.hasTeam ? fresh.objective : nil), "seed \(seed) draw \(draw)")
                if shared.status.hasTeam {
                    teams += 1
                    #expect(Set(shared.members.map(\.id)) == Set(fresh.members.map(\.id)), "seed \(seed) draw \(draw)")
                    #expect(ReportedTeamCheck.violations(shared, sample).isEmpty, "seed \(seed) draw \(draw)")
                }
                if try optimizer.reducedCostFixed(sample).candidates.count < sample.candidates.count { fixedSomewhere += 1 }
            }
        }
        #expect(teams > 100, "most draws must have a team")
        #expect(fixedSomewhere > 20, "the draws must exercise reduced-cost fixing")
    }

    @Test("A shared sample solve reaches the brute-force optimum on 80 random pools of 3 to 8 vendors")
    func bruteForce() throws {
        let optimizer = Self.optimizer(start: 1)
        var compared = 0
        for seed in UInt64(7100)..<7180 {
            let problem = RandomTeamProblems.make(seed: seed)
            let sharing = TeamRobustness.SampleSharing(problem, optimizer: optimizer)
            var rng = TestRandom(seed: seed)
            for draw in 0..<2 {
                let u = utilities(problem.candidates.count, &rng)
                var sample = problem
                for j in sample.candidates.indices { sample.candidates[j].utility = u[j] }
                let shared = try sharing.solve(utilities: u)
                let optimum = try BruteForceTeam.optimum(sample)
                #expect(shared.status.hasTeam == (optimum != nil), "seed \(seed) draw \(draw)")
                if shared.status.hasTeam, let optimum {
                    compared += 1
                    #expect(same(shared.objective, optimum), "seed \(seed) draw \(draw): \(shared.objective ?? .nan) against \(optimum)")
                }
            }
        }
        #expect(compared > 60)
    }

    /// A generated pool under the scaling study's rules, in `mode`.
    static func scored(seed: UInt64, vendors: Int = 600, mode: Scenario.Uncertainty.WeightSampling, quality: Double = 0,
                       _ configure: (inout Scenario) -> Void = { _ in }) throws -> ScoredPool {
        let pool = try VendorCSVReader.read(bytes: PoolGenerator(seed: seed).csv(vendors: vendors), source: "g.csv").pool
        var scenario = ScalingStudy.defaultScenario
        scenario.uncertainty.weights = mode
        scenario.uncertainty.quality = quality
        scenario.uncertainty.seed = seed
        configure(&scenario)
        return ScoredPool(pool: pool, scenario: scenario)
    }

    static func expectSame(_ a: TeamRobustness, _ b: TeamRobustness, _ comment: Comment) {
        #expect(a.selectionShare.map(\.id) == b.selectionShare.map(\.id), comment)
        #expect(a.selectionShare.map(\.share) == b.selectionShare.map(\.share), comment)
        #expect(a.teams.map(\.vendors) == b.teams.map(\.vendors), comment)
        #expect(a.teams.map(\.share) == b.teams.map(\.share), comment)
        #expect(a.nominalTeamShare == b.nominalTeamShare, comment)
        #expect(a.noTeamShare == b.noTeamShare, comment)
        #expect(a.sampledCandidates == b.sampledCandidates, comment)
    }

    @Test("Shares, teams and the nominal share are those of solving every sample on its own, in every weight mode",
          arguments: [(UInt64(1), Scenario.Uncertainty.WeightSampling.none, 0.0), (2, .ranking, 0), (3, .spread, 4), (4, .ranking, 5)])
    func sameAsUnshared(seed: UInt64, mode: Scenario.Uncertainty.WeightSampling, quality: Double) throws {
        let scored = try Self.scored(seed: seed, mode: mode, quality: quality)
        // Fixing above 20 candidates: it runs on these pools' samples.
        var optimizer = TeamOptimizer()
        optimizer.options.reducedCostFixingAbove = 20
        let shared = try TeamRobustness(scored, samples: 24, optimizer: optimizer, sharing: true)
        let alone = try TeamRobustness(scored, samples: 24, optimizer: optimizer, sharing: false)
        #expect(shared.nominal.status.hasTeam)
        #expect(shared.sampledCandidates > 20, "fixing must be able to run: \(shared.sampledCandidates)")
        Self.expectSame(shared, alone, "seed \(seed), \(mode)")
    }

    @Test("The same output twice, and with one thread as with all")
    func deterministic() throws {
        let scored = try Self.scored(seed: 6, mode: .ranking, quality: 3)
        var optimizer = TeamOptimizer()
        optimizer.options.reducedCostFixingAbove = 20
        let first = try TeamRobustness(scored, samples: 20, optimizer: optimizer, parallel: true)
        let again = try TeamRobustness(scored, samples: 20, optimizer: optimizer, parallel: true)
        let sequential = try TeamRobustness(scored, samples: 20, optimizer: optimizer, parallel: false)
        Self.expectSame(first, again, "twice")
        Self.expectSame(first, sequential, "one thread")
    }

    @Test("One sample: its team is the team of the sample's own solve")
    func oneSample() throws {
        let scored = try Self.scored(seed: 7, mode: .none)
        var optimizer = TeamOptimizer()
        optimizer.options.reducedCostFixingAbove = 20
        let shared = try TeamRobustness(scored, samples: 1, optimizer: optimizer)
        let alone = try TeamRobustness(scored, samples: 1, optimizer: optimizer, sharing: false)
        #expect(shared.teams.count == 1 && shared.teams.first?.share == 1)
        #expect(shared.selectionShare.allSatisfy { $0.share == 1 })
        Self.expectSame(shared, alone, "one sample")
    }

    @Test("Weights that never move (spread 0, no score uncertainty) give the nominal team in every sample")
    func allSamplesSameTeam() throws {
        let scored = try Self.scored(seed: 8, mode: .spread) { $0.uncertainty.spread = 0 }
        var optimizer = TeamOptimizer()
        optimizer.options.reducedCostFixingAbove = 20
        let result = try TeamRobustness(scored, samples: 12, optimizer: optimizer)
        #expect(result.teams.count == 1)
        #expect(result.teams.first?.share == 1)
        #expect(result.teams.first?.vendors == result.nominal.members.map(\.id).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(result.nominalTeamShare == 1)
        #expect(result.noTeamShare == 0)
    }

    @Test("An infeasible scenario is reported as such and nothing is sampled")
    func infeasible() throws {
        // No team of 7 FTE for a year costs that little.
        let scored = try Self.scored(seed: 9, vendors: 200, mode: .ranking) { $0.budget = 1_000 }
        let result = try TeamRobustness(scored, samples: 10)
        #expect(result.nominal.status == .infeasible)
        #expect(result.teams.isEmpty && result.selectionShare.isEmpty)
        #expect(result.sampledCandidates == 0 && result.nominalTeamShare == 0 && result.noTeamShare == 0)
    }

    @Test("The first k by key, without sorting, are the first k of the sorted order, ties and all", arguments: [1, 3, 5, 40])
    func firstK(k: Int) {
        var rng = TestRandom(seed: UInt64(k))
        for trial in 0..<200 {
            let n = Int.random(in: 0...60, using: &rng)
            let positions = (0..<n).filter { _ in Bool.random(using: &rng) || trial % 2 == 0 }
            // Few distinct keys, so that ties are frequent.
            let keys = (0..<n).map { _ in Double(Int.random(in: 0...5, using: &rng)) / 4 }
            let expected = Array(positions.sorted { (keys[$0], -$0) > (keys[$1], -$1) }.prefix(k))
            #expect(TeamOptimizer.best(k, of: positions) { keys[$0] } == expected, "trial \(trial)")
        }
    }
}
