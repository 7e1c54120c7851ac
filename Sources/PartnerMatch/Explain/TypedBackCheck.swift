/// "Verified means typed back" (docs/MODEL.md, v3; docs/TEAM-MODEL.md, "Suggestions typed back"):
/// every change an infeasibility explanation suggests is applied to the *scenario* as a user would
/// type it — the value as printed, at its key; dropping a skill drops its `backups` entry too — and
/// the changed scenario runs fresh: eligibility, scoring (`r̄`, the cost range, scalability all
/// follow the new demand), pruning and the solve. A suggestion whose fresh run has no team is never
/// printed: the search goes on along the rule's ladder with fresh runs, and drops the change when
/// none on it works. A value outside the scenario reader's limits is never printed either.
///
/// The team-rule search (`InfeasibilityExplainer`) decides on the team problem, which keeps the
/// scores of the scenario as written; it is exact for the rules whose change leaves eligibility and
/// scores alone. A change of the demand moves `r̄` (and with it `max_rate` eligibility) and
/// scalability, so only the fresh run tells; this check is what makes every printed change exact.
public struct TypedBackCheck: Sendable {
    public var optimizer: TeamOptimizer

    /// Fresh runs allowed per change while searching further along its ladder.
    public static let freshRunsPerChange = 24

    public init(optimizer: TeamOptimizer) {
        var quiet = optimizer
        quiet.options.explainInfeasibility = false
        quiet.options.priceBudget = false
        self.optimizer = quiet
    }

    /// The outcome of applying a change to a scenario.
    enum Applied {
        /// The changed scenario, with any note on what else the change implies.
        case scenario(Scenario, note: String?)
        /// The value is outside the reader's limits: it cannot be typed.
        case untypeable
        /// A key this check does not know (a rule added elsewhere): left as the team solve verified it.
        case unknown
    }

    /// `change` applied to `scenario` as a user types it.
    static func apply(_ change: Relaxation, to scenario: Scenario) -> Applied {
        var s = scenario
        let v = change.needed
        let key = change.constraint
        func whole(_ x: Double, atLeast low: Int) -> Int? {
            x == x.rounded() && x >= Double(low) && x < 1e9 ? Int(x) : nil
        }
        switch key {
        case "budget.total":
            guard v > 0, v <= Money.largestAmount else { return .untypeable }
            s.budget = v
        case "min_mean_utility":
            guard (0...1).contains(v) else { return .untypeable }
            s.minMeanUtility = v
        case "rules.max_vendors":
            guard let n = whole(v, atLeast: 1) else { return .untypeable }
            s.rules.maxVendors = n
        case "rules.min_vendors":
            guard let n = whole(v, atLeast: 1) else { return .untypeable }
            s.rules.minVendors = n
        case "rules.max_share":
            guard v > 0, v <= 1 else { return .untypeable }
            s.rules.maxShare = v
        case "rules.growth":
            guard v > 0, v <= Magnitude.growth else { return .untypeable }
            s.rules.growth = v
        case "rules.team_overlap_hours":
            guard (0...24).contains(v) else { return .untypeable }
            s.rules.teamOverlapHours = v
        case "rules.min_engagement_fte":
            guard v >= 0, v <= Magnitude.fte else { return .untypeable }
            s.rules.minEngagementFTE = v
        case "rules.include_vendors":
            let pins = change.neededList ?? []
            s.rules.constraints = s.rules.constraints.compactMap { c in
                guard c is PinnedVendors else { return c }
                return pins.isEmpty ? nil : PinnedVendors(ids: pins)
            }
        case "rules.max_country_share":
            guard v > 0, v <= 1 else { return .untypeable }
            s.rules.constraints.update(CountryShares.self) { $0.maxShare = v; $0.maxShareSet = true }
        case "rules.min_countries":
            guard let n = whole(v, atLeast: 1) else { return .untypeable }
            s.rules.constraints = s.rules.constraints.compactMap { c in
                guard c is MinCountries else { return c }
                return n > 1 ? MinCountries(count: n) : nil
            }
        default:
            if key.hasPrefix("rules.country_share.") {
                guard v > 0, v <= 1 else { return .untypeable }
                let code = String(key.dropFirst("rules.country_share.".count))
                s.rules.constraints.update(CountryShares.self) { rule in
                    if let i = rule.shares.firstIndex(where: { $0.country == code }) { rule.shares[i].share = v }
                }
            } else if key.hasPrefix("rules.backups."), let skill = change.skill {
                guard let n = whole(v, atLeast: 0) else { return .untypeable }
                if n == 0 { s.rules.backups[Token.key(skill)] = nil } else { s.rules.backups[Token.key(skill)] = n }
            } else if key == "demand.total" {
                guard v > 0, v <= Magnitude.fte, !change.dropsSkill else { return .untypeable }
                s.demand = .total(v)
            } else if key.hasPrefix("demand."), let skill = change.skill {
                var skills = s.demand.skills
                guard let i = skills.firstIndex(where: { $0.key == Token.key(skill) }) else { return .untypeable }
                if change.dropsSkill {
                    guard skills.count > 1 else { return .untypeable }
                    skills.remove(at: i)
                    s.demand = .perSkill(skills)
                    // The reader refuses backups on a skill that is not demanded: the entry goes too.
                    if s.rules.backups.removeValue(forKey: Token.key(skill)) != nil {
                        return .scenario(s, note: "and its rules.backups entry")
                    }
                } else {
                    guard v > 0, v <= Magnitude.fte else { return .untypeable }
                    skills[i].fte = v
                    s.demand = .perSkill(skills)
                }
            } else {
                return .unknown
            }
        }
        return .scenario(s, note: nil)
    }

