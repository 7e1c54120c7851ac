import Foundation
import TestSupport
import Testing

/// `partner-match report`: one self-contained HTML file, every vendor string escaped, and bad output
/// paths refused with nothing written.
@Suite("report command")
struct ReportCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let vendors = root.appendingPathComponent("datasets/vendors.csv").path
    static let scenario = root.appendingPathComponent("datasets/scenario.toml").path

    /// Names that would run, break out of markup or start a formula if pasted unescaped; the team's
    /// own vendors carry them, so they appear in every section.
    static let hostile: [(id: String, name: String)] = [
        ("V019", "<script>alert(1)</script> Pune"),
        ("V021", "Hyderabad ]]> & <b>Mobile</b>"),
        ("V059", "\"Lviv\" 'Forge' =cmd|' /C calc'!A0"),
        ("V057", "Кейптаун 東京 Łódź &amp; Co"),
    ]

    static func directory() throws -> URL {
        let url = TestFiles.directory.appendingPathComponent("pm-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The sample pool with the hostile names, written as CSV (names quoted, quotes doubled).
    static func hostilePool(in directory: URL) throws -> String {
        var lines = try String(contentsOfFile: vendors, encoding: .utf8).components(separatedBy: "\n")
        for (id, name) in hostile {
            guard let n = lines.firstIndex(where: { $0.hasPrefix(id + ",") }) else { continue }
            var fields = lines[n].components(separatedBy: ",")
            fields[1] = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            lines[n] = fields.joined(separator: ",")
        }
        let path = directory.appendingPathComponent("hostile.csv").path
        try lines.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    @Test("The report is one self-contained HTML file: every section, no script, nothing fetched, same bytes twice")
    func selfContained() throws {
        let directory = try Self.directory()
        let first = directory.appendingPathComponent("a.html").path, second = directory.appendingPathComponent("b.html").path
        let run = CLIRunner.run(["report", Self.vendors, "--scenario", Self.scenario, "--out", first])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        _ = CLIRunner.run(["report", Self.vendors, "--scenario", Self.scenario, "--out", second])
        let html = try String(contentsOfFile: first, encoding: .utf8)
        #expect(html == (try String(contentsOfFile: second, encoding: .utf8)))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for id in ["scenario", "team-table", "alternatives-table", "exit-table", "budget-table", "changes-table",
                   "shortlist-table", "excluded-table", "glossary", "chart"] {
            #expect(html.contains("id=\"\(id)\""), "section \(id) missing")
        }
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("src=") && !html.contains("href=") && !html.contains("@import") && !html.contains("url("))
        #expect(html.contains("<svg class=\"chart\""))
        #expect(!html.contains("<?xml"))
        #expect(html.contains("@media print") && html.contains("size: A4"))
        for term in ["Utility", "Cost score", "Quality score", "Time-zone overlap score", "Cultural fit score",
                     "Scalability score", "Security score", "Binding rule", "Saturation budget", "FTE"] {
            #expect(html.contains("<dt>\(term)</dt>"), "glossary lacks \(term)")
        }
    }

    @Test("With --robustness the report adds the rank acceptabilities and their chart, the same bytes twice; without it, neither")
    func robustnessSection() throws {
        let directory = try Self.directory()
        let paths = ["a", "b", "plain"].map { directory.appendingPathComponent("\($0).html").path }
        for path in paths.prefix(2) {
            let run = CLIRunner.run(["report", Self.vendors, "--scenario", Self.scenario, "--robustness", "--top", "5", "--out", path])
            #expect(run.status == 0, "\(run.stderr)")
        }
        _ = CLIRunner.run(["report", Self.vendors, "--scenario", Self.scenario, "--out", paths[2]])
        let html = try String(contentsOfFile: paths[0], encoding: .utf8)
        #expect(html == (try String(contentsOfFile: paths[1], encoding: .utf8)))
        #expect(html.contains("id=\"robustness-table\"") && html.contains("id=\"robustness-chart\""))
        #expect(html.contains("<th class=\"num\">rank 5</th>") && !html.contains("<th class=\"num\">rank 6</th>"))
        #expect(html.components(separatedBy: "<svg").count == 5, "the budget chart, the rule prices chart (always), the acceptability chart and the 'if one leaves' chart")
        #expect(html.contains("id=\"survival-chart\""))
        let plain = try String(contentsOfFile: paths[2], encoding: .utf8)
        #expect(!plain.contains("robustness-table"))
        #expect(plain.components(separatedBy: "<svg").count == 4, "the budget chart, the rule prices chart and the 'if one leaves' chart")
    }

    @Test("Hostile vendor names come out escaped, never as markup", arguments: hostile.map(\.name))
    func hostileNamesAreEscaped(name: String) throws {
        let directory = try Self.directory()
        let pool = try Self.hostilePool(in: directory)
        let out = directory.appendingPathComponent("report.html").path
        let run = CLIRunner.run(["report", pool, "--scenario", Self.scenario, "--out", out])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        let escaped = name.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
        #expect(html.contains(escaped), "\(escaped) not found")
        #expect(!html.contains(name) || !name.contains(where: { "<>&\"'".contains($0) }), "\(name) appears unescaped")
        #expect(!html.contains("<script>") && !html.contains("<b>Mobile"))
    }

    @Test("A report path in a missing folder exits 73 naming the folder, and writes nothing")
    func missingFolder() throws {
        let directory = try Self.directory()
        let out = directory.appendingPathComponent("no-such-folder/report.html").path
        let run = CLIRunner.run(["report", Self.vendors, "--scenario", Self.scenario, "--out", out])
        #expect(run.status == 73)
        #expect(run.stderr.contains("error: --out \(out): the folder '\(directory.path)/no-such-folder' does not exist"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test("A report path over an input exits 73 and leaves the input as it was")
    func overAnInput() throws {
        let directory = try Self.directory()
        let copy = directory.appendingPathComponent("vendors.html").path
        try FileManager.default.copyItem(atPath: Self.vendors, toPath: copy)
        let before = try Data(contentsOf: URL(fileURLWithPath: copy))
        let run = CLIRunner.run(["report", copy, "--scenario", Self.scenario, "--out", copy])
        #expect(run.status == 73)
        #expect(run.stderr.contains("is the input file"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["vendors.html"])
    }

    @Test("A report path without .html exits 64 before reading anything, and writes nothing", arguments: ["report.pdf", "report", "report.html.txt"])
    func wrongExtension(name: String) throws {
        let directory = try Self.directory()
        let out = directory.appendingPathComponent(name).path
        let run = CLIRunner.run(["report", Self.vendors, "--scenario", Self.scenario, "--out", out])
        #expect(run.status == 64)
        #expect(run.stderr.contains("expected a file name ending in .html"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
