import Foundation
import TestSupport
import Testing

/// The shortlist, explain and init commands as a user runs them, on the sample files of datasets/.
@Suite("shortlist, explain and init commands")
struct ShortlistCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let vendors = root.appendingPathComponent("datasets/vendors.csv").path
    static let scenario = root.appendingPathComponent("datasets/scenario.toml").path

    static func temporaryFile(_ name: String, _ contents: String) throws -> String {
        let directory = TestFiles.directory.appendingPathComponent("pm-shortlist-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try contents.write(to: url, atomically: false, encoding: .utf8)
        return url.path
    }

    @Test("The table has a title, the counts, and points at the excluded vendors")
    func table() {
        let result = CLIRunner.run(["shortlist", Self.vendors, "--scenario", Self.scenario, "--top", "5"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "Mobile app rebuild (Berlin)")
        #expect(lines.dropFirst().first?.hasPrefix("60 vendors, ") == true)
        #expect(result.stdout.contains("--show-excluded"))
        #expect(!result.stdout.contains("\u{1B}["))   // no colour when not a terminal
    }

    @Test("JSON has docs/MODEL.md's keys and is the same on every run")
    func json() throws {
        let first = CLIRunner.run(["shortlist", Self.vendors, "--scenario", Self.scenario, "--format", "json", "--top", "3"])
        let second = CLIRunner.run(["shortlist", Self.vendors, "--scenario", Self.scenario, "--format", "json", "--top", "3"])
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let ranked = try #require(object["ranked"] as? [[String: Any]])
        #expect(ranked.count == 3)
        #expect(Set(ranked[0].keys).isSuperset(of: ["rank", "id", "name", "utility", "scores", "overlap_hours"]))
        let scores = try #require(ranked[0]["scores"] as? [String: Any])
        #expect(Set(scores.keys) == ["cost", "quality", "timezone", "culture", "scalability", "security"])
        let excluded = try #require(object["excluded"] as? [[String: Any]])
        #expect(excluded.count == object["excluded_count"] as? Int)
        let reasons = try #require(excluded.first?["reasons"] as? [[String: Any]])
        #expect(Set(reasons[0].keys) == ["code", "message"])
    }

    @Test("CSV passes the pool's extra columns through")
    func csv() {
        let result = CLIRunner.run(["shortlist", Self.vendors, "--scenario", Self.scenario, "--format", "csv", "--top", "2"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "rank,id,name,utility,cost,quality,timezone,culture,scalability,security,overlap_hours,worst_week_overlap_hours,contact_email,notes")
        #expect(lines.count == 3)
    }

    @Test("TOPSIS ranking runs and reports closeness")
    func topsis() {
        let result = CLIRunner.run(["shortlist", Self.vendors, "--scenario", Self.scenario, "--method", "topsis", "--format", "markdown"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("| # | id | name (country) | EUR/h | close | util |"))
    }

    @Test("A scenario error prints like a compiler and exits 65")
    func scenarioError() throws {
        let path = try Self.temporaryFile("bad.toml", "[client]\ntimezone = \"Europe/Berlin\"\n[demand]\ntotal = 3\n[horizon]\nmonths = 6\n[budget]\ntotal = 1000\n[weights]\ncost = -0.2\n")
        let result = CLIRunner.run(["shortlist", Self.vendors, "--scenario", path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(path):10:1: weights.cost must be ≥ 0, found -0.2"))
    }

    @Test("A missing file exits 66")
    func missingFile() {
        let result = CLIRunner.run(["shortlist", Self.vendors, "--scenario", "/nonexistent/scenario.toml"])
        #expect(result.status == 66)
    }

    @Test("init writes a template that shortlist accepts as-is")
    func initTemplate() throws {
        let path = try Self.temporaryFile("placeholder", "")
        let out = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("scenario.toml").path
        let written = CLIRunner.run(["init", "--out", out])
        #expect(written.status == 0)
        let result = CLIRunner.run(["shortlist", Self.vendors, "--scenario", out, "--top", "3"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Mobile app rebuild\n60 vendors,"))
    }

    @Test("explain shows the leader, the method and the change that reaches the top N")
    func explain() {
        let result = CLIRunner.run(["explain", Self.vendors, "--scenario", Self.scenario, "V009", "--top", "3"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("leader"))
        #expect(result.stdout.contains("To reach the top 3:"))
        #expect(result.stdout.contains("method: bisection on the rate"))
        let unknown = CLIRunner.run(["explain", Self.vendors, "--scenario", Self.scenario, "NOPE"])
        #expect(unknown.status == 64)
    }
}

@Suite("shortlist --format json at scale")
struct ShortlistJSONTests {
    @Test("The streamed, parallel JSON is byte-identical to the JSONValue tree, and equal in content to Foundation's JSONEncoder")
    func streamedEqualsTree() throws {
        let directory = TestFiles.directory.appendingPathComponent("pm-shortlist-json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let vendors = directory.appendingPathComponent("v.csv").path, scenario = directory.appendingPathComponent("s.toml").path
        // 40,000 vendors: the excluded list spans several 16,384-vendor chunks.
        #expect(CLIRunner.run(["generate", "--vendors", "40000", "--seed", "9", "--out", vendors]).status == 0)
        #expect(CLIRunner.run(["init", "--out", scenario]).status == 0)
        let arguments = ["shortlist", vendors, "--scenario", scenario, "--format", "json"]
        let streamed = CLIRunner.run(arguments)
        let tree = CLIRunner.run(arguments, environment: ["PARTNER_MATCH_JSON_PEER": "tree"])
        let foundation = CLIRunner.run(arguments, environment: ["PARTNER_MATCH_JSON_PEER": "foundation"])
        #expect(streamed.status == 0 && tree.status == 0 && foundation.status == 0, "\(streamed.stderr)")
        #expect(streamed.stdout == tree.stdout, "byte-identical")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(streamed.stdout.utf8)) as? NSDictionary)
        let peer = try #require(try JSONSerialization.jsonObject(with: Data(foundation.stdout.utf8)) as? NSDictionary)
        #expect(document == peer, "same content")
        #expect(streamed.stdout != foundation.stdout, "Foundation's bytes differ (\"key\" : value on Linux), which is why it is not used")
        let excluded = try #require(document["excluded"] as? [[String: Any]])
        #expect(excluded.count == document["excluded_count"] as? Int)
        #expect(excluded.count > 2 * 16_384, "several chunks: \(excluded.count)")
        let ids = excluded.compactMap { $0["id"] as? String }
        #expect(ids == ids.sorted(), "pool order (generated ids ascend)")
    }
}
