import Foundation
import PartnerMatch
import PartnerMatchReports
import Testing

/// Every report in every output format, through the one `Report.render` (docs/ARCHITECTURE.md, "How to
/// add an output format"): a format added to `OutputFormat` must get its own check in `formatHolds`,
/// whose `switch` has no `default`, so the compiler points at this file until it has one.
@Suite("Reports in every output format")
struct ReportFormatTests {
    static let datasets = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("datasets")

    /// The bundled pool and scenario, scored.
    static func scored() throws -> ScoredPool {
        let scenario = try ScenarioReader.read(path: datasets.appendingPathComponent("scenario.toml").path)
        let options = VendorReadOptions(columns: scenario.columns, currency: scenario.currency, fx: scenario.fx)
        let pool = try VendorCSVReader.read(path: datasets.appendingPathComponent("vendors.csv").path, options: options).pool
        return ScoredPool(pool: pool, scenario: scenario)
    }

    /// The reports the bundled inputs give: the shortlist and the optimal team.
    static func reports() throws -> [(name: String, report: any Report)] {
        let scored = try scored()
        let team = try TeamOptimizer().solve(TeamProblem(scored: scored))
        return [
            ("shortlist", ShortlistReport(shortlist: Shortlist(scored, limit: 5), showExcluded: true)),
            ("team", TeamReport(scored: scored, teams: [team], exits: [])),
        ]
    }

    /// What a rendering in `format` must be; one case per format, no `default`.
    static func formatHolds(_ text: String, _ format: OutputFormat, _ report: any Report) -> Bool {
        switch format {
        case .table:
            return text == HumanText.document(report.text(.plain, markdown: false), terminal: .plain, markdown: false)
                && !text.contains("\u{1B}")
        case .markdown:
            return text == HumanText.document(report.text(.plain, markdown: true), terminal: .plain, markdown: true)
                && text.contains("|---") == true
        case .csv:
            return text == report.csv() && text.hasSuffix("\n")
        case .json:
            guard text.hasSuffix("}\n"), !text.hasSuffix("\n\n"),
                  (try? JSONSerialization.jsonObject(with: Data(text.utf8))) is [String: Any] else { return false }
            return text == report.json().rendered()
        case .xlsx:
            // The workbook (CLI, WorkbookOutput) is made from the JSON document: xlsx renders it.
            return text == report.render(.json, terminal: .plain)
        }
    }

    @Test("Each report renders in every format as its three methods say, the same bytes twice", arguments: OutputFormat.allCases)
    func everyFormat(format: OutputFormat) throws {
        for (name, report) in try Self.reports() {
            let first = report.render(format, terminal: .plain)
            #expect(!first.isEmpty, "\(name) in \(format) is empty")
            #expect(first == report.render(format, terminal: .plain), "\(name) in \(format) differs between two renderings")
            #expect(Self.formatHolds(first, format, report), "\(name) in \(format)")
        }
    }

    /// A test-only section: what `--robustness` adds, reduced to a marker.
    struct MarkerSection: ReportSection {
        static let key = "marker"
        func text(_ terminal: Terminal, markdown: Bool) -> String { markdown ? "\n**marker**\n" : "\nmarker\n" }
        func csv() -> String { "marker\n1\n" }
        func json() -> JSONValue { .object(["value": .integer(1)]) }
    }

    @Test("A section follows the report's text, replaces its CSV, and sits under its key in the JSON document", arguments: OutputFormat.allCases)
    func sectionMerge(format: OutputFormat) throws {
        for (name, report) in try Self.reports() {
            let text = report.render(format, terminal: .plain, adding: MarkerSection())
            switch format {
            case .table: #expect(text == report.render(.table, terminal: .plain) + "\nmarker\n", "\(name)")
            case .markdown: #expect(text == report.render(.markdown, terminal: .plain) + "\n**marker**\n", "\(name)")
            case .csv: #expect(text == "marker\n1\n", "\(name)")
            case .json, .xlsx:
                let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
                #expect((object["marker"] as? [String: Any])?["value"] as? Int == 1, "\(name)")
                let plain = try #require(try JSONSerialization.jsonObject(with: Data(report.render(.json, terminal: .plain).utf8)) as? [String: Any])
                #expect(Set(object.keys) == Set(plain.keys).union(["marker"]), "\(name): the section adds one key and removes none")
                #expect(text.hasSuffix("}\n") && !text.hasSuffix("\n\n"), "\(name): one final line feed")
            }
        }
    }

    @Test("The shortlist's streamed JSON is the bytes of its tree, so render(.json) is the same document either way")
    func shortlistStreamedJSON() throws {
        let report = ShortlistReport(shortlist: Shortlist(try Self.scored(), limit: nil), showExcluded: false)
        #expect(report.jsonBytes() == report.json().renderedBytes())
    }
}
