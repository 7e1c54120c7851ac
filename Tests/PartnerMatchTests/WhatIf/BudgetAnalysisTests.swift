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

    /// Whether `utility` is within `materiality` of `best` (the frontier's rule, written here again).
    private func material(_ utility: Double?, _ best: Double?, _ materiality: Double) -> Bool {
        guard let utility, let best else { return false }
        return utility >= (1 - materiality) * best - 1e-7 * max(1, abs(best))
    }

    @Test("The frontier keeps a materially optimal team at every budget, and its changes chain each interval's ends", arguments: [0.0, 0.001, 0.02])
    func frontierChainsAreConsistent(materiality: Double) throws {
        var changes = 0
        for (seed, analysis) in try feasibleProblems(2200...2240) {
            let base = RandomTeamProblems.make(seed: seed)
            // Brute force (BruteForceTeam, independent of the team model): the best utility of a
            // vendor set, and of the whole pool, at a budget.
            func bruteValue(_ ids: [String], at budget: Double) throws -> Double? {
                var p = base
                p.requirements.budget = budget
                return try BruteForceTeam.subsetOptimum(p, ids.compactMap { id in base.candidates.firstIndex { $0.id == id } })
            }
            func bruteBest(at budget: Double) throws -> Double? {
                var p = base
                p.requirements.budget = budget
                return try BruteForceTeam.optimum(p)
            }
            let minimum = try #require(try analysis.minimumBudget())
            let saturation = try #require(try analysis.saturation())
            let budgets = (0...6).map { minimum * 0.95 + Double($0) * (saturation.budget * 1.05 - minimum * 0.95) / 6 }
            let tolerance = max(1, (budgets.last! - budgets.first!) * 1e-4)
            let optimal = try analysis.sweep(budgets)
            let frontier = try analysis.frontier(optimal, tolerance: tolerance, materiality: materiality, minimumBudget: minimum)
            #expect(frontier.points.map(\.budget) == budgets)
            // Every reported team is feasible at its budget and materially optimal there.
            for (point, best) in zip(frontier.points, optimal) {
                #expect(point.status.hasTeam == best.status.hasTeam, "seed \(seed)")
                guard point.status.hasTeam else { continue }
                #expect(material(point.team.objective, best.team.objective, materiality), "seed \(seed) at \(point.budget)")
                #expect(material(try bruteValue(point.vendorSet, at: point.budget), try bruteBest(at: point.budget), materiality),
                        "seed \(seed) at \(point.budget): not materially optimal by brute force")
                // Within the budget, to the half cent (docs/MODEL.md, "Money to the cent").
                #expect((point.team.totalCost ?? .infinity) <= point.budget + 0.005, "seed \(seed)")
            }
            // Inside each interval the changes lead from its left team to its right team.
            for i in budgets.indices {
                let low = i == 0 ? -Double.infinity : budgets[i - 1]
                let inside = frontier.changes.filter { $0.budget > low && $0.budget <= budgets[i] }
                var team: [String]? = i == 0 ? nil : (frontier.points[i - 1].status.hasTeam ? frontier.points[i - 1].vendorSet : nil)
                if i == 0, frontier.points[0].status.hasTeam { team = frontier.points[0].vendorSet }
                for change in inside {
                    #expect((change.feasibleBefore ? change.before : nil) == team, "seed \(seed): chain broken at \(change.budget)")
                    team = change.after
                }
                if frontier.points[i].status.hasTeam { #expect(team == frontier.points[i].vendorSet, "seed \(seed) at \(budgets[i])") }
            }
            // Each change: the old team was material at `lastBefore` and is not at `budget`; located to the tolerance.
            for change in frontier.changes {
                changes += 1
                #expect(change.budget - change.lastBefore <= tolerance + 1e-9 || !change.feasibleBefore, "seed \(seed)")
                #expect(change.before != change.after, "seed \(seed)")
                guard change.feasibleBefore else {
                    #expect(abs(change.budget - minimum) <= 1e-6 * minimum, "seed \(seed): the first team forms at the minimum budget")
                    continue
                }
                let best = try analysis.solve(at: change.budget)
                #expect(best.vendorSet == change.after, "seed \(seed)")
                // By brute force: the old team is material where it was kept and not where it was left.
                #expect(material(try bruteValue(change.before, at: change.lastBefore), try bruteBest(at: change.lastBefore), materiality),
                        "seed \(seed): left before it stopped being material")
                #expect(!material(try bruteValue(change.before, at: change.budget), try bruteBest(at: change.budget), materiality),
                        "seed \(seed): left while still material")
                let gain = try #require(change.utilityGain)
                #expect(gain > materiality * (best.objective ?? 0) - 1e-7 * max(1, best.objective ?? 0), "seed \(seed): a change for a gain within materiality")
            }
        }
        #expect(changes > 10, "the cases must contain changes to test")
    }

    @Test("Budgets at which two teams tie report no change between them")
    func tiesAreNotChanges() throws {
        // A and B are interchangeable (same utility, rate, capacity): whichever the solver returns,
        // the sweep must keep the first team instead of flipping between them.
        let cost = 50.0 * 1920
        let candidates = ["A", "B"].enumerated().map { k, id in
            TeamCandidate(id: id, poolIndex: k, utility: 0.8, hourlyRate: 50, costPerFTE: cost,
                          capacityFTE: 4, maxFTE: 4, minimumFTE: 0.5, overlapHours: 6, skills: [0])
        }
        let analysis = BudgetAnalysis(problem: TeamProblem(candidates: candidates, requirements: TeamRequirements(
            skills: [.init(name: "backend", demand: 2)], budget: nil, maxVendors: 1, growth: 0)))
        let budgets = (0..<20).map { 2 * cost + Double($0) * 1000 }
        let frontier = try analysis.frontier(try analysis.sweep(budgets), tolerance: 1, materiality: 0.001, minimumBudget: 2 * cost)
        #expect(frontier.changes.isEmpty)
        #expect(Set(frontier.points.map(\.vendorSet)).count == 1)
    }

    @Test("A tolerance far below the budgets' floating-point resolution ends instead of recursing without bound")
    func tinyToleranceTerminates() throws {
        for (_, analysis) in try feasibleProblems(2250...2255) {
            let minimum = try #require(try analysis.minimumBudget())
            let saturation = try #require(try analysis.saturation())
            let budgets = [minimum * 0.9, (minimum + saturation.budget) / 2, saturation.budget * 1.1]
            let frontier = try analysis.frontier(try analysis.sweep(budgets), tolerance: 1e-11, materiality: 0, minimumBudget: minimum)
            #expect(frontier.points.count == 3)
        }
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
