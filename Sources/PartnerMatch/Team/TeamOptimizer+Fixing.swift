import GLPKSolver
import LinearModel

extension TeamOptimizer {
    /// `problem` without the candidates that reduced-cost fixing proves cannot be in any team better
    /// than a known one (docs/TEAM-MODEL.md, "Reduced-cost fixing").
    ///
    /// The LP relaxation gives an upper bound `z_LP` and reduced costs `d`; for any feasible point,
    /// `objective ≤ z_LP + Σ_j d_j (x_j − x*_j)`, where every term is ≤ 0. For a candidate unused in
    /// the LP (`y* = 0`, every `x* = 0`, nonbasic at 0 with `d ≤ 0`), selecting it means `y = 1` and
    /// at least `m_v` FTE, so any team with it is worth at most
    /// `z_LP + d_y + (m_v / scale) · max_s d_{x_{v,s}}`. When that is below the value of a known team
    /// (an incumbent from a small MILP over the LP's support), the candidate is removed: the optimum
    /// is at least the incumbent, so it cannot contain the candidate. The incumbent's own vendors are
    /// never removed (their bound is at least the incumbent's value).
    ///
    /// Exact for the optimum only: alternatives (the k-th best team may be worse than the
    /// incumbent) and cost objectives do not use it.
    func reducedCostFixed(_ problem: TeamProblem) throws(TeamOptimizationError) -> TeamProblem {
        guard let threshold = options.reducedCostFixingAbove, problem.candidates.count > threshold,
              options.timeLimit == nil else { return problem }
        let teamModel = TeamModel(problem)
        let lp: Solution
        do throws(SolverError) { lp = try GLPKSolver().solve(teamModel.model.relaxed()) } catch { throw .solver(error) }
        guard lp.termination == .optimal, let zLP = lp.objectiveValue, let d = lp.reducedCosts else { return problem }

        // Bounds per candidate unused by the LP (`nil`: used, so kept).
        let scale = teamModel.scale
        let epsilon = 1e-9
        var bound = [Double?](repeating: nil, count: problem.candidates.count)
        var support: [Int] = []
        for v in problem.candidates.indices {
            let y = teamModel.select[v].index
            let xs = teamModel.assign[v].map(\.variable.index)
            if lp.values[y] > epsilon || xs.contains(where: { lp.values[$0] > epsilon }) { support.append(v); continue }
            let best = xs.map { d[$0] }.max() ?? 0
            bound[v] = zLP + min(0, d[y]) + problem.candidates[v].minimumFTE / scale * min(0, best)
        }
        // An incumbent from the LP's support and the candidates with the best bounds beside it.
        let extra = problem.candidates.indices.filter { bound[$0] != nil }
            .sorted { (bound[$0]!, -$0) > (bound[$1]!, -$1) }
            .prefix(max(support.count, min(50, problem.candidates.count / 2)))
        let restricted = Set(support + extra)
        guard restricted.count < problem.candidates.count else { return problem }
        let small = problem.removing(Set(problem.candidates.indices.filter { !restricted.contains($0) }))
        var quiet = self
        quiet.options.reducedCostFixingAbove = nil
        quiet.options.priceBudget = false
        let incumbent = try quiet.solve(TeamModel(small))
        guard incumbent.status == .optimal, let zInc = incumbent.objective else { return problem }
        let margin = TeamOptimizer.optimalityTolerance(zInc) + 1e-7 * max(1, abs(zLP))
        let removed = Set(problem.candidates.indices.filter { v in bound[v].map { $0 < zInc - margin } ?? false })
        return removed.isEmpty ? problem : problem.removing(removed)
    }
}
