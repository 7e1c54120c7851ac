@testable import PartnerMatch
import Testing

@Suite("What-if budget analysis")
struct BudgetAnalysisTests {
    /// Random problems that have a team at some budget.
    private func feasibleProblems(_ seeds: ClosedRange<UInt64>) throws -> [(UInt64, BudgetAnalysis)] {
        try seeds.compactMap { seed in
            let analysis = BudgetAnalysis(problem: RandomTeamProblems.make(seed: seed))
            return try analysis.minimumBudget() == nil ? nil : (seed, analysis)
        }
    }

    @Test("The minimum budget is feasible and a budget just below it is not")
    func minimumBudget() throws {
        let cases = try feasibleProblems(2000...2040)
        #expect(cases.count > 15)
        for (seed, analysis) in cases {
            let minimum = try #require(try analysis.minimumBudget())
            #expect(try analysis.solve(at: minimum * (1 + 1e-9) + 1e-6).status.hasTeam, "seed \(seed)")
            #expect(try analysis.solve(at: minimum - max(1, minimum * 1e-6)).status == .infeasible, "seed \(seed)")
        }
    }

    @Test("The objective never falls along a sweep, and stops rising at the saturation budget")
    func sweepIsMonotone() throws {
        for (seed, analysis) in try feasibleProblems(2100...2130) {
            let minimum = try #require(try analysis.minimumBudget())
            let saturation = try #require(try analysis.saturation())
            #expect(saturation.budget >= minimum - 1e-6 * minimum, "seed \(seed)")
            let budgets = (0...12).map { minimum * 0.9 + Double($0) * (saturation.budget * 1.2 - minimum * 0.9) / 12 }
            let points = try analysis.sweep(budgets)
            var last = -Double.infinity
            for point in points {
                let value = point.team.objective ?? -Double.infinity
                #expect(value >= last - 1e-6, "seed \(seed) at \(point.budget)")
                last = max(last, value)
                if point.budget >= saturation.budget * (1 + 1e-9) {
                    #expect(abs((point.team.objective ?? 0) - saturation.objective) <= 1e-6 * max(1, saturation.objective), "seed \(seed)")
                }
            }
            #expect(try analysis.solve(at: saturation.budget * (1 + 1e-9) + 1e-6).objective.map { abs($0 - saturation.objective) <= 1e-6 * max(1, $0) } == true)
        }
    }

    @Test("At every breakpoint the team differs on its two sides")
    func breakpointsSeparateTeams() throws {
        var total = 0
        for (seed, analysis) in try feasibleProblems(2200...2230) {
            let minimum = try #require(try analysis.minimumBudget())
            let saturation = try #require(try analysis.saturation())
            let budgets = (0...6).map { minimum * 0.95 + Double($0) * (saturation.budget * 1.05 - minimum * 0.95) / 6 }
            let tolerance = max(1, (budgets.last! - budgets.first!) * 1e-4)
            let breakpoints = try analysis.breakpoints(try analysis.sweep(budgets), tolerance: tolerance)
            total += breakpoints.count
            for b in breakpoints {
                #expect(b.budget - b.lastBefore <= tolerance + 1e-9)
                let before = try analysis.solve(at: b.lastBefore), after = try analysis.solve(at: b.budget)
                #expect(before.status.hasTeam == b.feasibleBefore, "seed \(seed)")
                #expect((before.status.hasTeam ? before.vendorSet : nil) != after.vendorSet, "seed \(seed) at \(b.budget)")
                #expect(after.vendorSet == b.after)
            }
        }
        #expect(total > 10, "the cases must contain breakpoints to test")
    }

    @Test("A parallel sweep gives exactly the sequential sweep's results")
    func parallelEqualsSequential() throws {
        for (_, analysis) in try feasibleProblems(2300...2310) {
            let minimum = try #require(try analysis.minimumBudget())
            let budgets = (0..<16).map { minimum * (0.9 + 0.05 * Double($0)) }
            let parallel = try analysis.sweep(budgets, parallel: true)
            let sequential = try analysis.sweep(budgets, parallel: false)
            #expect(parallel.map(\.vendorSet) == sequential.map(\.vendorSet))
            #expect(parallel.map(\.team.objective) == sequential.map(\.team.objective))
            #expect(parallel.map(\.status) == sequential.map(\.status))
        }
    }
}
