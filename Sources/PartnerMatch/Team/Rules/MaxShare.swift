import LinearModel

/// `rules.max_share` (`α`, in (0, 1], default 1): no vendor takes more than `α·D` FTE,
/// `X_v ≤ α·D` (docs/MODEL.md, "Team optimisation"): an exit strategy. It also tightens every
/// per-skill link bound to `α·D`.
struct MaxShare: ScenarioRule {
    /// `α`.
    var share: Double

    static let rule = TeamRule(key: "rules.max_share")
    static let keys = ["max_share"]
    static let scenarioDefault: MaxShare? = MaxShare(share: 1)

    static func read(_ rules: [String: ScenarioValue], _ decoder: inout ScenarioDecoder) -> MaxShare? {
        decoder.number(rules["max_share"], ["rules", "max_share"], "in (0, 1]", { $0 > 0 && $0 <= 1 }).map { MaxShare(share: $0) } ?? scenarioDefault
    }

    var entries: [(key: String, value: JSONValue)] { [("max_share", .number(share))] }

    var summary: String? { share < 1 ? "no vendor above \(Format.number(share * 100))% of the work" : nil }

    func poolIssues(_ pool: VendorPool) -> [PoolIssue] { [] }

    func resolved(in scored: ScoredPool) -> MaxShare { self }

    func bound(_ bounds: inout ColumnBounds, in problem: TeamProblem) {
        // Soft, the share moves: its bound is its elastic row alone.
        guard !problem.requirements.isElastic(MaxShare.rule.rawValue) else { return }
        bounds.perVendor = min(bounds.perVendor, share * problem.requirements.totalDemand)
    }

    func addCandidateRows(_ v: Int, to builder: inout TeamModelBuilder) -> [ConstraintReference] {
        let limit = share * builder.problem.requirements.totalDemand
        let candidate = builder.problem.candidates[v]
        // Redundant rows are left out.
        // (Not in the elastic programme: a share of a relaxed demand may bind where `α·D` did not.)
        guard limit < candidate.capacityFTE - 1e-12 || builder.problem.requirements.elastic else { return [] }
        let over = builder.slack(MaxShare.rule.rawValue, perUnit: builder.problem.requirements.totalDemand / 100, upTo: (1 - share) * 100)
        // In the elastic programme the share is of the FTE supplied (`demanded`).
        let row = builder.problem.requirements.elastic ? builder.fte(v) - share * builder.demanded - over <= 0 : builder.fte(v) <= limit
        return [builder.model.addConstraint(row, name: builder.names.unique("share_\(NameTable.sanitize(candidate.id))"))]
    }

    func rows(at team: TeamView) -> [RuleRow] {
        let limit = share * team.problem.requirements.totalDemand
        return team.members.map { member in
            RuleRow(activity: member.fte, sense: .atMost, bound: limit, scale: member.fte,
                    violation: "\(member.id) exceeds the max share",
                    binding: BindingRule(code: "max_share", message: "\(member.id) takes the largest share allowed (\(Format.number(share * 100))% of the demand, \(Format.number(limit)) FTE)"),
                    tight: share < 1 && member.fte >= limit - 1e-6)
        }
    }

    func ladders(in problem: TeamProblem) -> [RuleLadder] {
        guard share < 1 else { return [] }
        let current = share
        let first = Int((current * 100 + 1e-7).rounded(.down))
        return [RuleLadder(rule: rule, count: 100 - first, apply: { k, p in
            p.requirements.maxShare = k == RuleLadder.unlimited ? 1 : Double(first + k) / 100
        }, describe: { k in
            let new = Double(first + k) / 100
            return Relaxation(rule: MaxShare.rule, constraint: "rules.max_share", current: current, needed: new,
                              size: abs(new - current) / current,
                              message: "let one vendor take up to \(Format.number(new * 100))% of the demand (now \(Format.number(current * 100))%)")
        })]
    }

    func dominance(in problem: TeamProblem) -> DominanceRequirement { DominanceRequirement() }

    /// Loosest: 1 (one vendor may take the whole demand).
    func removals(in problem: TeamProblem) -> [RuleRemoval] {
        guard share < 1 else { return [] }
        return [RuleRemoval(constraint: "rules.max_share", written: Format.number(share, decimals: 4), without: "1",
                            edit: .problem { $0.requirements.maxShare = 1 })]
    }

    /// Soft: the violation is in percentage points of the demand; as met, the largest member's
    /// share of the team's FTE, rounded up to a hundredth of a point.
    func relaxed(_ key: String, at team: TeamView) -> SoftRelaxation? {
        guard key == MaxShare.rule.rawValue else { return nil }
        let total = team.members.reduce(0) { $0 + $1.fte }
        let largest = team.members.map(\.fte).max() ?? 0
        let met = min(1, SoftGrid.up(largest / max(total, 1e-12), per: 10_000))
        guard met > share + 1e-9 else { return nil }
        return SoftRelaxation(written: Format.number(share * 100) + "%", met: Format.number(met * 100) + "%", unit: "percentage points",
                              apply: { $0.requirements.maxShare = met })
    }

    func afterExit(of id: String) -> MaxShare? { self }
}

extension TeamRule {
    public static let maxShare = MaxShare.rule
}

extension TeamRequirements {
    /// `α`, the largest share of the demand one vendor may take (≤ 1).
    public var maxShare: Double {
        get { constraints.first(MaxShare.self)?.share ?? 1 }
        set { constraints.set(MaxShare(share: newValue)) }
    }
}

extension Scenario.Rules {
    /// `max_share` (`α`) in (0, 1]; default 1.
    public var maxShare: Double {
        get { constraints.first(MaxShare.self)?.share ?? 1 }
        set { constraints.set(MaxShare(share: newValue)) }
    }
}
