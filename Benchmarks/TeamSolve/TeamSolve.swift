import Benchmark
import PartnerMatch
import PoolFixtures

/// The whole team pipeline: read the CSV, score, prune, build and solve the MILP to optimality.
let benchmarks: @Sendable () -> Void = {
    for size in PoolFixtures.sizes {
        Benchmark("read+score+prune+solve \(size) vendors", configuration: PoolFixtures.configuration(size, maxSeconds: 60)) { benchmark in
            let path = PoolFixtures.csv(size)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                let pool = try VendorCSVReader.read(path: path).pool
                let problem = TeamProblem(scored: ScoredPool(pool: pool, scenario: PoolFixtures.scenario))
                let team = try TeamOptimizer().solve(problem)
                precondition(team.status == .optimal, "\(size) vendors: \(team.status)")
                blackHole(team.objective)
            }
        }
        Benchmark("prune \(size) vendors", configuration: PoolFixtures.configuration(size)) { benchmark in
            let problem = TeamProblem(scored: PoolFixtures.scored(size))
            let optimizer = TeamOptimizer()
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(optimizer.pruned(problem).1.after)
            }
        }
    }
}
