import Foundation
import TestSupport
import Testing

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let vendors = repository.appendingPathComponent("datasets/vendors.csv").path
private let bundled = repository.appendingPathComponent("datasets/scenario.toml").path

/// The bundled scenario with the line `key = …` replaced (or removed when `value` is nil), as a user edits it.
private func edited(_ key: String, _ value: String?) throws -> String {
    let text = try String(contentsOfFile: bundled, encoding: .utf8)
    var lines = text.components(separatedBy: "\n")
    let i = try #require(lines.firstIndex { $0.hasPrefix(key + " = ") })
    if let value { lines[i] = "\(key) = \(value)" } else { lines.remove(at: i) }
    let path = TestFiles.directory.appendingPathComponent("pm-prices-\(UUID().uuidString).toml").path
    try lines.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
    return path
}

private func object(_ text: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

@Suite("optimize --rule-prices")
struct RulePricesCommandTests {
    @Test("Each price of the bundled scenario is the objective of `optimize` on the file with that rule removed, minus the optimum")
    func pricesAreFreshRuns() throws {
        let result = CLIRunner.run(["optimize", vendors, "--scenario", bundled, "--rule-prices", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let root = try object(result.stdout)
        let optimum = try #require(root["objective"] as? Double)
        let cost = try #require(root["total_cost"] as? Double)
        let prices = try #require(root["rule_prices"] as? [[String: Any]])
        for price in prices {
            for key in ["constraint", "current", "without", "utility_gain", "cost_change", "joins", "leaves", "free", "rescored", "message"] {
                #expect(price[key] != nil, "missing rule_prices.\(key)")
            }
        }
        // The bundled file's rules, removed as a user would edit the file.
        let edits: [(constraint: String, key: String, value: String?)] = [
            ("rules.max_share", "max_share", "1"), ("rules.min_overlap_hours", "min_overlap_hours", "0"),
            ("rules.max_rate", "max_rate", nil), ("rules.growth", "growth", "1"), ("rules.min_vendors", "min_vendors", "1"),
            ("rules.min_engagement_fte", "min_engagement_fte", "0"), ("rules.fte_step", "fte_step", nil),
        ]
        for edit in edits {
            let price = try #require(prices.first { $0["constraint"] as? String == edit.constraint }, "\(edit.constraint) not priced")
            let fresh = CLIRunner.run(["optimize", vendors, "--scenario", try edited(edit.key, edit.value), "--format", "json"])
            #expect(fresh.status == 0, "\(fresh.stderr)")
            let run = try object(fresh.stdout)
            let gain = try #require(price["utility_gain"] as? Double)
            #expect(abs(gain - ((run["objective"] as? Double ?? .nan) - optimum)) < 1e-6, "\(edit.constraint): \(gain)")
            let change = try #require(price["cost_change"] as? Double)
            #expect(abs(change - ((run["total_cost"] as? Double ?? .nan) - cost)) < 0.01, "\(edit.constraint): cost \(change)")
            let team = Set((run["team"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
            let before = Set((root["team"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
            #expect(Set(price["joins"] as? [String] ?? ["?"]) == team.subtracting(before), "\(edit.constraint) joins")
            #expect(Set(price["leaves"] as? [String] ?? ["?"]) == before.subtracting(team), "\(edit.constraint) leaves")
        }
        // Eligibility rules that move the cost range are marked re-scored; the certification is priced by name.
        #expect(prices.first { $0["constraint"] as? String == "rules.min_overlap_hours" }?["rescored"] as? Bool == true)
        #expect(prices.contains { $0["constraint"] as? String == "rules.required_certifications" && $0["entry"] as? String == "ISO27001" })
    }

    @Test("Every format carries the prices, byte-identical twice; the report has the section and its chart")
    func everyFormat() throws {
        for format in ["table", "markdown", "csv", "json"] {
            let a = CLIRunner.run(["optimize", vendors, "--scenario", bundled, "--rule-prices", "--format", format])
            let b = CLIRunner.run(["optimize", vendors, "--scenario", bundled, "--rule-prices", "--format", format])
            #expect(a.status == 0 && a.stdout == b.stdout, "\(format)")
            #expect(a.stdout.contains(format == "markdown" ? "rules.max\\_share" : "rules.max_share"), "\(format)")
        }
        let csv = CLIRunner.run(["optimize", vendors, "--scenario", bundled, "--rule-prices", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("constraint,entry,current,without,status,price,utility_gain"))
        let out = TestFiles.directory.appendingPathComponent("pm-prices-\(UUID().uuidString).html").path
        let report = CLIRunner.run(["report", vendors, "--scenario", bundled, "--out", out])
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.contains("<section id=\"rule-prices\">") && html.contains("id=\"rule-price-table\"") && html.contains("aria-label=\"What each rule costs\""))
    }

    @Test("An infeasible scenario has no prices: exit 2, an empty list")
    func infeasible() throws {
        let result = CLIRunner.run(["optimize", vendors, "--scenario", try edited("total", "1_000"), "--rule-prices", "--format", "json"])
        #expect(result.status == 2)
        let root = try object(result.stdout)
        #expect((root["rule_prices"] as? [Any])?.isEmpty == true)
    }
}

/// The bundled scenario with `[priorities]` appended, written to a temporary file.
private func withPriorities(_ entries: String) throws -> String {
    let text = try String(contentsOfFile: bundled, encoding: .utf8) + "\n[priorities]\n" + entries + "\n"
    let path = TestFiles.directory.appendingPathComponent("pm-priorities-\(UUID().uuidString).toml").path
    try text.write(toFile: path, atomically: false, encoding: .utf8)
    return path
}

@Suite("[priorities] on the command line")
struct PrioritiesCommandTests {
    @Test("A bad priority entry exits 65 with its file:line:column, and writes nothing",
          arguments: [("\"rules.max_share\" = 5", "1, 2 or 3"), ("\"rules.min_quality\" = 2", "never soft"),
                      ("\"rules.max_shares\" = 2", "did you mean 'rules.max_share'?"), ("\"rules.min_countries\" = 1", "does not set")])
    func badEntry(entry: String, says: String) throws {
        let path = try withPriorities(entry)
        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        let line = try #require(lines.firstIndex(of: entry)) + 1
        let out = TestFiles.directory.appendingPathComponent("pm-priorities-\(UUID().uuidString).xlsx").path
        let result = CLIRunner.run(["optimize", vendors, "--scenario", path, "--format", "xlsx", "--out", out])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("\(path):\(line):1:") && result.stderr.contains(says), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("Priorities on a feasible scenario change nothing: the same bytes as without them")
    func feasibleUnchanged() throws {
        let path = try withPriorities("\"rules.max_share\" = 3\n\"budget.total\" = 1\n\"demand.qa\" = 2")
        for format in ["json", "table"] {
            let with = CLIRunner.run(["optimize", vendors, "--scenario", path, "--format", format])
            let without = CLIRunner.run(["optimize", vendors, "--scenario", bundled, "--format", format])
            #expect(with.status == 0 && with.stdout == without.stdout, "\(format)")
        }
    }
}
