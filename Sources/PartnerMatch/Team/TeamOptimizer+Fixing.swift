import GLPKSolver
import LinearModel

extension TeamOptimizer {
    /// `problem` without the candidates that reduced-cost fixing proves cannot be in any team better
    /// than a known one (docs/TEAM-MODEL.md, "Reduced-cost fixing").
    ///
    /// The LP relaxation gives an upper bound `z_LP` and reduced costs `d`; for any feasible point,
    /// `objective ≤ z_LP + Σ_j d_j (x_j − x*_j)`, where every term is ≤ 0. For a candidate unused in
    /// the LP (`y* = 0`, every `x* = 0`, at 0 with `d ≤ 0`), selecting it means `y = 1` and at least
    /// `m_v` FTE, so any team with it is worth at most `z_LP + d_y + (m_v / scale) · max_s d_{x_{v,s}}`.
    /// When that is below the value of a known team (an incumbent from a small MILP over the LP's
    /// support and the best-bounded candidates), the candidate is removed: the optimum is at least the
    /// incumbent, so it cannot contain the candidate. The incumbent's own vendors are never removed
    /// (their bound is at least the incumbent's value).
    ///
    /// Exact for the optimum only: alternatives (the k-th best team may be worse than the
    /// incumbent) and cost objectives do not use it.
    ///
    /// It holds under every rule: each rule's team rows are priced by `relaxation`, its own columns
    /// exist in the restricted LPs (`TeamConstraint.pricingSeeds`), and the bound uses each
    /// candidate's minimum engagement `m_v` as the rules set it (`ColumnBounds`).
    ///
    /// For a cost objective everything holds with the signs turned (minimising `C` is maximising
    /// `−C`): the values below are in that maximising form.
    func reducedCostFixed(_ problem: TeamProblem, objective: TeamModel.Objective = .maximizeUtility,
                          pricing: TeamModel? = nil) throws(TeamOptimizationError) -> TeamProblem {
        guard let threshold = options.reducedCostFixingAbove, problem.candidates.count > threshold,
              options.timeLimit == nil else { return problem }
        // A caller's pricing model serves the utility objective only (its objective row is read).
        let usable: TeamModel? = if case .maximizeUtility = objective, let pricing,
            case .maximizeUtility = pricing.objective, pricing.problem.candidates.count == problem.candidates.count { pricing } else { nil }
        let full = usable ?? TeamModel(problem, objective: objective)
        guard let lp = try relaxation(full, restrictedTo: problem.requirements, objective: objective) else { return problem }
        // Bounds per candidate unused by the LP (`nil`: used, so kept).
        var bound = [Double?](repeating: nil, count: problem.candidates.count)
        var support: [Int] = []
        let minimum = problem.minimumFTE
        for v in problem.candidates.indices {
            if lp.used[v] { support.append(v); continue }
            bound[v] = lp.objective + lp.selectPrice[v] + minimum[v] / lp.scale * lp.bestFTEPrice[v]
        }
        // An incumbent from the LP's support and the candidates with the best bounds beside it.
        let extra = TeamOptimizer.best(max(support.count, min(50, problem.candidates.count / 2)),
                                       of: problem.candidates.indices.filter { bound[$0] != nil }) { bound[$0]! }
        let restricted = Set(support + extra)
        guard restricted.count < problem.candidates.count else { return problem }
        let small = problem.removing(Set(problem.candidates.indices.filter { !restricted.contains($0) }))
        var quiet = self
        quiet.options.reducedCostFixingAbove = nil
        quiet.options.priceBudget = false
        quiet.options.teamDetails = false   // only its objective and cost are read
        let incumbent = try quiet.solve(TeamModel(small, objective: objective))
        guard incumbent.status == .optimal, let utility = incumbent.objective, let cost = incumbent.totalCost else { return problem }
        let zInc = if case .maximizeUtility = objective { utility } else { -cost }
        let margin = TeamOptimizer.optimalityTolerance(zInc) + 1e-7 * max(1, abs(lp.objective))
        let removed = Set(problem.candidates.indices.filter { v in bound[v].map { $0 < zInc - margin } ?? false })
        return removed.isEmpty ? problem : problem.removing(removed)
    }

