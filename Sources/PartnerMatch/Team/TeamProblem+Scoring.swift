extension TeamProblem {
    /// The team problem of a scored pool: its eligible vendors as candidates, the scenario's
    /// demand and team rules as requirements (docs/MODEL.md, "Team optimisation").
    ///
    /// `budget` replaces the scenario's budget (what-if sweeps); `.some(nil)` drops the budget rule.
    public init(scored: ScoredPool, budget: Double?? = .none) {
        let pool = scored.pool
        let scenario = scored.scenario
        let demand = scenario.demand
        let perSkill = demand.isPerSkill
        let poolSkills = demand.skills.map { pool.skillID($0.key) }
        let hasRates = !pool.skillRates.isEmpty
        let countryCodes = pool.countries.display.map { $0.uppercased() }
        let backups = scenario.rules.backups
        let skills: [TeamRequirements.Skill] = perSkill
            ? demand.skills.map { .init(name: $0.display, demand: $0.fte, backups: backups[$0.key] ?? 0) }
            : [.init(name: "total", demand: demand.total)]
        var candidates: [TeamCandidate] = []
        candidates.reserveCapacity(scored.eligible.count)
        for (k, index32) in scored.eligible.enumerated() {
            let i = Int(index32)
            let offered: [Int] = perSkill
                ? poolSkills.indices.filter { s in poolSkills[s].map { pool.offers(i, skill: $0) } ?? false }
                : [0]
            guard !offered.isEmpty else { continue }
            var candidate = TeamCandidate(
                id: pool.ids[i], poolIndex: i, utility: scored.utility[k],
                hourlyRate: scored.meanRate[i],
                costPerFTE: scenario.costPerFTE(hourlyRate: pool.hourlyRate[i]),
                capacityFTE: pool.capacityFTE[i], maxFTE: pool.maxFTE[i],
                minimumFTE: pool.minFTE[i],
                overlapHours: scored.overlapHours[i], skills: offered)
            // c_{v,s} from the vendor's `rates`, where they differ from its hourly rate.
            if hasRates, perSkill, pool.skillRates[i] != nil {
                let costs = offered.map { s in scenario.costPerFTE(hourlyRate: pool.rate(of: i, skill: poolSkills[s]!)) }
                if costs.contains(where: { $0 != candidate.costPerFTE }) { candidate.skillCostPerFTE = costs }
            }
            candidate.onboardingCost = pool.onboarding(of: i) ?? scenario.onboardingPerVendor
            candidate.country = countryCodes[Int(pool.countryIndex[i])]
            candidates.append(candidate)
        }
        var requirements = TeamRequirements(skills: skills, budget: nil)
        requirements.currency = scenario.currency
        // The scenario's own team rules, with what they need from the scored pool.
        for constraint in scenario.rules.constraints.items {
            requirements.constraints.replace(with: (constraint as? any ScenarioRule)?.resolved(in: scored) ?? constraint)
        }
        requirements.budget = budget ?? (scenario.hasBudget ? scenario.budget : nil)
        requirements.minMeanUtility = scenario.objective == .cost ? scenario.minMeanUtility : nil
        requirements.priorities = scenario.priorities
        self.init(candidates: candidates, requirements: requirements)
    }
}
