@testable import PartnerMatch
import Testing

@Suite("Dominance pruning never changes the answer")
struct DominancePruningTests {
    private func optimizer(pruning: Bool) -> TeamOptimizer {
        var options = TeamOptimizer.Options()
        options.pruning = pruning
        options.explainInfeasibility = false
        return TeamOptimizer(options: options)
    }

    /// Pools large enough for pruning to remove vendors, with near-duplicates to exercise ties.
    private func problem(_ seed: UInt64) -> TeamProblem {
        var problem = RandomTeamProblems.make(seed: seed, vendors: 14)
        var rng = TestRandom(seed: seed ^ 0xABCDEF)
        // Copies of some vendors (identical or slightly worse) make ties and chains of dominance.
        for k in 0..<6 {
            var copy = problem.candidates[Int.random(in: 0..<problem.candidates.count, using: &rng)]
            copy.id = "C\(k)"
            copy.poolIndex = 100 + k
            if Bool.random(using: &rng) { copy.utility -= 0.01 }
            problem.candidates.append(copy)
        }
        if problem.requirements.maxVendors == nil { problem.requirements.maxVendors = Int.random(in: 1...3, using: &rng) }
        return problem
    }

    @Test("The pruned optimum equals the unpruned optimum on random pools")
    func optimumUnchanged() throws {
        var removedSomewhere = 0
        for seed in UInt64(3000)...3150 {
            let p = problem(seed)
            let pruned = try optimizer(pruning: true).solve(p)
            let full = try optimizer(pruning: false).solve(p)
            #expect(pruned.status == full.status, "seed \(seed)")
            if let a = pruned.objective, let b = full.objective {
                #expect(abs(a - b) <= 1e-6 * max(1, abs(b)), "seed \(seed): \(a) vs \(b)")
            }
            if let report = pruned.pruning, report.after < report.before { removedSomewhere += 1 }
        }
        #expect(removedSomewhere > 50, "pruning removed vendors in only \(removedSomewhere) pools")
    }

    @Test("Pruned alternatives have the unpruned objectives")
    func alternativesUnchanged() throws {
        for seed in UInt64(3200)...3260 {
            let p = problem(seed)
            let pruned = try optimizer(pruning: true).alternatives(p, count: 3).teams.map { $0.objective ?? 0 }
            let full = try optimizer(pruning: false).alternatives(p, count: 3).teams.map { $0.objective ?? 0 }
            #expect(pruned.count == full.count, "seed \(seed)")
            for (a, b) in zip(pruned, full) { #expect(abs(a - b) <= 1e-6 * max(1, abs(b)), "seed \(seed)") }
        }
    }

    @Test("Pruned exit analysis has the unpruned replacement objectives")
    func exitAnalysisUnchanged() throws {
        for seed in UInt64(3300)...3340 {
            let p = problem(seed)
            let team = try optimizer(pruning: false).solve(p)
            guard team.status.hasTeam else { continue }
            let pruned = try optimizer(pruning: true).exitAnalysis(p, team: team)
            let full = try optimizer(pruning: false).exitAnalysis(p, team: team)
            for (a, b) in zip(pruned, full) {
                #expect(a.hasReplacement == b.hasReplacement, "seed \(seed)")
                if let x = a.replacement.objective, let y = b.replacement.objective {
                    #expect(abs(x - y) <= 1e-6 * max(1, abs(y)), "seed \(seed)")
                }
            }
        }
    }

    @Test("A vendor with enough identical copies is pruned, and one copy survives")
    func identicalCopies() {
        let base = TeamCandidate(id: "A", poolIndex: 0, utility: 0.5, hourlyRate: 50, costPerFTE: 96_000,
                                 capacityFTE: 2, maxFTE: 2, minimumFTE: 0.5, overlapHours: 4, skills: [0])
        var candidates: [TeamCandidate] = []
        for k in 0..<5 { var c = base; c.id = "V\(k)"; c.poolIndex = k; candidates.append(c) }
        let problem = TeamProblem(candidates: candidates, requirements: TeamRequirements(
            skills: [.init(name: "backend", demand: 3)], budget: nil, maxVendors: 2))
        // Each copy is dominated by the copies before it in id order: V0 by none, V1 by one, …
        #expect(DominancePruning.survivors(problem, threshold: 2) == [0, 1])
        #expect(DominancePruning.survivors(problem, threshold: 4) == [0, 1, 2, 3])
    }
}
