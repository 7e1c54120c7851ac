import Benchmark
import PartnerMatch
import PoolFixtures

/// Scoring generated pools against the study's scenario, and shortlisting the best 20.
let benchmarks: @Sendable () -> Void = {
    for size in PoolFixtures.sizes {
        Benchmark("score \(size) vendors", configuration: PoolFixtures.configuration(size)) { benchmark in
            let pool = PoolFixtures.pool(size)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(ScoredPool(pool: pool, scenario: PoolFixtures.scenario).eligible.count)
            }
        }
        Benchmark("score+shortlist \(size) vendors", configuration: PoolFixtures.configuration(size)) { benchmark in
            let pool = PoolFixtures.pool(size)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                let scored = ScoredPool(pool: pool, scenario: PoolFixtures.scenario)
                blackHole(Shortlist(scored, limit: 20).order.count)
            }
        }
    }
}
