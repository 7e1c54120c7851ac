/// Which rules hold with equality at a team: where more room would change the answer.
enum BindingRules {
    static func find(members: [TeamMember], problem: TeamProblem) -> [BindingRule] {
        let r = problem.requirements
        let D = r.totalDemand
        let tolerance = 1e-6
        var rules: [BindingRule] = []
        let cost = members.reduce(0) { $0 + $1.cost }
        if let budget = r.budget, cost >= budget * (1 - tolerance) {
            rules.append(BindingRule(code: "budget", message: "the budget is spent: \(Format.money(cost)) of \(Format.money(budget))"))
        }
        if let maxVendors = r.maxVendors, members.count == maxVendors {
            rules.append(BindingRule(code: "max_vendors", message: "the team has the most vendors allowed (\(maxVendors))"))
        }
        if r.minVendors > 1, members.count == r.minVendors {
            rules.append(BindingRule(code: "min_vendors", message: "the team has the fewest vendors allowed (\(r.minVendors))"))
        }
        let shareLimit = r.maxShare * D
        for member in members where r.maxShare < 1 && member.fte >= shareLimit - tolerance {
            rules.append(BindingRule(code: "max_share", message: "\(member.id) takes the largest share allowed (\(Format.number(r.maxShare * 100))% of the demand, \(Format.number(shareLimit)) FTE)"))
        }
        let byID = Dictionary(problem.candidates.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for member in members {
            if let candidate = byID[member.id], member.fte >= candidate.capacityFTE - tolerance {
                rules.append(BindingRule(code: "capacity", message: "\(member.id) supplies all its capacity (\(Format.number(candidate.capacityFTE)) FTE)"))
            }
        }
        let growth = members.reduce(0) { $0 + (byID[$1.id]?.maxFTE ?? 0) }
        if r.growth > 0, growth <= r.growth * D + tolerance {
            rules.append(BindingRule(code: "growth", message: "the team can grow to exactly \(Format.number(r.growth)) × the demand (\(Format.number(growth)) FTE)"))
        }
        for (s, skill) in r.skills.enumerated() where skill.backups > 0 {
            let offering = members.filter { byID[$0.id]?.skills.contains(s) ?? false }.count
            if offering == skill.backups {
                rules.append(BindingRule(code: "backups", message: "exactly \(skill.backups) selected vendors offer \(skill.name)"))
            }
        }
        if let h = r.teamOverlapHours, h > 0 {
            let fte = members.reduce(0) { $0 + $1.fte }
            let mean = members.reduce(0) { $0 + $1.overlapHours * $1.fte } / max(fte, 1e-12)
            if mean <= h + tolerance {
                rules.append(BindingRule(code: "team_overlap", message: "the team's mean overlap is at the minimum (\(Format.number(h)) h)"))
            }
        }
        if let mu = r.minMeanUtility {
            let utility = members.reduce(0) { $0 + $1.utility * $1.fte }
            if utility <= mu * D + tolerance * max(1, mu * D) {
                rules.append(BindingRule(code: "min_mean_utility", message: "the team's mean utility is at the minimum (\(Format.number(mu)))"))
            }
        }
        // Rules written as values: their rows at the team, where tight.
        if !r.constraints.isEmpty {
            let view = TeamView(problem: problem, members: members)
            for constraint in r.constraints.items {
                rules += constraint.rows(at: view).filter(\.isTight).map(\.binding)
            }
        }
        return rules
    }
}
