import Benchmark
import PartnerMatch
import PoolFixtures

/// A what-if budget sweep (pruning once, then one solve per budget, in parallel) over five budgets.
let benchmarks: @Sendable () -> Void = {
    // 1M vendors: pruning leaves a few thousand candidates and each of the five solves takes seconds.
    for size in PoolFixtures.sizes where size <= 100_000 {
        Benchmark("budget sweep ×5 \(size) vendors", configuration: PoolFixtures.configuration(size, maxSeconds: 60)) { benchmark in
            let problem = TeamProblem(scored: PoolFixtures.scored(size))
            let budget = PoolFixtures.scenario.budget
            let budgets = [0.6, 0.8, 1.0, 1.2, 1.5].map { $0 * budget }
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                let analysis = BudgetAnalysis(problem: problem)
                blackHole(try analysis.sweep(budgets).count)
            }
        }
    }
}
