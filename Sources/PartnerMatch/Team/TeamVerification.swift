/// Checks a reported team against every rule of the team model, on the numbers as reported
/// (docs/TEAM-MODEL.md, "Every reported team is verified").
///
/// The solver accepts a point within its tolerances: a binary at 1e-5 counts as 0 for GLPK, yet
/// it lets the vendor carry 1e-5 of its capacity. A team is therefore only reported after its
/// allocation was re-solved with the selection fixed and then checked here, row by row: each rule's
/// rows at the team (`TeamConstraint.rows(at:)`), and that each member is a candidate whose cost and
/// FTE add up. One checker, `RuleRow.holds`: the tolerance is relative to each row's size
/// (`max(1, |rhs|, Σ|terms|)`): `relativeTolerance`, far below any amount the outputs print, far
/// above the rounding of a sum of doubles.
extension TeamProblem {
    /// Row-level slack allowed when checking a reported team.
    static let relativeTolerance = 1e-9

    /// The rules `members` break, in words (empty: the team satisfies every row).
    func violations(of members: [TeamMember]) -> [String] {
        let view = TeamView(problem: self, members: members)
        var problems: [String] = []
        for member in members {
            guard let c = view.candidate(member) else { problems.append("\(member.id) is not a candidate"); continue }
            let parts = view.parts(member)
            let total = member.skills.reduce(0) { $0 + $1.fte }
            let cost = c.workCost(parts) + c.onboardingCost
            let own = [
                RuleRow(activity: member.cost, sense: .equal, bound: cost, scale: member.cost, violation: "\(member.id)'s cost does not add up"),
                RuleRow(activity: total, sense: .equal, bound: member.fte, scale: total, violation: "\(member.id)'s FTE do not add up"),
            ]
            problems += own.filter { !$0.holds }.map(\.violation)
        }
        for constraint in requirements.constraints.items {
            problems += constraint.rows(at: view).filter { !$0.holds }.map(\.violation)
        }
        return problems
    }
}
