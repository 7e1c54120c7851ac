import LinearModel
import GLPKSolver

/// One change to a scenario's rules that makes an infeasible scenario feasible.
public struct Relaxation: Sendable, Hashable {
    public var rule: TeamRule
    /// The scenario key to change, e.g. `budget.total`, `rules.max_vendors`, `demand.ios`.
    public var constraint: String
    /// The skill the change is about (demand and backups), if any.
    public var skill: String?
    public var current: Double
    /// The value the key needs (at least, or at most, as `message` says).
    public var needed: Double
    public var message: String
    /// Relative size of the change (|needed − current| / scale), for ranking.
    public var size: Double
    /// Changes with the same group number make the scenario feasible together; a group of one
    /// change is a relaxation on its own. Groups are numbered from 1 in the order reported.
    public var group: Int
}

/// Explains infeasible scenarios in the user's terms: an elastic re-solve per rule finds the
/// smallest change of that rule alone that restores feasibility; when no single rule is enough,
/// one elastic solve over all rules gives a combination. Every suggestion is verified by solving
/// the scenario with the change applied before it is reported.
struct InfeasibilityExplainer {
    let optimizer: TeamOptimizer

    func explain(_ problem: TeamProblem) throws(TeamOptimizationError) -> [Relaxation] {
        let rules = InfeasibilityExplainer.relaxableRules(problem)
        var groups: [[Relaxation]] = []
        for rule in rules {
            guard let changes = try minimalChanges(problem, elastic: [rule]), !changes.isEmpty else { continue }
            if try feasible(applying: changes, to: problem) { groups.append(changes) }
        }
        if groups.isEmpty, let combined = try combination(problem, rules: rules) {
            groups.append(combined)
        }
        // Smallest first: single changes before combinations, then by relative size.
        func rank(_ group: [Relaxation]) -> (Int, Double, String) {
            (group.count, group.reduce(0) { $0 + $1.size }, group.map(\.constraint).joined())
        }
        groups.sort { rank($0) < rank($1) }
        return groups.enumerated().flatMap { number, group in
            group.map { change in var c = change; c.group = number + 1; return c }
        }
    }

    /// Changes to several rules that together restore feasibility. Changing the demand also moves
    /// the limits measured against it (`α·D`, `g·D`), so the elastic solve is repeated on the
    /// changed scenario, at most three times, until the changes verify.
    private func combination(_ problem: TeamProblem, rules: [TeamRule]) throws(TeamOptimizationError) -> [Relaxation]? {
        var combined: [Relaxation] = []
        for _ in 0..<3 {
            let current = InfeasibilityExplainer.apply(combined, to: problem)
            guard let more = try minimalChanges(current, elastic: Set(rules)), !more.isEmpty else { return nil }
            for change in more {
                var merged = change
                if let k = combined.firstIndex(where: { $0.constraint == change.constraint }) {
                    merged.current = combined[k].current
                    merged.size = abs(merged.needed - merged.current) / TeamModel.slackScale(change.rule, InfeasibilityExplainer.slackIndex(of: change, in: problem), problem)
                    combined[k] = merged
                } else {
                    combined.append(merged)
                }
            }
            if try feasible(applying: combined, to: problem) { return combined }
        }
        return nil
    }

    /// The position of a change's slack among its rule's slacks: per demanded skill for `demand`,
    /// per skill with a backup rule for `backups`, 0 for the rules with one slack.
    static func slackIndex(of change: Relaxation, in problem: TeamProblem) -> Int {
        let skills = problem.requirements.skills
        let candidates = change.rule == .backups ? skills.filter { $0.backups > 0 } : skills
        return change.skill.flatMap { name in candidates.firstIndex { $0.name == name } } ?? 0
    }

    /// The rules this scenario actually sets.
    static func relaxableRules(_ problem: TeamProblem) -> [TeamRule] {
        let r = problem.requirements
        var rules: [TeamRule] = [.demand]
        if r.budget != nil { rules.append(.budget) }
        if r.maxVendors != nil { rules.append(.maxVendors) }
        if r.minVendors > 1 { rules.append(.minVendors) }
        if r.maxShare < 1 { rules.append(.maxShare) }
        if r.growth > 0 { rules.append(.growth) }
        if r.skills.contains(where: { $0.backups > 0 }) { rules.append(.backups) }
        if let h = r.teamOverlapHours, h > 0 { rules.append(.teamOverlap) }
        return rules.sorted()
    }

    /// Solves the elastic model and turns its non-zero slacks into changes (nil: still infeasible).
    private func minimalChanges(_ problem: TeamProblem, elastic: Set<TeamRule>) throws(TeamOptimizationError) -> [Relaxation]? {
        let teamModel = TeamModel(problem, objective: .minimizeRelaxation, elastic: elastic)
        var settings = optimizer.options.solver
        settings.timeLimit = optimizer.options.timeLimit
        let result: Solution
        do throws(SolverError) { result = try GLPKSolver().solve(teamModel.model, options: settings) } catch { throw .solver(error) }
        guard result.hasFeasiblePoint else { return nil }
        var changes: [Relaxation] = []
        for (rule, variables) in teamModel.slack.sorted(by: { $0.key < $1.key }) {
            for (k, variable) in variables.enumerated() {
                let amount = result.values[variable.index]
                guard amount > 1e-7 else { continue }
                changes.append(InfeasibilityExplainer.change(rule, index: k, amount: amount, problem: problem))
            }
        }
        return changes
    }

