import GLPKSolver
import LinearModel
@testable import PartnerMatch

/// An independent optimum: every vendor subset that meets the subset-level rules (vendor count,
/// growth, backups), and for each an LP (a MIP when FTE come in steps) over the FTE only, written
/// here from docs/MODEL.md without the production model builder.
enum BruteForceTeam {
    static func optimum(_ problem: TeamProblem) throws -> Double? {
        try teams(problem).map(\.value).max()
    }

    /// Every vendor subset that admits a team, with its best utility (`value`), best cost
    /// (`cheapest`: the least cost of any allocation meeting every rule) and its members (positions).
    static func teams(_ problem: TeamProblem) throws -> [(members: [Int], value: Double, cheapest: Double)] {
        var found: [(members: [Int], value: Double, cheapest: Double)] = []
        for members in admissibleSubsets(problem) {
            if let value = try subsetOptimum(problem, members), let cheapest = try subsetOptimum(problem, members, minimizeCost: true) {
                found.append((members, value, cheapest))
            }
        }
        return found
    }

    /// Subsets meeting the subset-level rules (vendor count, growth, backups).
    static func admissibleSubsets(_ problem: TeamProblem) -> [[Int]] {
        let c = problem.candidates
        let r = problem.requirements
        let D = r.totalDemand
        var subsets: [[Int]] = []
        for mask in 0..<(1 << c.count) {
            let members = c.indices.filter { mask & (1 << $0) != 0 }
            if members.count < r.minVendors { continue }
            if let maxV = r.maxVendors, members.count > maxV { continue }
            if r.growth > 0, members.reduce(0.0, { $0 + c[$1].maxFTE }) < r.growth * D - 1e-9 { continue }
            var backupsOK = true
            for (s, skill) in r.skills.enumerated() where skill.backups > 0 {
                if members.filter({ c[$0].skills.contains(s) }).count < skill.backups { backupsOK = false }
            }
            if !backupsOK { continue }
            subsets.append(members)
        }
        return subsets
    }

    static func subsetOptimum(_ problem: TeamProblem, _ members: [Int], minimizeCost: Bool = false) throws -> Double? {
        let c = problem.candidates
        let r = problem.requirements
        let D = r.totalDemand
        let q = r.fteStep ?? 1
        var model = Model(sense: minimizeCost ? .minimize : .maximize)
        var x: [Int: [Int: Variable]] = [:]
        for v in members {
            for s in c[v].skills {
                x[v, default: [:]][s] = model.addVariable(kind: r.fteStep == nil ? .continuous : .integer, lowerBound: 0)
            }
        }
        func total(_ v: Int) -> LinearExpression { (x[v] ?? [:]).values.map { q * $0 }.sum() }
        for s in r.skills.indices {
            let terms = members.compactMap { x[$0]?[s] }.map { q * $0 }
            model.addConstraint(terms.sum() == r.skills[s].demand)
        }
        for v in members {
            model.addConstraint(total(v) <= c[v].capacityFTE)
            model.addConstraint(total(v) >= max(c[v].minimumFTE, r.minEngagementFTE))   // m_v = max(min_fte_v, e)
            model.addConstraint(total(v) <= r.maxShare * D)
        }
        if let budget = r.budget {
            // Money to the half cent (docs/MODEL.md, "Money to the cent").
            model.addConstraint(members.map { c[$0].costPerFTE * total($0) }.sum() <= budget + 0.005)
        }
        if let h = r.teamOverlapHours, h > 0 {
            model.addConstraint(members.map { (c[$0].overlapHours - h) * total($0) }.sum() >= 0)
        }
        model.objective = minimizeCost ? members.map { c[$0].costPerFTE * total($0) }.sum() : members.map { c[$0].utility * total($0) }.sum()
        // GLPK's default integrality tolerance (1e-5) would let an FTE count of 3.99999 steps pass
        // as 4, which moves a cost by about one currency unit: too coarse for budgets set within a
        // unit of a team's price. GLPK's MIP presolver rounds a row's right-hand side with a
        // tolerance of its own (a budget 0.2 below a price let that price through), so it is off.
        var options = SolveOptions()
        options.integralityTolerance = 1e-9
        options.presolve = false
        let solution = try GLPKSolver().solve(model, options: options)
        return solution.termination == .optimal ? solution.objectiveValue : nil
    }
}
