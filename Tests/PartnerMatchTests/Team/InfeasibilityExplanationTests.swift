import Foundation
@testable import PartnerMatch
import Testing

/// Infeasibility explanations: every suggestion verified against brute force, the smallest to
/// one step (one step less has no team), typeable back into the scenario as printed, and a
/// "nothing helps" verdict only when even every team rule at its loosest has no team.
@Suite("Infeasibility explanations")
struct InfeasibilityExplanationTests {
    /// Applies a change from its public description (key, value, drop flag), independently of the explainer.
    static func apply(_ change: Relaxation, needed: Double? = nil, to problem: inout TeamProblem) {
        let value = needed ?? change.needed
        let key = change.constraint
        func skillIndex(_ prefix: String) -> Int? {
            let name = String(key.dropFirst(prefix.count))
            return problem.requirements.skills.firstIndex { $0.name == name }
        }
        if key == "budget.total" { problem.requirements.budget = value }
        else if key == "min_mean_utility" { problem.requirements.minMeanUtility = value }
        else if key == "rules.include_vendors" {
            let pins = change.neededList ?? []
            problem.requirements.constraints = problem.requirements.constraints.compactMap { c in
                guard c is PinnedVendors else { return c }
                return pins.isEmpty ? nil : PinnedVendors(ids: pins)
            }
        }
        else if key == "rules.max_country_share" { problem.requirements.constraints.update(CountryShares.self) { $0.maxShare = value } }
        else if key.hasPrefix("rules.country_share.") {
            let code = String(key.dropFirst("rules.country_share.".count))
            problem.requirements.constraints.update(CountryShares.self) { rule in
                if let i = rule.shares.firstIndex(where: { $0.country == code }) { rule.shares[i].share = value }
            }
        }
        else if key == "rules.min_countries" {
            problem.requirements.constraints = problem.requirements.constraints.compactMap { c in
                guard c is MinCountries else { return c }
                return value > 1 ? MinCountries(count: Int(value)) : nil
            }
        }
        else if key == "rules.max_vendors" { problem.requirements.maxVendors = Int(value) }
        else if key == "rules.min_vendors" { problem.requirements.minVendors = Int(value) }
        else if key == "rules.max_share" { problem.requirements.maxShare = value }
        else if key == "rules.growth" { problem.requirements.growth = value }
        else if key == "rules.team_overlap_hours" { problem.requirements.teamOverlapHours = value }
        else if key == "rules.min_engagement_fte" {
            problem.requirements.minEngagementFTE = value
        }
        else if key.hasPrefix("rules.backups."), let s = skillIndex("rules.backups.") { problem.requirements.skills[s].backups = Int(value) }
        else if key.hasPrefix("demand."), let s = skillIndex("demand.") {
            if change.dropsSkill && needed == nil {
                problem.requirements.skills.remove(at: s)
                problem.candidates = problem.candidates.compactMap { c in
                    var c = c
                    c.skills = c.skills.filter { $0 != s }.map { $0 > s ? $0 - 1 : $0 }
                    return c.skills.isEmpty ? nil : c
                }
            } else {
                problem.requirements.skills[s].demand = value
            }
        } else {
            Issue.record("unknown relaxation key \(key)")
        }
    }

    /// The value one step closer to the scenario's than `change.needed` (nil: none is closer).
    static func oneStepLess(_ change: Relaxation, _ problem: TeamProblem) -> Double? {
        let r = problem.requirements
        switch change.rule {
        case .budget:
            // One cent less, below the half cent the budget row allows (docs/MODEL.md, "Money to the
            // cent"): no team may cost that little.
            return change.needed - 0.015
        case .demand:
            if change.dropsSkill { return r.fteStep ?? 0.01 }
            return change.needed + (r.fteStep ?? 0.01)
        case .maxVendors: return change.needed - 1
        case .minVendors: return change.needed + 1
        case .maxShare: return change.needed - 0.01
        case .growth: return change.needed + 0.01
        case .backups: return change.needed + 1
        case .teamOverlap: return change.needed + 0.1
        case .minEngagement: return change.needed + 0.01
        case .utilityFloor: return change.needed + 0.01
        case .countryShare: return change.needed - 0.01
        case .minCountries: return change.needed + 1
        default: return nil   // a pin is lifted or not: no step in between
        }
    }

    private func feasible(_ problem: TeamProblem) throws -> Bool { try BruteForceTeam.optimum(problem) != nil }

