import Foundation
import LinearModel
@testable import PartnerMatch
import Testing


private func optimum(_ problem: TeamProblem, warmStart: TeamOptimizer.WarmStart = .auto) throws -> Double? {
    var options = TeamOptimizer.Options()
    options.warmStart = warmStart
    options.explainInfeasibility = false
    let team = try TeamOptimizer(options: options).solve(problem)
    #expect(team.status == .optimal || team.status == .infeasible, "unexpected status \(team.status)")
    return team.status == .optimal ? team.objective : nil
}

@Suite("Team optimisation against brute force and invariants")
struct TeamOptimizerTests {
    @Test("A hand-computed two-vendor team: the better vendor takes its largest allowed share")
    func handComputedTeam() throws {
        // Demand 4 FTE of backend. A: utility 0.9, 100/h; B: utility 0.6, 50/h; share limit 0.75 → 3 FTE.
        // Unconstrained by budget, A takes 3 FTE and B 1: objective 0.9·3 + 0.6·1 = 3.3.
        let cost = 160.0 * 12
        let a = TeamCandidate(id: "A", poolIndex: 0, utility: 0.9, hourlyRate: 100, costPerFTE: 100 * cost,
                              capacityFTE: 5, maxFTE: 5, minimumFTE: 0.5, overlapHours: 6, skills: [0])
        let b = TeamCandidate(id: "B", poolIndex: 1, utility: 0.6, hourlyRate: 50, costPerFTE: 50 * cost,
                              capacityFTE: 5, maxFTE: 5, minimumFTE: 0.5, overlapHours: 2, skills: [0])
        var requirements = TeamRequirements(skills: [.init(name: "backend", demand: 4)], budget: nil, maxShare: 0.75)
        let team = try TeamOptimizer().solve(TeamProblem(candidates: [a, b], requirements: requirements))
        #expect(team.status == .optimal)
        #expect(same(team.objective, 3.3))
        #expect(team.members.map(\.id) == ["A", "B"])
        #expect(team.members.map(\.fte) == [3, 1])
        #expect(team.binding.contains { $0.code == "max_share" })

        // A budget of 2.5 FTE of A plus 1.5 of B: cost = (2.5·100 + 1.5·50)·1920 = 624,000.
        // With that budget the LP optimum moves FTE from A to B until the budget binds:
        // 100·xA + 50·xB = 325, xA + xB = 4 → xA = 2.5, objective 0.9·2.5 + 0.6·1.5 = 3.15.
        requirements.budget = 325 * cost
        let budgeted = try TeamOptimizer().solve(TeamProblem(candidates: [a, b], requirements: requirements))
        #expect(same(budgeted.objective, 3.15))
        #expect(budgeted.binding.contains { $0.code == "budget" })
        // One more unit of currency moves 1/(50·1920) FTE from B to A: +0.3 utility per FTE moved.
        #expect(same(budgeted.marginalUtilityPerCurrency, 0.3 / (50 * cost)))
    }

    @Test("The optimum equals the best over all vendor subsets on hundreds of random small pools")
    func bruteForce() throws {
        var compared = 0, feasible = 0
        for seed in UInt64(1)...240 {
            let problem = RandomTeamProblems.make(seed: seed)
            let expected = try BruteForceTeam.optimum(problem)
            let actual = try optimum(problem)
            #expect(same(actual, expected), "seed \(seed): MILP \(String(describing: actual)), brute force \(String(describing: expected))")
            compared += 1
            if expected != nil { feasible += 1 }
        }
        // The generator must exercise both outcomes, or the comparison proves little.
        #expect(feasible > 60 && compared - feasible > 20, "feasible \(feasible) of \(compared)")
    }

    @Test("The greedy starting team never changes the optimum")
    func warmStartKeepsOptimum() throws {
        var accepted = 0
        for seed in UInt64(300)...380 {
            let problem = RandomTeamProblems.make(seed: seed)
            #expect(same(try optimum(problem, warmStart: .always), try optimum(problem, warmStart: .never)), "seed \(seed)")
            var options = TeamOptimizer.Options()
            options.warmStart = .always
            if try TeamOptimizer(options: options).solve(problem).warmStart == .accepted { accepted += 1 }
        }
        // The comparison means something only if the greedy team is really used in some cases.
        #expect(accepted > 10, "the greedy start was accepted \(accepted) times")
    }

