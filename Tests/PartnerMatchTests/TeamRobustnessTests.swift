@testable import PartnerMatch
import Testing

@Suite("Team robustness")
struct TeamRobustnessTests {
    // The two vendors of RobustnessTests (A: cost 0, quality 0.9; B: cost 1, quality 0.5), each able
    // to supply the whole demand of 2 FTE, at most one vendor: the team is the vendor of higher
    // utility, A exactly where w_q / (w_q + w_c) > 5/7. Nominal weights (cost 0.25, quality 0.30)
    // choose B.
    static func scored(samples: Int) -> ScoredPool {
        var scenario = ScoringFixtures.scenario(demand: .total(2), rules: .init(maxVendors: 1))
        scenario.uncertainty.weights = .none
        scenario.uncertainty.seed = 9
        _ = samples
        return ScoredPool(pool: RobustnessTests.pool(), scenario: scenario)
    }

    @Test("Selection shares, distinct teams and the nominal team's share match the closed form")
    func closedForm() throws {
        let n = 400
        let result = try TeamRobustness(Self.scored(samples: n), samples: n)
        #expect(result.nominal.members.map(\.id) == ["B"])
        let se = (2.0 / 7 * 5 / 7 / Double(n)).squareRoot()
        let a = result.selectionShare.first { $0.id == "A" }?.share ?? 0
        #expect(abs(a - 2.0 / 7) <= 4 * se, "A selected in \(a)")
        #expect(result.teams.count == 2 && abs(result.teams.reduce(0) { $0 + $1.share } - 1) < 1e-12)
        // B (nominal) is within ε = 0.1% of the optimum wherever it is optimal, and in a sliver beyond.
        #expect(result.nominalTeamShare >= 1 - a - 1e-12 && abs(result.nominalTeamShare - 5.0 / 7) <= 4 * se + 0.01)
    }

    @Test("The result is the same whatever the thread count")
    func deterministic() throws {
        let scored = Self.scored(samples: 60)
        let parallel = try TeamRobustness(scored, samples: 60, parallel: true)
        let sequential = try TeamRobustness(scored, samples: 60, parallel: false)
        #expect(parallel.selectionShare.map(\.share) == sequential.selectionShare.map(\.share))
        #expect(parallel.teams.map(\.vendors) == sequential.teams.map(\.vendors))
        #expect(parallel.nominalTeamShare == sequential.nominalTeamShare)
    }

    @Test("Pruning once across weights changes nothing: the same shares and teams as solving every sample unpruned", arguments: [UInt64(1), 2])
    func lastingPruningIsExact(seed: UInt64) throws {
        let pool = try VendorCSVReader.read(bytes: PoolGenerator(seed: seed).csv(vendors: 600), source: "g.csv").pool
        var scenario = ScalingStudy.defaultScenario
        scenario.uncertainty.weights = seed == 1 ? .none : .spread
        scenario.uncertainty.quality = seed == 1 ? 0 : 4
        scenario.uncertainty.seed = seed
        let scored = ScoredPool(pool: pool, scenario: scenario)
        let pruned = try TeamRobustness(scored, samples: 24, pruning: true)
        let unpruned = try TeamRobustness(scored, samples: 24, pruning: false)
        #expect(pruned.sampledCandidates < unpruned.sampledCandidates, "\(pruned.sampledCandidates) of \(unpruned.sampledCandidates)")
        #expect(pruned.selectionShare.map(\.id) == unpruned.selectionShare.map(\.id))
        #expect(pruned.selectionShare.map(\.share) == unpruned.selectionShare.map(\.share))
        #expect(pruned.teams.map(\.vendors) == unpruned.teams.map(\.vendors))
        #expect(pruned.nominalTeamShare == unpruned.nominalTeamShare)
    }

    @Test("Pruning across weights respects the rules a buyer sets: a pinned weak vendor is in every sample's team, country rules hold, and nothing changes against unpruned sampling",
          arguments: [false, true])
    func lastingPruningWithRules(countryRules: Bool) throws {
        let pool = try VendorCSVReader.read(bytes: PoolGenerator(seed: 5).csv(vendors: 600), source: "g.csv").pool
        var scenario = ScalingStudy.defaultScenario
        scenario.uncertainty.weights = .none
        scenario.uncertainty.seed = 5
        var scored = ScoredPool(pool: pool, scenario: scenario)
        // The eligible vendor with the lowest utility: no dominance argument may drop it once pinned.
        let weakest = scored.eligible.indices.min { scored.utility[$0] < scored.utility[$1] }!
        let pinned = pool.ids[Int(scored.eligible[weakest])]
        scenario.rules.constraints.set(PinnedVendors(ids: [pinned]))
        if countryRules {
            scenario.rules.constraints.set(MinCountries(count: 3))
            scenario.rules.constraints.set(CountryShares(maxShare: 0.4, maxShareSet: true, shares: []))
        }
        scored = ScoredPool(pool: pool, scenario: scenario)
        let pruned = try TeamRobustness(scored, samples: 16, pruning: true)
        let unpruned = try TeamRobustness(scored, samples: 16, pruning: false)
        #expect(pruned.nominal.status.hasTeam)
        // With the pin alone pruning still removes vendors (the pinned one kept); a country rule
        // allows only same-country dominators, which may leave everyone.
        if !countryRules { #expect(pruned.sampledCandidates < unpruned.sampledCandidates, "\(pruned.sampledCandidates) of \(unpruned.sampledCandidates)") }
        #expect(pruned.selectionShare.first { $0.id == pinned }?.share == 1)
        #expect(pruned.selectionShare.map(\.id) == unpruned.selectionShare.map(\.id))
        #expect(pruned.selectionShare.map(\.share) == unpruned.selectionShare.map(\.share))
        #expect(pruned.teams.map(\.vendors) == unpruned.teams.map(\.vendors))
        #expect(pruned.nominalTeamShare == unpruned.nominalTeamShare)
    }
}
