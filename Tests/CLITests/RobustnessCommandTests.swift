import Foundation
import Testing

/// `partner-match weights` and `shortlist --robustness` as a user runs them, on datasets/.
@Suite("weights command and shortlist --robustness")
struct RobustnessCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let vendors = root.appendingPathComponent("datasets/vendors.csv").path
    static let baseScenario = root.appendingPathComponent("datasets/scenario.toml").path

    /// The bundled scenario with `[weights]` replaced by `weights` and `uncertainty` appended.
    static func scenario(weights: String? = nil, uncertainty: String) throws -> (directory: URL, path: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pm-robust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var text = try String(contentsOfFile: baseScenario, encoding: .utf8)
        if let weights {
            // Drop the six numbers of [weights] and give the table's new body.
            var lines = text.components(separatedBy: "\n")
            if let start = lines.firstIndex(of: "[weights]") {
                var end = start + 1
                while end < lines.count, !lines[end].hasPrefix("[") { end += 1 }
                lines.replaceSubrange(start..<end, with: ["[weights]", weights, ""])
            }
            text = lines.joined(separator: "\n")
        }
        let path = directory.appendingPathComponent("s.toml").path
        try (text + "\n[uncertainty]\n" + uncertainty + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        return (directory, path)
    }

    @Test("weights shows the AHP weights with λ_max and CR, in every format")
    func weightsCommand() throws {
        let s = try Self.scenario(weights: #"ahp = { "quality/cost" = 3, "quality/timezone" = 5, "cost/timezone" = 3 }"#, uncertainty: "")
        defer { try? FileManager.default.removeItem(at: s.directory) }
        let table = CLIRunner.run(["weights", "--scenario", s.path])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("AHP principal eigenvector, λ_max 3.039, CR 0.033"))
        #expect(table.stdout.contains("quality      0.6370"))
        let json = CLIRunner.run(["weights", "--scenario", s.path, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let weights = try #require(object["weights"] as? [String: Any])
        #expect(weights["method"] as? String == "ahp")
        #expect(abs((weights["consistency_ratio"] as? Double ?? 1) - 0.0332) < 0.0001)
        #expect(Set(weights.keys).isSuperset(of: ["cost", "quality", "timezone", "culture", "scalability", "security", "lambda_max"]))
        let csv = CLIRunner.run(["weights", "--scenario", s.path, "--format", "csv"])
        #expect(csv.stdout.hasPrefix("criterion,weight,method\ncost,"))
    }

    @Test("An inconsistent AHP matrix is exit 65 with the judgement to revise, and no output")
    func inconsistentAHP() throws {
        let s = try Self.scenario(weights: #"ahp = { "quality/cost" = 2, "quality/timezone" = 3, "quality/security" = 4, "cost/timezone" = 2, "cost/security" = 0.2, "timezone/security" = 2 }"#, uncertainty: "")
        defer { try? FileManager.default.removeItem(at: s.directory) }
        for arguments in [["weights", "--scenario", s.path], ["shortlist", Self.vendors, "--scenario", s.path]] {
            let result = CLIRunner.run(arguments)
            #expect(result.status == 65)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("revise \"cost/security\" from 0.2 to 1, the smallest single change"))
        }
    }

    @Test("shortlist --robustness JSON has MODEL.md's keys, is byte-identical per seed, and the chart is written")
    func robustnessJSON() throws {
        let s = try Self.scenario(uncertainty: "weights = \"spread\"\nquality = 5\nsamples = 3000\nseed = 4")
        defer { try? FileManager.default.removeItem(at: s.directory) }
        let plot = s.directory.appendingPathComponent("ranks.svg").path
        let arguments = ["shortlist", Self.vendors, "--scenario", s.path, "--robustness", "--top", "4", "--format", "json"]
        let first = CLIRunner.run(arguments + ["--plot", plot])
        let second = CLIRunner.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == second.stdout)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let robustness = try #require(object["robustness"] as? [String: Any])
        #expect(robustness["samples"] as? Int == 3000 && robustness["seed"] as? Int == 4 && robustness["weights"] as? String == "spread")
        let vendors = try #require(robustness["vendors"] as? [[String: Any]])
        #expect(!vendors.isEmpty)
        #expect(vendors.allSatisfy { ($0["rank_acceptability"] as? [Double])?.count == 4 })
        #expect(Set(vendors[0].keys).isSuperset(of: ["id", "rank_acceptability", "central_weights", "confidence"]))
        #expect((object["weights"] as? [String: Any])?["method"] as? String == "given")
        let svg = try String(contentsOfFile: plot, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml") && svg.contains("rank acceptability") && svg.hasSuffix("</svg>\n"))
        let other = CLIRunner.run(["shortlist", Self.vendors, "--scenario", s.path, "--robustness", "--top", "4", "--format", "csv"])
        #expect(other.stdout.hasPrefix("id,name,rank_1,rank_2,rank_3,rank_4,confidence,central_cost,"))
    }

    @Test("Bad [uncertainty] values are located errors, exit 65, nothing written", arguments: [
        ("samples = 0", "uncertainty.samples must be ≥ 1, found 0"),
        ("samples = 2000000", "uncertainty.samples must be at most 1,000,000 (docs/LIMITS.md), found 2000000"),
        ("quality = -5", "uncertainty.quality must be in 0–100 (± points), found -5"),
        ("overlap_hours = -0.5", "uncertainty.overlap_hours must be in 0–24 (± hours), found -0.5"),
        ("weights = \"uniform\"", "uncertainty.weights must be one of \"none\", \"ranking\", \"spread\", found \"uniform\""),
        ("spread = 1.5", "uncertainty.spread must be in [0, 1), found 1.5"),
    ])
    func badUncertainty(line: String, message: String) throws {
        let s = try Self.scenario(uncertainty: line)
        defer { try? FileManager.default.removeItem(at: s.directory) }
        let plot = s.directory.appendingPathComponent("ranks.svg").path
        let result = CLIRunner.run(["shortlist", Self.vendors, "--scenario", s.path, "--robustness", "--plot", plot])
        #expect(result.status == 65)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: plot))
    }

    @Test("--robustness needs --top 1...100 and --plot needs --robustness and an .svg name: usage errors")
    func usage() {
        #expect(CLIRunner.run(["shortlist", Self.vendors, "--scenario", Self.baseScenario, "--robustness", "--top", "0"]).status == 64)
        #expect(CLIRunner.run(["shortlist", Self.vendors, "--scenario", Self.baseScenario, "--plot", "/tmp/x.svg"]).status == 64)
        #expect(CLIRunner.run(["shortlist", Self.vendors, "--scenario", Self.baseScenario, "--robustness", "--plot", "/tmp/x.png"]).status == 64)
    }
}
