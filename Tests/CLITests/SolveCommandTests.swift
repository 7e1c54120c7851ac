import Foundation
import Testing

/// `partner-match solve`, run as a user runs it.
@Suite("solve command")
struct SolveCommandTests {
    /// The MPS corpus of the solver tests.
    static func corpus(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("GLPKSolverTests/Fixtures/mps/\(name).mps").path
    }

    @Test("An optimal LP prints its termination, status, objective and GLPK's codes, and exits 0")
    func optimalLP() {
        let result = CLIRunner.run(["solve", Self.corpus("afiro")])
        #expect(result.status == 0)
        #expect(result.stdout.contains("termination:  optimal"))
        #expect(result.stdout.contains("primal:       feasiblePoint"))
        #expect(result.stdout.contains("objective:    -464.7531428571"))
        #expect(result.stdout.contains("glpk:         glp_simplex: 0 (success) / GLP_OPT"))
        #expect(result.stdout.contains("afiro (27 rows, 32 columns, 0 integer)"))
        #expect(result.stderr.isEmpty)
    }

    @Test("An infeasible model exits 2", arguments: [[], ["--no-presolve"]])
    func infeasible(extra: [String]) {
        let result = CLIRunner.run(["solve", Self.corpus("galenet")] + extra)
        #expect(result.status == 2)
        #expect(result.stdout.contains("termination:  infeasible"))
        #expect(result.stdout.contains("primal:       noSolution"))
    }

    @Test("A time limit without a feasible point exits 3")
    func timeLimitWithoutSolution() {
        let result = CLIRunner.run(["solve", Self.corpus("sp150x300d"), "--time-limit", "1"])
        #expect(result.status == 3)
        #expect(result.stdout.contains("termination:  timeLimit"))
        #expect(result.stdout.contains("GLP_ETMLIM"))
    }

    @Test("An unreadable model exits 66 naming the file and line", arguments: ["sctest", "does-not-exist"])
    func unreadable(name: String) {
        let result = CLIRunner.run(["solve", Self.corpus(name)])
        #expect(result.status == 66)
        #expect(result.stderr.contains("\(name).mps"))
        #expect(result.stdout.isEmpty)
        if name == "sctest" { #expect(result.stderr.contains("sctest.mps:15:")) }
    }

    @Test("A MIP with solver flags and --values --format json prints a JSON report with the nonzero values")
    func jsonWithValues() throws {
        let result = CLIRunner.run(["solve", Self.corpus("flugpl"), "--format", "json", "--values",
                                    "--cuts", "gomory,mir", "--branching", "hybrid-pseudocost",
                                    "--backtracking", "depth-first", "--gap", "0"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let document = try #require(object)
        #expect(document["termination"] as? String == "optimal")
        #expect(document["primal_status"] as? String == "feasiblePoint")
        #expect(document["objective"] as? Double == 1_201_500)
        #expect(document["integer_columns"] as? Int == 11)
        let raw = try #require(document["raw"] as? [String: Any])
        #expect(raw["routine"] as? String == "glp_intopt")
        let values = try #require(document["values"] as? [String: Double])
        #expect(values["ANM1"] == 6)
        #expect(!values.values.contains(0))
    }

    @Test("A relative gap stops a MIP early with a feasible point and exits 0")
    func gap() {
        let result = CLIRunner.run(["solve", Self.corpus("dcmulti"), "--gap", "0.01"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("termination:  gapLimit"))
    }

    @Test("--log echoes GLPK's log to standard error only")
    func log() {
        let result = CLIRunner.run(["solve", Self.corpus("afiro"), "--log", "--no-presolve"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("obj ="))
        #expect(!result.stdout.contains("obj ="))
    }

    @Test("--write writes the model with its names, and the written file solves to the same optimum", arguments: ["lp", "mps"])
    func writeAndResolve(fileExtension: String) throws {
        let path = NSTemporaryDirectory() + "partner-match-solve-\(UUID().uuidString).\(fileExtension)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = CLIRunner.run(["solve", Self.corpus("e226"), "--write", path])
        #expect(first.status == 0)
        // e226 has an objective constant (−7.113) that the written file must keep.
        let second = CLIRunner.run(["solve", path])
        #expect(second.status == 0)
        #expect(second.stdout.contains("objective:    -25.86492906"))
        // afiro's names are valid in both formats and must appear as written.
        #expect(CLIRunner.run(["solve", Self.corpus("afiro"), "--write", path]).status == 0)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for name in ["X01", "X39", "R09", "X48"] { #expect(text.contains(name), "\(name) missing") }
        #expect(CLIRunner.run(["solve", path]).stdout.contains("objective:    -464.7531428571"))
    }

    @Test("A --write file that cannot be created exits 73")
    func writeFailure() {
        let result = CLIRunner.run(["solve", Self.corpus("afiro"), "--write", "/nonexistent-directory/afiro.lp"])
        #expect(result.status == 73)
        #expect(result.stderr.contains("/nonexistent-directory/afiro.lp"))
    }

    @Test("Bad solver flags are usage errors that name the flag",
          arguments: [(["--cuts", "gomory,bogus"], "bogus"), (["--time-limit", "-1"], "--time-limit"),
                      (["--gap", "nan"], "--gap"), (["--branching", "random"], "branching")])
    func badFlags(flags: [String], named: String) {
        let result = CLIRunner.run(["solve", Self.corpus("afiro")] + flags)
        #expect(result.status == 64)
        #expect(result.stderr.contains(named))
    }

    @Test("The help lists every solver flag with its explanation")
    func help() {
        let result = CLIRunner.run(["solve", "--help"])
        #expect(result.status == 0)
        for flag in ["--time-limit", "--gap", "--no-presolve", "--cuts", "--branching", "--backtracking",
                     "--feasibility-pump", "--proximity-search", "--solver-log", "--export-model", "--format", "--values"] {
            #expect(result.stdout.contains(flag), "\(flag) missing from --help")
        }
    }
}
