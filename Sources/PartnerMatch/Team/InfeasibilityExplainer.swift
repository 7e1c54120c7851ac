import LinearModel

/// One change to a scenario's rules that makes an infeasible scenario feasible.
public struct Relaxation: Sendable, Hashable {
    public var rule: TeamRule
    /// The scenario key to change, e.g. `budget.total`, `rules.max_vendors`, `demand.ios`.
    public var constraint: String
    /// The skill the change is about (demand and backups), if any.
    public var skill: String?
    /// The value the scenario has now.
    public var current: Double
    /// The value to write instead (for a dropped demanded skill: 0, and `dropsSkill` is set).
    public var needed: Double
    /// The change removes the skill from the demand (no positive demand for it works).
    public var dropsSkill: Bool = false
    /// When the value to write is a list (`rules.include_vendors`): the list, and `needed` its length.
    public var neededList: [String]?
    public var message: String
    /// Relative size of the change (|needed − current| / the rule's scale), for ranking.
    public var size: Double
    /// Changes with the same group number make the scenario feasible together; a group of one
    /// change is a relaxation on its own. Groups are numbered from 1 in the order reported.
    public var group: Int
}

/// Explains infeasible scenarios in the user's terms, exactly (docs/TEAM-MODEL.md, "Infeasible
/// scenarios").
///
/// Every rule has a ladder of values a person would type, from one step looser than the
/// scenario's value to the loosest value the scenario reader accepts (a demand: one step less
/// down to one step, then dropping the skill). For each rule alone, a galloping search over the
/// ladder, then bisection, finds a value that works while the value one step closer to the
/// scenario's does not — each step decided by a verified team solve. The budget
/// needs no ladder: its least workable value is the exact minimum cost of a team under every other
/// rule, rounded up to the cent (`Money`).
///
/// When no rule alone is enough, every team rule (all but the demand) is set to its loosest value at
/// once: if even that has no team, no change of the budget or team rules can help
/// (`TeamSolution.relaxationsExhausted`; the demand is not combined, as feasibility is not monotone
/// in it: less demand also means a smaller share limit and work below minimum engagements);
/// otherwise each rule is put back to the scenario's value where the others allow it, and the rest
/// are bisected back as far as they go, so the combination reported is verified and no single
/// change in it can be made one step smaller.
struct InfeasibilityExplainer {
    let optimizer: TeamOptimizer

    /// The reported changes (grouped), and whether the search proved that none exists.
    func explain(_ problem: TeamProblem) throws(TeamOptimizationError) -> (changes: [Relaxation], exhausted: Bool) {
        let ladders = InfeasibilityExplainer.ladders(problem)
        var groups: [[Relaxation]] = []
        for ladder in ladders {
            guard let k = try smallestWorking(ladder, in: problem, others: []) else { continue }
            groups.append([ladder.relaxation(at: k, problem: problem)])
        }
        if groups.isEmpty {
            let (found, impossible) = try combination(problem, ladders: ladders.filter { $0.rule != .demand })
            if let found { groups.append(found) }
            if impossible { return ([], true) }
        }
        func rank(_ group: [Relaxation]) -> (Int, Double, String) {
            (group.count, group.reduce(0) { $0 + $1.size }, group.map(\.constraint).joined())
        }
        groups.sort { rank($0) < rank($1) }
        let numbered = groups.enumerated().flatMap { number, group in
            group.map { change in var c = change; c.group = number + 1; return c }
        }
        return (numbered, false)
    }

    // MARK: Search

    private func feasible(_ problem: TeamProblem) throws(TeamOptimizationError) -> Bool {
        var quiet = optimizer
        quiet.options.explainInfeasibility = false
        quiet.options.pruning = false
        quiet.options.priceBudget = false
        return try quiet.solve(problem).status.hasTeam
    }

