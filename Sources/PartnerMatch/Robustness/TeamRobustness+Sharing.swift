extension TeamRobustness {
    /// What every sample's team solve shares: the samples' pool (after the pruning that lasts across
    /// weights), its candidates, and what depends on their team coefficients but not on their
    /// utilities — the dominance rows, the team-size bound and one team model, whose rows serve every
    /// sample's reduced-cost fixing with only the objective changed (`TeamModel.reweighted`).
    ///
    /// `solve(utilities:)` is `TeamOptimizer.solve` of the pool with those utilities, step for step
    /// (docs/ROBUSTNESS.md, "Samples share one model"): the same dominance pruning (its rows made
    /// once, each sample setting their utilities), the same reduced-cost fixing priced on the shared
    /// model instead of a model built for the sample, the same MILP over what is left. Every step
    /// gives what it gives in the unshared solve, so a sample's team is the one `TeamOptimizer.solve`
    /// returns. Only the utility objective shares: the cost objective's utility floor is a row, so
    /// with `min_mean_utility` (and for a solve with no team) a sample is solved the unshared way.
    struct SampleSharing: Sendable {
        /// Each sample's LP relaxation (reduced-cost fixing) starts from this many candidates per
        /// demanded skill, by utility and by utility per cost, instead of the 40 of one solve: column
        /// generation reaches the same LP optimum from any start, and the optimum's support is small.
        /// On the 10k scaling-study pool (BENCHMARKS.md) every sample's LP was solved at its first
        /// restricted LP with 40 (about 190 candidates); with 5, nine in ten samples are, the rest
        /// after one more, and the samples take half the CPU (3 and 10 were about as fast, 1 and 2
        /// slower: more rounds).
        static let relaxationStartPerSkill = 5

        /// The samples' pool (utilities as scored; each sample replaces them).
        let problem: TeamProblem
        let optimizer: TeamOptimizer
        /// The dominance threshold (`nil`: no pruning) and the candidates' dominance rows.
        let threshold: Int?
        let rows: [DominanceRow]
        /// The model of `problem` whose rows price every sample (`nil`: reduced-cost fixing cannot
        /// run on any sample, or the model has rule columns a pruned model may lack).
        let pricing: TeamModel?

        /// - Parameter optimizer: the optimizer of every sample (its options as each sample uses them).
        init(_ problem: TeamProblem, optimizer: TeamOptimizer) {
            self.problem = problem
            self.optimizer = optimizer
            let sharesObjective = if case .maximizeUtility = problem.requirements.objective { true } else { false }
            let options = optimizer.options
            // As `TeamOptimizer.pruned`: the bound does not read utilities, so it holds for every sample.
            if sharesObjective, options.pruning, let bound = DominancePruning.teamSizeBound(problem) {
                let threshold = max(1, bound)
                let c = problem.candidates
                // `DominancePruning.survivors`' own guard: otherwise it keeps every candidate.
                if c.count > threshold, problem.requirements.skills.count <= 64 {
                    self.threshold = threshold
                    rows = DominanceRow.rows(problem, DominanceRequirement.of(problem))
                } else {
                    self.threshold = nil
                    rows = []
                }
            } else {
                threshold = nil
                rows = []
            }
            // Reduced-cost fixing runs only above its threshold and without a time limit; a model
            // with rule columns (one per country, …) may have some a sample's pruned model lacks.
            if sharesObjective, let above = options.reducedCostFixingAbove, problem.candidates.count > above,
               options.timeLimit == nil {
                let model = TeamModel(problem, objective: .maximizeUtility)
                pricing = model.ruleColumns.isEmpty ? model : nil
            } else {
                pricing = nil
            }
        }

        /// The optimal team of `problem` with candidate `j`'s utility `utilities[j]`: what
        /// `optimizer.solve` of that problem returns (members, objective, status).
        func solve(utilities: [Double]) throws(TeamOptimizationError) -> TeamSolution {
            var sample = problem
            for j in sample.candidates.indices { sample.candidates[j].utility = utilities[j] }
            guard case .maximizeUtility = problem.requirements.objective else { return try optimizer.solve(sample) }
            // `TeamOptimizer.pruned`, on rows made once.
            var working = sample
            var kept = Array(sample.candidates.indices)
            if let threshold {
                var rows = self.rows
                for j in rows.indices { rows[j].utility = utilities[j] }
                kept = DominancePruning.survivors(rows: rows, of: sample.candidates, threshold: threshold)
                working.candidates = kept.map { sample.candidates[$0] }
            }
            // `TeamOptimizer.reducedCostFixed`, priced on the shared model.
            let fixed = try optimizer.reducedCostFixed(working, objective: .maximizeUtility,
                                                       pricing: pricing?.reweighted(as: working, at: kept))
            var solution = try optimizer.solve(TeamModel(fixed, objective: .maximizeUtility))
            // No team (a limit, or no team at all): the unshared solve reports it, with whatever it adds.
            guard solution.status.hasTeam else { return try optimizer.solve(sample) }
            if fixed.candidates.count != sample.candidates.count {
                let position = Dictionary(sample.candidates.indices.map { (sample.candidates[$0].poolIndex, $0) }, uniquingKeysWith: { a, _ in a })
                solution.selection = Set(solution.selection.compactMap { position[fixed.candidates[$0].poolIndex] })
            }
            return solution
        }
    }
}
