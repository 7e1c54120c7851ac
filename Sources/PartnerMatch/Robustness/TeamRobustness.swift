/// The optimal team under sampled weights (and scores): for N samples of `[uncertainty]`, the
/// optimal team of each, each vendor's selection share, the distinct vendor sets with their shares,
/// and the share of samples in which the nominal team's vendor set, its FTE re-optimised under the
/// sample's utilities, reaches at least `(1 − ε)` of the sample's optimum (docs/ROBUSTNESS.md).
///
/// Built on the public team API only: each sample is `TeamProblem(scored:)` with every candidate's
/// `utility` replaced by `Σ_c w_c · n_c(v)` under the sample, solved by `TeamOptimizer` (whose own
/// dominance pruning is exact for each sample's utilities). Weights never change which teams are
/// feasible, so an infeasible nominal scenario is reported as such and nothing is sampled.
/// Samples run in parallel, each with its own generator seeded from (seed, sample): the result does
/// not depend on the thread count.
public struct TeamRobustness: Sendable {
    public let samples: Int
    public let seed: UInt64
    public let materiality: Double
    public let uncertainty: Scenario.Uncertainty
    /// The team at the scenario's own weights.
    public let nominal: TeamSolution
    /// Vendor id → share of samples in which it is selected (vendors selected at least once), by share then id.
    public let selectionShare: [(id: String, poolIndex: Int, share: Double)]
    /// The distinct vendor sets (ids sorted) with their shares, most frequent first, then by ids.
    public let teams: [(vendors: [String], share: Double)]
    /// The share of samples in which the nominal vendor set is within ε of the sample's optimum.
    public let nominalTeamShare: Double

    public init(_ scored: ScoredPool, samples: Int, optimizer: TeamOptimizer = TeamOptimizer(),
                parallel: Bool = true) throws(TeamOptimizationError) {
        let u = scored.scenario.uncertainty
        self.samples = samples
        self.seed = u.seed
        self.materiality = scored.scenario.whatIf.materiality
        self.uncertainty = u
        let base = TeamProblem(scored: scored)
        nominal = try optimizer.solve(base)
        guard nominal.status.hasTeam, samples > 0 else {
            selectionShare = []
            teams = []
            nominalTeamShare = 0
            return
        }
        // Candidate positions of a solution's members (from its public `members`).
        let positionOf = Dictionary(base.candidates.indices.map { (base.candidates[$0].poolIndex, $0) }, uniquingKeysWith: { a, _ in a })
        let nominalSelection = Set(nominal.members.compactMap { positionOf[$0.poolIndex] })
        // Each candidate's position in the eligible arrays (its score row).
        let rows = base.candidates.map { scored.eligiblePosition(of: $0.poolIndex)! }
        let model = SampledScores(scored, uncertainty: u)
        let sampler = WeightSampler(weights: scored.scenario.weights, uncertainty: u)
        let n = Criterion.allCases.count, m = model.count
        let epsilon = materiality
        struct Outcome: Sendable { var selection: [Int]; var nominalWithin: Bool }
        let outcomes: [Outcome] = try parallelMap(count: samples, parallel: parallel) { (k: Int) throws(TeamOptimizationError) -> Outcome in
            var g = SeededGenerator(seed: ShortlistRobustness.chunkSeed(u.seed, stream: 2, chunk: k))
            var w = [Double](repeating: 0, count: n), scratch = w
            sampler.draw(&g, into: &w, scratch: &scratch)
            var scores = model.scores
            if model.isSampled { model.draw(Array(0..<m), &g, into: &scores) }
            var problem = base
            for (j, row) in rows.enumerated() {
                var utility = 0.0
                for c in 0..<n where w[c] != 0 { utility += w[c] * scores[c * m + row] }
                problem.candidates[j].utility = utility
            }
            var quiet = optimizer
            quiet.options.explainInfeasibility = false
            quiet.options.priceBudget = false
            let best = try quiet.solve(problem)
            let optimum = best.objective ?? 0
            let kept = try quiet.evaluate(nominalSelection, of: problem)
            let within = (kept?.objective).map { $0 >= (1 - epsilon) * optimum - 1e-9 } ?? false
            return Outcome(selection: best.members.compactMap { positionOf[$0.poolIndex] }.sorted(), nominalWithin: within)
        }
        var selected: [Int: Int] = [:]
        var sets: [[Int]: Int] = [:]
        var within = 0
        for outcome in outcomes {
            for j in outcome.selection { selected[j, default: 0] += 1 }
            sets[outcome.selection, default: 0] += 1
            if outcome.nominalWithin { within += 1 }
        }
        let ids = base.candidates.map(\.id)
        let total = Double(samples)
        selectionShare = selected.map { (id: ids[$0.key], poolIndex: base.candidates[$0.key].poolIndex, share: Double($0.value) / total) }
            .sorted { $0.share != $1.share ? $0.share > $1.share : $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        teams = sets.map { (vendors: $0.key.map { ids[$0] }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, share: Double($0.value) / total) }
            .sorted { a, b in
                if a.share != b.share { return a.share > b.share }
                return a.vendors.lexicographicallyPrecedes(b.vendors) { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            }
        nominalTeamShare = Double(within) / total
    }
}
