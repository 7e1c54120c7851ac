import LinearModel

/// How a team solve ended (docs/MODEL.md, "Machine-readable outputs": the `status` values).
public enum TeamStatus: String, Sendable, Hashable {
    /// Proven optimal.
    case optimal
    /// A team within the requested MIP gap, not proven optimal.
    case feasible
    /// No team satisfies the scenario (see `TeamSolution.relaxations`).
    case infeasible
    /// The time limit ended the search; the best team found is reported with its gap.
    case timeLimit = "time_limit"
    /// The time limit ended the search before any team was found.
    case timeLimitNoSolution = "time_limit_no_solution"
    /// No team meets every rule; soft rules were relaxed by priority (`TeamSolution.relaxedRules`)
    /// and the team is optimal under the relaxed values.
    case relaxed

    public var hasTeam: Bool { self == .optimal || self == .feasible || self == .timeLimit || self == .relaxed }
}

/// One selected vendor and what it is bought for.
public struct TeamMember: Sendable, Hashable {
    public var id: String
    public var poolIndex: Int
    /// `X_v`, total FTE.
    public var fte: Double
    /// FTE per required skill (skill display names), in the scenario's skill order; zero entries left out.
    public var skills: [SkillFTE]
    /// What the vendor costs over the horizon: `Σ_s c_{v,s} x_{v,s}` plus its onboarding cost.
    public var cost: Double
    /// `f_v`, the part of `cost` that is onboarding (0 when none applies).
    public var onboardingCost: Double = 0
    public var utility: Double
    public var hourlyRate: Double
    public var overlapHours: Double

    public struct SkillFTE: Sendable, Hashable {
        public var skill: String
        public var fte: Double
    }
}

/// A rule that holds with equality at the solution: where more room would change the team.
public struct BindingRule: Sendable, Hashable {
    /// `budget`, `max_vendors`, `min_vendors`, `max_share`, `growth`, `backups`, `team_overlap`, `capacity`,
    /// `min_mean_utility`, and the codes of rules written as values (`include_vendors`, `country_share`,
    /// `min_countries`).
    public var code: String
    public var message: String
}

/// The result of a team optimisation.
public struct TeamSolution: Sendable {
    public var status: TeamStatus
    /// `Σ u_v X_v` (when there is a team).
    public var objective: Double?
    /// `objective / D`: the team's mean utility per FTE.
    public var meanUtility: Double?
    /// `C`, onboarding included.
    public var totalCost: Double?
    /// The onboarding part of `totalCost`.
    public var totalOnboardingCost: Double?
    /// Relative MIP gap (0 when optimal).
    public var gap: Double?
    public var bestBound: Double?
    public var members: [TeamMember]
    public var binding: [BindingRule]
    /// d(objective)/d(budget) in the LP with the selected vendors fixed: the utility·FTE one more
    /// unit of currency would buy (`nil` without a team or without a budget).
    public var marginalUtilityPerCurrency: Double?
    public var solveSeconds: Double
    /// Size of the MILP: candidates, rows, columns.
    public var candidates: Int
    public var rows: Int
    public var columns: Int
    /// What happened to the greedy starting team.
    public var warmStart: SeedOutcome
    /// When infeasible: the smallest relaxations that make the scenario feasible.
    public var relaxations: [Relaxation]
    /// When infeasible: the explanation proved that no change of the budget or team rules, even
    /// all at once, makes the scenario feasible (the eligible vendors are the problem).
    public var relaxationsExhausted: Bool = false
    /// When relaxed: each soft rule met only with a looser value, in priority order of the solve.
    public var relaxedRules: [RelaxedRule] = []
    /// When relaxed: the requirements with the relaxed values written in (all rules hard), that the
    /// team is optimal under (alternatives search them).
    var relaxedRequirements: TeamRequirements?
    /// GLPK's own status, for diagnosis.
    public var raw: RawSolverStatus
    /// Candidates before and after dominance pruning.
    public var pruning: PruningReport?
    /// How much of the demand the team can still supply when one vendor, or one country's vendors,
    /// leave (docs/MODEL.md, "Teams that survive an exit"); `nil` without a team.
    public var survives: Resilience?

    /// Positions, in the solved model's candidates, of the selected vendors (after settling).
    var selection: Set<Int> = []
    /// Positions of the selection the MILP itself returned for this team: `selection` plus the
    /// vendors it selected but that settling dropped as idle (`TeamOptimizer.withoutIdleVendors`).
    var solverSelection: Set<Int> = []

    /// The selected vendors' ids, sorted (the team's identity for alternatives and sweeps).
    public var vendorSet: [String] { members.map(\.id).sorted() }

    /// The ids of the members given work, sorted: what a buyer calls the team.
    public var workingSet: [String] { members.filter { $0.fte > 0 }.map(\.id).sorted() }
}

/// What dominance pruning did before a solve.
public struct PruningReport: Sendable, Hashable {
    /// Eligible candidates before pruning.
    public var before: Int
    /// Candidates in the MILP.
    public var after: Int
    /// Vendors dominated by at least this many others were removed (`nil`: pruning off or not applicable).
    public var threshold: Int?
}
