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
