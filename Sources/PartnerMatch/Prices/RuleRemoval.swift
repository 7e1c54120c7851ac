/// One way rule pricing removes a rule (docs/MODEL.md, "What each rule costs"): the rule, or one
/// entry of a list rule (a certification, a pin, a country's share), set to its loosest value.
///
/// Every `TeamConstraint` states its own removals (`TeamConstraint.removals(in:)`), and the
/// eligibility rules theirs (`Scenario.Rules.eligibilityRemovals`), so a new rule is priced by
/// construction. A removal edits the team problem when the scores do not depend on the rule (the
/// scored pool is reused: exactly the problem a fresh run of the changed file builds); a removal
/// that changes eligibility or a criterion (`growth` moves scalability) edits the scenario, and
/// pricing scores the pool afresh.
struct RuleRemoval: Sendable {
    /// The scenario key, e.g. `rules.max_share`, `rules.country_share.IN`, `rules.required_certifications`.
    var constraint: String
    /// The entry of a list rule the removal lifts (`ISO27001`, `V019`, `IN`); `nil` for a whole rule.
    var entry: String? = nil
    /// The rule's value as written, as a user would type it.
    var written: String
    /// The loosest value, as a user would type it (`none` for a rule removed).
    var without: String
    /// How the removal changes the scenario or the team problem.
    var edit: Edit

    enum Edit: Sendable {
        /// The scores stay: the team problem with the rule loosened.
        case problem(@Sendable (inout TeamProblem) -> Void)
        /// The scores may move: the scenario with the rule loosened, scored afresh; `rows` is the
        /// same change on a team problem's rows alone (for a problem priced without its pool), when
        /// the rule has rows.
        case scenario(@Sendable (inout Scenario) -> Void, rows: (@Sendable (inout TeamProblem) -> Void)? = nil)
    }
}
