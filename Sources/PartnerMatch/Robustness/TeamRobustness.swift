/// The optimal team under sampled weights (and scores): for N samples of `[uncertainty]`, the
/// optimal team of each, each vendor's selection share, the distinct vendor sets with their shares,
/// and the share of samples in which the nominal team's vendor set, its FTE re-optimised under the
/// sample's utilities, reaches at least `(1 − ε)` of the sample's optimum (docs/ROBUSTNESS.md).
///
/// Built on the public team API only: each sample is `TeamProblem(scored:)` with every candidate's
/// `utility` replaced by `Σ_c w_c · n_c(v)` under the sample, solved by `TeamOptimizer` (whose own
/// dominance pruning is exact for each sample's utilities). Weights change which teams are feasible
/// only through `min_mean_utility` (the cost objective's utility floor): a sample whose floor no team
/// reaches is counted in `noTeamShare`, never as a team of no vendors. An infeasible nominal
/// scenario is reported as such and nothing is sampled.
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
    /// The share of samples in which the nominal vendor set is within ε of the sample's optimum
    /// (its utility at least `(1 − ε)` of the best; with the cost objective, its cheapest cost reaching
    /// the floor at most `(1 + ε)` of the cheapest team's).
    public let nominalTeamShare: Double
    /// The share of samples in which no team exists (the cost objective's utility floor is out of
    /// reach under the sample's utilities); 0 otherwise. Shares of `teams` and `selectionShare` count
    /// the other samples only, out of all `samples`.
    public let noTeamShare: Double

    /// Candidates left for the samples after the pruning that lasts across weights (all when it is off).
    public let sampledCandidates: Int

    /// - Parameter pruning: remove once the vendors that no sample can need (`lastingSurvivors`);
    ///   exact, tested against `false`.
    /// - Parameter sharing: solve the samples on what they share (`SampleSharing`); `false` solves each
    ///   sample on its own with `optimizer`'s options, as before the sharing (exact, tested against it).
    public init(_ scored: ScoredPool, samples: Int, optimizer: TeamOptimizer = TeamOptimizer(),
                parallel: Bool = true, pruning: Bool = true, sharing: Bool = true) throws(TeamOptimizationError) {
        let u = scored.scenario.uncertainty
        self.samples = samples
        self.seed = u.seed
        self.materiality = scored.scenario.whatIf.materiality
        self.uncertainty = u
        let base = TeamProblem(scored: scored)
        nominal = try optimizer.solve(base)
        guard nominal.status.hasTeam, samples > 0 else {
            sampledCandidates = 0
            selectionShare = []
            teams = []
            nominalTeamShare = 0
            noTeamShare = 0
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
        // One pool for every sample: the vendors no sample can need are removed once.
        let kept = pruning ? Self.lastingSurvivors(base, rows: rows, model: model, sampler: sampler,
                                                      threshold: DominancePruning.teamSizeBound(base))
            : Array(base.candidates.indices)
        self.sampledCandidates = kept.count
        let reduced = TeamProblem(candidates: kept.map { base.candidates[$0] }, requirements: base.requirements)
        let reducedRows = kept.map { rows[$0] }
        let nominalPositions = nominalSelection.sorted()
        let nominalProblem = TeamProblem(candidates: nominalPositions.map { base.candidates[$0] }, requirements: base.requirements)
        let nominalRows = nominalPositions.map { rows[$0] }
        struct Outcome: Sendable { var selection: [Int]?; var nominalWithin: Bool }
        let costObjective = base.requirements.minMeanUtility != nil
        let quiet = {
            var quiet = optimizer
            quiet.options.explainInfeasibility = false
            quiet.options.priceBudget = false
            // A sample's team is read for its vendors and its objective (or cost) only.
            quiet.options.teamDetails = false
            return quiet
        }()
        // The pool, its pruning rows and one model's rows, shared by every sample (TeamRobustness+Sharing.swift).
        let shared: SampleSharing? = sharing ? {
            var samples = quiet
            samples.options.relaxationStartPerSkill = min(quiet.options.relaxationStartPerSkill, SampleSharing.relaxationStartPerSkill)
            return SampleSharing(reduced, optimizer: samples)
        }() : nil
        let outcomes: [Outcome] = try parallelMap(count: samples, parallel: parallel) { (k: Int) throws(TeamOptimizationError) -> Outcome in
            var g = SeededGenerator(seed: ShortlistRobustness.chunkSeed(u.seed, stream: 2, chunk: k))
            var w = [Double](repeating: 0, count: n), scratch = w
            sampler.draw(&g, into: &w, scratch: &scratch)
            var scores = model.scores
            if model.isSampled { model.draw(Array(0..<m), &g, into: &scores) }
            func utility(_ row: Int) -> Double {
                var u = 0.0
                for c in 0..<n where w[c] != 0 { u += w[c] * scores[c * m + row] }
                return u
            }
            let utilities = reducedRows.map(utility)
            var nominalTeam = nominalProblem
            for (j, row) in nominalRows.enumerated() { nominalTeam.candidates[j].utility = utility(row) }
            let best: TeamSolution
            if let shared { best = try shared.solve(utilities: utilities) } else {
                var problem = reduced
                for j in problem.candidates.indices { problem.candidates[j].utility = utilities[j] }
                best = try quiet.solve(problem)
            }
            guard best.status.hasTeam else { return Outcome(selection: nil, nominalWithin: false) }
            let within: Bool
            if costObjective {
                // The nominal vendors' cheapest allocation reaching the sample's floor, against the cheapest team.
                let optimum = best.totalCost ?? 0
                let settled = try quiet.settle(Set(nominalTeam.candidates.indices), of: nominalTeam, objective: .minimizeCost(utilityFloor: nil))
                within = settled.map { $0.value <= (1 + epsilon) * optimum + TeamOptimizer.optimalityTolerance(optimum) } ?? false
            } else {
                let optimum = best.objective ?? 0
                let settled = try quiet.evaluate(Set(nominalTeam.candidates.indices), of: nominalTeam)
                within = (settled?.objective).map { $0 >= (1 - epsilon) * optimum - 1e-9 } ?? false
            }
            return Outcome(selection: best.members.compactMap { positionOf[$0.poolIndex] }.sorted(), nominalWithin: within)
        }
        var selected: [Int: Int] = [:]
        var sets: [[Int]: Int] = [:]
        var within = 0, noTeam = 0
        for outcome in outcomes {
            guard let selection = outcome.selection else { noTeam += 1; continue }
            for j in selection { selected[j, default: 0] += 1 }
            sets[selection, default: 0] += 1
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
        noTeamShare = Double(noTeam) / total
    }
}

extension TeamRobustness {
    /// Positions in `base.candidates` of the vendors that may be in an optimal team for some sample:
    /// the others are dominated by at least `threshold` (the team-size bound) vendors in every
    /// coefficient of the team model — cost per FTE ≤ (and per skill), onboarding ≤, capacity,
    /// `max_fte` and overlap ≥, minimum FTE ≤, required skills ⊇, the same country under a country
    /// rule (pinned vendors are kept) — and in utility under every weight vector the sampler can draw (a
    /// sampled score taken at its lowest against the other's highest; `WeightSampler.nonNegative`, for
    /// `none` criterion-wise dominance: docs/MODEL.md, "Pruning that lasts across weights"). One of
    /// those dominators is then free to take the vendor's place at no more cost and no less utility,
    /// as in `DominancePruning`.
    /// - Complexity: O(n log n) to sort, then at most `ShortlistRobustness.scanLimit` comparisons per
    ///   vendor (a vendor not shown dominated within it is kept: exact, only slower).
    static func lastingSurvivors(_ base: TeamProblem, rows: [Int], model: SampledScores, sampler: WeightSampler,
                                 threshold: Int?) -> [Int] {
        let c = base.candidates, n = Criterion.allCases.count, m = model.count
        let minimum = base.minimumFTE
        guard let threshold, threshold >= 1, c.count > threshold else { return Array(c.indices) }
        let (lowCenter, highCenter) = model.centerKeys(sampler.center)
        let lowKey = rows.map { lowCenter[$0] }, highKey = rows.map { highCenter[$0] }
        // The strict total order that breaks ties: higher center utility, then id. Dominance is
        // "weakly better in everything and earlier in this order", a strict partial order, so
        // identical vendors never dominate each other and every removed vendor keeps `threshold`
        // surviving dominators.
        let order = c.indices.sorted { a, b in
            lowKey[a] != lowKey[b] ? lowKey[a] > lowKey[b] : c[a].id.utf8.lexicographicallyPrecedes(c[b].id.utf8)
        }
        var rank = [Int](repeating: 0, count: c.count)
        for (position, j) in order.enumerated() { rank[j] = position }
        let skills = c.map { Set($0.skills) }
        // What the problem's rules ask of a dominator, as in `DominancePruning`: the same country
        // under a country rule; pinned vendors are kept.
        let requirement = DominanceRequirement.of(base)
        var delta = [Double](repeating: 0, count: n)
        func dominates(_ w: Int, _ v: Int) -> Bool {
            let a = c[w], b = c[v]
            guard rank[w] < rank[v], a.costPerFTE <= b.costPerFTE, a.capacityFTE >= b.capacityFTE, a.maxFTE >= b.maxFTE,
                  a.overlapHours >= b.overlapHours, minimum[w] <= minimum[v], skills[w].isSuperset(of: skills[v]),
                  a.onboardingCost <= b.onboardingCost, !requirement.sameCountry || a.country == b.country,
                  a.skillCostPerFTE == nil && b.skillCostPerFTE == nil || a.costsNoMore(than: b) else { return false }
            for k in 0..<n { delta[k] = model.low[k * m + rows[w]] - model.high[k * m + rows[v]] }
            return sampler.nonNegative(delta)
        }
        var kept: [Int] = []
        for v in c.indices {
            var found = 0, scanned = 0
            for w in order {
                if lowKey[w] < highKey[v] - 1e-9 || scanned >= ShortlistRobustness.scanLimit { break }
                scanned += 1
                if w != v, dominates(w, v) {
                    found += 1
                    if found >= threshold { break }
                }
            }
            if found < threshold || requirement.keep.contains(c[v].id) { kept.append(v) }
        }
        return kept
    }
}
