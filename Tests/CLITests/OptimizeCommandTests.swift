import Foundation
import TestSupport
import Testing

/// The repository's root, from this file's path (Tests/CLITests/…).
private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let vendors = repository.appendingPathComponent("datasets/vendors.csv").path

/// A scenario for the bundled vendors, written to a temporary file; `budget` varies per test.
private func scenario(budget: String = "1_250_000", extra: String = "") throws -> String {
    let text = """
    name = "CLI test"
    start_date = 2027-01-04
    [client]
    timezone = "Europe/Berlin"
    work_start = "09:00"
    work_end = "17:30"
    [demand]
    backend = 4
    ios = 2
    qa = 1
    [horizon]
    months = 12
    [budget]
    total = \(budget)
    [rules]
    min_overlap_hours = 2.0
    required_certifications = ["ISO27001"]
    max_vendors = 4
    max_share = 0.6
    growth = 1.5
    backups = { backend = 2 }
    team_overlap_hours = 3.0
    fte_step = 0.5
    \(extra)
    """
    let path = TestFiles.directory.appendingPathComponent("pm-cli-\(UUID().uuidString).toml").path
    try text.write(toFile: path, atomically: false, encoding: .utf8)
    return path
}

private func json(_ text: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

@Suite("partner-match optimize")
struct OptimizeCommandTests {
    @Test("The bundled pool gives an optimal team whose JSON has docs/MODEL.md's keys")
    func optimalTeamJSON() throws {
        let result = CLIRunner.run(["optimize", vendors, "--scenario", try scenario(), "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try json(result.stdout)
        #expect(object["status"] as? String == "optimal")
        for key in ["objective", "mean_utility", "total_cost", "gap", "team"] { #expect(object[key] != nil, "missing \(key)") }
        let team = try #require(object["team"] as? [[String: Any]])
        #expect(!team.isEmpty && team.count <= 4)
        var fte = 0.0, cost = 0.0
        for member in team {
            for key in ["id", "fte", "skills", "cost"] { #expect(member[key] != nil, "missing team.\(key)") }
            fte += member["fte"] as? Double ?? 0
            cost += member["cost"] as? Double ?? 0
            // No vendor takes more than 60% of the 7 FTE.
            #expect((member["fte"] as? Double ?? 99) <= 0.6 * 7 + 1e-9)
        }
        #expect(abs(fte - 7) < 1e-9)
        #expect(abs(cost - (object["total_cost"] as? Double ?? -1)) < 1e-3)
        #expect(cost <= 1_250_000 + 1e-6)
    }

    @Test("The same inputs give byte-identical output")
    func deterministic() throws {
        let path = try scenario()
        let a = CLIRunner.run(["optimize", vendors, "--scenario", path, "--format", "json", "--alternatives", "3"])
        let b = CLIRunner.run(["optimize", vendors, "--scenario", path, "--format", "json", "--alternatives", "3"])
        #expect(a.status == 0)
        #expect(a.stdout == b.stdout)
        let c = CLIRunner.run(["optimize", vendors, "--scenario", path])
        let d = CLIRunner.run(["optimize", vendors, "--scenario", path])
        #expect(c.stdout == d.stdout && !c.stdout.isEmpty)
    }

    @Test("An infeasible budget exits 2 and names the budget that would do")
    func infeasibleBudget() throws {
        let path = try scenario(budget: "100_000")
        let table = CLIRunner.run(["optimize", vendors, "--scenario", path])
        #expect(table.status == 2)
        #expect(table.stdout.contains("no team satisfies this scenario"))
        #expect(table.stdout.contains("needs a budget of at least"))
        let result = CLIRunner.run(["optimize", vendors, "--scenario", path, "--format", "json"])
        #expect(result.status == 2)
        let object = try json(result.stdout)
        #expect(object["status"] as? String == "infeasible")
        let relaxations = try #require(object["relaxations"] as? [[String: Any]])
        let budget = try #require(relaxations.first { $0["constraint"] as? String == "budget.total" })
        let needed = try #require(budget["needed"] as? Double)
        #expect(needed > 100_000)
        #expect(budget["message"] is String)
        // The suggested budget works.
        let fixed = CLIRunner.run(["optimize", vendors, "--scenario", try scenario(budget: String(Int(needed))), "--format", "json"])
        #expect(fixed.status == 0)
    }

    @Test("When fewer distinct teams exist than asked for, the output says how many")
    func fewerAlternativesThanAsked() throws {
        // One vendor only may be selected and one must do all 7 FTE: few vendors can.
        let path = try scenario()
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "max_vendors = 4", with: "max_vendors = 1")
            .replacingOccurrences(of: "max_share = 0.6", with: "max_share = 1")
            .replacingOccurrences(of: "backups = { backend = 2 }", with: "")
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let result = CLIRunner.run(["optimize", vendors, "--scenario", path, "--format", "json", "--alternatives", "50"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try json(result.stdout)
        let found = try #require(object["alternatives_found"] as? [String: Any])
        let count = try #require(found["found"] as? Int)
        #expect(count < 50 && found["no_more_exist"] as? Bool == true)
        #expect((object["alternatives"] as? [Any])?.count == count)
        let table = CLIRunner.run(["optimize", vendors, "--scenario", path, "--alternatives", "50"])
        #expect(table.stdout.contains("Alternatives: 50 requested, but only \(count) distinct team"))
    }

    @Test("Alternatives come best first with distinct vendor sets, and exit analysis covers every member")
    func alternativesAndExits() throws {
        let result = CLIRunner.run(["optimize", vendors, "--scenario", try scenario(), "--format", "json", "--alternatives", "3", "--exit-analysis"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try json(result.stdout)
        let alternatives = try #require(object["alternatives"] as? [[String: Any]])
        #expect(alternatives.count == 3)
        let objectives = alternatives.compactMap { $0["objective"] as? Double }
        #expect(objectives == objectives.sorted(by: >))
        let sets = alternatives.map { (($0["team"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }.sorted() }
        #expect(Set(sets).count == 3)
        let found = try #require(object["alternatives_found"] as? [String: Any])
        #expect(found["requested"] as? Int == 3 && found["found"] as? Int == 3 && found["no_more_exist"] as? Bool == false)
        #expect(object["exit_analysis_note"] is String)
        let exits = try #require(object["exit_analysis"] as? [[String: Any]])
        let team = try #require(object["team"] as? [[String: Any]])
        #expect(exits.map { $0["id"] as? String } == team.map { $0["id"] as? String })
    }

    @Test("A model file with another extension is a usage error")
    func badExportExtension() throws {
        let result = CLIRunner.run(["optimize", vendors, "--scenario", try scenario(), "--export-model", "/tmp/model.txt"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--export-model must name a .lp or .mps file"))
    }

    @Test("A missing vendor file exits 66 and names the file")
    func missingInput() throws {
        let result = CLIRunner.run(["optimize", "/nonexistent/vendors.csv", "--scenario", try scenario()])
        #expect(result.status == 66)
        #expect(result.stderr.contains("/nonexistent/vendors.csv"))
    }
}