    @Test("Each single change makes the scenario feasible, one step less does not, and it can be typed back", arguments: [UInt64(800), 1800, 2800])
    func singleChangesAreSmallestAndVerified(from: UInt64) throws {
        var explained = 0, singles = 0
        for seed in from...(from + 100) {
            let problem = RandomTeamProblems.make(seed: seed)
            let team = try TeamOptimizer().solve(problem)
            guard team.status == .infeasible else { continue }
            #expect(try !feasible(problem), "seed \(seed): brute force finds a team")
            explained += 1
            #expect(!team.relaxations.isEmpty || team.relaxationsExhausted, "seed \(seed): no explanation")
            let groups = Dictionary(grouping: team.relaxations, by: \.group).sorted { $0.key < $1.key }.map(\.value)
            for group in groups {
                var relaxed = problem
                for change in group { Self.apply(change, to: &relaxed) }
                #expect(try feasible(relaxed), "seed \(seed): \(group.map(\.message)) does not work")
                for change in group {
                    // Typeable: a value the scenario reader accepts, and the scenario's own current value.
                    switch change.rule {
                    case .demand: #expect(change.dropsSkill ? change.needed == 0 : change.needed > 0)
                    case .maxShare: #expect(change.needed > 0 && change.needed <= 1)
                    case .maxVendors, .minVendors: #expect(change.needed >= 1 && change.needed == change.needed.rounded())
                    case .backups: #expect(change.needed >= 0 && change.needed == change.needed.rounded())
                    case .growth: #expect(change.needed > 0)
                    case .teamOverlap: #expect(change.needed >= 0 && change.needed <= 24)
                    case .budget: #expect(change.needed > 0)
                    case .minEngagement: #expect(change.needed >= 0)
                    case .utilityFloor: #expect(change.needed >= 0 && change.needed <= 1)
                    case .countryShare: #expect(change.needed > 0 && change.needed <= 1)
                    case .minCountries: #expect(change.needed >= 1 && change.needed == change.needed.rounded())
                    case .pinnedVendors: #expect(change.neededList != nil && Double(change.neededList!.count) == change.needed)
                    default: Issue.record("seed \(seed): a change of an unknown rule \(change.rule)")
                    }
                    #expect(!change.message.contains("to 0 FTE"), "seed \(seed): \(change.message)")
                    #expect(change.message.contains("now \(Format.number(change.current))")
                            || change.message.contains("now \(Money.text(change.current))")
                            || change.message.contains("now \(Format.number(change.current * 100))%"), "seed \(seed): \(change.message)")
                    if change.rule == .budget {
                        // To the cent (docs/MODEL.md, "Money to the cent"): the brute force's least cost
                        // under the group's other changes, rounded up to the cent, is the suggestion
                        // (a budget a cent less is within the brute force LP's own tolerance of it).
                        var free = problem
                        for other in group where other != change { Self.apply(other, to: &free) }
                        free.requirements.budget = nil
                        let least = try #require(try BruteForceTeam.teams(free).map(\.cheapest).min())
                        #expect(change.needed >= least - 1e-7 * least && change.needed - least < 0.01 + 1e-7 * least,
                                "seed \(seed): \(change.message), least cost \(least)")
                        if group.count == 1 { singles += 1 }
                        continue
                    }
                    // Smallest: the same group with this change one step less has no team.
                    guard let less = Self.oneStepLess(change, problem) else { continue }
                    var tighter = problem
                    for other in group where other != change { Self.apply(other, to: &tighter) }
                    Self.apply(change, needed: less, to: &tighter)
                    #expect(try !feasible(tighter), "seed \(seed): \(change.message) is one step more than needed")
                    if group.count == 1 { singles += 1 }
                }
            }
            if team.relaxationsExhausted {
                // Certain: every team rule at its loosest still has no team.
                var loosest = problem
                loosest.requirements.budget = nil
                loosest.requirements.maxVendors = nil
                loosest.requirements.minVendors = 1
                loosest.requirements.maxShare = 1
                loosest.requirements.growth = min(loosest.requirements.growth, 0.01)
                loosest.requirements.teamOverlapHours = nil
                for s in loosest.requirements.skills.indices { loosest.requirements.skills[s].backups = 0 }
                loosest.requirements.minEngagementFTE = 0
                #expect(try !feasible(loosest), "seed \(seed): exhausted, yet loosening every team rule works")
            }
        }
        #expect(explained > 10)
        #expect(singles > 10)
    }

    @Test("A demand relaxation is the largest demand that works, not the elastic model's answer at the original α·D")
    func demandRelaxationIsNotOversized() throws {
        // Two vendors of 2 FTE each, max share 50%: demand 5 needs a vendor of 2.5 FTE (infeasible).
        // Demand 4.5 has α·D = 2.25, still above what two vendors of capacity 2 can cover (4 FTE);
        // demand 4 works (2 + 2, each exactly 50%). An elastic model at the original α·D = 2.5
        // would also say 4; with a step of 0.5 the answer must be 4, and 4.5 must fail.
        let cost = 50.0 * 1920
        let candidates = (0..<2).map { v in
            TeamCandidate(id: "V\(v)", poolIndex: v, utility: 0.8, hourlyRate: 50, costPerFTE: cost,
                          capacityFTE: 2, maxFTE: 2, minimumFTE: 0.5, overlapHours: 6, skills: [0])
        }
        let problem = TeamProblem(candidates: candidates, requirements: TeamRequirements(
            skills: [.init(name: "frontend", demand: 5)], budget: nil, maxShare: 0.5, growth: 0, fteStep: 0.5))
        let team = try TeamOptimizer().solve(problem)
        #expect(team.status == .infeasible)
        let demand = try #require(team.relaxations.first { $0.constraint == "demand.frontend" })
        #expect(demand.needed == 4)
        #expect(demand.message == "lower the frontend demand to 4 FTE (now 5)")
    }

    @Test("A skill nobody can supply within the rules is dropped from the demand, never lowered to 0 FTE")
    func droppedSkillIsTypeable() throws {
        let cost = 50.0 * 1920
        let a = TeamCandidate(id: "A", poolIndex: 0, utility: 0.8, hourlyRate: 50, costPerFTE: cost,
                              capacityFTE: 4, maxFTE: 4, minimumFTE: 0.5, overlapHours: 6, skills: [0])
        let b = TeamCandidate(id: "B", poolIndex: 1, utility: 0.7, hourlyRate: 50, costPerFTE: cost,
                              capacityFTE: 4, maxFTE: 4, minimumFTE: 0.5, overlapHours: 0, skills: [1])
        // qa only from B, whose overlap (0 h) breaks the team overlap of 5 h when it works at all.
        let problem = TeamProblem(candidates: [a, b], requirements: TeamRequirements(
            skills: [.init(name: "backend", demand: 3), .init(name: "qa", demand: 1)], budget: nil,
            growth: 0, teamOverlapHours: 5.9, fteStep: 0.5))
        let team = try TeamOptimizer().solve(problem)
        #expect(team.status == .infeasible)
        #expect(team.relaxations.allSatisfy { !$0.message.contains("to 0 FTE") })
        let drop = try #require(team.relaxations.first { $0.dropsSkill })
        #expect(drop.message == "drop skill qa from the demand (now 1 FTE)")
    }

    @Test("A demand below the minimum engagement is explained by lowering min_engagement_fte, not by 'no change helps'")
    func demandBelowMinimumEngagement() throws {
        // qa 0.25 FTE, offered only by Q (its own min_fte 0); the scenario's min_engagement_fte 0.5
        // makes Q take at least 0.5 FTE of a 0.25 demand. Lowering it to 0.25 works; 0.26 does not.
        let cost = 50.0 * 1920
        // Their own min_fte is 0: the 0.5 is the scenario's min_engagement_fte, a rule of its own.
        let b = TeamCandidate(id: "B", poolIndex: 0, utility: 0.8, hourlyRate: 50, costPerFTE: cost,
                              capacityFTE: 4, maxFTE: 4, minimumFTE: 0, overlapHours: 6, skills: [0])
        let q = TeamCandidate(id: "Q", poolIndex: 1, utility: 0.7, hourlyRate: 50, costPerFTE: cost,
                              capacityFTE: 2, maxFTE: 2, minimumFTE: 0, overlapHours: 6, skills: [1])
        var requirements = TeamRequirements(skills: [.init(name: "backend", demand: 3), .init(name: "qa", demand: 0.25)],
                                            budget: nil, growth: 0)
        requirements.minEngagementFTE = 0.5
        let problem = TeamProblem(candidates: [b, q], requirements: requirements)
        let team = try TeamOptimizer().solve(problem)
        #expect(team.status == .infeasible)
        let change = try #require(team.relaxations.first { $0.constraint == "rules.min_engagement_fte" })
        #expect(change.needed == 0.25)
        // A rule at its default names the key to set (issue 21).
        #expect(change.message == "lower the minimum engagement to 0.25 FTE (rules.min_engagement_fte; now 0.5)")
        var tighter = problem
        Self.apply(change, needed: 0.26, to: &tighter)
        #expect(try BruteForceTeam.optimum(tighter) == nil)
    }
}
