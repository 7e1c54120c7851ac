import GLPKSolver
import LinearModel
@testable import PartnerMatch

/// An independent optimum: every vendor subset that meets the subset-level rules (vendor count,
/// growth, backups), and for each an LP (a MIP when FTE come in steps) over the FTE only, written
/// here from MODEL.md without the production model builder.
enum BruteForceTeam {
    static func optimum(_ problem: TeamProblem) throws -> Double? {
        let c = problem.candidates
        let r = problem.requirements
        let D = r.totalDemand
        var best: Double?
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
            if let value = try subsetOptimum(problem, members) { best = max(best ?? -.infinity, value) }
        }
        return best
    }

    static func subsetOptimum(_ problem: TeamProblem, _ members: [Int]) throws -> Double? {
        let c = problem.candidates
        let r = problem.requirements
        let D = r.totalDemand
        let q = r.fteStep ?? 1
        var model = Model(sense: .maximize)
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
            model.addConstraint(total(v) >= c[v].minimumFTE)
            model.addConstraint(total(v) <= r.maxShare * D)
        }
        if let budget = r.budget {
            model.addConstraint(members.map { c[$0].costPerFTE * total($0) }.sum() <= budget)
        }
        if let h = r.teamOverlapHours, h > 0 {
            model.addConstraint(members.map { (c[$0].overlapHours - h) * total($0) }.sum() >= 0)
        }
        model.objective = members.map { c[$0].utility * total($0) }.sum()
        let solution = try GLPKSolver().solve(model)
        return solution.termination == .optimal ? solution.objectiveValue : nil
    }
}
