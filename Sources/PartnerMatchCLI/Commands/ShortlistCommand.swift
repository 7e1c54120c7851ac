import ArgumentParser
import Dispatch
import Foundation
import PartnerMatch

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

    @Argument(help: "The vendor CSV file.")
    var vendors: String

    @OptionGroup var vendorFile: VendorFileOptions

    @Option(help: "The scenario file (TOML, or JSON with a .json extension).")
    var scenario: String

    @Option(help: "How many ranked vendors to show (0: all).")
    var top = 10

    @Option(help: "Ranking method: weighted (utility) or topsis.")
    var method: RankingMethod = .weighted

    @Option(help: OutputFormat.help)
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("With --format xlsx, the workbook file to write (one sheet per part, numbers as numbers).", valueName: "file.xlsx"))
    var out: String?

    @Flag(help: "List the excluded vendors with their reasons (table, csv and markdown; json always does).")
    var showExcluded = false

    @Flag(help: "Also analyse how sure the ranking is under uncertain weights and scores (SMAA-2, the scenario's [uncertainty]; docs/ROBUSTNESS.md): rank acceptabilities for ranks 1 to --top, central weights, confidence factors.")
    var robustness = false

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
        guard top >= 0 else { throw ValidationError("--top must be ≥ 0, found \(top)") }
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
            let analysis = ShortlistRobustness(scored, top: top)
            timer.lap("robustness (\(analysis.samples) samples, \(analysis.candidateCount) vendors sampled)")
            if let plot {
                do {
                    try BudgetChart.write(AcceptabilityChart(scenarioName: scored.scenario.name, robustness: analysis).svg(), to: plot)
                } catch {
                    writeStandardError("error: \(error)\n")
                    throw ExitCode.cannotCreate
                }
            }
            let extra = RobustnessReport(robustness: analysis)
            let terminal = Terminal.current
            let text: String = switch format {
            case .table: HumanText.document(report.table(terminal) + extra.text(terminal), terminal: terminal, markdown: false)
            case .markdown: HumanText.document(report.markdown() + extra.markdown(), terminal: terminal, markdown: true)
            case .csv: extra.csv()
            case .json, .xlsx:
                {
                    guard case .object(var root) = report.json() else { return "" }
                    root["robustness"] = extra.json()
                    return JSONValue.object(root).rendered() + "\n"
                }()
            }
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

/// The vendor facts `--columns` can add to the shortlist table, in the order they are shown.
enum ShortlistColumn: String, CaseIterable, Sendable {
    case rate, country, skills, certifications

    static let defaults: [ShortlistColumn] = [.rate, .country]

    /// `rate,country`, `all` or `none`, or a usage error naming the unknown word.
    static func parse(_ text: String) throws -> [ShortlistColumn] {
        let words = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if words == ["all"] { return allCases }
        if words == ["none"] || words.isEmpty { return [] }
        var chosen = Set<ShortlistColumn>()
        for word in words {
            guard let column = ShortlistColumn(rawValue: word) else {
                let hint = Suggestions.closest(to: word, among: allCases.map(\.rawValue)).map { " (did you mean '\($0)'?)" } ?? ""
                throw ValidationError("--columns: expected \(allCases.map(\.rawValue).joined(separator: ", ")), all or none, found '\(word)'\(hint)")
            }
            chosen.insert(column)
        }
        return allCases.filter(chosen.contains)
    }
}

/// Renders a shortlist in each output format.
struct ShortlistReport {
    var shortlist: Shortlist
    var showExcluded: Bool
    /// The vendor facts beside the scores (table and markdown; CSV and JSON carry them always).
    var columns: [ShortlistColumn] = ShortlistColumn.defaults

    var scored: ScoredPool { shortlist.scored }
    var isTOPSIS: Bool { shortlist.method == .topsis }

    func render(_ format: OutputFormat, terminal: Terminal) -> String {
        switch format {
        case .table: HumanText.document(table(terminal), terminal: terminal, markdown: false)
        case .csv: csv()
        case .json, .xlsx: String(decoding: jsonBytes(), as: UTF8.self)
        case .markdown: HumanText.document(markdown(), terminal: terminal, markdown: true)
        }
    }

    var countsLine: String {
        "\(scored.pool.count) vendors, \(scored.eligibleCount) eligible, \(scored.ineligibleCount) excluded; "
            + "ranked by \(isTOPSIS ? "TOPSIS closeness" : "utility")"
    }

    var summaryLine: String { "\(scored.scenario.name): " + countsLine }