    /// The position on `ladder` closest to the scenario's value at which the scenario, with the
    /// `others` steps applied too, has a team, such that the position one step closer has none;
    /// `nil` when even the far end has none.
    private func smallestWorking(_ ladder: Ladder, in problem: TeamProblem, others: [(Ladder, Int)]) throws(TeamOptimizationError) -> Int? {
        func works(_ k: Int) throws(TeamOptimizationError) -> Bool {
            try feasible(Ladder.apply([(ladder, k)] + others, to: problem))
        }
        if let exact = ladder.exact {
            // The budget: the exact least cost under every other rule, rounded up to the ladder.
            guard let k = try exact(Ladder.apply(others, to: problem), optimizer), try works(k) else { return nil }
            return k
        }
        let far = ladder.count
        guard far >= 1 else { return nil }
        // The demand is not monotone (less demand also lowers α·D, moves the FTE grid against the
        // shares, and can leave a vendor below its minimum engagement): a smaller demand can work
        // where a larger one does not. Every typeable value is tried, closest first, up to
        // `exhaustiveDemandSteps`; the first that works is the smallest change.
        if ladder.rule == .demand {
            for k in 1...min(far, InfeasibilityExplainer.exhaustiveDemandSteps) {
                if try works(k) { return k }
            }
            guard far > InfeasibilityExplainer.exhaustiveDemandSteps else { return nil }
        }
        // Galloping: positions 1, 2, 4, … and the far end, until one works; then bisection between
        // it and the last that did not. For a monotone rule this finds the least workable position;
        // on a longer demand ladder, beyond the positions scanned above, a workable position whose
        // neighbour one step closer does not work, the nearest such one along the gallop.
        var lo = ladder.rule == .demand ? InfeasibilityExplainer.exhaustiveDemandSteps : 0
        var hi = lo + 1         // lo: known not to work (0 = the scenario's value)
        while !(try works(hi)) {
            if hi == far { return nil }
            lo = hi
            hi = min(far, hi * 2)
        }
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if try works(mid) { hi = mid } else { lo = mid }
        }
        return hi
    }

    /// A verified combination, or `impossible` when even every rule at its loosest has no team.
    private func combination(_ problem: TeamProblem, ladders: [Ladder]) throws(TeamOptimizationError) -> ([Relaxation]?, impossible: Bool) {
        var steps = ladders.map { ($0, $0.exact == nil ? $0.count : Ladder.unlimited) }
        guard !steps.isEmpty, try feasible(Ladder.apply(steps, to: problem)) else { return (nil, true) }
        // Put back every rule the others allow, in the ladders' order (at most one solve each).
        for i in steps.indices {
            var trial = steps
            trial[i].1 = 0
            if try feasible(Ladder.apply(trial, to: problem)) { steps = trial }
        }
        // Bisect the rest back as far as each goes with the others as they now are.
        for i in steps.indices where steps[i].1 != 0 {
            let others = steps.enumerated().filter { $0.offset != i }.map(\.element)
            guard let k = try smallestWorking(steps[i].0, in: problem, others: others) else { return (nil, false) }
            steps[i].1 = k
        }
        let changes = steps.filter { $0.1 != 0 }.map { $0.0.relaxation(at: $0.1, problem: problem) }
        guard !changes.isEmpty, try feasible(Ladder.apply(steps, to: problem)) else { return (nil, false) }
        return (changes, false)
    }

    // MARK: Ladders

    /// The values a rule can take, one step at a time, from the scenario's value outwards.
    struct Ladder {
        var rule: TeamRule
        /// The skill, for demand and backups.
        var skill: Int?
        /// Number of steps (positions 1…count); position 0 is the scenario's value.
        var count: Int
        /// The rule's value at a position (a `nil` result: the rule removed, e.g. no budget).
        var value: (Int) -> Double?
        /// For the budget: the exact smallest workable position, computed by one solve.
        var exact: ((TeamProblem, TeamOptimizer) throws(TeamOptimizationError) -> Int?)?
        /// For a rule written as a `TeamConstraint`: its own ladder, which applies and states itself.
        var custom: RuleLadder?

        init(rule: TeamRule, skill: Int?, count: Int, value: @escaping (Int) -> Double?,
             exact: ((TeamProblem, TeamOptimizer) throws(TeamOptimizationError) -> Int?)?) {
            self.rule = rule
            self.skill = skill
            self.count = count
            self.value = value
            self.exact = exact
        }

        init(_ custom: RuleLadder) {
            self.init(rule: custom.rule, skill: nil, count: custom.count, value: { Double($0) }, exact: nil)
            self.custom = custom
        }

        /// A position meaning "as loose as the rule goes" for ladders found exactly.
        static let unlimited = Int.max

        /// Whether position `k` is the skill dropped from the demand.
        func dropsSkill(_ k: Int) -> Bool { rule == .demand && value(k) == nil }

        static func apply(_ steps: [(Ladder, Int)], to problem: TeamProblem) -> TeamProblem {
            var p = problem
            var dropped: [Int] = []
            for (ladder, k) in steps where k != 0 {
                if let custom = ladder.custom {
                    custom.apply(min(k, custom.count), &p)
                    continue
                }
                let value = k == unlimited ? nil : ladder.value(k)
                switch ladder.rule {
                case .budget: p.requirements.budget = value
                case .maxVendors: p.requirements.maxVendors = value.map { Int($0) }
                case .minVendors: p.requirements.minVendors = Int(value ?? 1)
                case .maxShare: p.requirements.maxShare = value ?? 1
                case .growth: p.requirements.growth = value ?? 0
                case .teamOverlap: p.requirements.teamOverlapHours = value
                case .minEngagement:
                    let e = value ?? 0
                    p.requirements.minEngagementFTE = e
                    for c in p.candidates.indices {
                        if let own = p.candidates[c].vendorMinimumFTE { p.candidates[c].minimumFTE = max(own, e) }
                    }
                case .backups: p.requirements.skills[ladder.skill!].backups = Int(value ?? 0)
                case .demand:
                    if let value { p.requirements.skills[ladder.skill!].demand = value } else { dropped.append(ladder.skill!) }
                case .utilityFloor: p.requirements.minMeanUtility = value ?? 0
                default: preconditionFailure("\(ladder.rule) is a TeamConstraint: its ladder is custom")
                }
            }
            return dropped.isEmpty ? p : p.droppingSkills(Set(dropped))
        }

        /// The change this position stands for, in the scenario's own words and values.
        func relaxation(at k: Int, problem: TeamProblem) -> Relaxation {
            if let custom { return custom.describe(k) }
            let r = problem.requirements
            let needed = value(k)
            func make(_ key: String, skill: String? = nil, _ current: Double, _ new: Double, scale: Double, _ message: String) -> Relaxation {
                Relaxation(rule: rule, constraint: key, skill: skill, current: current, needed: new, message: message,
                           size: abs(new - current) / max(scale, 1e-12), group: 0)
            }
            switch rule {
            case .budget:
                let current = r.budget ?? 0, new = needed ?? current
                let unit = r.currency.isEmpty ? "" : " " + r.currency
                return make("budget.total", current, new, scale: current,
                            "needs a budget of at least \(Money.text(new))\(unit) (now \(Money.text(current))\(unit))")
            case .demand:
                let s = r.skills[skill!]
                let key = s.name == "total" && r.skills.count == 1 ? "demand.total" : "demand.\(s.name)"
                guard let new = needed else {
                    var change = make(key, skill: s.name, s.demand, 0, scale: s.demand,
                                      "drop skill \(s.name) from the demand (now \(Format.number(s.demand)) FTE)")
                    change.dropsSkill = true
                    return change
                }
                return make(key, skill: s.name, s.demand, new, scale: s.demand,
                            "lower the \(s.name) demand to \(Format.number(new)) FTE (now \(Format.number(s.demand)))")
            case .maxVendors:
                let current = Double(r.maxVendors ?? 0), new = needed ?? current
                return make("rules.max_vendors", current, new, scale: current,
                            "allow \(Int(new)) vendors (now \(Int(current)))")
            case .minVendors:
                let current = Double(r.minVendors), new = needed ?? 1
                return make("rules.min_vendors", current, new, scale: current,
                            "require at least \(Int(new)) \(Int(new) == 1 ? "vendor" : "vendors") (now \(Int(current)))")
            case .maxShare:
                let new = needed ?? 1
                return make("rules.max_share", r.maxShare, new, scale: r.maxShare,
                            "let one vendor take up to \(Format.number(new * 100))% of the demand (now \(Format.number(r.maxShare * 100))%)")
            case .growth:
                let new = needed ?? 0
                return make("rules.growth", r.growth, new, scale: r.growth,
                            "lower the growth factor to \(Format.number(new)) (rules.growth; now \(Format.number(r.growth)))")
            case .backups:
                let s = r.skills[skill!]
                let new = needed ?? 0
                return make("rules.backups.\(s.name)", skill: s.name, Double(s.backups), new, scale: Double(s.backups),
                            "require \(Int(new)) selected \(Int(new) == 1 ? "vendor" : "vendors") offering \(s.name) (now \(s.backups))")
            case .teamOverlap:
                let current = r.teamOverlapHours ?? 0, new = needed ?? 0
                return make("rules.team_overlap_hours", current, new, scale: current,
                            "lower the team overlap to \(Format.number(new)) h (now \(Format.number(current)) h)")
            case .minEngagement:
                let current = r.minEngagementFTE, new = needed ?? 0
                return make("rules.min_engagement_fte", current, new, scale: current,
                            "lower the minimum engagement to \(Format.number(new)) FTE (rules.min_engagement_fte; now \(Format.number(current)))")
            case .utilityFloor:
                let current = r.minMeanUtility ?? 0, new = needed ?? 0
                return make("min_mean_utility", current, new, scale: current,
                            "lower min_mean_utility to \(Format.number(new)) (now \(Format.number(current)))")
            default:
                preconditionFailure("\(rule) is a TeamConstraint: its ladder is custom")
            }
        }
    }

    /// The ladders of the rules this scenario sets, in `TeamRule` order. Every value on them is
    /// one the scenario reader accepts: a demand > 0 (or the skill dropped, when others remain),
    /// shares in whole percent up to 100%, counts ≥ 1 (backups ≥ 0), growth in hundredths down to
    /// 0.01, overlap in tenths of an hour down to 0.
    static func ladders(_ problem: TeamProblem) -> [Ladder] {
        let r = problem.requirements
        var ladders: [Ladder] = []
        if r.budget != nil { ladders.append(budgetLadder()) }
        let q = r.fteStep ?? 0.01
        for (s, skill) in r.skills.enumerated() {
            // One step less each time, down to one step; then the skill dropped (when others remain).
            // At most 10^6 steps: a finer ladder than that is searched no more exactly (bisection
            // over it costs 20 solves) and its count must fit an Int.
            let steps = Int(min(1e6, (skill.demand / q - 1e-9).rounded(.up))) - 1
            let drop = r.skills.count > 1 ? 1 : 0
            guard steps + drop >= 1 else { continue }
            ladders.append(Ladder(rule: .demand, skill: s, count: steps + drop, value: { k in
                k > steps ? nil : snap(skill.demand - Double(k) * q, to: q)
            }, exact: nil))
        }
        if let maxVendors = r.maxVendors, maxVendors < problem.candidates.count {
            ladders.append(Ladder(rule: .maxVendors, skill: nil, count: problem.candidates.count - maxVendors,
                                  value: { k in Double(maxVendors + k) }, exact: nil))
        }
        if r.minVendors > 1 {
            ladders.append(Ladder(rule: .minVendors, skill: nil, count: r.minVendors - 1,
                                  value: { k in Double(r.minVendors - k) }, exact: nil))
        }
        if r.maxShare < 1 {
            let first = Int((r.maxShare * 100 + 1e-7).rounded(.down))
            ladders.append(Ladder(rule: .maxShare, skill: nil, count: 100 - first,
                                  value: { k in Double(first + k) / 100 }, exact: nil))
        }
        if r.growth > 0.01 {
            let first = Int((r.growth * 100 - 1e-7).rounded(.up))
            ladders.append(Ladder(rule: .growth, skill: nil, count: first - 1,
                                  value: { k in Double(first - k) / 100 }, exact: nil))
        }
        for (s, skill) in r.skills.enumerated() where skill.backups > 0 {
            ladders.append(Ladder(rule: .backups, skill: s, count: skill.backups,
                                  value: { k in Double(skill.backups - k) }, exact: nil))
        }
        if r.minEngagementFTE > 0, problem.candidates.contains(where: { $0.vendorMinimumFTE != nil }) {
            // Hundredths of an FTE less each time, down to 0 (vendors keep their own min_fte).
            let first = Int(min(1e6, (r.minEngagementFTE * 100 - 1e-7).rounded(.up)))
            ladders.append(Ladder(rule: .minEngagement, skill: nil, count: first,
                                  value: { k in Double(first - k) / 100 }, exact: nil))
        }
        if let h = r.teamOverlapHours, h > 0 {
            let first = Int((h * 10 - 1e-7).rounded(.up))
            ladders.append(Ladder(rule: .teamOverlap, skill: nil, count: first,
                                  value: { k in Double(first - k) / 10 }, exact: nil))
        }
        if let mu = r.minMeanUtility, mu > 0 {
            // Hundredths less each time, down to 0.
            let first = Int((mu * 100 - 1e-7).rounded(.up))
            ladders.append(Ladder(rule: .utilityFloor, skill: nil, count: first,
                                  value: { k in Double(first - k) / 100 }, exact: nil))
        }
        // Rules written as values offer their own ladders.
        for constraint in r.constraints.items {
            ladders += constraint.ladders(in: problem).filter { $0.count >= 1 }.map(Ladder.init)
        }
        return ladders
    }

    /// The budget's ladder: positions are budgets in cents; the smallest workable one is the exact
    /// minimum cost under the other rules rounded up to the cent (`Money`), within the reader's
    /// limit on amounts.
    private static func budgetLadder() -> Ladder {
        // Position k stands for the budget of k cents: the ladder is found exactly.
        Ladder(rule: .budget, skill: nil, count: 0, value: { k in Double(k) / 100 }, exact: { problem, optimizer throws(TeamOptimizationError) in
            var free = problem
            free.requirements.budget = nil
            var quiet = optimizer
            quiet.options.explainInfeasibility = false
            quiet.options.pruning = false
            quiet.options.priceBudget = false
            let cheapest = try quiet.solve(TeamModel(free, objective: .minimizeCost(utilityFloor: nil)))
            guard cheapest.status.hasTeam, let cost = cheapest.totalCost else { return nil }
            let cents = (Money.roundedUpToCent(cost) * 100).rounded()
            return cents / 100 <= Money.largestAmount ? Int(cents) : nil
        })
    }

    /// Demand values tried one by one, closest first, before the gallop takes over (a demand of
    /// 4 FTE in steps of 0.5 has 7, and its drop; in steps of 0.01, the nearest 0.64 FTE).
    static let exhaustiveDemandSteps = 64

    /// `x` on the grid of `q` (removes the drift of repeated subtraction).
    static func snap(_ x: Double, to q: Double) -> Double { ((x / q).rounded() * q * 1e9).rounded() / 1e9 }
}

extension TeamProblem {
    /// The problem without the demanded skills at `skills` (positions in `requirements.skills`);
    /// candidates keep the other skills they offer, re-indexed.
    func droppingSkills(_ skills: Set<Int>) -> TeamProblem {
        var newIndex: [Int: Int] = [:]
        var kept: [TeamRequirements.Skill] = []
        for (s, skill) in requirements.skills.enumerated() where !skills.contains(s) {
            newIndex[s] = kept.count
            kept.append(skill)
        }
        var p = self
        p.requirements.skills = kept
        p.candidates = candidates.compactMap { candidate in
            var c = candidate
            c.skills = candidate.skills.compactMap { newIndex[$0] }
            return c.skills.isEmpty ? nil : c
        }
        return p
    }
}
