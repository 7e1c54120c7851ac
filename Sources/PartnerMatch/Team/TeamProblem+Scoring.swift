extension TeamProblem {
    /// The team problem of a scored pool: its eligible vendors as candidates, the scenario's
    /// demand and rules as requirements (docs/MODEL.md, "Team optimisation").
    ///
    /// `budget` replaces the scenario's budget (what-if sweeps); `.some(nil)` drops the budget rule.
    public init(scored: ScoredPool, budget: Double?? = .none) {
        let resolved = scored.resolved
        let rules = resolved.rules
        let pool = scored.pool
        let skills: [TeamRequirements.Skill] = resolved.isPerSkill
            ? resolved.skills.map { .init(name: $0.display, demand: $0.fte, backups: resolved.backups[$0.key] ?? 0) }
            : [.init(name: "total", demand: resolved.totalDemand)]
        var candidates: [TeamCandidate] = []
        candidates.reserveCapacity(scored.eligible.count)
        for (k, index32) in scored.eligible.enumerated() {
            let i = Int(index32)
            let offered: [Int] = resolved.isPerSkill
                ? resolved.skills.indices.filter { s in resolved.skills[s].poolSkill.map { pool.offers(i, skill: $0) } ?? false }
                : [0]
            guard !offered.isEmpty else { continue }
            var candidate = TeamCandidate(
                id: pool.ids[i], poolIndex: i, utility: scored.utility[k], hourlyRate: pool.hourlyRate[i],
                costPerFTE: resolved.costPerFTE(hourlyRate: pool.hourlyRate[i]),
                capacityFTE: pool.capacityFTE[i], maxFTE: pool.maxFTE[i],
                minimumFTE: max(pool.minFTE[i], rules.minEngagementFTE),
                overlapHours: scored.overlapHours[i], skills: offered)
            candidate.vendorMinimumFTE = pool.minFTE[i]
            candidates.append(candidate)
        }
        let requirements = TeamRequirements(
            skills: skills, budget: budget ?? resolved.budget, maxShare: rules.maxShare,
            minVendors: rules.minVendors, maxVendors: rules.maxVendors, growth: rules.growth,
            teamOverlapHours: rules.teamOverlapHours > 0 ? rules.teamOverlapHours : nil, fteStep: rules.fteStep)
        var withEngagement = requirements
        withEngagement.minEngagementFTE = rules.minEngagementFTE
        self.init(candidates: candidates, requirements: withEngagement)
    }
}