    /// Whether vendor `index`'s cultural fit was blank and the scenario's missing value was used.
    func culturalFitImputed(_ index: Int) -> Bool { scored.pool.culturalFit[index].isNaN }

    /// The currency the rates are in (every amount was converted to the scenario's).
    var currency: String { scored.scenario.currency }

    func rankedTable() -> TextTable {
        let pool = scored.pool
        var columns: [TextTable.Column] = [
            .init(title: "#", alignment: .right),
            .init(title: "id", alignment: .left, flexible: true, minimumWidth: 6),
            // The country goes with the name, as in `optimize`'s table: "Pune Platform Labs (IN)".
            .init(title: self.columns.contains(.country) ? "name (country)" : "name", alignment: .left, flexible: true, minimumWidth: 4),
        ]
        for column in self.columns {
            switch column {
            case .rate: columns.append(.init(title: "\(currency)/h", alignment: .right))
            case .country: break
            case .skills: columns.append(.init(title: "skills", alignment: .left, flexible: true, minimumWidth: 8))
            case .certifications: columns.append(.init(title: "certs", alignment: .left, flexible: true, minimumWidth: 6))
            }
        }
        if isTOPSIS { columns.append(.init(title: "close", alignment: .right)) }
        columns += [
            .init(title: "util", alignment: .right),
        ]
        columns += Criterion.allCases.map { .init(title: $0.definition.abbreviation, alignment: .right) }
        columns += [.init(title: "ovl h", alignment: .right)]
        var table = TextTable(columns)
        let cultureColumn = Criterion.allCases.firstIndex(of: .culture)
        for row in shortlist.rows {
            let country = pool.countries.display[Int(pool.countryIndex[row.index])]
            var cells = [String(row.rank), row.id, self.columns.contains(.country) ? "\(row.name) (\(country))" : row.name]
            for column in self.columns {
                switch column {
                case .rate: cells.append(grouped(pool.hourlyRate[row.index], 2))
                case .country: break
                case .skills: cells.append(pool.skills[row.index].map { pool.skillTokens.display[Int($0)] }.joined(separator: ", "))
                case .certifications: cells.append(pool.certifications[row.index].map { pool.certificationTokens.display[Int($0)] }.joined(separator: ", "))
                }
            }
            if isTOPSIS { cells.append(fixed(row.closeness ?? 0, 3)) }
            cells.append(fixed(row.utility, 3))
            cells += row.scores.enumerated().map { n, score in
                fixed(score, 2) + (n == cultureColumn && culturalFitImputed(row.index) ? "*" : "")
            }
            cells.append(fixed(row.overlapHours, 1))
            table.append(cells)
        }
        return table
    }

    /// What the score columns mean, printed under every score table.
    var legend: String {
        var text = "util: weighted mean of the six scores (0 to 1, higher is better): cost (cheaper is higher), "
            + "qual quality, tz working-hours overlap with the client, cult cultural fit, scal scalability, sec security; "
            + "ovl h: overlapping working hours per weekday"
        if isTOPSIS { text += "; close: TOPSIS closeness to the ideal vendor" }
        if shortlist.rows.contains(where: { culturalFitImputed($0.index) }) {
            text += ". * imputed: the vendor left cultural_fit blank, so the scenario's missing value was used"
        }
        return text + "."
    }

    func excludedLines() -> [String] {
        shortlist.excluded.map { entry in
            "\(scored.pool.ids[entry.index]) (\(scored.pool.names[entry.index])): " + entry.reasons.map(\.message).joined(separator: "; ")
        }
    }

    func table(_ terminal: Terminal) -> String {
        var out = terminal.bold(HumanText.inline(scored.scenario.name)) + "\n" + countsLine + "\n\n"
        if scored.eligibleCount == 0 {
            out += "No vendor meets every rule of the scenario.\n"
        } else {
            out += rankedTable().render(terminal)
            out += terminal.dim(wrapped(legend, width: terminal.isTTY ? terminal.width : 100)) + "\n"
            if shortlist.order.count < scored.eligibleCount {
                out += terminal.dim("(top \(shortlist.order.count) of \(scored.eligibleCount); --top 0 shows all)") + "\n"
            }
        }
        if scored.ineligibleCount > 0 {
            if showExcluded {
                out += "\nExcluded (\(scored.ineligibleCount)):\n"
                for line in excludedLines() { out += "  " + HumanText.inline(line) + "\n" }
            } else {
                out += "\n\(scored.ineligibleCount) vendor\(scored.ineligibleCount == 1 ? "" : "s") excluded by the scenario's rules; "
                    + "see why with --show-excluded.\n"
            }
        }
        return out
    }

