// swift-tools-version: 6.1
//
// Coverage-guided fuzz targets for partner-match's readers (libFuzzer). A separate package, so the
// main build never depends on the fuzzing flags. Build and run with `scripts/fuzz.sh [SECONDS]`, or:
//
//   swift build --package-path Fuzz -c release \
//       -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
//   Fuzz/.build/release/FuzzVendorCSV Fuzz/corpus/vendors -max_total_time=600
import PackageDescription

let package = Package(
    name: "partner-match-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "partner-match", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "FuzzVendorCSV",
            dependencies: ["FuzzDriver", .product(name: "PartnerMatch", package: "partner-match")]
        ),
        .executableTarget(
            name: "FuzzVendorFormats",
            dependencies: ["FuzzDriver", .product(name: "PartnerMatch", package: "partner-match")]
        ),
        .executableTarget(
            name: "FuzzScenario",
            dependencies: ["FuzzDriver", .product(name: "PartnerMatch", package: "partner-match")]
        ),
        .executableTarget(
            name: "FuzzReplayBundle",
            dependencies: ["FuzzDriver", .product(name: "PartnerMatch", package: "partner-match")]
        ),
        // Runs the built `partner-match` (PM_BINARY) as a child process: no dependency on the package.
        .executableTarget(name: "FuzzCommandLine", dependencies: ["FuzzDriver"]),
        // libFuzzer's entry point, shared by every target.
        .target(name: "FuzzDriver"),
    ]
)
