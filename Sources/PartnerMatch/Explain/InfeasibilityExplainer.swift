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
            groups.append([ladder.describe(k)])
        }
        if groups.isEmpty {
            let (found, impossible) = try combination(problem, ladders: ladders.filter(\.combines))
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
    private func smallestWorking(_ ladder: RuleLadder, in problem: TeamProblem, others: [(RuleLadder, Int)]) throws(TeamOptimizationError) -> Int? {
        func works(_ k: Int) throws(TeamOptimizationError) -> Bool {
            try feasible(InfeasibilityExplainer.apply([(ladder, k)] + others, to: problem))
        }
        if let exact = ladder.exact {
            // The budget: the exact least cost under every other rule, rounded up to the ladder.
            guard let k = try exact(InfeasibilityExplainer.apply(others, to: problem), optimizer), try works(k) else { return nil }
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
    private func combination(_ problem: TeamProblem, ladders: [RuleLadder]) throws(TeamOptimizationError) -> ([Relaxation]?, impossible: Bool) {
        var steps = ladders.map { ($0, $0.exact == nil ? $0.count : RuleLadder.unlimited) }
        guard !steps.isEmpty, try feasible(InfeasibilityExplainer.apply(steps, to: problem)) else { return (nil, true) }
        // Put back every rule the others allow, in the ladders' order (at most one solve each).
        for i in steps.indices {
            var trial = steps
            trial[i].1 = 0
            if try feasible(InfeasibilityExplainer.apply(trial, to: problem)) { steps = trial }
        }
        // Bisect the rest back as far as each goes with the others as they now are.
        for i in steps.indices where steps[i].1 != 0 {
            let others = steps.enumerated().filter { $0.offset != i }.map(\.element)
            guard let k = try smallestWorking(steps[i].0, in: problem, others: others) else { return (nil, false) }
            steps[i].1 = k
        }
        let changes = steps.filter { $0.1 != 0 }.map { $0.0.describe($0.1) }
        guard !changes.isEmpty, try feasible(InfeasibilityExplainer.apply(steps, to: problem)) else { return (nil, false) }
        return (changes, false)
    }

    // MARK: Ladders

    /// `problem` with each ladder at its position (position 0: the scenario's value, unchanged).
    static func apply(_ steps: [(RuleLadder, Int)], to problem: TeamProblem) -> TeamProblem {
        var p = problem
        for (ladder, k) in steps where k != 0 { ladder.apply(ladder.exact != nil ? k : min(k, ladder.count), &p) }
        return p
    }

    /// The ladders of the rules this scenario sets, in registration order: each rule states its own
    /// (its file says which values a person would type). Every value on them is one the scenario
    /// reader accepts: a demand > 0 (or the skill dropped, when others remain), shares in whole
    /// percent up to 100%, counts ≥ 1 (backups ≥ 0), growth in hundredths down to 0.01, overlap in
    /// tenths of an hour down to 0.
    static func ladders(_ problem: TeamProblem) -> [RuleLadder] {
        problem.requirements.constraints.items.flatMap { $0.ladders(in: problem) }.filter { $0.count >= 1 || $0.exact != nil }
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