    func markdown() -> String {
        var out = "**\(HumanText.markdownInline(summaryLine))**\n\n"
        out += rankedTable().renderMarkdown()
        out += "\n" + HumanText.markdownInline(legend) + "\n"
        if showExcluded, scored.ineligibleCount > 0 {
            out += "\nExcluded:\n\n"
            for line in excludedLines() { out += "- " + HumanText.markdownInline(line) + "\n" }
        } else if scored.ineligibleCount > 0 {
            out += "\n\(scored.ineligibleCount) excluded (--show-excluded lists them).\n"
        }
        return out
    }

    func csv() -> String {
        let pool = scored.pool
        var header = ["rank", "id", "name", "utility"]
        if isTOPSIS { header.append("closeness") }
        header += Criterion.allCases.map(\.rawValue) + ["overlap_hours", "worst_week_overlap_hours"]
        if showExcluded { header.append("excluded_reasons") }
        header += pool.extraColumns
        var out = CSV.row(header)
        for row in shortlist.rows {
            var fields = [String(row.rank), row.id, row.name, JSONValue.numberText(row.utility)]
            if isTOPSIS { fields.append(JSONValue.numberText(row.closeness ?? 0)) }
            fields += row.scores.map(JSONValue.numberText)
            fields += [JSONValue.numberText(row.overlapHours), JSONValue.numberText(row.worstWeekOverlapHours)]
            if showExcluded { fields.append("") }
            fields += pool.extraValues.map { $0[row.index] }
            out += CSV.row(fields)
        }
        if showExcluded {
            for entry in shortlist.excluded {
                var fields = ["", pool.ids[entry.index], pool.names[entry.index], ""]
                if isTOPSIS { fields.append("") }
                fields += Array(repeating: "", count: Criterion.allCases.count + 2)   // scores, overlap, worst week
                fields.append(entry.reasons.map(\.code).joined(separator: ";"))
                fields += pool.extraValues.map { $0[entry.index] }
                out += CSV.row(fields)
            }
        }
        return out
    }

    /// The `ranked` entries.
    private func rankedJSON() -> JSONValue {
        .array(shortlist.rows.map { row in
            var scores: [String: JSONValue] = [:]
            for (c, s) in zip(Criterion.allCases, row.scores) { scores[c.rawValue] = .number(s) }
            var entry: [String: JSONValue] = [
                "rank": .integer(row.rank), "id": .string(row.id), "name": .string(row.name),
                "utility": .number(row.utility), "scores": .object(scores),
                "overlap_hours": .number(row.overlapHours),
                "worst_week_overlap_hours": .number(row.worstWeekOverlapHours),
                "hourly_rate": .number(scored.pool.hourlyRate[row.index]),
                "mean_rate": .number(scored.meanRate[row.index]),
            ]
            if let closeness = row.closeness { entry["closeness"] = .number(closeness) }
            return .object(entry)
        })
    }

    /// The JSON document (keys of docs/MODEL.md, "Machine-readable outputs", sorted) as bytes.
    func jsonBytes() -> [UInt8] {
        var out: [UInt8] = []
        writeJSON { out.append(contentsOf: $0) }
        return out
    }

