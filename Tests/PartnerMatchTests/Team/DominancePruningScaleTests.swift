@testable import PartnerMatch
import Testing

/// The fast survivor scan against the definition of dominance checked pair by pair.
@Suite("Dominance pruning at scale keeps exactly the survivors of the all-pairs definition")
struct DominancePruningScaleTests {
    /// A pool of `n` candidates drawn from few distinct values per coefficient, so that ties,
    /// identical vendors and long chains of dominance are common.
    private func pool(seed: UInt64, vendors n: Int, skills: Int) -> TeamProblem {
        var rng = TestRandom(seed: seed)
        var candidates: [TeamCandidate] = []
        for v in 0..<n {
            var offered = (0..<skills).filter { _ in Bool.random(using: &rng) }
            if offered.isEmpty { offered = [Int.random(in: 0..<skills, using: &rng)] }
            let capacity = Double(Int.random(in: 1...6, using: &rng)) * 0.5
            let rate = Double([30, 45, 60, 75][Int.random(in: 0...3, using: &rng)])
            candidates.append(TeamCandidate(
                id: "V\(String(Int.random(in: 0..<100_000, using: &rng)))-\(v)", poolIndex: v,
                utility: Double(Int.random(in: 5...9, using: &rng)) / 10, hourlyRate: rate,
                costPerFTE: rate * 1920, capacityFTE: capacity,
                maxFTE: capacity * Double([1, 1.5, 2][Int.random(in: 0...2, using: &rng)]),
                minimumFTE: [0.5, 1][Int.random(in: 0...1, using: &rng)],
                overlapHours: Double(Int.random(in: 2...5, using: &rng)), skills: offered))
        }
        // Exact copies of some vendors under other ids: ties that only the id order breaks.
        for k in 0..<(n / 10) {
            var copy = candidates[Int.random(in: 0..<n, using: &rng)]
            copy.id = "C\(k)"
            copy.poolIndex = n + k
            candidates.append(copy)
        }
        candidates.shuffle(using: &rng)
        let requirements = TeamRequirements(
            skills: (0..<skills).map { .init(name: "s\($0)", demand: 2) }, budget: nil, maxVendors: 3)
        return TeamProblem(candidates: candidates, requirements: requirements)
    }

    @Test("Survivors equal the all-pairs reference on random pools", arguments: [1, 2, 4, 7])
    func survivorsMatchReference(threshold: Int) {
        var removed = 0
        for seed in UInt64(1)...12 {
            let problem = pool(seed: seed &* 7919 &+ UInt64(threshold), vendors: 150 + Int(seed) * 25, skills: 1 + Int(seed % 4))
            let fast = DominancePruning.survivors(problem, threshold: threshold)
            let reference = DominancePruning.survivorsByAllPairs(problem, threshold: threshold)
            #expect(fast == reference, "seed \(seed), threshold \(threshold)")
            removed += problem.candidates.count - fast.count
        }
        // The pools are built so that pruning has work to do.
        #expect(removed > 0)
    }

    @Test("Every removed vendor keeps at least threshold surviving dominators")
    func removedVendorsHaveSurvivingDominators() {
        let problem = pool(seed: 99, vendors: 400, skills: 3)
        let threshold = 3
        let kept = DominancePruning.survivors(problem, threshold: threshold)
        let keptSet = Set(kept)
        let c = problem.candidates
        func weaklyBetter(_ w: TeamCandidate, _ v: TeamCandidate) -> Bool {
            w.utility >= v.utility && w.costPerFTE <= v.costPerFTE && w.capacityFTE >= v.capacityFTE
                && w.maxFTE >= v.maxFTE && w.overlapHours >= v.overlapHours && w.minimumFTE <= v.minimumFTE
                && Set(v.skills).isSubset(of: w.skills)
        }
        for v in c.indices where !keptSet.contains(v) {
            let dominators = kept.filter { weaklyBetter(c[$0], c[v]) }.count
            #expect(dominators >= threshold, "\(c[v].id) has \(dominators) surviving dominators")
        }
        #expect(kept.count < c.count)
    }

    @Test("More than 64 required skills switches pruning off rather than confusing skills")
    func manySkillsKeepEveryone() {
        let skills = (0..<65).map { TeamRequirements.Skill(name: "s\($0)", demand: 1) }
        // B offers skill 64 only, A skill 0 only: a 64-bit signature would confuse them.
        let a = TeamCandidate(id: "A", poolIndex: 0, utility: 0.5, hourlyRate: 50, costPerFTE: 96_000,
                              capacityFTE: 2, maxFTE: 2, minimumFTE: 0.5, overlapHours: 4, skills: [0])
        var b = a
        b.id = "B"; b.poolIndex = 1; b.utility = 0.9; b.skills = [64]
        let problem = TeamProblem(candidates: [b, a], requirements: TeamRequirements(skills: skills, budget: nil, maxVendors: 1))
        #expect(DominancePruning.survivors(problem, threshold: 1) == [0, 1])
        #expect(DominancePruning.survivorsByAllPairs(problem, threshold: 1) == [0, 1])
    }

    @Test("On a generated pool, the pruned and the unpruned MILP have the same optimum")
    func generatedPoolOptimumUnchanged() throws {
        var configuration = ScalingStudy.Configuration(sizes: [1_500])
        configuration.firstSeed = 7
        let m = try ScalingStudy(configuration).measure(size: 1_500, seed: 7)
        #expect(m.pruned.candidates < m.eligible, "pruning removed nobody")
        #expect(m.pruned.status == .optimal)
        #expect(m.unpruned?.status == .optimal)
        #expect(m.optimaAgree == true, "pruned \(String(describing: m.pruned.objective)) vs unpruned \(String(describing: m.unpruned?.objective))")
    }
}