    /// Whether `scenario` has a team when run fresh on `pool`.
    func works(_ scenario: Scenario, pool: VendorPool) throws(TeamOptimizationError) -> Bool {
        // A suggestion must work as a hard change: nothing relaxed by priority.
        var problem = TeamProblem(scored: ScoredPool(pool: pool, scenario: scenario))
        problem.requirements.priorities = [:]
        return try optimizer.solve(problem).status.hasTeam
    }

    /// The changes of `relaxations` (grouped) whose fresh run has a team, each typed back; a single
    /// change whose fresh run has none is searched further along its ladder (`problem`'s ladders,
    /// fresh runs only) and dropped when none works within `freshRunsPerChange` runs. Groups are
    /// renumbered from 1 in their order.
    public func checked(_ relaxations: [Relaxation], scored: ScoredPool, problem: TeamProblem) throws(TeamOptimizationError) -> [Relaxation] {
        let groups = Dictionary(grouping: relaxations, by: \.group).sorted { $0.key < $1.key }.map(\.value)
        var kept: [[Relaxation]] = []
        for group in groups {
            if let verified = try verify(group, scored: scored) {
                kept.append(verified)
            } else if group.count == 1, let further = try searchFurther(group[0], scored: scored, problem: problem) {
                kept.append([further])
            }
        }
        return kept.enumerated().flatMap { number, group in
            group.map { change in var c = change; c.group = number + 1; return c }
        }
    }

    /// `group` with its notes when its fresh run has a team, else `nil`.
    func verify(_ group: [Relaxation], scored: ScoredPool) throws(TeamOptimizationError) -> [Relaxation]? {
        var scenario = scored.scenario
        var out = group
        var known = false
        for (k, change) in group.enumerated() {
            switch Self.apply(change, to: scenario) {
            case .untypeable: return nil
            case .unknown: continue
            case .scenario(let changed, let note):
                scenario = changed
                known = true
                if let note { out[k].message += ", " + note }
            }
        }
        guard known else { return group }
        return try works(scenario, pool: scored.pool) ? out : nil
    }

    /// The change's rule searched further from its value along its ladder, with fresh runs: a gallop
    /// outwards, then bisection back to the nearest value that works whose neighbour one step
    /// closer does not (`nil` when none works within `freshRunsPerChange` runs).
    func searchFurther(_ change: Relaxation, scored: ScoredPool, problem: TeamProblem) throws(TeamOptimizationError) -> Relaxation? {
        // The ladder of the change's rule (and skill): each rule states its own ladders.
        guard let ladder = InfeasibilityExplainer.ladders(problem).first(where: { ladder in
            ladder.rule == change.rule && ladder.exact == nil && ladder.count >= 1 && ladder.describe(1).skill == change.skill
        }) else { return nil }
        // The change's position on its ladder (dropping a skill is the far end: nothing lies beyond).
        guard !change.dropsSkill, ladder.count > 1 else { return nil }
        let start: Int
        if change.rule == .demand, let s = problem.requirements.skills.firstIndex(where: { $0.name == change.skill }) {
            let q = problem.requirements.fteStep ?? 0.01
            start = Int(((problem.requirements.skills[s].demand - change.needed) / q).rounded())
        } else if let k = (1...min(ladder.count, 10_000)).first(where: { ladder.describe($0).needed == change.needed }) {
            start = k
        } else {
            return nil
        }
        guard start >= 1, start < ladder.count else { return nil }
        var runs = 0
        func works(_ k: Int) throws(TeamOptimizationError) -> Relaxation? {
            runs += 1
            return try verify([ladder.describe(k)], scored: scored)?.first
        }
        var lo = start, hi = start + 1, found: Relaxation?
        while hi <= ladder.count, runs < Self.freshRunsPerChange {
            if let r = try works(hi) { found = r; break }
            lo = hi
            hi = min(ladder.count, start + 2 * (hi - start))
            if hi == lo { break }
        }
        guard var best = found else { return nil }
        while hi - lo > 1, runs < Self.freshRunsPerChange {
            let mid = (lo + hi) / 2
            if let r = try works(mid) { best = r; hi = mid } else { lo = mid }
        }
        best.group = change.group
        return best
    }
}