    /// The first `k` of `positions` by `key` descending, then position ascending: the elements of
    /// `positions.sorted { (key($0), -$0) > (key($1), -$1) }.prefix(k)` (in that order), found in
    /// O(n · k) without sorting them all (the LP's start takes a few of hundreds, for every solve).
    /// With a NaN key the order is not total: then it sorts, as before.
    static func best(_ k: Int, of positions: [Int], by key: (Int) -> Double) -> [Int] {
        guard k > 0 else { return [] }
        let keys = positions.map(key)
        if keys.contains(where: \.isNaN) {
            return positions.sorted { (key($0), -$0) > (key($1), -$1) }.prefix(k).map { $0 }
        }
        // `chosen` is kept in order; `p` precedes `q` when its key is larger, or equal at a smaller position.
        var chosen: [(key: Double, position: Int)] = []
        chosen.reserveCapacity(k + 1)
        for (position, value) in zip(positions, keys) {
            if chosen.count == k, let last = chosen.last, !(value > last.key || value == last.key && position < last.position) { continue }
            var at = chosen.count
            while at > 0, value > chosen[at - 1].key || value == chosen[at - 1].key && position < chosen[at - 1].position { at -= 1 }
            chosen.insert((value, position), at: at)
            if chosen.count > k { chosen.removeLast() }
        }
        return chosen.map(\.position)
    }

    /// The LP relaxation's optimum and, per candidate, whether the LP uses it and the reduced costs
    /// of its columns (`y` and the best of its `x`).
    struct Relaxation {
        var objective: Double
        var used: [Bool]
        var selectPrice: [Double]
        var bestFTEPrice: [Double]
        /// FTE per unit of an `x` column.
        var scale: Double
        /// Candidates priced out without entering the LP.
        var pricedOut: Int = 0
    }

