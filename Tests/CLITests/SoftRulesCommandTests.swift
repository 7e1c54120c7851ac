import Foundation
import TestSupport
import Testing

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let vendors = repository.appendingPathComponent("datasets/vendors.csv").path
private let tight = repository.appendingPathComponent("datasets/scenario-tight-budget.toml").path

/// The tight-budget scenario with `replace` applied line by line and `extra` appended, as a user edits it.
private func edited(_ replace: [String: String], appending extra: String = "") throws -> String {
    var text = try String(contentsOfFile: tight, encoding: .utf8)
    for (old, new) in replace {
        #expect(text.contains(old), "the scenario has no line '\(old)'")
        text = text.replacingOccurrences(of: old, with: new)
    }
    let path = TestFiles.directory.appendingPathComponent("pm-soft-\(UUID().uuidString).toml").path
    try (text + extra).write(toFile: path, atomically: false, encoding: .utf8)
    return path
}

private func object(_ text: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

@Suite("optimize with [priorities] (soft rules)")
struct SoftRulesCommandTests {
    static let priorities = """

    [priorities]
    "budget.total" = 1
    "demand.backend" = 2
    "rules.max_share" = 3
    """

    @Test("An infeasible scenario with priorities is relaxed (exit 0), and its relaxed values typed back give the same team with nothing relaxed")
    func relaxedAndTypedBack() throws {
        let changes = ["total = 300_000": "total = 200_000", "max_share = 0.6": "max_share = 0.3"]
        let hard = try edited(changes)
        let infeasible = CLIRunner.run(["optimize", vendors, "--scenario", hard, "--format", "json"])
        #expect(infeasible.status == 2, "without priorities the scenario is infeasible: \(infeasible.stderr)")

        let soft = try edited(changes, appending: Self.priorities)
        let result = CLIRunner.run(["optimize", vendors, "--scenario", soft, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let root = try object(result.stdout)
        #expect(root["status"] as? String == "relaxed")
        let relaxed = try #require(root["relaxed_rules"] as? [[String: Any]])
        #expect(!relaxed.isEmpty)
        let priorities = relaxed.compactMap { $0["priority"] as? Int }
        #expect(priorities == priorities.sorted(), "most important first")
        var typed: [String: String] = changes
        for rule in relaxed {
            let key = try #require(rule["key"] as? String)
            let met = try #require(rule["met"] as? String)
            let written = try #require(rule["written"] as? String)
            #expect(met != written)
            #expect((rule["message"] as? String)?.contains("relaxed from \(written) to \(met)") == true)
            let number = met.filter { "0123456789.".contains($0) }
            switch key {
            case "budget.total": typed["total = 300_000"] = "total = \(number)"
            case "demand.backend": typed["backend = 4"] = "backend = \(number)"
            case "rules.max_share": typed["max_share = 0.6"] = "max_share = \(try #require(Double(number)) / 100)"
            default: Issue.record("unexpected relaxed key \(key)")
            }
        }
        let again = CLIRunner.run(["optimize", vendors, "--scenario", try edited(typed), "--format", "json"])
        #expect(again.status == 0, "\(again.stderr)")
        let back = try object(again.stdout)
        #expect(back["status"] as? String == "optimal")
        #expect(back["relaxed_rules"] == nil)
        let ids = { (root: [String: Any]) in ((root["team"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }.sorted() }
        #expect(ids(back) == ids(root))
        #expect(abs((back["objective"] as? Double ?? 0) - (root["objective"] as? Double ?? 1)) < 1e-9)

        // The table says what was relaxed before the team.
        let text = CLIRunner.run(["optimize", vendors, "--scenario", soft])
        #expect(text.status == 0)
        let relaxedAt = try #require(text.stdout.range(of: "Relaxed rules"))
        let teamAt = try #require(text.stdout.range(of: "Vendor "))
        #expect(relaxedAt.lowerBound < teamAt.lowerBound)
        // CSV gets a section of its own.
        let csv = CLIRunner.run(["optimize", vendors, "--scenario", soft, "--format", "csv"])
        #expect(csv.stdout.contains("# relaxed_rules\nkey,priority,written,met,violation,unit,message\n"))
    }

    @Test("A feasible scenario with priorities is solved exactly as without them")
    func feasibleUnchanged() throws {
        let plain = CLIRunner.run(["optimize", vendors, "--scenario", try edited(["total = 300_000": "total = 400_000"]), "--format", "json"])
        let soft = CLIRunner.run(["optimize", vendors, "--scenario",
                                  try edited(["total = 300_000": "total = 400_000"], appending: Self.priorities), "--format", "json"])
        #expect(plain.status == 0 && soft.status == 0)
        let a = try object(plain.stdout), b = try object(soft.stdout)
        #expect(b["status"] as? String == "optimal")
        #expect(b["relaxed_rules"] == nil)
        #expect(a["objective"] as? Double == b["objective"] as? Double)
    }

    @Test("When the hard rules alone admit no team the scenario is infeasible and explained as before")
    func hardRulesAloneInfeasible() throws {
        // Only max_share is soft; the budget is hard and far too small.
        let path = try edited(["total = 300_000": "total = 100_000"], appending: "\n[priorities]\n\"rules.max_share\" = 1\n")
        let result = CLIRunner.run(["optimize", vendors, "--scenario", path, "--format", "json"])
        #expect(result.status == 2, "\(result.stderr)")
        let root = try object(result.stdout)
        #expect(root["status"] as? String == "infeasible")
        #expect(!((root["relaxations"] as? [Any]) ?? []).isEmpty)
    }

    @Test("`scenarios` shows relaxed points as such")
    func sweepShowsRelaxed() throws {
        let path = try edited([:], appending: "\n[priorities]\n\"budget.total\" = 1\n")
        let result = CLIRunner.run(["scenarios", vendors, "--scenario", path, "--budgets", "250000,400000", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let root = try object(result.stdout)
        let points = try #require(root["points"] as? [[String: Any]])
        #expect(points.first?["status"] as? String == "relaxed")
        #expect((points.first?["relaxed_rules"] as? [Any])?.isEmpty == false)
        #expect(points.last?["status"] as? String == "optimal")
    }
}
