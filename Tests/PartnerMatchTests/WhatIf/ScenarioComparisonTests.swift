import Foundation
@testable import PartnerMatch
import Testing

@Suite("Scenario batches compared on one pool")
struct ScenarioComparisonTests {
    private static let pool = PoolGenerator(seed: 7).makePool(vendors: 300)

    /// The template scenario with another name, budget and cost weight.
    private func scenario(_ name: String, budget: String, costWeight: String = "0.25") throws -> Scenario {
        let text = Scenario.template
            .replacingOccurrences(of: "name = \"Mobile app rebuild\"", with: "name = \"\(name)\"")
            .replacingOccurrences(of: "total = 1_250_000", with: "total = \(budget)")
            .replacingOccurrences(of: "cost = 0.25", with: "cost = \(costWeight)")
        let parsed = try ScenarioReader.parse(text, file: "\(name).toml")
        #expect(parsed.name == name)
        return parsed
    }

    private func batch() throws -> [(source: String, scenario: Scenario)] {
        [("c.toml", try scenario("C", budget: "1_250_000", costWeight: "2.0")),
         ("a.toml", try scenario("A", budget: "1_250_000")),
         ("none.toml", try scenario("Broke", budget: "1_000")),
         ("b.toml", try scenario("B", budget: "420_000"))]
    }

    @Test("Every scenario is reported, in the order given, with its own scoring")
    func order() throws {
        let comparison = try ScenarioComparison(pool: Self.pool, scenarios: try batch())
        #expect(comparison.entries.map(\.scenario.name) == ["C", "A", "Broke", "B"])
        #expect(comparison.entries.map(\.source) == ["c.toml", "a.toml", "none.toml", "b.toml"])
        // Each entry is exactly what optimising that scenario alone gives.
        for entry in comparison.entries {
            let alone = try TeamOptimizer().solve(TeamProblem(scored: ScoredPool(pool: Self.pool, scenario: entry.scenario)))
            #expect(alone.status == entry.team.status, "\(entry.scenario.name)")
            #expect(alone.vendorSet == entry.team.vendorSet, "\(entry.scenario.name)")
            #expect(alone.objective == entry.team.objective, "\(entry.scenario.name)")
        }
        #expect(comparison.entries[0].scored.utility != comparison.entries[1].scored.utility, "weights change the scores")
    }

    @Test("A parallel comparison equals the sequential one")
    func parallelEqualsSequential() throws {
        let parallel = try ScenarioComparison(pool: Self.pool, scenarios: try batch(), parallel: true)
        let sequential = try ScenarioComparison(pool: Self.pool, scenarios: try batch(), parallel: false)
        #expect(parallel.entries.map(\.team.vendorSet) == sequential.entries.map(\.team.vendorSet))
        #expect(parallel.entries.map(\.team.objective) == sequential.entries.map(\.team.objective))
        #expect(parallel.commonVendors == sequential.commonVendors)
    }

    @Test("Common vendors are those in every team; scenarios without a team are left out")
    func common() throws {
        let comparison = try ScenarioComparison(pool: Self.pool, scenarios: try batch())
        #expect(comparison.withoutTeam == [2])
        #expect(comparison.entries[2].team.status == .infeasible)
        let teams = comparison.entries.filter { $0.team.status.hasTeam }.map { Set($0.team.vendorSet) }
        let expected = teams.dropFirst().reduce(teams[0]) { $0.intersection($1) }
        #expect(Set(comparison.commonVendors) == expected)
        #expect(comparison.commonVendors == comparison.commonVendors.sorted())
        let matrix = comparison.vendorMatrix
        #expect(Set(matrix.map(\.id)) == teams.reduce(Set<String>()) { $0.union($1) })
        for row in matrix where comparison.commonVendors.contains(row.id) {
            #expect(row.fte[0] != nil && row.fte[1] != nil && row.fte[3] != nil && row.fte[2] == nil)
        }
    }
}
