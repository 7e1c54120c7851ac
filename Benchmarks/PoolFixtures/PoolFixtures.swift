import Benchmark
import Foundation
import PartnerMatch

/// Generated vendor pools for the suites: the same seed and sizes everywhere, built once per process
/// and outside every measurement; CSV files are written under the temporary directory and reused.
public enum PoolFixtures {
    /// 100, 1k, 10k, 100k and 1M vendors, capped by `PM_BENCH_MAX_VENDORS` when set.
    public static let sizes: [Int] = {
        let all = [100, 1_000, 10_000, 100_000, 1_000_000]
        guard let text = ProcessInfo.processInfo.environment["PM_BENCH_MAX_VENDORS"], let cap = Int(text) else { return all }
        return all.filter { $0 <= cap }
    }()

    public static let seed: UInt64 = 1

    /// The scaling study's scenario (docs/MODEL.md's example without the ISO27001 requirement).
    public static let scenario = ScalingStudy.defaultScenario

    /// The pool of `vendors` rows, in memory.
    public static func pool(_ vendors: Int) -> VendorPool { cache.pool(vendors) }

    /// The pool scored against `scenario`.
    public static func scored(_ vendors: Int) -> ScoredPool { cache.scored(vendors) }

    /// The path of the pool's CSV file (written on first use).
    public static func csv(_ vendors: Int) -> String { cache.csv(vendors) }

    /// Few iterations for large pools; the metrics that matter at scale.
    public static func configuration(_ vendors: Int, maxSeconds: Int = 20) -> Benchmark.Configuration {
        .init(
            metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal, .instructions],
            warmupIterations: vendors >= 100_000 ? 0 : 1,
            maxDuration: .seconds(maxSeconds),
            maxIterations: vendors >= 100_000 ? 3 : 10
        )
    }

    /// Thread-safe memo of pools, scored pools and files.
    private final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var pools: [Int: VendorPool] = [:]
        private var scoredPools: [Int: ScoredPool] = [:]
        private var files: [Int: String] = [:]

        func pool(_ n: Int) -> VendorPool {
            lock.lock(); defer { lock.unlock() }
            if let p = pools[n] { return p }
            let p = PoolGenerator(seed: PoolFixtures.seed).makePool(vendors: n)
            pools[n] = p
            return p
        }

        func scored(_ n: Int) -> ScoredPool {
            let p = pool(n)
            lock.lock(); defer { lock.unlock() }
            if let s = scoredPools[n] { return s }
            let s = ScoredPool(pool: p, scenario: PoolFixtures.scenario)
            scoredPools[n] = s
            return s
        }

        func csv(_ n: Int) -> String {
            lock.lock(); defer { lock.unlock() }
            if let f = files[n] { return f }
            let directory = NSTemporaryDirectory() + "partner-match-bench"
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let path = "\(directory)/pool-\(n)-seed\(PoolFixtures.seed).csv"
            if !FileManager.default.fileExists(atPath: path) {
                var bytes: [UInt8] = []
                PoolGenerator(seed: PoolFixtures.seed).write(vendors: n) { bytes.append(contentsOf: $0) }
                let partial = path + ".partial-\(getpid())"
                guard FileManager.default.createFile(atPath: partial, contents: Data(bytes)),
                      rename(partial, path) == 0 else {
                    fatalError("cannot write the benchmark pool \(path)")
                }
            }
            files[n] = path
            return path
        }
    }

    private static let cache = Cache()
}
