// swift-tools-version: 6.1
//
// Benchmarks of partner-match with ordo-one's package-benchmark, in a package of their own so the
// library never depends on the harness (the main package has no dependency on this one).
// From the repository root:
//   swift package --package-path Benchmarks benchmark list
//   swift package --package-path Benchmarks benchmark --target TeamSolve
// Sizes: 100, 1k, 10k, 100k and 1M vendors; PM_BENCH_MAX_VENDORS=10000 stops earlier.
import PackageDescription

/// One executable target per suite, in `Benchmarks/<Suite>/<Suite>.swift`.
let suites = ["Reading", "Scoring", "TeamSolve", "Sweep"]

let package = Package(
    name: "partner-match-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        // Named, so the identity does not depend on the checkout's directory name.
        .package(name: "partner-match", path: ".."),
        // The repository was renamed from package-benchmark; the plugin warns about the old identity.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Generated pools and CSV files shared by the suites (built outside the measurements).
        .target(
            name: "PoolFixtures",
            dependencies: [
                .product(name: "PartnerMatch", package: "partner-match"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "PoolFixtures"
        ),
    ] + suites.map { suite in
        .executableTarget(
            name: suite,
            dependencies: [
                "PoolFixtures",
                .product(name: "PartnerMatch", package: "partner-match"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: suite,
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    }
)
