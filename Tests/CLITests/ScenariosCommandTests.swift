import Foundation
import Testing

/// A scratch directory with a generated pool and scenario files, removed at the end.
private final class SweepFixture: @unchecked Sendable {
    let url: URL
    let vendors: String
    let scenario: String

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("pm-scenarios-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        vendors = url.appendingPathComponent("vendors.csv").path
        scenario = url.appendingPathComponent("scenario.toml").path
        let generated = CLIRunner.run(["generate", "--vendors", "300", "--seed", "7", "--out", vendors])
        #expect(generated.status == 0, "\(generated.stderr)")
        let initialised = CLIRunner.run(["init", "--out", scenario])
        #expect(initialised.status == 0, "\(initialised.stderr)")
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// A copy of the template scenario with another name and budget.
    func scenario(named name: String, budget: String, file: String) throws -> String {
        let text = try String(contentsOfFile: scenario, encoding: .utf8)
            .replacingOccurrences(of: "name = \"Mobile app rebuild\"", with: "name = \"\(name)\"")
            .replacingOccurrences(of: "total = 1_250_000", with: "total = \(budget)")
        let target = path(file)
        try Data(text.utf8).write(to: URL(fileURLWithPath: target))
        return target
    }
}

private func object(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

@Suite("partner-match scenarios and compare")
struct ScenariosCommandTests {
    @Test("JSON output has the keys of docs/MODEL.md")
    func jsonKeys() throws {
        let fixture = try SweepFixture()
        let result = CLIRunner.run(["scenarios", fixture.vendors, "--scenario", fixture.scenario,
                                    "--budgets", "300k...500k/50k", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try object(result.stdout)
        for key in ["points", "min_budget", "saturation_budget", "breakpoints", "tolerance"] {
            #expect(json[key] != nil, "missing key \(key)")
        }
        let points = try #require(json["points"] as? [[String: Any]])
        #expect(points.count == 5)
        #expect(points.compactMap { $0["budget"] as? Double } == [300_000, 350_000, 400_000, 450_000, 500_000])
        for point in points {
            for key in ["budget", "status", "objective", "total_cost", "team", "mean_utility"] {
                #expect(point[key] != nil, "a point lacks \(key)")
            }
        }
        #expect(points.first?["status"] as? String == "infeasible")
        #expect(points.last?["status"] as? String == "optimal")
        #expect((points.last?["team"] as? [String])?.isEmpty == false)
        let breakpoints = try #require(json["breakpoints"] as? [[String: Any]])
        #expect(!breakpoints.isEmpty)
        for b in breakpoints {
            for key in ["budget", "before", "after"] { #expect(b[key] != nil, "a breakpoint lacks \(key)") }
        }
        #expect(json["tolerance"] as? Double == 200, "default: 0.1% of the 200,000 range")
        let minimum = try #require(json["min_budget"] as? Double)
        let saturation = try #require(json["saturation_budget"] as? Double)
        #expect(minimum > 300_000 && minimum <= saturation)
    }

    @Test("A parallel run prints the same bytes as --sequential, in every format, and draws the same chart")
    func parallelEqualsSequential() throws {
        let fixture = try SweepFixture()
        for format in ["json", "table", "csv", "markdown"] {
            let base = ["scenarios", fixture.vendors, "--scenario", fixture.scenario, "--budgets", "380k...440k/5k",
                        "--format", format]
            let parallel = CLIRunner.run(base + ["--plot", fixture.path("p-\(format).svg")])
            let sequential = CLIRunner.run(base + ["--plot", fixture.path("s-\(format).svg"), "--sequential"])
            #expect(parallel.status == 0 && sequential.status == 0, "\(parallel.stderr)\(sequential.stderr)")
            #expect(!parallel.stdout.isEmpty)
            #expect(parallel.stdout == sequential.stdout, "format \(format)")
            #expect(parallel.stderr == "", "no progress bar when standard error is not a terminal")
            let a = try Data(contentsOf: URL(fileURLWithPath: fixture.path("p-\(format).svg")))
            let b = try Data(contentsOf: URL(fileURLWithPath: fixture.path("s-\(format).svg")))
            #expect(a == b && a.count > 1_000)
        }
    }

    @Test("The table states the minimum and saturation budgets and the bisection tolerance")
    func table() throws {
        let fixture = try SweepFixture()
        let result = CLIRunner.run(["scenarios", fixture.vendors, "--scenario", fixture.scenario,
                                    "--budgets", "300k,450k,0.6M", "--tolerance", "250", "--plot", "/dev/null"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Minimum feasible budget: "))
        #expect(result.stdout.contains("Saturation budget: "))
        #expect(result.stdout.contains("to within 250 USD"))
        #expect(result.stdout.contains("600,000  optimal"))
        let type = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial, "--plot /dev/null writes the device, never renames over it")
    }

    @Test("Bad --budgets and --tolerance values are usage errors", arguments: [
        (["--budgets", "1M...500k/10k"], "runs backwards"),
        (["--budgets", "500k...1M/0"], "STEP of a budget range must be > 0"),
        (["--budgets", "1...2000/1"], "more than the limit of 1000"),
        (["--budgets", "12x"], "unexpected 'x'"),
        (["--budgets", "1M", "--tolerance", "0"], "--tolerance must be > 0"),
    ])
    func usageErrors(arguments: [String], message: String) {
        let result = CLIRunner.run(["scenarios", "vendors.csv", "--scenario", "s.toml"] + arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("compare lists every scenario in the order given, and the vendors common to all teams")
    func compareOrder() throws {
        let fixture = try SweepFixture()
        let files = [
            try fixture.scenario(named: "Zeta", budget: "1_250_000", file: "z.toml"),
            try fixture.scenario(named: "Alpha", budget: "420_000", file: "a.toml"),
            try fixture.scenario(named: "Mid", budget: "1_000", file: "m.toml"),
        ]
        let arguments = ["compare", fixture.vendors] + files.flatMap { ["--scenario", $0] }
        let json = CLIRunner.run(arguments + ["--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let scenarios = try #require(try object(json.stdout)["scenarios"] as? [[String: Any]])
        #expect(scenarios.compactMap { $0["name"] as? String } == ["Zeta", "Alpha", "Mid"])
        #expect(scenarios.compactMap { $0["status"] as? String } == ["optimal", "optimal", "infeasible"])
        #expect(try object(json.stdout)["common_vendors"] is [String])

        let table = CLIRunner.run(arguments + ["--format", "markdown"])   // Markdown: no cell is shortened
        #expect(table.status == 0)
        let rows = table.stdout.split(separator: "\n").map(String.init)
        let z = try #require(rows.firstIndex { $0.contains("Zeta (z.toml)") })
        let a = try #require(rows.firstIndex { $0.contains("Alpha (a.toml)") })
        let m = try #require(rows.firstIndex { $0.contains("Mid (m.toml)") })
        #expect(z < a && a < m)
        #expect(table.stdout.contains("Common to all 2 teams: "))
        #expect(table.stdout.contains("Binding rules"))

        let sequential = CLIRunner.run(arguments + ["--format", "json", "--sequential"])
        #expect(sequential.stdout == json.stdout)
    }

    @Test("compare needs at least two scenarios")
    func compareNeedsTwo() {
        let result = CLIRunner.run(["compare", "vendors.csv", "--scenario", "a.toml"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("at least two --scenario files"))
    }
}
