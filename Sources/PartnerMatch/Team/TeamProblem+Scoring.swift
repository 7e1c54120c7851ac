extension TeamProblem {
    /// The team problem of a scored pool: its eligible vendors as candidates, the scenario's
    /// demand and rules as requirements (docs/MODEL.md, "Team optimisation").
    ///
    /// `budget` replaces the scenario's budget (what-if sweeps); `.some(nil)` drops the budget rule.
    public init(scored: ScoredPool, budget: Double?? = .none) {
        let resolved = scored.resolved
        let rules = resolved.rules
        let pool = scored.pool
        let scenario = scored.scenario
        let hasRates = !pool.skillRates.isEmpty
        let countryCodes = pool.countries.display.map { $0.uppercased() }
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
                id: pool.ids[i], poolIndex: i, utility: scored.utility[k],
                hourlyRate: scored.meanRate[i],
                costPerFTE: resolved.costPerFTE(hourlyRate: pool.hourlyRate[i]),
                capacityFTE: pool.capacityFTE[i], maxFTE: pool.maxFTE[i],
                minimumFTE: max(pool.minFTE[i], rules.minEngagementFTE),
                overlapHours: scored.overlapHours[i], skills: offered)
            candidate.vendorMinimumFTE = pool.minFTE[i]
            // c_{v,s} from the vendor's `rates`, where they differ from its hourly rate.
            if hasRates, resolved.isPerSkill, pool.skillRates[i] != nil {
                let costs = offered.map { s in resolved.costPerFTE(hourlyRate: pool.rate(of: i, skill: resolved.skills[s].poolSkill!)) }
                if costs.contains(where: { $0 != candidate.costPerFTE }) { candidate.skillCostPerFTE = costs }
            }
            candidate.onboardingCost = pool.onboarding(of: i) ?? scenario.onboardingPerVendor
            candidate.country = countryCodes[Int(pool.countryIndex[i])]
            candidates.append(candidate)
        }
        let requirements = TeamRequirements(
            skills: skills, budget: budget ?? (scenario.hasBudget ? resolved.budget : nil), maxShare: rules.maxShare,
            minVendors: rules.minVendors, maxVendors: rules.maxVendors, growth: rules.growth,
            teamOverlapHours: rules.teamOverlapHours > 0 ? rules.teamOverlapHours : nil, fteStep: rules.fteStep)
        var withEngagement = requirements
        withEngagement.minEngagementFTE = rules.minEngagementFTE
        withEngagement.currency = scenario.currency
        withEngagement.minMeanUtility = scenario.objective == .cost ? scenario.minMeanUtility : nil
        withEngagement.constraints = rules.constraints.compactMap { $0.resolved(in: scored) }
        self.init(candidates: candidates, requirements: withEngagement)
    }
}