    /// The JSON document, handed to `sink` piece by piece as it is made: the excluded vendors —
    /// most of a large pool — in chunks made on all cores, a few at a time, and handed over in pool
    /// order, so the bytes are the same whatever the thread count and the memory stays bounded.
    func writeJSON(to sink: ([UInt8]) -> Void) {
        let excluded = (0..<scored.pool.count).filter { !scored.failures[$0].isEmpty }
        let chunkSize = 8_192, batch = 8
        let texts = IneligibilityTexts(scored)
        let chunks = (excluded.count + chunkSize - 1) / chunkSize
        var json = JSONWriter(capacity: 4_096)
        json.beginObject()
        json.key("eligible_count")
        json.integer(scored.eligibleCount)
        json.key("excluded")
        json.beginArray()
        // One buffer per slot of a batch, reused from batch to batch (they stay allocated). The
        // entries are laid out from `ExcludedLayout`, the writer's own bytes for this structure.
        let parts = ChunkResults(count: min(batch, chunks), capacity: chunkSize * 300)
        let layout = ExcludedLayout.shared
        let ids = scored.pool.ids
        for first in stride(from: 0, to: chunks, by: batch) {
            let count = min(batch, chunks - first)
            DispatchQueue.concurrentPerform(iterations: count) { k in
                let c = first + k
                var part = parts.take(k)
                let slice = excluded[(c * chunkSize)..<min(excluded.count, (c + 1) * chunkSize)]
                for i in slice {
                    part.append(contentsOf: i == slice.first ? layout.firstOpen : layout.nextOpen)
                    ids.bytes.withUnsafeBufferPointer { all in
                        let range = ids.range(i)
                        JSONWriter.appendString(utf8: UnsafeBufferPointer(rebasing: all[range]), to: &part)
                    }
                    let reasons = texts.reasons(for: i)
                    if reasons.isEmpty { part.append(contentsOf: layout.noReasons); continue }
                    for (n, reason) in reasons.enumerated() {
                        part.append(contentsOf: n == 0 ? layout.firstCode : layout.nextCode)
                        JSONWriter.appendString(reason.code, to: &part)
                        part.append(contentsOf: layout.message)
                        JSONWriter.appendString(reason.message, to: &part)
                    }
                    part.append(contentsOf: layout.close)
                }
                parts.set(k, part)
            }
            for k in 0..<count {
                var part = parts.take(k)
                json.splice(laidOut: part)
                sink(json.bytes)
                json.removeBytes()
                part.removeAll(keepingCapacity: true)
                parts.set(k, part)
            }
        }
        json.endArray()
        json.key("excluded_count")
        json.integer(scored.ineligibleCount)
        json.key("method")
        json.string(shortlist.method.rawValue)
        json.key("ranked")
        json.value(rankedJSON())
        json.key("scenario")
        json.string(scored.scenario.name)
        json.key("vendor_count")
        json.integer(scored.pool.count)
        json.key("weights")
        json.value(scored.scenario.weights.json)
        json.endObject()
        sink(json.bytes + [0x0A])
    }

    /// The same document through Foundation's `JSONEncoder` (sorted keys, pretty-printed): the peer
    /// `jsonBytes()` is measured against. Not byte-identical: on Linux it writes `"key" : value`.
    func foundationJSON() throws -> [UInt8] {
        struct Reason: Encodable { var code: String; var message: String }
        struct Excluded: Encodable { var id: String; var reasons: [Reason] }
        struct Ranked: Encodable {
            var rank: Int, id: String, name: String, utility: Double, scores: [String: Double]
            var overlap_hours: Double, worst_week_overlap_hours: Double, hourly_rate: Double, mean_rate: Double, closeness: Double?
        }
        /// The `weights` object: one number per criterion, the method, and the method's own keys.
        struct Weights: Encodable {
            var value: JSONValue
            struct Key: CodingKey {
                var stringValue: String
                var intValue: Int? { nil }
                init(stringValue: String) { self.stringValue = stringValue }
                init?(intValue: Int) { nil }
            }
            func encode(to encoder: Encoder) throws {
                guard case .object(let object) = value else { return }
                var container = encoder.container(keyedBy: Key.self)
                for (key, item) in object {
                    switch item {
                    case .number(let d): try container.encode(d, forKey: Key(stringValue: key))
                    case .string(let s): try container.encode(s, forKey: Key(stringValue: key))
                    case .array(let items):
                        // `order`: a criterion, or a tie of several.
                        var list = container.nestedUnkeyedContainer(forKey: Key(stringValue: key))
                        for entry in items {
                            if case .string(let s) = entry { try list.encode(s) }
                            if case .array(let tie) = entry {
                                try list.encode(tie.compactMap { if case .string(let s) = $0 { s } else { nil } })
                            }
                        }
                    default: break
                    }
                }
            }
        }
        struct Document: Encodable {
            var eligible_count: Int, excluded: [Excluded], excluded_count: Int, method: String, ranked: [Ranked]
            var scenario: String, vendor_count: Int, weights: Weights
        }
        let document = Document(
            eligible_count: scored.eligibleCount,
            excluded: shortlist.excluded.map { entry in
                Excluded(id: scored.pool.ids[entry.index], reasons: entry.reasons.map { Reason(code: $0.code, message: $0.message) })
            },
            excluded_count: scored.ineligibleCount, method: shortlist.method.rawValue,
            ranked: shortlist.rows.map { row in
                Ranked(rank: row.rank, id: row.id, name: row.name, utility: row.utility,
                       scores: Dictionary(uniqueKeysWithValues: zip(Criterion.allCases.map(\.rawValue), row.scores)),
                       overlap_hours: row.overlapHours, worst_week_overlap_hours: row.worstWeekOverlapHours,
                       hourly_rate: scored.pool.hourlyRate[row.index], mean_rate: scored.meanRate[row.index], closeness: row.closeness)
            },
            scenario: scored.scenario.name, vendor_count: scored.pool.count, weights: Weights(value: scored.scenario.weights.json))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(document)) + [0x0A]
    }

    /// The document as a tree (small pools, tests: the same bytes as `jsonBytes()`).
    func json() -> JSONValue {
        let excluded: [JSONValue] = shortlist.excluded.map { entry in
            .object([
                "id": .string(scored.pool.ids[entry.index]),
                "reasons": .array(entry.reasons.map { .object(["code": .string($0.code), "message": .string($0.message)]) }),
            ])
        }
        return .object([
            "scenario": .string(scored.scenario.name),
            "method": .string(shortlist.method.rawValue),
            "vendor_count": .integer(scored.pool.count),
            "eligible_count": .integer(scored.eligibleCount),
            "excluded_count": .integer(scored.ineligibleCount),
            "ranked": rankedJSON(),
            "excluded": .array(excluded),
            "weights": scored.scenario.weights.json,
        ])
    }
}

