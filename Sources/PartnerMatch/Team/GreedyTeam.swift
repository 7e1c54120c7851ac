/// A quick feasible team, if simple rules find one: offered to GLPK as its first incumbent.
///
/// It fills each skill's demand from the candidates in a few orders (best utility, lowest cost,
/// best utility per cost), capping each vendor's share so backup rules can hold, and keeps the
/// best assignment that satisfies every row of the model. It never claims feasibility itself:
/// the model checks the point.
struct GreedyTeam {
    let teamModel: TeamModel

    init(_ teamModel: TeamModel) { self.teamModel = teamModel }

    /// Values for every model variable, or `nil` when no variant gives a feasible team.
    func values() -> [Double]? {
        let problem = teamModel.problem
        let candidates = problem.candidates
        guard !candidates.isEmpty else { return nil }
        let orders: [[Int]] = [
            candidates.indices.sorted { (candidates[$0].utility, -candidates[$0].costPerFTE) > (candidates[$1].utility, -candidates[$1].costPerFTE) },
            candidates.indices.sorted { (candidates[$0].costPerFTE, -candidates[$0].utility) < (candidates[$1].costPerFTE, -candidates[$1].utility) },
            candidates.indices.sorted { candidates[$0].utility / candidates[$0].costPerFTE > candidates[$1].utility / candidates[$1].costPerFTE },
        ]
        var best: (value: Double, values: [Double])?
        for order in orders {
            for spread in [false, true] {
                guard let values = fill(order: order, spread: spread),
                      teamModel.model.violation(of: values, tolerance: 1e-7) == nil else { continue }
                let value = teamModel.model.objective.value(at: values)
                if best == nil || value > best!.value { best = (value, values) }
            }
        }
        return best?.values
    }

    private func fill(order: [Int], spread: Bool) -> [Double]? {
        let problem = teamModel.problem
        let r = problem.requirements
        let D = r.totalDemand
        let step = r.fteStep
        var used = [Double](repeating: 0, count: problem.candidates.count)
        var values = [Double](repeating: 0, count: teamModel.model.variables.count)
        let skillOrder = r.skills.indices.sorted { a, b in
            let offerA = problem.candidates.filter { $0.skills.contains(a) }.count
            let offerB = problem.candidates.filter { $0.skills.contains(b) }.count
            return (offerA, a) < (offerB, b)
        }
        for s in skillOrder {
            var remaining = r.skills[s].demand
            let perVendor = spread && r.skills[s].backups > 1 ? r.skills[s].demand / Double(r.skills[s].backups) : .infinity
            for v in order where remaining > 1e-9 {
                guard let slot = teamModel.assign[v].first(where: { $0.skill == s }) else { continue }
                let candidate = problem.candidates[v]
                var room = min(candidate.capacityFTE - used[v], r.maxShare * D - used[v], remaining, perVendor,
                               teamModel.model.variables[slot.variable.index].upperBound * teamModel.scale)
                if let step { room = (room / step + 1e-9).rounded(.down) * step }
                guard room > 1e-9 else { continue }
                used[v] += room
                remaining -= room
                values[slot.variable.index] += room / teamModel.scale
            }
            if remaining > 1e-9 { return nil }
        }
        for (v, y) in teamModel.select.enumerated() where used[v] > 1e-9 { values[y.index] = 1 }
        return values
    }
}
