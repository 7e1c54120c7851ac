import Foundation
import Testing

/// `--format xlsx --out F.xlsx` (issue 27). Every number against the JSON and the LibreOffice
/// conversion: scripts/xlsx-output-check.py (run by scripts/test.sh).
@Suite struct XlsxOutputTests {
    static let inputs = ["datasets/vendors.csv", "--scenario", "datasets/scenario.toml"]

    static func temporary() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pm-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("Each listing command writes a workbook, nothing on standard output, the same bytes every run",
          arguments: [["shortlist"], ["optimize"], ["scenarios", "--budgets", "500k,900k", "--quiet"]])
    func writesAWorkbook(_ command: [String]) throws {
        let dir = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [Data] = []
        for run in 1...2 {
            let path = dir.appendingPathComponent("out\(run).xlsx").path
            let result = try BadInputCorpusTests().run([command[0]] + Self.inputs + command.dropFirst() + ["--format", "xlsx", "--out", path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.isEmpty)
            files.append(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        #expect(files[0].prefix(4) == Data([0x50, 0x4B, 0x03, 0x04])) // a ZIP package
        #expect(files[0] == files[1])
    }

    @Test("--format xlsx without --out, --out without xlsx, a name not ending in .xlsx and bench are usage errors (exit 64)",
          arguments: [
            ["optimize"] + inputs + ["--format", "xlsx"],
            ["optimize"] + inputs + ["--format", "json", "--out", "x.xlsx"],
            ["shortlist"] + inputs + ["--format", "xlsx", "--out", "x.csv"],
            ["bench", "--format", "xlsx"],
          ])
    func usageErrors(_ arguments: [String]) throws {
        let result = try BadInputCorpusTests().run(arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "x.xlsx"))
    }

    @Test("Bad input stops with exit 65 and writes no workbook")
    func badInputWritesNothing() throws {
        let dir = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.xlsx").path
        let result = try BadInputCorpusTests().run(["optimize", "Tests/PartnerMatchTests/Fixtures/vendor-formats/refuse-rate-too-large.csv",
                                                    "--scenario", "datasets/scenario.toml", "--format", "xlsx", "--out", path])
        #expect(result.status == 65)
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}

/// Rough outputs of issue 27, item 4.
@Suite struct RoughOutputTests {
    @Test("optimize --robustness -1 names the range instead of saying 'Missing value'")
    func negativeRobustness() throws {
        let result = try BadInputCorpusTests().run(["optimize", "datasets/vendors.csv", "--scenario", "datasets/scenario.toml", "--robustness", "-1"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--samples, between 1 and 1,000,000, found -1"), "\(result.stderr)")
        #expect(!result.stderr.contains("Missing value"))
    }
}

extension RoughOutputTests {
    @Test("validate --scenario counts a scenario's error against the scenario file, not the vendor file")
    func validateBlamesTheRightFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pm-validate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = dir.appendingPathComponent("s.toml").path
        try "currency = \"USD\"\n[client]\ntimezone = \"Europe/Berlin\"\n[demand]\ntotal = 2\n[horizon]\nmonths = 6\n[budget]\ntotal = 1000\n[fx]\nEUR = 1e306\n"
            .write(toFile: scenario, atomically: false, encoding: .utf8)
        let result = try BadInputCorpusTests().run(["validate", "datasets/vendors.csv", "--scenario", scenario])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(scenario): 1 error, 0 warnings"), "\(result.stderr)")
        #expect(!result.stderr.contains("datasets/vendors.csv: 1 error"), "\(result.stderr)")
    }
}