    /// The LP relaxation of `teamModel`, by column generation (`nil`: it did not solve to
    /// optimality).
    ///
    /// The LP is solved over a few candidates (per demanded skill, the best by utility and by
    /// utility per cost, and each rule's `pricingSeeds`); the duals of the team rows every rule adds
    /// (demand, budget, vendor counts, growth, backups, team overlap, country rules, pins, …, matched
    /// by key; a row the restricted LP lacks has dual 0, which is always dual feasible) then price
    /// every other candidate's columns. Its own rows (capacity, links, share at dual 0; engagement at
    /// a dual chosen per candidate) must make every one of its columns' reduced costs ≤ 0: possible
    /// iff `max_s d_x ≤ 0` and `d_y + m_v·max_s d_x ≤ 0`. While a candidate fails that, the worst such
    /// join and the LP is solved again. When none does (and every column of a rule's own is in the
    /// restricted LP), the extended duals are feasible for the whole LP, so the restricted optimum is
    /// its optimum, and `d_y + m_v·max_s d_x` bounds what selecting the candidate can cost. Solving
    /// the whole LP at once took 0.97 s on the 100k hard case (5,338 candidates, BENCHMARKS.md); the
    /// restricted LPs hold a few hundred.
    ///
    /// `teamModel` supplies the columns and team rows of every candidate (it may have been built
    /// for another budget: only its coefficients are read); `requirements` and `objective` are those
    /// of the restricted LPs actually solved. Values are returned in maximising form.
    func relaxation(_ teamModel: TeamModel, restrictedTo requirements: TeamRequirements? = nil,
                    objective kind: TeamModel.Objective? = nil) throws(TeamOptimizationError) -> Relaxation? {
        let problem = teamModel.problem
        let r = requirements ?? problem.requirements
        let kind = kind ?? teamModel.objective
        let sign: Double = if case .maximizeUtility = kind { 1 } else { -1 }
        let n = problem.candidates.count
        var active = Set<Int>()
        let perSkill = options.relaxationStartPerSkill
        for s in r.skills.indices {
            let offering = problem.candidates.indices.filter { problem.candidates[$0].skills.contains(s) }
            let c = problem.candidates
            active.formUnion(TeamOptimizer.best(perSkill, of: offering) { c[$0].utility })
            active.formUnion(TeamOptimizer.best(perSkill, of: offering) { c[$0].utility / c[$0].costPerFTE })
        }
        for constraint in r.constraints.items { active.formUnion(constraint.pricingSeeds(in: problem)) }
        let minimum = TeamProblem(candidates: problem.candidates, requirements: r).minimumFTE
        // The whole model's objective per column, once.
        let full = teamModel.model
        var objective = [Double](repeating: 0, count: full.variables.count)
        for term in full.objective.canonical().terms { objective[term.variable.index] += term.coefficient }

        for _ in 0..<100 {
            let positions = active.sorted()
            let sub = TeamModel(TeamProblem(candidates: positions.map { problem.candidates[$0] }, requirements: r), objective: kind)
            let lp: Solution
            do throws(SolverError) { lp = try GLPKSolver().solve(sub.model.relaxed()) } catch { throw .solver(error) }
            guard lp.termination == .optimal, let zLP = lp.objectiveValue, let subCosts = lp.reducedCosts,
                  let duals = lp.constraintDuals else {
                if active.count == n { return nil }
                active = Set(problem.candidates.indices)   // infeasible over a subset: the whole LP decides
                continue
            }
            // Σ_i π_i a_ij over the shared rows, for every column of the whole model.
            var priced = [Double](repeating: 0, count: full.variables.count)
            var pairs: [(full: ConstraintReference, sub: ConstraintReference)] = []
            for (key, subRow) in sub.teamRows {
                // A team row the restricted LP has must exist in the pricing model, or it cannot price.
                guard let fullRow = teamModel.teamRows[key] else { return nil }
                pairs.append((fullRow, subRow))
            }
            pairs.sort { $0.sub.index < $1.sub.index }
            // A rule's own column the restricted LP lacks would need pricing of its own: not proven.
            guard teamModel.ruleColumns.keys.allSatisfy({ sub.ruleColumns[$0] != nil }) else { return nil }
            for (fullRow, subRow) in pairs {
                let pi = duals[subRow.index]
                guard pi != 0 else { continue }
                for term in full.constraints[fullRow.index].constraint.expression.terms { priced[term.variable.index] += pi * term.coefficient }
            }
            var relaxation = Relaxation(objective: sign * zLP, used: [Bool](repeating: false, count: n),
                                        selectPrice: [Double](repeating: 0, count: n), bestFTEPrice: [Double](repeating: 0, count: n),
                                        scale: teamModel.scale)
            var entering: [(price: Double, v: Int)] = []
            var subPosition = [Int: Int]()
            for (k, v) in positions.enumerated() { subPosition[v] = k }
            for v in 0..<n {
                if let k = subPosition[v] {
                    let y = sub.select[k].index
                    let xs = sub.assign[k].map(\.variable.index)
                    relaxation.used[v] = lp.values[y] > 1e-9 || xs.contains { lp.values[$0] > 1e-9 }
                    relaxation.selectPrice[v] = sign * subCosts[y]
                    relaxation.bestFTEPrice[v] = xs.map { sign * subCosts[$0] }.max() ?? 0
                } else {
                    let y = teamModel.select[v].index
                    let xs = teamModel.assign[v].map(\.variable.index)
                    let dy = sign * (objective[y] - priced[y])
                    let dx = xs.map { sign * (objective[$0] - priced[$0]) }.max() ?? -Double.infinity
                    relaxation.selectPrice[v] = dy
                    relaxation.bestFTEPrice[v] = dx
                    // Priced out when a dual of its engagement row makes every column's reduced cost
                    // ≤ 0: μ = max(0, d_y / m) works iff max d_x ≤ 0 and d_y + (m / scale)·max d_x ≤ 0
                    // (with m = 0, iff d_y ≤ 0 and max d_x ≤ 0).
                    let m = minimum[v] / teamModel.scale
                    let block = dy + m * dx
                    let price = m > 0 ? max(dx, block) : max(dx, dy)
                    if price > 1e-9 { entering.append((price, v)) }
                }
            }
            if entering.isEmpty {
                relaxation.pricedOut = n - positions.count
                return relaxation
            }
            entering.sort { ($0.price, -$0.v) > ($1.price, -$1.v) }
            active.formUnion(entering.prefix(max(100, perSkill * r.skills.count)).map(\.v))
        }
        return nil
    }
}
