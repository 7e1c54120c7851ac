import ArgumentParser
import Dispatch
import Foundation
import PartnerMatch
import PartnerMatchReports

/// `partner-match shortlist VENDORS.csv --scenario FILE`: the ranked eligible vendors with their
/// utility and six scores, and the excluded vendors with every rule they fail.
struct ShortlistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shortlist",
        abstract: "Rank the eligible vendors of a pool for a scenario, and say why the others are excluded.",
        discussion: """
        Scores are docs/MODEL.md's six criteria in [0, 1]; utility is their weighted mean. Ties rank by lower \
        hourly rate, then id. --method topsis ranks by TOPSIS closeness on the raw values instead. \
        JSON output has the keys of docs/MODEL.md ("Machine-readable outputs") and lists every excluded \
        vendor; CSV output passes the pool's extra columns through. --robustness adds the SMAA-2 analysis \
        of docs/ROBUSTNESS.md (with --format csv, only its table). Exit codes: 65 bad input data, \
        66 an input file cannot be read, 73 the --plot file cannot be written.
        """
    )

    @OptionGroup var input: InputOptions
    var vendors: String { input.vendors }
    var scenario: String { input.scenario }
    var vendorFile: VendorFileOptions { input.vendorFile }

    @OptionGroup var topOption: TopOption
    var top: Int { topOption.top }

    @Option(help: "Ranking method: weighted (utility) or topsis.")
    var method: RankingMethod = .weighted

    @Option(help: OutputFormat.help)
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("With --format xlsx, the workbook file to write (one sheet per part, numbers as numbers).", valueName: "file.xlsx"))
    var out: String?

    @Flag(help: "List the excluded vendors with their reasons (table, csv and markdown; json always does).")
    var showExcluded = false

    @OptionGroup var robustnessOptions: RobustnessOptions
    var robustness: Bool { robustnessOptions.robustness }

    @Option(help: ArgumentHelp("With --robustness, also draw the rank acceptabilities as an SVG chart in this file (the name must end in .svg).",
                               valueName: "file.svg"))
    var plot: String?

    @Option(help: ArgumentHelp(
        "Vendor facts shown beside the scores in table and markdown: a comma-separated list of \(ShortlistColumn.allCases.map(\.rawValue).joined(separator: ", ")), or all or none.",
        valueName: "list"))
    var columns: String = "rate,country"

    @Flag(help: "Print phase durations to standard error.")
    var timings = false

    func validate() throws {
        if robustness, top == 0 || top > 100 {
            throw ValidationError("--robustness reports ranks 1 to --top: expected --top between 1 and 100, found \(top)")
        }
        if let plot {
            guard robustness else { throw ValidationError("--plot draws the robustness analysis: add --robustness") }
            try ScenariosCommand.checkPlotPath(plot)
        }
        _ = try ShortlistColumn.parse(columns)
        try WorkbookOutput.validate(format: format, out: out)
    }

    func run() throws {
        let timer = PhaseTimer(enabled: timings)
        try SafeOutput.refuseInputOverwrite(out, option: "--out", inputs: [vendors, scenario])
        let inputs = try InputLoading.load(vendors: vendors, scenario: scenario, vendorFile: vendorFile, timer: timer)
        let scored = ScoredPool(pool: inputs.pool, scenario: inputs.scenario)
        timer.lap("score \(scored.pool.count) vendors (\(scored.distinctOverlapTriples) distinct zone/hours)")
        let shortlist = Shortlist(scored, method: method, limit: top == 0 ? nil : top)
        timer.lap("rank (\(method.rawValue))")
        let report = ShortlistReport(shortlist: shortlist, showExcluded: showExcluded,
                                     columns: (try? ShortlistColumn.parse(columns)) ?? ShortlistColumn.defaults)
        if robustness {
            try SafeOutput.refuseInputOverwrite(plot, option: "--plot", inputs: [vendors, scenario])
            let analysis = ShortlistRobustness(scored, top: top, samples: robustnessOptions.samples)
            timer.lap("robustness (\(analysis.samples) samples, \(analysis.candidateCount) vendors sampled)")
            if let plot {
                do {
                    try BudgetChart.write(AcceptabilityChart(scenarioName: scored.scenario.name, robustness: analysis).svg(), to: plot)
                } catch {
                    writeStandardError("error: \(error)\n")
                    throw ExitCode.cannotCreate
                }
            }
            let text = report.render(format, terminal: .current, adding: RobustnessReport(robustness: analysis))
            if let out, format == .xlsx { try WorkbookOutput.write(json: text, to: out) } else { try writeStandardOutput(text) }
            timer.total()
            return
        }
        if let out, format == .xlsx {
            try WorkbookOutput.write(json: String(decoding: report.jsonBytes(), as: UTF8.self), to: out)
            timer.total()
            return
        }
        if format == .json, ProcessInfo.processInfo.environment["PARTNER_MATCH_JSON_PEER"] == nil {
            try writeStandardOutput(streaming: report.writeJSON(to:))
            timer.lap("format and write")
            timer.total()
            return
        }
        let bytes: [UInt8]
        if format == .json {
            // PARTNER_MATCH_JSON_PEER writes the same document another way, for the benchmark and
            // the tests only (not a user setting): `foundation` with Foundation's JSONEncoder (the
            // yardstick of BENCHMARKS.md), `tree` as a `JSONValue` tree (must give the same bytes).
            switch ProcessInfo.processInfo.environment["PARTNER_MATCH_JSON_PEER"] {
            case "foundation": bytes = try report.foundationJSON()
            case "tree": bytes = report.json().renderedBytes()
            default: bytes = report.jsonBytes()   // not reached: streamed above
            }
        } else {
            bytes = Array(report.render(format, terminal: .current).utf8)
        }
        timer.lap("format")
        try writeStandardOutput(bytes)
        timer.total()
    }
}

extension RankingMethod: ExpressibleByArgument {}

extension ShortlistColumn {
    /// `rate,country`, `all` or `none`, or a usage error naming the unknown word.
    static func parse(_ text: String) throws -> [ShortlistColumn] {
        let words = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if words == ["all"] { return allCases }
        if words == ["none"] || words.isEmpty { return [] }
        var chosen = Set<ShortlistColumn>()
        for word in words {
            guard let column = ShortlistColumn(rawValue: word) else {
                let hint = Spelling.closest(to: word, among: allCases.map(\.rawValue)).map { " (did you mean '\($0)'?)" } ?? ""
                throw ValidationError("--columns: expected \(allCases.map(\.rawValue).joined(separator: ", ")), all or none, found '\(word)'\(hint)")
            }
            chosen.insert(column)
        }
        return allCases.filter(chosen.contains)
    }
}
