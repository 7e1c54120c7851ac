import Foundation
import Testing

/// Amounts on the command line and in scenarios (`Amount`), and the bad input of `scenarios`:
/// located message, exit 64 or 65, nothing written.
@Suite("scenarios: amounts and bad input")
struct AmountInputTests {
    /// A scratch directory with a small generated pool and the `init` scenario.
    final class Scratch: @unchecked Sendable {
        let url: URL
        let vendors: String
        let scenario: String

        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("pm-amounts-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            vendors = url.appendingPathComponent("vendors.csv").path
            scenario = url.appendingPathComponent("scenario.toml").path
            #expect(CLIRunner.run(["generate", "--vendors", "120", "--seed", "3", "--out", vendors]).status == 0)
            #expect(CLIRunner.run(["init", "--out", scenario]).status == 0)
        }

        deinit { try? FileManager.default.removeItem(at: url) }

        func path(_ name: String) -> String { url.appendingPathComponent(name).path }

        /// The template scenario with `lines` appended (e.g. a `[what_if]` table).
        func scenario(appending lines: String, file: String) throws -> String {
            let text = try String(contentsOfFile: scenario, encoding: .utf8) + "\n" + lines + "\n"
            let target = path(file)
            try Data(text.utf8).write(to: URL(fileURLWithPath: target))
            return target
        }

        /// The files in the scratch directory.
        func files() throws -> Set<String> { Set(try FileManager.default.contentsOfDirectory(atPath: url.path)) }
    }

    @Test("--tolerance takes amounts like --budgets: 25k, 1.2m and 1_500 are accepted and stated")
    func toleranceAmounts() throws {
        let s = try Scratch()
        for (text, stated) in [("25k", "25,000"), ("0.0012m", "1,200"), ("1_500", "1,500")] {
            let result = CLIRunner.run(["scenarios", s.vendors, "--scenario", s.scenario, "--budgets", "300k..700k/200k",
                                        "--tolerance", text, "--quiet"])
            #expect(result.status == 0, "\(text): \(result.stderr)")
            #expect(result.stdout.contains("to within \(stated) "), "\(text): \(result.stdout)")
            #expect(result.stdout.contains("700,000"), "300k..700k/200k includes TO")
        }
    }

    @Test("what_if.tolerance as a string amount is read by the same parser")
    func scenarioToleranceString() throws {
        let s = try Scratch()
        let scenario = try s.scenario(appending: "[what_if]\ntolerance = \"2.5k\"", file: "t.toml")
        let result = CLIRunner.run(["scenarios", s.vendors, "--scenario", scenario, "--budgets", "300k,500k", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["tolerance"] as? Double == 2_500)
    }

    @Test("Bad scenarios options are usage errors naming the option, and nothing is written", arguments: [
        (["--budgets", ""], "--budgets is empty"),
        (["--budgets", "  "], "--budgets is empty"),
        (["--budgets", "800k,,1M"], "budget 2 of the list is empty"),
        (["--budgets", "1M...500k/10k"], "runs backwards"),
        (["--budgets", "1M..500k/10k"], "runs backwards"),
        (["--budgets", "300k..<700k/50k"], "'..<' is not a budget range"),
        (["--budgets", "1M", "--tolerance", "0"], "--tolerance must be > 0"),
        (["--budgets", "1M", "--tolerance", "0k"], "--tolerance must be > 0"),
        (["--budgets", "1M", "--tolerance=-5"], "cannot read --tolerance '-5': unexpected '-'"),
        (["--budgets", "1M", "--tolerance", "abc"], "cannot read --tolerance 'abc': unexpected 'a'"),
        (["--budgets", "1M", "--tolerance", "nan"], "cannot read --tolerance 'nan'"),
        (["--budgets", "1M", "--tolerance", "1e3"], "unexpected 'e'"),
        (["--budgets", "1M", "--materiality=-0.1"], "--materiality: expected a share in (0, 1)"),
        (["--budgets", "1M", "--materiality", "1"], "--materiality: expected a share in (0, 1)"),
        (["--budgets", "1M", "--materiality", "0"], "--materiality: expected a share in (0, 1)"),
        (["--budgets", "1M", "--materiality", "nan"], "--materiality: expected a share in (0, 1)"),
        (["--budgets", "1M", "--materiality", "lots"], "--materiality"),
        (["--budgets", "1M", "--plot", "SCRATCH/chart.png"], "/chart.png: expected a file name ending in .svg, found '.png'"),
        (["--budgets", "1M", "--plot", "SCRATCH/chart"], "found no extension"),
        (["--budgets", "1M", "--plot", "SCRATCH/chart.svg.pdf"], "found '.pdf'"),
        (["--budgets", "1M", "--plot", "SCRATCH/.svg"], "expected a file name ending in .svg"),
    ])
    func usageErrors(arguments: [String], message: String) throws {
        let s = try Scratch()
        let before = try s.files()
        let arguments = arguments.map { $0.replacingOccurrences(of: "SCRATCH/", with: s.url.path + "/") }
        let result = CLIRunner.run(["scenarios", s.vendors, "--scenario", s.scenario] + arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try s.files() == before, "nothing written")
    }

    @Test("--plot accepts .svg in any case and writes SVG")
    func plotSVG() throws {
        let s = try Scratch()
        let target = s.path("chart.SVG")
        let result = CLIRunner.run(["scenarios", s.vendors, "--scenario", s.scenario, "--budgets", "300k,500k", "--plot", target, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("<svg "))
    }

    @Test("Bad what_if amounts in the scenario are data errors located in the file", arguments: [
        ("tolerance = 0", "what_if.tolerance must be > 0, found 0"),
        ("tolerance = -3", "what_if.tolerance must be > 0"),
        ("tolerance = \"25q\"", "what_if.tolerance must be a number, found \"25q\" (a string is read as an amount such as \"25k\" or \"1.2M\": unexpected 'q')"),
        ("tolerance = \"0k\"", "what_if.tolerance must be > 0"),
        ("tolerance = true", "what_if.tolerance must be a number"),
        ("materiality = -0.01", "what_if.materiality must be in (0, 1)"),
        ("materiality = 0", "what_if.materiality must be in (0, 1)"),
        ("materiality = \"0.1%\"", "what_if.materiality must be a number"),
    ])
    func scenarioErrors(line: String, message: String) throws {
        let s = try Scratch()
        let scenario = try s.scenario(appending: "[what_if]\n" + line, file: "bad.toml")
        let lineNumber = try String(contentsOfFile: scenario, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).count - 1
        let plot = s.path("chart.svg")
        let result = CLIRunner.run(["scenarios", s.vendors, "--scenario", scenario, "--budgets", "300k,500k", "--plot", plot])
        #expect(result.status == 65, "\(line): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(line): \(result.stderr)")
        #expect(result.stderr.contains("bad.toml:\(lineNumber):"), "located at the line: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: plot), "nothing written")
    }
}