    private func feasible(applying changes: [Relaxation], to problem: TeamProblem) throws(TeamOptimizationError) -> Bool {
        var quiet = optimizer
        quiet.options.explainInfeasibility = false
        return try quiet.solve(InfeasibilityExplainer.apply(changes, to: problem)).status.hasTeam
    }

    /// The change of one rule by a slack `amount`, rounded outward to a value a person would type.
    static func change(_ rule: TeamRule, index: Int, amount: Double, problem: TeamProblem) -> Relaxation {
        let r = problem.requirements
        let D = r.totalDemand
        let scale = TeamModel.slackScale(rule, index, problem)
        func make(_ key: String, skill: String? = nil, _ current: Double, _ needed: Double, _ message: String) -> Relaxation {
            Relaxation(rule: rule, constraint: key, skill: skill, current: current, needed: needed, message: message,
                       size: abs(needed - current) / scale, group: 0)
        }
        switch rule {
        case .budget:
            let current = r.budget ?? 0
            let needed = roundUp(current + amount, significant: 4)
            return make("budget.total", current, needed, "needs a budget of at least \(Format.money(needed)) (now \(Format.money(current)))")
        case .demand:
            let skill = r.skills[index]
            var needed = max(0, skill.demand - amount)
            needed = r.fteStep.map { (needed / $0 + 1e-9).rounded(.down) * $0 } ?? (needed * 100 + 1e-9).rounded(.down) / 100
            let key = skill.name == "total" && r.skills.count == 1 ? "demand.total" : "demand.\(skill.name)"
            return make(key, skill: skill.name, skill.demand, needed,
                        "lower the \(skill.name) demand to \(Format.number(needed)) FTE (now \(Format.number(skill.demand)))")
        case .maxVendors:
            let current = Double(r.maxVendors ?? 0)
            let needed = current + (amount - 1e-6).rounded(.up)
            return make("rules.max_vendors", current, needed, "allow \(Int(needed)) vendors (now \(Int(current)))")
        case .minVendors:
            let current = Double(r.minVendors)
            let needed = max(0, current - (amount - 1e-6).rounded(.up))
            return make("rules.min_vendors", current, needed, "require at least \(Int(needed)) \(Int(needed) == 1 ? "vendor" : "vendors") (now \(Int(current)))")
        case .maxShare:
            let needed = min(1, ((r.maxShare + amount) * 100 - 1e-7).rounded(.up) / 100)
            return make("rules.max_share", r.maxShare, needed,
                        "let one vendor take up to \(Format.number(needed * 100))% of the demand (now \(Format.number(r.maxShare * 100))%)")
        case .growth:
            let needed = max(0, ((r.growth * D - amount) / max(D, 1e-12) * 100 + 1e-7).rounded(.down) / 100)
            return make("rules.growth", r.growth, needed, "lower the growth factor to \(Format.number(needed)) (now \(Format.number(r.growth)))")
        case .backups:
            let withBackups = r.skills.filter { $0.backups > 0 }
            let skill = withBackups[index]
            let needed = Double(max(0, skill.backups - Int((amount - 1e-6).rounded(.up))))
            return make("rules.backups.\(skill.name)", skill: skill.name, Double(skill.backups), needed,
                        "require \(Int(needed)) selected \(Int(needed) == 1 ? "vendor" : "vendors") offering \(skill.name) (now \(skill.backups))")
        case .teamOverlap:
            let current = r.teamOverlapHours ?? 0
            let needed = max(0, ((current - amount) * 10 + 1e-7).rounded(.down) / 10)
            return make("rules.team_overlap_hours", current, needed,
                        "lower the team overlap to \(Format.number(needed)) h (now \(Format.number(current)) h)")
        }
    }

    /// The problem with `changes` applied.
    static func apply(_ changes: [Relaxation], to problem: TeamProblem) -> TeamProblem {
        var p = problem
        for change in changes {
            switch change.rule {
            case .budget: p.requirements.budget = change.needed
            case .demand:
                if let s = p.requirements.skills.firstIndex(where: { $0.name == change.skill }) { p.requirements.skills[s].demand = change.needed }
            case .maxVendors: p.requirements.maxVendors = Int(change.needed)
            case .minVendors: p.requirements.minVendors = Int(change.needed)
            case .maxShare: p.requirements.maxShare = change.needed
            case .growth: p.requirements.growth = change.needed
            case .backups:
                if let s = p.requirements.skills.firstIndex(where: { $0.name == change.skill }) { p.requirements.skills[s].backups = Int(change.needed) }
            case .teamOverlap: p.requirements.teamOverlapHours = change.needed
            }
        }
        return p
    }

    /// Rounds up to `significant` significant digits (1,283,117 → 1,284,000).
    static func roundUp(_ x: Double, significant: Int) -> Double {
        guard x > 0 else { return x }
        var unit = 1.0
        while x / unit >= pow10(significant) { unit *= 10 }
        return (x / unit - 1e-9).rounded(.up) * unit
    }

    private static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { a, _ in a * 10 } }
}
