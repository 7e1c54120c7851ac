/// A vendor that may join the team, with every coefficient the team model uses (docs/MODEL.md,
/// "Team optimisation"). Built from a scored pool; only eligible vendors become candidates.
public struct TeamCandidate: Sendable, Hashable {
    public var id: String
    /// Position of the vendor in its `VendorPool`.
    public var poolIndex: Int
    /// `u_v`, the vendor's utility in [0, 1].
    public var utility: Double
    /// `r̄_v`: the rate criteria and rules use (the demand-weighted mean of the per-skill rates), converted.
    public var hourlyRate: Double
    /// `c_v = r_v · H · M`: the cost of one FTE over the horizon at the vendor's `hourly_rate`.
    public var costPerFTE: Double
    /// `c_{v,s}` per entry of `skills`, when the vendor's `rates` make them differ from `costPerFTE`.
    public var skillCostPerFTE: [Double]?
    /// `f_v`: the one-off cost of engaging the vendor, counted in the budget when it is selected.
    public var onboardingCost: Double = 0
    /// ISO 3166-1 alpha-2 code (country rules group vendors by it).
    public var country: String = ""
    public var capacityFTE: Double
    public var maxFTE: Double
    /// `min_fte_v`: the least FTE the vendor accepts when selected (the scenario's
    /// `min_engagement_fte` is a rule of its own, `MinEngagement`: the model uses `max(min_fte_v, e)`).
    public var minimumFTE: Double
    public var overlapHours: Double
    /// Indices into `TeamRequirements.skills` of the required skills the vendor offers, ascending.
    public var skills: [Int]
    public init(id: String, poolIndex: Int, utility: Double, hourlyRate: Double, costPerFTE: Double,
                capacityFTE: Double, maxFTE: Double, minimumFTE: Double, overlapHours: Double, skills: [Int]) {
        self.id = id
        self.poolIndex = poolIndex
        self.utility = utility
        self.hourlyRate = hourlyRate
        self.costPerFTE = costPerFTE
        self.capacityFTE = capacityFTE
        self.maxFTE = maxFTE
        self.minimumFTE = minimumFTE
        self.overlapHours = overlapHours
        self.skills = skills
    }

    /// `c_{v,s}` of the `k`-th entry of `skills`.
    public func costPerFTE(at k: Int) -> Double { skillCostPerFTE?[k] ?? costPerFTE }

    /// Whether this vendor costs no more than `other` for every skill `other` offers (false when it
    /// does not offer them all): the per-skill cost part of dominance.
    func costsNoMore(than other: TeamCandidate) -> Bool {
        other.skills.indices.allSatisfy { k in
            skills.firstIndex(of: other.skills[k]).map { costPerFTE(at: $0) <= other.costPerFTE(at: k) } ?? false
        }
    }

    /// The vendor's cost for `fte` FTE per entry of `skills` (onboarding not included).
    func workCost(_ fte: [(skill: Int, fte: Double)]) -> Double {
        fte.reduce(0) { total, part in
            total + part.fte * (skills.firstIndex(of: part.skill).map { costPerFTE(at: $0) } ?? costPerFTE)
        }
    }
}

/// The rules a team must satisfy: the demanded skills, and every team rule as a `TeamConstraint`
/// value (docs/TEAM-MODEL.md, "Rules as values"). The budget, vendor counts, shares and the other
/// rules are read and set through properties each rule's own file declares (`budget`, `maxVendors`, …).
public struct TeamRequirements: Sendable, Hashable {
    public struct Skill: Sendable, Hashable {
        /// Display name (as written in the scenario); `total` when the demand is one total.
        public var name: String
        /// `d_s`, FTE.
        public var demand: Double
        /// `k_s`: how many selected vendors must offer this skill (0: no rule; the `Backups` rule reads it).
        public var backups: Int

        public init(name: String, demand: Double, backups: Int = 0) {
            self.name = name
            self.demand = demand
            self.backups = backups
        }
    }

    public var skills: [Skill]
    /// The scenario's currency, for messages about amounts (empty: none named).
    public var currency = ""
    /// Every team rule, in registration order.
    public var constraints = TeamConstraints()
    /// `[priorities]`: soft rule key → 1, 2 or 3 (docs/MODEL.md, "Soft rules with priorities").
    /// Soft rules act as hard ones until `elastic` is set by the relaxed solve.
    public var priorities: [String: Int] = [:]
    /// Whether the model is the elastic programme: each soft key's rows get a violation column.
    var elastic = false

    /// Requirements with the rules the model always has (demand met, capacity links, backups,
    /// engagement) and the ones given.
    public init(skills: [Skill], budget: Double?, maxShare: Double = 1, minVendors: Int = 1, maxVendors: Int? = nil,
                growth: Double = 1, teamOverlapHours: Double? = nil, fteStep: Double? = nil) {
        self.skills = skills
        constraints.set(Demand())
        constraints.set(VendorCapacity())
        constraints.set(Backups())
        constraints.set(MinEngagement(fte: 0))
        self.budget = budget
        self.maxShare = maxShare
        self.minVendors = minVendors
        self.maxVendors = maxVendors
        self.growth = growth
        self.teamOverlapHours = teamOverlapHours
        self.fteStep = fteStep
    }

    /// `D = Σ d_s`.
    public var totalDemand: Double { skills.reduce(0) { $0 + $1.demand } }
}

/// Candidates and requirements: everything the team optimiser needs, free of scoring details.
public struct TeamProblem: Sendable {
    public var candidates: [TeamCandidate]
    public var requirements: TeamRequirements

    public init(candidates: [TeamCandidate], requirements: TeamRequirements) {
        self.candidates = candidates
        self.requirements = requirements
    }

    /// The same problem without the candidates at `excluded` (positions in `candidates`).
    public func removing(_ excluded: Set<Int>) -> TeamProblem {
        var copy = self
        copy.candidates = candidates.enumerated().filter { !excluded.contains($0.offset) }.map(\.element)
        return copy
    }

    /// The problem once `member` has left: it is no longer a candidate, and rules that named it
    /// let go of it (its pin is lifted: docs/MODEL.md, "Exit analysis").
    public func afterExit(of member: TeamMember) -> TeamProblem {
        var copy = removing(Set(candidates.indices.filter { candidates[$0].poolIndex == member.poolIndex }))
        copy.requirements.constraints = requirements.constraints.compactMap { $0.afterExit(of: member.id) }
        return copy
    }
}
