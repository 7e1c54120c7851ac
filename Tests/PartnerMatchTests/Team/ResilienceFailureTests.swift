import Foundation
import GLPKSolver
import LinearModel
@testable import PartnerMatch
import Testing

/// A team of six vendors over `Resilience.enumerationLimit + 2` demanded skills, each offered with
/// probability `offer`: its levels come from the recourse LP (as in `SurvivalManySkillsTests`).
private func manySkillTeam(seed: UInt64, skillCount: Int = Resilience.enumerationLimit + 2, offer: Double = 0.5) -> (TeamProblem, [TeamMember]) {
    var rng = TestRandom(seed: seed)
    let skills = (0..<skillCount).map { TeamRequirements.Skill(name: "s\($0)", demand: Double(Int.random(in: 1...3, using: &rng)), backups: 0) }
    var candidates: [TeamCandidate] = []
    for v in 0..<6 {
        let offered = (0..<skillCount).filter { _ in Double.random(in: 0..<1, using: &rng) < offer }
        let capacity = Double(Int.random(in: 4...12, using: &rng))
        var c = TeamCandidate(id: "V\(v)", poolIndex: v, utility: 0.5, hourlyRate: 50, costPerFTE: 96_000, capacityFTE: capacity,
                              maxFTE: capacity * 1.5, minimumFTE: 0.5, overlapHours: 4, skills: offered)
        c.country = SurvivalTests.countries[v % 3]
        candidates.append(c)
    }
    let problem = TeamProblem(candidates: candidates, requirements: TeamRequirements(skills: skills, budget: nil))
    let members = problem.candidates.indices.map { v in
        TeamMember(id: "V\(v)", poolIndex: v, fte: 1, skills: [], cost: 0, utility: 0.5, hourlyRate: 50, overlapHours: 4)
    }
    return (problem, members)
}

private struct InjectedFailure: Error, CustomStringConvertible {
    var description: String { "injected failure" }
}

@Suite("Survival levels when the recourse LP is not solved")
struct ResilienceFailureTests {
    @Test("GLPK stopped by an iteration limit: every level is unknown (nil, with the reason), never a level of 0")
    func iterationLimit() throws {
        // Most skills offered by most vendors: every level is positive, GLPK needs more than one iteration.
        let (problem, members) = manySkillTeam(seed: 25_000, offer: 0.9)
        let calls = Counter()
        let r = Resilience.$recourseSolver.withValue({ model, options in
            calls.add()
            var limited = options
            limited.iterationLimit = 1
            return try GLPKSolver().solve(model, options: limited)
        }) { Resilience(members: members, problem: problem) }
        #expect(calls.value == r.vendorExits.count + r.countryLosses.count)
        for leaver in r.vendorExits + r.countryLosses {
            #expect(leaver.level == nil, "\(leaver.name)")
            #expect(leaver.failure == "GLPK did not solve the recourse LP: it ended with iterationLimit", "\(leaver.name)")
            #expect(leaver.coverage == 0, "the lower bound a rule check reads")
        }
        #expect(r.vendorExitLevel == nil && r.countryLossLevel == nil && !r.isComplete)
        // The same team, solved: every level known and equal to the independent LP's.
        let solved = Resilience(members: members, problem: problem)
        #expect(solved.isComplete)
        #expect((solved.vendorExits + solved.countryLosses).allSatisfy { ($0.level ?? 0) > 0 }, "a level 0 would not tell unknown from 0")
        let all = Array(problem.candidates.indices)
        #expect(abs((solved.vendorExitLevel ?? -1) - (try RecourseLP.vendorExit(problem, all))) <= 1e-9)
        #expect(abs((solved.countryLossLevel ?? -1) - (try RecourseLP.countryLoss(problem, all))) <= 1e-9)
    }

    @Test("A solver error is an unknown level that names the error")
    func solverError() {
        let (problem, members) = manySkillTeam(seed: 25_001)
        let r = Resilience.$recourseSolver.withValue({ _, _ in throw SolverError.glpkFatal("injected") }) {
            Resilience(members: members, problem: problem)
        }
        #expect(r.vendorExits.allSatisfy { $0.failure == "GLPK did not solve the recourse LP: GLPK fatal error: injected" && $0.level == nil })
        #expect(r.vendorExitLevel == nil && r.countryLossLevel == nil)
    }

    @Test("Only one leaver failing makes its level and the team's unknown, the others stay known")
    func oneFailure() throws {
        let (problem, members) = manySkillTeam(seed: 25_002)
        let calls = Counter()
        let r = Resilience.$recourseSolver.withValue({ model, options in
            // The first call is the first vendor's exit (vendors in team order, then countries).
            guard calls.add() > 1 else { throw InjectedFailure() }
            return try GLPKSolver().solve(model, options: options)
        }) { Resilience(members: members, problem: problem) }
        #expect(r.vendorExits[0].level == nil && r.vendorExits[0].failure == "GLPK did not solve the recourse LP: injected failure")
        let all = Array(problem.candidates.indices)
        for (k, leaver) in r.vendorExits.enumerated().dropFirst() {
            #expect(abs((leaver.level ?? -1) - (try RecourseLP.level(problem, remaining: all.filter { $0 != k }))) <= 1e-9)
        }
        #expect(r.vendorExitLevel == nil, "the minimum over the leavers is unknown while one is")
        #expect(r.countryLossLevel != nil && r.countryLosses.allSatisfy { $0.failure == nil })
    }

    @Test("Up to the enumeration limit the solver is never called: the levels are enumerated")
    func enumeratedNeedsNoSolver() {
        let (problem, members) = manySkillTeam(seed: 25_003, skillCount: Resilience.enumerationLimit)
        let r = Resilience.$recourseSolver.withValue({ _, _ in throw InjectedFailure() }) { Resilience(members: members, problem: problem) }
        #expect(r.isComplete && r.vendorExitLevel != nil)
    }

    @Test("Each answer of GLPK other than a verified optimum maps to a failure that names it", arguments: [
        TerminationReason.timeLimit, .iterationLimit, .numericalFailure, .infeasible, .unbounded, .stopped,
    ])
    func statusMapping(termination: TerminationReason) {
        func answer(_ termination: TerminationReason, _ value: Double?) -> Solution {
            Solution(termination: termination, primalStatus: value == nil ? .noSolution : .feasiblePoint, objectiveValue: value, bestBound: nil,
                     relativeGap: nil, values: [], constraintDuals: nil, reducedCosts: nil, constraintActivities: [], solveSeconds: 0,
                     raw: RawSolverStatus(solver: "GLPK", routine: "glp_exact", returnCode: 0, status: 0, meaning: "test"),
                     incumbentSeed: .notGiven, log: nil)
        }
        #expect(RecourseCoverage.level(.success(answer(termination, 0.4))) == .failure(RecourseCoverage.Unsolved(
            reason: "GLPK did not solve the recourse LP: it ended with \(termination.rawValue)")))
        #expect(RecourseCoverage.level(.success(answer(.optimal, 0.4))) == .success(0.4))
        #expect(RecourseCoverage.level(.success(answer(.optimal, nil))) == .failure(RecourseCoverage.Unsolved(
            reason: "GLPK did not solve the recourse LP: it ended with optimal")))
        #expect(RecourseCoverage.level(.success(answer(.optimal, 1.0000001))) == .success(1))
    }
}

/// Counts calls across the solver closure (which must be `@Sendable`).
private final class Counter: @unchecked Sendable {
    private var count = 0
    private let lock = NSLock()
    /// The count after this call.
    @discardableResult func add() -> Int { lock.lock(); defer { lock.unlock() }; count += 1; return count }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
