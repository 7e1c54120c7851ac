/// Which rules hold with equality at a team: where more room would change the answer. Each rule
/// says which of its rows are tight (`TeamConstraint.rows(at:)`), in registration order.
enum BindingRules {
    static func find(members: [TeamMember], problem: TeamProblem) -> [BindingRule] {
        let view = TeamView(problem: problem, members: members)
        return problem.requirements.constraints.items.flatMap { constraint in
            constraint.rows(at: view).filter(\.isTight).compactMap(\.binding)
        }
    }
}
