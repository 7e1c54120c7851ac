import Foundation
import Testing

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// `optimize --save-run DIR` and `replay DIR` (docs/RUN-BUNDLES.md).
@Suite struct ReplayCommandTests {
    /// A fresh directory holding copies of the sample vendors and scenario.
    static func workspace() throws -> (dir: URL, vendors: String, scenario: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pm-replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let vendors = dir.appendingPathComponent("vendors.csv").path
        let scenario = dir.appendingPathComponent("scenario.toml").path
        try FileManager.default.copyItem(atPath: repository.appendingPathComponent("datasets/vendors.csv").path, toPath: vendors)
        try FileManager.default.copyItem(atPath: repository.appendingPathComponent("datasets/scenario.toml").path, toPath: scenario)
        return (dir, vendors, scenario)
    }

    static func save(_ w: (dir: URL, vendors: String, scenario: String), extra: [String] = []) -> (run: String, result: (status: Int32, stdout: String, stderr: String)) {
        let run = w.dir.appendingPathComponent("run").path
        let result = CLIRunner.run(["optimize", w.vendors, "--scenario", w.scenario, "--save-run", run] + extra)
        return (run, result)
    }

    @Test func aSavedRunHoldsEveryFileAndReplaysIdentically() throws {
        let w = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: w.dir) }
        let (run, saved) = Self.save(w, extra: ["--format", "json", "--gap", "0"])
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(saved.stderr.contains("saved the run in \(run)"))
        let files = Set(try FileManager.default.subpathsOfDirectory(atPath: run))
        #expect(files == ["inputs", "inputs/vendors.csv", "inputs/scenario.toml", "inputs.json", "settings.json",
                          "scenario.resolved.json", "model.lp", "result.json"])
        // result.json is the command's JSON output.
        #expect(try String(contentsOfFile: run + "/result.json", encoding: .utf8) == saved.stdout)
        let inputs = try String(contentsOfFile: run + "/inputs.json", encoding: .utf8)
        #expect(inputs.contains("\"sha256\": \""))
        #expect(inputs.contains("\"path\": \"\(w.vendors)\""))
        let settings = try String(contentsOfFile: run + "/settings.json", encoding: .utf8)
        #expect(settings.contains("\"command\": \"optimize\""))
        #expect(settings.contains("\"glpk_version\": \""))
        #expect(try String(contentsOfFile: run + "/model.lp", encoding: .utf8).contains("Subject To"))

        let replay = CLIRunner.run(["replay", run])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout.hasPrefix("identical: "))
        // The inputs' own warnings are printed again (as by optimize); nothing about changed files.
        #expect(!replay.stderr.contains("since the run was saved"))
        #expect(!replay.stderr.contains("error"))
    }

    @Test func theResolvedScenarioIsAScenarioFileThatRuns() throws {
        let w = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: w.dir) }
        let (run, saved) = Self.save(w, extra: ["--format", "json"])
        #expect(saved.status == 0, "\(saved.stderr)")
        let again = CLIRunner.run(["optimize", w.vendors, "--scenario", run + "/scenario.resolved.json", "--format", "json"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == saved.stdout)
    }

    @Test func aChangedResultIsReportedWithExitCode4() throws {
        let w = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: w.dir) }
        let (run, saved) = Self.save(w)
        #expect(saved.status == 0, "\(saved.stderr)")
        let path = run + "/result.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "\"status\" : \"optimal\"", with: "\"status\" : \"feasible\"")
            .replacingOccurrences(of: "\"status\": \"optimal\"", with: "\"status\": \"feasible\"")
            .write(toFile: path, atomically: false, encoding: .utf8)
        let replay = CLIRunner.run(["replay", run])
        #expect(replay.status == 4)
        #expect(replay.stdout.hasPrefix("different: the replayed result differs from \(path)"))
        #expect(replay.stdout.contains("feasible"))
    }

    @Test func changedOriginalsAreWarnedAboutAndTheCopiesReplayed() throws {
        let w = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: w.dir) }
        let (run, saved) = Self.save(w)
        #expect(saved.status == 0, "\(saved.stderr)")
        try "budget changed\n".write(toFile: w.scenario, atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(atPath: w.vendors)
        let replay = CLIRunner.run(["replay", run])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stderr.contains("warning: the vendors file '"))
        #expect(replay.stderr.contains("vendors.csv' is gone since the run was saved; replaying from the bundle's copy"))
        #expect(replay.stderr.contains("scenario.toml' has changed ("))
    }

    @Test func aDamagedCopyIsADataError() throws {
        let w = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: w.dir) }
        let (run, saved) = Self.save(w)
        #expect(saved.status == 0, "\(saved.stderr)")
        try "v1\n".write(toFile: run + "/inputs/vendors.csv", atomically: false, encoding: .utf8)
        let replay = CLIRunner.run(["replay", run])
        #expect(replay.status == 65)
        #expect(replay.stderr.contains("does not match its recorded SHA-256; the bundle was changed"))
    }

    @Test func aDirectoryThatIsNoBundleCannotBeRead() throws {
        let w = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: w.dir) }
        let replay = CLIRunner.run(["replay", w.dir.path])
        #expect(replay.status == 66)
        #expect(replay.stderr.contains("not a run bundle"))
    }

    @Test func savingIntoANonEmptyDirectoryIsRefused() throws {
        let w = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: w.dir) }
        let result = CLIRunner.run(["optimize", w.vendors, "--scenario", w.scenario, "--save-run", w.dir.path])
        #expect(result.status == 73)
        #expect(result.stderr.contains("error: --save-run: '\(w.dir.path)' is not empty; choose a new directory for the run"))
    }

    @Test func aBudgetSweepIsSavedAndReplaysIdentically() throws {
        let w = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: w.dir) }
        let run = w.dir.appendingPathComponent("sweep").path
        let saved = CLIRunner.run(["scenarios", w.vendors, "--scenario", w.scenario, "--budgets", "400k...900k/250k",
                                   "--format", "json", "--quiet", "--save-run", run])
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(try String(contentsOfFile: run + "/result.json", encoding: .utf8) == saved.stdout)
        let settings = try String(contentsOfFile: run + "/settings.json", encoding: .utf8)
        #expect(settings.contains("\"command\": \"scenarios\""))
        #expect(settings.contains("\"400k...900k/250k\""))
        let replay = CLIRunner.run(["replay", run])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout.hasPrefix("identical: "))
    }

    @Test func anInfeasibleRunIsSavedAndReplaysIdentically() throws {
        let w = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: w.dir) }
        let text = try String(contentsOfFile: w.scenario, encoding: .utf8)
        try text.replacingOccurrences(of: "total = 650_000", with: "total = 1_000")
            .write(toFile: w.scenario, atomically: false, encoding: .utf8)
        let (run, saved) = Self.save(w)
        #expect(saved.status == 2, "\(saved.stderr)")
        let replay = CLIRunner.run(["replay", run])
        #expect(replay.status == 0, "\(replay.stderr)")
    }
}
