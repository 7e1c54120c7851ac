import LinearModel

/// The result of a search for alternative teams.
public struct AlternativeTeams: Sendable {
    /// Distinct teams, best first (the optimum first).
    public var teams: [TeamSolution]
    /// The number asked for.
    public var requested: Int
    /// Whether the search proved that no further distinct team exists (true whenever fewer
    /// teams than requested were found, unless `searchLimitReached`).
    public var exhausted: Bool
    /// The search stopped at its limit of solves before it could tell whether more teams exist.
    public var searchLimitReached: Bool
}

extension TeamOptimizer {
    /// The `count` best teams with distinct vendor sets, best first (docs/MODEL.md, "Alternative teams"):
    /// successive solves, each with a no-good cut on every previous team's vendor set. Fewer are
    /// returned when no further team exists (`exhausted`).
    ///
    /// Two selections that differ only by vendors given no work are the same team to a buyer
    /// (docs/TEAM-MODEL.md): each team found is cut off with every selection between it and the
    /// MILP's own selection (the team plus the vendors settling found idle), and a solve that
    /// still returns a team already listed is cut off and not counted.
    ///
    /// With pruning on, the threshold is raised by `count − 1`: the k-th team's replacement
    /// argument needs k unselected dominators, as up to k − 1 of the swaps may give earlier teams.
    ///
    /// When the scenario is relaxed by priority (docs/MODEL.md, "Soft rules with priorities"), the
    /// alternatives are the best teams under the relaxed values as printed, each marked relaxed.
    public func alternatives(_ problem: TeamProblem, count: Int) throws(TeamOptimizationError) -> AlternativeTeams {
        if !problem.requirements.priorities.isEmpty, case let best = try solve(problem), let relaxed = best.relaxedRequirements {
            var within = problem
            within.requirements = relaxed
            var found = try alternatives(within, count: count)
            for k in found.teams.indices {
                if found.teams[k].status == .optimal { found.teams[k].status = .relaxed }
                found.teams[k].relaxedRules = best.relaxedRules
                found.teams[k].relaxedRequirements = relaxed
            }
            return found
        }
        let (working, report) = pruned(problem, extra: max(0, count - 1))
        let teamModel = TeamModel(working)
        var cuts: [LinearConstraint] = []
        var teams: [TeamSolution] = []
        var seen: Set<[String]> = []
        var solves = 0
        let solveLimit = count + TeamOptimizer.duplicateSolveAllowance
        while teams.count < count {
            if solves == solveLimit {
                return AlternativeTeams(teams: teams, requested: count, exhausted: false, searchLimitReached: true)
            }
            solves += 1
            var team = try solve(teamModel, extraCuts: cuts)
            team.pruning = report
            guard team.status.hasTeam else {
                return AlternativeTeams(teams: teams, requested: count, exhausted: team.status == .infeasible, searchLimitReached: false)
            }
            // Cut off the team and every selection between it and the MILP's own selection: the
            // same team with idle vendors (a cut on the settled team alone let the MILP return its
            // selection with the idle vendors again and again).
            cuts.append(TeamOptimizer.noGood(from: team.selection, to: team.solverSelection.union(team.selection), in: teamModel))
            if seen.insert(team.workingSet).inserted { teams.append(team) }
        }
        return AlternativeTeams(teams: teams, requested: count, exhausted: false, searchLimitReached: false)
    }

    /// Solves allowed beyond the requested count for selections that repeat a team already found.
    static let duplicateSolveAllowance = 50
}

/// What losing one team member would cost (docs/MODEL.md, "Exit analysis").
public struct ExitImpact: Sendable {
    public var memberID: String
    /// The best team without the member (status `infeasible` when none exists).
    public var replacement: TeamSolution
    /// Objective change (replacement − original), when a replacement exists.
    public var utilityChange: Double?
    /// Cost change (replacement − original), when a replacement exists.
    public var costChange: Double?
    /// Vendors that join in the replacement team.
    public var joining: [String]

    public var hasReplacement: Bool { replacement.status.hasTeam }
}

extension TeamOptimizer {
    /// For each member of `team`, the best team of `problem` without that vendor.
    ///
    /// With pruning on, the threshold is raised by one: a removed vendor's dominator may be the
    /// member that leaves.
    public func exitAnalysis(_ problem: TeamProblem, team: TeamSolution) throws(TeamOptimizationError) -> [ExitImpact] {
        var quiet = self
        quiet.options.explainInfeasibility = false
        quiet.options.pruning = false
        let (problem, _) = pruned(problem, extra: 1)
        var impacts: [ExitImpact] = []
        for member in team.members {
            let replacement = try quiet.solve(problem.afterExit(of: member))
            let hasTeam = replacement.status.hasTeam
            let before = Set(team.members.map(\.id))
            impacts.append(ExitImpact(
                memberID: member.id, replacement: replacement,
                utilityChange: hasTeam ? (replacement.objective ?? 0) - (team.objective ?? 0) : nil,
                costChange: hasTeam ? (replacement.totalCost ?? 0) - (team.totalCost ?? 0) : nil,
                joining: replacement.members.map(\.id).filter { !before.contains($0) }))
        }
        return impacts
    }
}
