import Dispatch
import Foundation

/// Several scenarios evaluated on one vendor pool and compared side by side (docs/MODEL.md, "What-if
/// budget scenarios"; scenario batches): each scenario's optimal team, its cost and utility, the
/// rules that bind, and the vendors every team has in common.
///
/// The pool is read once by the caller and shared; scoring depends on each scenario's weights,
/// client and rules, so it is done per scenario. Scenarios are scored and solved in parallel (GLPK
/// keeps its state per thread); the entries are in input order whatever the scheduling.
public struct ScenarioComparison: Sendable {
    /// One scenario's result.
    public struct Entry: Sendable {
        /// Where the scenario came from (its file), as given.
        public var source: String
        public var scored: ScoredPool
        public var team: TeamSolution
        public var scenario: Scenario { scored.scenario }
    }

    public var entries: [Entry]

    /// Ids of the vendors in every team, sorted; empty when fewer than one scenario has a team.
    /// Scenarios without a team are left out of the intersection (listed in `withoutTeam`).
    public var commonVendors: [String]

    /// Indices of the entries that have no team (infeasible, or the time limit came first).
    public var withoutTeam: [Int]

    /// Scores and solves every scenario on `pool`.
    ///
    /// - Parameters:
    ///   - scenarios: `(source, scenario)` pairs, in the order to report them.
    ///   - parallel: solve on all cores (the result is the same either way).
    ///   - progress: called after each solve with (done, total), from any thread.
    /// - Complexity: one scoring pass over the pool and one MILP solve per scenario.
    public init(pool: VendorPool, scenarios: [(source: String, scenario: Scenario)], optimizer: TeamOptimizer = TeamOptimizer(),
                parallel: Bool = true, progress: (@Sendable (Int, Int) -> Void)? = nil) throws(TeamOptimizationError) {
        let inputs = scenarios.map { ($0.source, $0.scenario) }
        let entries = try parallelMap(count: inputs.count, parallel: parallel, progress: progress) { k throws(TeamOptimizationError) in
            let (source, scenario) = inputs[k]
            let scored = ScoredPool(pool: pool, scenario: scenario)
            return Entry(source: source, scored: scored, team: try optimizer.solve(TeamProblem(scored: scored)))
        }
        self.entries = entries
        withoutTeam = entries.indices.filter { !entries[$0].team.status.hasTeam }
        let teams = entries.filter { $0.team.status.hasTeam }.map { Set($0.team.vendorSet) }
        if let first = teams.first {
            commonVendors = teams.dropFirst().reduce(first) { $0.intersection($1) }
                .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        } else {
            commonVendors = []
        }
    }

    /// Every vendor in at least one team, in order of first appearance (scenario order, then the
    /// team's own order), with its FTE in each scenario (`nil` where it is not in the team).
    public var vendorMatrix: [(id: String, fte: [Double?])] {
        var order: [String] = []
        var seen: Set<String> = []
        for entry in entries {
            for member in entry.team.members where seen.insert(member.id).inserted { order.append(member.id) }
        }
        return order.map { id in
            (id, entries.map { entry in entry.team.members.first { $0.id == id }?.fte })
        }
    }
}
