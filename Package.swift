// swift-tools-version: 6.1
//
// partner-match: a partner-matching optimisation engine.
//
// Layers, from the bottom up (each target may use only the ones above it in this list):
//   CGLPK          the system library libglpk (module map only)
//   CGLPKShim      a small C shim: GLPK's fatal errors trapped with setjmp/longjmp, log capture
//   CMappedFile    a small C module: a read-only file mapping whose vanished pages (the file shrank) read as zeros
//   LinearModel    variables, linear expressions, constraints, models, solutions: no solver, no domain
//   GLPKSolver     solves a LinearModel with GLPK; the only Swift code that calls glp_* functions
//   PartnerMatch   the domain: vendors, scenarios, scoring, the team model, what-if analysis
//   PartnerMatchReports the presentation: tables, CSV, JSON documents, Markdown, HTML, SVG charts
//   PartnerMatchCLI the `partner-match` command: argument parsing and process concerns only
import PackageDescription

let package = Package(
    name: "partner-match",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "partner-match", targets: ["PartnerMatchCLI"]),
        .library(name: "PartnerMatch", targets: ["PartnerMatch"]),
        .library(name: "PartnerMatchReports", targets: ["PartnerMatchReports"]),
        .library(name: "LinearModel", targets: ["LinearModel"]),
        .library(name: "GLPKSolver", targets: ["GLPKSolver"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        // `serve`'s HTTP server (issue 25): FlyingFox, one small package with no dependencies, chosen over
        // Hummingbird and SwiftNIO to keep CI's clean build short (docs/SERVE.md, "Why FlyingFox").
        .package(url: "https://github.com/swhitty/FlyingFox.git", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CGLPK",
            path: "Sources/CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),
        .target(
            name: "CGLPKShim",
            dependencies: ["CGLPK"],
            path: "Sources/CGLPKShim",
            linkerSettings: [.linkedLibrary("glpk")]
        ),
        .target(name: "CMappedFile", path: "Sources/CMappedFile"),
        .target(name: "LinearModel"),
        .target(
            name: "GLPKSolver",
            dependencies: ["LinearModel", "CGLPKShim"]
        ),
        .target(
            name: "PartnerMatch",
            dependencies: [
                "LinearModel",
                "GLPKSolver",
                "CMappedFile",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "PartnerMatchReports",
            dependencies: [
                "PartnerMatch",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(
            name: "PartnerMatchCLI",
            dependencies: [
                "PartnerMatch", "PartnerMatchReports", "GLPKSolver", "LinearModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        // What several test targets share: the directory their files go to.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "LinearModelTests",
            dependencies: ["LinearModel"]
        ),
        .testTarget(
            name: "GLPKSolverTests",
            dependencies: [
                "GLPKSolver", "LinearModel", "CGLPKShim", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "PartnerMatchTests",
            dependencies: [
                "PartnerMatch", "LinearModel", "GLPKSolver", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "PartnerMatchReportsTests",
            dependencies: ["PartnerMatchReports", "PartnerMatch"]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["PartnerMatchCLI", "TestSupport"],
            exclude: ["HelpSnapshots"]
        ),
    ]
)
