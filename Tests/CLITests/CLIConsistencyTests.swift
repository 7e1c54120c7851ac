import Foundation
import Testing

/// One CLI: the same spellings, prefixes and key styles in every command, old spellings still read,
/// and a suggestion for a mistyped command or a vendor id in the wrong case.
@Suite("CLI consistency")
struct CLIConsistencyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let vendors = root.appendingPathComponent("datasets/vendors.csv").path
    static let scenario = root.appendingPathComponent("datasets/scenario.toml").path
    static let afiro = root.appendingPathComponent("Tests/GLPKSolverTests/Fixtures/mps/afiro.mps").path

    @Test("A mistyped subcommand exits 64 with the command it is closest to", arguments: [
        ("optimise", "optimize"), ("shortlst", "shortlist"), ("Validate", "validate"), ("scenario", "scenarios"),
    ])
    func didYouMeanCommand(typed: String, meant: String) {
        let result = CLIRunner.run([typed, Self.vendors])
        #expect(result.status == 64)
        #expect(result.stderr.contains("error: unknown command '\(typed)'; did you mean '\(meant)'?"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("A word far from every command lists the commands instead of guessing")
    func unknownCommandListsCommands() {
        let result = CLIRunner.run(["frobnicate"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("error: unknown command 'frobnicate'; the commands are validate, generate, shortlist, optimize"))
        #expect(!result.stderr.contains("did you mean"))
    }

    @Test("explain with a vendor id in the wrong case exits 64 and names the id that exists")
    func didYouMeanVendorID() {
        let result = CLIRunner.run(["explain", Self.vendors, "--scenario", Self.scenario, "v001"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("error: no vendor with id 'v001' in \(Self.vendors); did you mean 'V001'?"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("--format text is still read as table by validate and solve, and the help offers table", arguments: ["validate", "solve"])
    func textIsAHiddenAliasOfTable(command: String) {
        let input = command == "solve" ? Self.afiro : Self.vendors
        let asText = CLIRunner.run([command, input, "--format", "text"])
        let asTable = CLIRunner.run([command, input, "--format", "table"])
        #expect(asText.status == 0)
        // The same report but for the solve time, which differs from run to run.
        func timeless(_ text: String) -> [Substring] { text.split(separator: "\n").filter { !$0.hasPrefix("time:") } }
        #expect(timeless(asText.stdout) == timeless(asTable.stdout))
        #expect(!asTable.stdout.isEmpty)
        let help = CLIRunner.run([command, "--help"], environment: ["COLUMNS": "200"])
        #expect(help.stdout.contains("Output format: table or json."))
        #expect(!help.stdout.contains("text or json") && !help.stdout.contains("table, text"))
    }

    @Test("Every listing command's --format help is the same sentence", arguments: ["shortlist", "optimize", "scenarios", "compare", "bench"])
    func formatHelpIsShared(command: String) {
        let help = CLIRunner.run([command, "--help"], environment: ["COLUMNS": "200"])
        #expect(help.stdout.contains("--format <format>") && help.stdout.contains("Output format: table, csv, json, markdown or xlsx."))
    }

    @Test("explain offers only the formats it prints, and refuses csv at parse time with exit 64")
    func explainFormats() {
        let help = CLIRunner.run(["explain", "--help"], environment: ["COLUMNS": "200"])
        #expect(help.stdout.contains("Output format: table or json."))
        let csv = CLIRunner.run(["explain", Self.vendors, "--scenario", Self.scenario, "V001", "--format", "csv"])
        #expect(csv.status == 64)
        #expect(csv.stderr.contains("'csv'"))
    }

    @Test("solve --solver-log echoes GLPK's log; --log is kept as a hidden alias", arguments: ["--solver-log", "--log"])
    func solverLog(flag: String) {
        let result = CLIRunner.run(["solve", Self.afiro, flag, "--no-presolve"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("obj ="))
        let help = CLIRunner.run(["solve", "--help"], environment: ["COLUMNS": "200"])
        #expect(help.stdout.contains("--solver-log"))
        #expect(!help.stdout.contains("--log "))
    }

    @Test("solve's JSON keys are snake_case like every other command's")
    func solveJSONIsSnakeCase() throws {
        let result = CLIRunner.run(["solve", Self.afiro, "--format", "json"])
        #expect(result.status == 0)
        let keyPattern = try NSRegularExpression(pattern: "\"([A-Za-z_]+)\":")
        let text = result.stdout
        let keys = keyPattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range(at: 1), in: text)!])
        }
        #expect(keys.contains("primal_status") && keys.contains("integer_columns") && keys.contains("return_code"))
        #expect(keys.allSatisfy { $0 == $0.lowercased() }, "\(keys)")
    }

    @Test("Errors start with 'error:' in every command, usage errors too", arguments: [
        ["solve", "/nonexistent/model.mps"],
        ["explain", "datasets/vendors.csv", "--scenario", "datasets/scenario.toml", "V001", "--format", "csv"],
        ["shortlist", "datasets/vendors.csv", "--scenario", "datasets/scenario.toml", "--top", "-1"],
        ["generate", "--vendors", "5", "--seed", "1", "--out", "/nonexistent-dir/x.csv"],
    ])
    func errorPrefix(arguments: [String]) {
        let result = CLIRunner.run(arguments)
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("error: "), "\(result.stderr)")
        #expect(!result.stderr.contains("partner-match: "))
    }
}
