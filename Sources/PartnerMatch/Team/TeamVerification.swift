/// Checks a reported team against every rule of the team model, on the numbers as reported
/// (docs/TEAM-MODEL.md, "Every reported team is verified").
///
/// The solver accepts a point within its tolerances: a binary at 1e-5 counts as 0 for GLPK, yet
/// it lets the vendor carry 1e-5 of its capacity. A team is therefore only reported after its
/// allocation was re-solved with the selection fixed and then checked here, row by row. The
/// tolerance is relative to each row's size (`max(1, |rhs|, Σ|terms|)`): `relativeTolerance`, far
/// below any amount the outputs print, far above the rounding of a sum of doubles.
extension TeamProblem {
    /// Row-level slack allowed when checking a reported team.
    static let relativeTolerance = 1e-9

    /// The rules `members` break, in words (empty: the team satisfies every row).
    func violations(of members: [TeamMember]) -> [String] {
        let r = requirements
        let D = r.totalDemand
        let tol = TeamProblem.relativeTolerance
        func within(_ lhs: Double, _ op: String, _ rhs: Double, scale: Double) -> Bool {
            let slack = tol * max(1, abs(rhs), scale)
            switch op {
            case "<=": return lhs <= rhs + slack
            case ">=": return lhs >= rhs - slack
            default: return abs(lhs - rhs) <= slack
            }
        }
        let byPool = Dictionary(candidates.map { ($0.poolIndex, $0) }, uniquingKeysWith: { a, _ in a })
        var problems: [String] = []
        var perSkill = [Double](repeating: 0, count: r.skills.count)
        var perSkillScale = perSkill
        var cost = 0.0, costScale = 0.0, overlap = 0.0, overlapScale = 0.0, utility = 0.0
        for member in members {
            guard let c = byPool[member.poolIndex] else { problems.append("\(member.id) is not a candidate"); continue }
            var total = 0.0, work = 0.0
            for part in member.skills {
                guard let s = r.skills.firstIndex(where: { $0.name == part.skill }), c.skills.contains(s) else {
                    problems.append("\(member.id) is given \(part.skill), which it does not offer"); continue
                }
                if part.fte < 0 { problems.append("\(member.id) has negative FTE of \(part.skill)") }
                let link = min(c.capacityFTE, r.skills[s].demand, r.maxShare * D)
                if !within(part.fte, "<=", link, scale: part.fte) { problems.append("\(member.id) exceeds its \(part.skill) link bound") }
                if let q = r.fteStep {
                    let units = part.fte / q
                    if abs(units - units.rounded()) > tol * max(1, abs(units)) { problems.append("\(member.id)'s \(part.skill) FTE is not a multiple of \(q)") }
                }
                perSkill[s] += part.fte
                perSkillScale[s] += abs(part.fte)
                total += part.fte
                let partCost = c.costPerFTE(at: c.skills.firstIndex(of: s)!) * part.fte
                work += partCost
                cost += partCost
                costScale += abs(partCost)
                utility += c.utility * part.fte
                overlap += (c.overlapHours - (r.teamOverlapHours ?? 0)) * part.fte
                overlapScale += abs(c.overlapHours * part.fte)
            }
            cost += c.onboardingCost
            costScale += c.onboardingCost
            if !within(member.cost, "==", work + c.onboardingCost, scale: member.cost) {
                problems.append("\(member.id)'s cost does not add up")
            }
            if !within(total, "==", member.fte, scale: total) { problems.append("\(member.id)'s FTE do not add up") }
            if !within(total, "<=", c.capacityFTE, scale: total) { problems.append("\(member.id) exceeds its capacity") }
            if !within(total, ">=", c.minimumFTE, scale: total) { problems.append("\(member.id) is below its minimum engagement") }
            if !within(total, "<=", r.maxShare * D, scale: total) { problems.append("\(member.id) exceeds the max share") }
        }
        for (s, skill) in r.skills.enumerated() where !within(perSkill[s], "==", skill.demand, scale: perSkillScale[s]) {
            problems.append("the \(skill.name) demand is not met exactly (\(perSkill[s]) of \(skill.demand))")
        }
        // Money to the half cent, no relative tolerance (`Money`).
        if let budget = r.budget, !Money.fits(cost, within: budget) {
            problems.append("the cost \(cost) exceeds the budget \(budget)")
        }
        if members.count < r.minVendors { problems.append("fewer vendors than min_vendors") }
        if let maxVendors = r.maxVendors, members.count > maxVendors { problems.append("more vendors than max_vendors") }
        if r.growth > 0 {
            let room = members.reduce(0.0) { $0 + (byPool[$1.poolIndex]?.maxFTE ?? 0) }
            if !within(room, ">=", r.growth * D, scale: room) { problems.append("the team cannot grow to g·D") }
        }
        for (s, skill) in r.skills.enumerated() where skill.backups > 0 {
            let offering = members.filter { byPool[$0.poolIndex]?.skills.contains(s) ?? false }.count
            if offering < skill.backups { problems.append("fewer than \(skill.backups) selected vendors offer \(skill.name)") }
        }
        if let h = r.teamOverlapHours, h > 0, !within(overlap, ">=", 0, scale: overlapScale + h * D) {
            problems.append("the team's mean overlap is below \(h) h")
        }
        if let mu = r.minMeanUtility, !within(utility, ">=", mu * D, scale: utility) {
            problems.append("the team's mean utility is below min_mean_utility \(mu)")
        }
        if !r.constraints.isEmpty {
            let view = TeamView(problem: self, members: members)
            for constraint in r.constraints.items {
                problems += constraint.rows(at: view).filter { !$0.holds }.map(\.violation)
            }
        }
        return problems
    }
}
