/// The most FTE one vendor may take under a rule: a bound the team model puts on each vendor's
/// capacity row (`X_v ≤ u_v · y_v`), so that the LP relaxation knows it (docs/TEAM-MODEL.md, "Why
/// branch-and-bound could not close country shares").
///
/// Most rules bound no single vendor, hence the default `nil` here rather than a requirement every
/// rule must write; a rule that caps a group of vendors (a country's share) caps each of them too.
extension TeamConstraint {
    /// The most FTE `candidate` may take in any team under this rule (`nil`: the rule sets none).
    func vendorCeiling(_ candidate: TeamCandidate, in problem: TeamProblem) -> Double? { nil }
}
