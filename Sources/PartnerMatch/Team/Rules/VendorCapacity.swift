import LinearModel

/// `capacity_fte` of each vendor, linking its FTE to its selection: `X_v ≤ u_v · y_v` with `u_v` its ceiling
/// under every rule (capacity, share, country share; `ColumnBounds.ceiling`), and per skill `x_{v,s} ≤ min(u_v, d_s) · y_v` (the tight link; the bound is
/// the column's own upper bound) (docs/MODEL.md, "Team optimisation").
struct VendorCapacity: TeamConstraint {
    static let rule = TeamRule(key: "capacity_fte")

    var summary: String? { nil }

    func addCandidateRows(_ v: Int, to builder: inout TeamModelBuilder) -> [ConstraintReference] {
        let candidate = builder.problem.candidates[v]
        let y = builder.select[v]
        // At the candidate's ceiling under every rule (`ColumnBounds.ceiling`), not only its capacity.
        var rows = [builder.model.addConstraint(builder.fte(v) - builder.bounds.ceiling[v] * y <= 0,
                                                name: builder.names.unique("capacity_\(NameTable.sanitize(candidate.id))"))]
        for x in builder.assign[v] {
            let column = builder.model.variables[x.variable.index]
            rows.append(builder.model.addConstraint(x.variable - column.upperBound * y <= 0, name: builder.names.unique("link_\(column.name)")))
        }
        return rows
    }

    func rows(at team: TeamView) -> [RuleRow] {
        let skills = team.problem.requirements.skills
        var rows: [RuleRow] = []
        for member in team.members {
            guard let c = team.candidate(member) else { continue }
            var total = 0.0
            for part in team.parts(member) {
                let link = min(c.capacityFTE, skills[part.skill].demand, team.bounds.perVendor)
                rows.append(RuleRow(activity: part.fte, sense: .atMost, bound: link, scale: part.fte,
                                    violation: "\(member.id) exceeds its \(skills[part.skill].name) link bound", tight: false))
                total += part.fte
            }
            rows.append(RuleRow(activity: total, sense: .atMost, bound: c.capacityFTE, scale: total,
                                violation: "\(member.id) exceeds its capacity",
                                binding: BindingRule(code: "capacity", message: "\(member.id) supplies all its capacity (\(Format.number(c.capacityFTE)) FTE)"),
                                tight: member.fte >= c.capacityFTE - 1e-6))
        }
        return rows
    }

    func ladders(in problem: TeamProblem) -> [RuleLadder] { [] }

    func dominance(in problem: TeamProblem) -> DominanceRequirement { DominanceRequirement() }

    /// A vendor's capacity is a fact of the vendor, not a rule to price.
    func removals(in problem: TeamProblem) -> [RuleRemoval] { [] }

    func afterExit(of id: String) -> VendorCapacity? { self }
}