    @Test("More budget never lowers the optimum")
    func moreBudget() throws {
        for seed in UInt64(400)...470 {
            var problem = RandomTeamProblems.make(seed: seed)
            guard let budget = problem.requirements.budget else { continue }
            let before = try optimum(problem)
            problem.requirements.budget = budget * 1.25
            let after = try optimum(problem)
            if let before { #expect(after != nil && after! >= before - 1e-6, "seed \(seed)") }
        }
    }

    @Test("Removing a vendor never raises the optimum")
    func removingAVendor() throws {
        for seed in UInt64(500)...560 {
            let problem = RandomTeamProblems.make(seed: seed)
            let full = try optimum(problem)
            for v in problem.candidates.indices {
                let reduced = try optimum(problem.removing([v]))
                if let reduced { #expect(full != nil && reduced <= full! + 1e-6, "seed \(seed), without \(v)") }
            }
        }
    }

    @Test("Tightening any rule never raises the optimum")
    func tighteningRules() throws {
        for seed in UInt64(600)...660 {
            let problem = RandomTeamProblems.make(seed: seed)
            guard let base = try optimum(problem) else { continue }
            var tightened: [TeamProblem] = []
            var p = problem
            if let b = p.requirements.budget { p.requirements.budget = b * 0.9; tightened.append(p) }
            p = problem; p.requirements.maxShare *= 0.9; tightened.append(p)
            p = problem; if let m = p.requirements.maxVendors, m > 1 { p.requirements.maxVendors = m - 1; tightened.append(p) }
            p = problem; p.requirements.minVendors += 1; tightened.append(p)
            p = problem; p.requirements.growth += 0.3; tightened.append(p)
            p = problem; p.requirements.teamOverlapHours = (p.requirements.teamOverlapHours ?? 0) + 1; tightened.append(p)
            p = problem; p.requirements.skills[0].backups += 1; tightened.append(p)
            for (k, t) in tightened.enumerated() {
                if let value = try optimum(t) { #expect(value <= base + 1e-6, "seed \(seed), tightening #\(k)") }
            }
        }
    }

    @Test("Alternative teams come in non-increasing order with distinct vendor sets")
    func alternatives() throws {
        var checked = 0
        for seed in UInt64(700)...760 {
            let problem = RandomTeamProblems.make(seed: seed)
            let teams = try TeamOptimizer().alternatives(problem, count: 4).teams
            guard !teams.isEmpty else { continue }
            checked += 1
            #expect(same(teams[0].objective, try optimum(problem)), "seed \(seed)")
            for k in teams.indices.dropFirst() {
                #expect(teams[k].objective! <= teams[k - 1].objective! + 1e-6, "seed \(seed)")
            }
            #expect(Set(teams.map(\.vendorSet)).count == teams.count, "seed \(seed)")
        }
        #expect(checked > 20)
    }

    @Test("Exit analysis: each member's replacement team never beats the original")
    func exitAnalysis() throws {
        var checked = 0
        for seed in UInt64(1000)...1040 {
            let problem = RandomTeamProblems.make(seed: seed)
            let team = try TeamOptimizer().solve(problem)
            guard team.status == .optimal else { continue }
            checked += 1
            let impacts = try TeamOptimizer().exitAnalysis(problem, team: team)
            #expect(impacts.map(\.memberID) == team.members.map(\.id))
            for impact in impacts {
                #expect(!impact.replacement.members.contains { $0.id == impact.memberID })
                if let change = impact.utilityChange { #expect(change <= 1e-6) }
                let independent = try optimum(problem.removing(Set(problem.candidates.indices.filter { problem.candidates[$0].id == impact.memberID })))
                #expect(same(impact.replacement.objective, independent), "seed \(seed)")
            }
        }
        #expect(checked > 10)
    }
}
