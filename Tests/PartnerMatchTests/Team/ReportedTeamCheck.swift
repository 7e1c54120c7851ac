import Foundation
@testable import PartnerMatch

/// An independent check of a reported team against every row of the team model (docs/MODEL.md,
/// "Team optimisation"), written from the model, not from the production verifier. The numbers
/// are taken as reported (their shortest decimal text) and summed in decimal arithmetic, so the
/// check itself adds no binary rounding; a row may miss by at most 1e-9 of its size.
enum ReportedTeamCheck {
    static func decimal(_ x: Double) -> Decimal { Decimal(string: "\(x)") ?? Decimal(x) }

    private static func close(_ lhs: Decimal, _ op: String, _ rhs: Decimal, scale: Decimal) -> Bool {
        let slack = Decimal(string: "1e-9")! * max(1, abs(rhs), abs(scale))
        switch op {
        case "<=": return lhs <= rhs + slack
        case ">=": return lhs >= rhs - slack
        default: return abs(lhs - rhs) <= slack
        }
    }

    /// The rows `team` breaks (empty when it satisfies every one).
    static func violations(_ team: TeamSolution, _ problem: TeamProblem) -> [String] {
        let r = problem.requirements
        let D = decimal(r.totalDemand)
        var broken: [String] = []
        let byID = Dictionary(problem.candidates.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var perSkill = [Decimal](repeating: 0, count: r.skills.count)
        var cost: Decimal = 0, overlap: Decimal = 0, room: Decimal = 0
        for member in team.members {
            guard let c = byID[member.id] else { broken.append("\(member.id) not a candidate"); continue }
            var total: Decimal = 0
            for part in member.skills {
                guard let s = r.skills.firstIndex(where: { $0.name == part.skill }), c.skills.contains(s) else {
                    broken.append("\(member.id) given \(part.skill)"); continue
                }
                let fte = decimal(part.fte)
                if fte < 0 { broken.append("negative FTE") }
                if let q = r.fteStep {
                    let units = NSDecimalNumber(decimal: fte / decimal(q)).doubleValue
                    if abs(units - units.rounded()) > 1e-9 { broken.append("\(member.id) \(part.skill) not a multiple of q") }
                }
                perSkill[s] += fte
                total += fte
                cost += decimal(c.costPerFTE) * fte
                overlap += (decimal(c.overlapHours) - decimal(r.teamOverlapHours ?? 0)) * fte
            }
            if !close(total, "==", decimal(member.fte), scale: total) { broken.append("\(member.id) FTE sum") }
            if !close(total, "<=", decimal(c.capacityFTE), scale: total) { broken.append("\(member.id) capacity") }
            if !close(total, ">=", decimal(max(c.minimumFTE, r.minEngagementFTE)), scale: total) { broken.append("\(member.id) engagement") }
            if !close(total, "<=", decimal(r.maxShare) * D, scale: total) { broken.append("\(member.id) share") }
            room += decimal(c.maxFTE)
        }
        for (s, skill) in r.skills.enumerated() where !close(perSkill[s], "==", decimal(skill.demand), scale: perSkill[s]) {
            broken.append("demand \(skill.name): \(perSkill[s]) of \(skill.demand)")
        }
        // Money to the half cent (docs/MODEL.md, "Money to the cent").
        if let budget = r.budget, cost > decimal(budget) + Decimal(string: "0.005")! { broken.append("budget: \(cost) > \(budget)") }
        if let reported = team.totalCost, !close(cost, "==", decimal(reported), scale: cost) { broken.append("reported cost \(reported) ≠ \(cost)") }
        if team.members.count < r.minVendors { broken.append("min_vendors") }
        if let maxV = r.maxVendors, team.members.count > maxV { broken.append("max_vendors") }
        if r.growth > 0, !close(room, ">=", decimal(r.growth) * D, scale: room) { broken.append("growth") }
        for (s, skill) in r.skills.enumerated() where skill.backups > 0 {
            if team.members.filter({ byID[$0.id]?.skills.contains(s) ?? false }).count < skill.backups { broken.append("backups \(skill.name)") }
        }
        if let h = r.teamOverlapHours, h > 0, !close(overlap, ">=", 0, scale: decimal(h) * D) { broken.append("team overlap") }
        return broken
    }
}
