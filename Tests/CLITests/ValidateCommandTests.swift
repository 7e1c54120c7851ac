import Foundation
import Testing

/// A scratch directory for one test's files, removed at the end.
private final class Scratch {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("pm-validate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    func file(_ name: String, _ text: String) throws -> String {
        let path = url.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}

private let header = "id,name,country,timezone,work_start,work_end,hourly_rate,quality,cultural_fit,capacity_fte,max_fte,min_fte,certifications,skills\n"

/// The repository's root, from this file's place in it (Tests/CLITests/).
private let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

@Suite("partner-match validate")
struct ValidateCommandTests {
    @Test("a clean file exits 0, prints its summary on stdout and its warnings on stderr")
    func cleanFile() throws {
        let scratch = try Scratch()
        let path = try scratch.file("vendors.csv", header
            + "V1,Acme,PL,Europe/Warsaw,09:00,17:00,45,80,70,10,15,0,ISO27001;PCI-DSS,backend;qa\n"
            + "V2,Beta,IN,Asia/Kolkata,22:00,06:00,30,70,,4,,,,ios\n")
        let result = CLIRunner.run(["validate", path])
        #expect(result.status == 0)
        #expect(result.stderr == "\(path):2:55: warning: expected a known certification (ISO27001, SOC2, GDPR, ISO9001, CMMI3), found 'PCI-DSS'\n")
        #expect(result.stdout.hasPrefix("\(path): 2 vendors, 0 errors, 1 warning\n"))
        #expect(result.stdout.contains("  countries       2: IN 1, PL 1\n"))
        #expect(result.stdout.contains("  hourly rate     30.00 – 45.00 (median 37.50)\n"))
        #expect(result.stdout.contains("  skills          3: backend 1, ios 1, qa 1\n"))
        #expect(result.stdout.contains("  night shifts    1 (hours crossing midnight)\n"))
    }

    @Test("a file with errors exits 65 and lists every error on stderr")
    func fileWithErrors() throws {
        let scratch = try Scratch()
        let path = try scratch.file("bad.csv", header
            + "V1,Acme,PL,Europe/Warsaw,09:00,17:00,abc,80,70,10,15,0,,\n"
            + "V1,Acme,PL,Mars/Base,09:00,17:00,45,80,70,10,15,0,,\n")
        let result = CLIRunner.run(["validate", path])
        #expect(result.status == 65)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            \(path):2:38: expected a number for 'hourly_rate', found 'abc'
            \(path):3:1: expected a unique id, found 'V1' again (first on line 2)
            \(path):3:12: expected an IANA time zone such as 'Europe/Berlin' (or a city such as 'Toronto', or an offset such as 'UTC+05:30') for 'timezone', found 'Mars/Base'
            \(path): 3 errors, 0 warnings

            """)
    }

    @Test("a file that cannot be read exits 66 with one message")
    func unreadableFile() {
        let result = CLIRunner.run(["validate", "/nonexistent/vendors.csv"])
        #expect(result.status == 66)
        #expect(result.stderr == "error: cannot read '/nonexistent/vendors.csv': No such file or directory\n")
        #expect(result.stdout == "")
    }

    @Test("--format json prints one document with the diagnostics and the summary")
    func jsonFormat() throws {
        let scratch = try Scratch()
        let good = try scratch.file("good.csv", header + "V1,Acme,PL,Europe/Warsaw,09:00,17:00,45,80,,10,15,0,SOC2,backend\n")
        let result = CLIRunner.run(["validate", good, "--format", "json"])
        #expect(result.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["valid"] as? Bool == true)
        #expect(document["errors"] as? Int == 0)
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(summary["vendors"] as? Int == 1)
        #expect(summary["missing_cultural_fit"] as? Int == 1)
        #expect((summary["time_zones"] as? [[String: Any]])?.first?["value"] as? String == "Europe/Warsaw")

        let bad = try scratch.file("bad.csv", header + "V1,Acme,PL,Europe/Warsaw,09:00,17:00,45,180,,10,15,0,,\n")
        let failed = CLIRunner.run(["validate", bad, "--format", "json"])
        #expect(failed.status == 65)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(failed.stdout.utf8)) as? [String: Any])
        #expect(report["valid"] as? Bool == false)
        let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.map { $0["code"] as? String } == ["quality_out_of_range"])
        let location = try #require(diagnostics.first?["location"] as? [String: Any])
        #expect(location["line"] as? Int == 2 && location["column"] as? Int == 41)
        #expect(report["summary"] == nil || report["summary"] is NSNull)
    }

    @Test("the sample pool in datasets/ validates with no errors")
    func samplePool() {
        let path = repositoryRoot.appendingPathComponent("datasets/vendors.csv").path
        let result = CLIRunner.run(["validate", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(" vendors, 0 errors"))
    }

    @Test("generate writes the same bytes for the same seed, to a file or stdout, and they validate")
    func generate() throws {
        let scratch = try Scratch()
        let first = scratch.url.appendingPathComponent("a.csv").path
        let second = scratch.url.appendingPathComponent("b.csv").path
        #expect(CLIRunner.run(["generate", "--vendors", "500", "--seed", "11", "--out", first]).status == 0)
        #expect(CLIRunner.run(["generate", "--vendors", "500", "--seed", "11", "--out", second]).status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: first))
        #expect(bytes == (try Data(contentsOf: URL(fileURLWithPath: second))))
        let streamed = CLIRunner.run(["generate", "--vendors", "500", "--seed", "11"])
        #expect(Data(streamed.stdout.utf8) == bytes)
        let other = CLIRunner.run(["generate", "--vendors", "500", "--seed", "12"])
        #expect(Data(other.stdout.utf8) != bytes)
        let validated = CLIRunner.run(["validate", first])
        #expect(validated.status == 0)
        #expect(validated.stdout.hasPrefix("\(first): 500 vendors, 0 errors, 0 warnings\n"))
        // No temporary files are left beside the output.
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).sorted() == ["a.csv", "b.csv"])
    }

    @Test("generate refuses an unwritable output with exit 73 and leaves nothing behind")
    func generateUnwritable() {
        let result = CLIRunner.run(["generate", "--vendors", "5", "--seed", "1", "--out", "/nonexistent-dir/x.csv"])
        #expect(result.status == 73)
        #expect(result.stderr.contains("cannot write '/nonexistent-dir/x.csv'"))
    }
}
