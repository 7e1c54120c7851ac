import Benchmark
import PartnerMatch
import PoolFixtures

/// Reading and validating vendor CSV files of generated pools.
let benchmarks: @Sendable () -> Void = {
    for size in PoolFixtures.sizes {
        Benchmark("CSV read+validate \(size) vendors", configuration: PoolFixtures.configuration(size)) { benchmark in
            let path = PoolFixtures.csv(size)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try VendorCSVReader.read(path: path).pool.count)
            }
        }
    }
}