/// The bytes `JSONWriter` writes around the values of an excluded vendor's object at depth 2
/// (inside `excluded`), taken from the writer itself once, so that a million of them are laid out
/// by a few copies each instead of a few dozen writer calls (the same bytes: tested against the
/// `JSONValue` tree in ShortlistJSONTests).
private struct ExcludedLayout: Sendable {
    /// Before the id of the first object of a part, and of the others (with the comma).
    let firstOpen: [UInt8], nextOpen: [UInt8]
    /// After the id: the first reason's code key; between reasons: the next code key.
    let firstCode: [UInt8], nextCode: [UInt8]
    /// Between a code and its message.
    let message: [UInt8]
    /// After the last message, closing the reason, the array and the object.
    let close: [UInt8]
    /// After the id when there are no reasons (never for an excluded vendor, but complete).
    let noReasons: [UInt8]

    static let shared = ExcludedLayout()

    private init() {
        // Placeholders that escape to themselves-in-`\u00xx` form, found again in the output.
        func entry(_ id: String, _ reasons: [(String, String)]) -> JSONValue {
            ["id": .string(id), "reasons": .array(reasons.map { ["code": .string($0.0), "message": .string($0.1)] })]
        }
        var writer = JSONWriter(depth: 2)
        writer.value(entry("\u{1}", [("\u{2}", "\u{3}"), ("\u{4}", "\u{5}")]))
        writer.value(entry("\u{6}", []))
        var pieces: [[UInt8]] = [[]]
        var k = 0
        let bytes = writer.bytes
        while k < bytes.count {
            // A placeholder is "\u000N" in quotes: 8 bytes.
            if bytes[k] == UInt8(ascii: "\""), k + 7 < bytes.count, bytes[k + 1] == UInt8(ascii: "\\"), bytes[k + 2] == UInt8(ascii: "u") {
                pieces.append([])
                k += 8
            } else {
                pieces[pieces.count - 1].append(bytes[k])
                k += 1
            }
        }
        // pieces: open, id, firstCode, code, message, msg, nextCode, code, message, msg, close+nextOpen, id, noReasons
        precondition(pieces.count == 7, "unexpected layout")
        firstOpen = pieces[0]
        firstCode = pieces[1]
        message = pieces[2]
        nextCode = pieces[3]
        precondition(pieces[4] == message)
        let closeAndNext = pieces[5]
        let split = closeAndNext.firstIndex(of: UInt8(ascii: ","))!
        close = Array(closeAndNext[..<split])
        nextOpen = Array(closeAndNext[split...])
        noReasons = pieces[6]
    }
}

/// Buffers filled by index from several threads.
private final class ChunkResults: @unchecked Sendable {
    private var parts: [[UInt8]]
    private let lock = NSLock()

    init(count: Int, capacity: Int) {
        parts = (0..<count).map { _ in var part: [UInt8] = []; part.reserveCapacity(capacity); return part }
    }

    /// Slot `k`'s buffer, moved out (so it is the only reference and is written in place); `set`
    /// puts it back.
    func take(_ k: Int) -> [UInt8] {
        lock.withLock {
            let part = parts[k]
            parts[k] = []
            return part
        }
    }

    func set(_ k: Int, _ part: [UInt8]) { lock.withLock { parts[k] = part } }
}
