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
        Scores are MODEL.md's six criteria in [0, 1]; utility is their weighted mean. Ties rank by lower \
        hourly rate, then id. --method topsis ranks by TOPSIS closeness on the raw values instead. \
        JSON output has the keys of MODEL.md ("Machine-readable outputs") and lists every excluded \
        vendor; CSV output passes the pool's extra columns through. Exit codes: 65 bad input data, \
        66 an input file cannot be read.
        """
    )

    @Argument(help: "The vendor CSV file.")
    var vendors: String

    @Option(help: "The scenario file (TOML, or JSON with a .json extension).")
    var scenario: String

    @Option(help: "How many ranked vendors to show (0: all).")
    var top = 10

    @Option(help: "Ranking method: weighted (utility) or topsis.")
    var method: RankingMethod = .weighted

    @Option(help: "Output format: table, csv, json or markdown.")
    var format: OutputFormat = .table

    @Flag(help: "List the excluded vendors with their reasons (table, csv and markdown; json always does).")
    var showExcluded = false

    @Flag(help: "Print phase durations to standard error.")
    var timings = false

    func validate() throws {
        guard top >= 0 else { throw ValidationError("--top must be ≥ 0, found \(top)") }
    }

    func run() throws {
        let timer = PhaseTimer(enabled: timings)
        let inputs = try InputLoading.load(vendors: vendors, scenario: scenario, timer: timer)
        let scored = ScoredPool(pool: inputs.pool, scenario: inputs.scenario)
        timer.lap("score \(scored.pool.count) vendors (\(scored.distinctOverlapTriples) distinct zone/hours)")
        let shortlist = Shortlist(scored, method: method, limit: top == 0 ? nil : top)
        timer.lap("rank (\(method.rawValue))")
        let report = ShortlistReport(shortlist: shortlist, showExcluded: showExcluded)
        if format == .json, ProcessInfo.processInfo.environment["PARTNER_MATCH_JSON_PEER"] == nil {
            report.writeJSON(to: writeStandardOutput)
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
        writeStandardOutput(bytes)
        timer.total()
    }
}

extension RankingMethod: ExpressibleByArgument {}

/// Renders a shortlist in each output format.
struct ShortlistReport {
    var shortlist: Shortlist
    var showExcluded: Bool

    var scored: ScoredPool { shortlist.scored }
    var isTOPSIS: Bool { shortlist.method == .topsis }

    func render(_ format: OutputFormat, terminal: Terminal) -> String {
        switch format {
        case .table: table(terminal)
        case .csv: csv()
        case .json: String(decoding: jsonBytes(), as: UTF8.self)
        case .markdown: markdown()
        }
    }

    var countsLine: String {
        "\(scored.pool.count) vendors, \(scored.eligibleCount) eligible, \(scored.ineligibleCount) excluded; "
            + "ranked by \(isTOPSIS ? "TOPSIS closeness" : "utility")"
    }

    var summaryLine: String { "\(scored.scenario.name): " + countsLine }

    func rankedTable() -> TextTable {
        var columns: [TextTable.Column] = [
            .init(title: "#", alignment: .right),
            .init(title: "id", alignment: .left, flexible: true, minimumWidth: 6),
            .init(title: "name", alignment: .left, flexible: true, minimumWidth: 4),
        ]
        if isTOPSIS { columns.append(.init(title: "close", alignment: .right)) }
        columns += [
            .init(title: "util", alignment: .right),
            .init(title: "cost", alignment: .right), .init(title: "qual", alignment: .right),
            .init(title: "tz", alignment: .right), .init(title: "cult", alignment: .right),
            .init(title: "scal", alignment: .right), .init(title: "sec", alignment: .right),
            .init(title: "ovl h", alignment: .right),
        ]
        var table = TextTable(columns)
        for row in shortlist.rows {
            var cells = [String(row.rank), row.id, row.name]
            if isTOPSIS { cells.append(fixed(row.closeness ?? 0, 3)) }
            cells.append(fixed(row.utility, 3))
            cells += row.scores.map { fixed($0, 2) }
            cells.append(fixed(row.overlapHours, 1))
            table.append(cells)
        }
        return table
    }

    func excludedLines() -> [String] {
        shortlist.excluded.map { entry in
            "\(scored.pool.ids[entry.index]): " + entry.reasons.map(\.message).joined(separator: "; ")
        }
    }

    func table(_ terminal: Terminal) -> String {
        var out = terminal.bold(scored.scenario.name) + "\n" + countsLine + "\n\n"
        if scored.eligibleCount == 0 {
            out += "No vendor meets every rule of the scenario.\n"
        } else {
            out += rankedTable().render(terminal)
            if shortlist.order.count < scored.eligibleCount {
                out += terminal.dim("(top \(shortlist.order.count) of \(scored.eligibleCount); --top 0 shows all)") + "\n"
            }
        }
        if scored.ineligibleCount > 0 {
            if showExcluded {
                out += "\nExcluded (\(scored.ineligibleCount)):\n"
                for line in excludedLines() { out += "  " + line + "\n" }
            } else {
                out += "\n\(scored.ineligibleCount) vendor\(scored.ineligibleCount == 1 ? "" : "s") excluded by the scenario's rules; "
                    + "see why with --show-excluded.\n"
            }
        }
        return out
    }

    func markdown() -> String {
        var out = "**\(summaryLine)**\n\n"
        out += rankedTable().renderMarkdown()
        if showExcluded, scored.ineligibleCount > 0 {
            out += "\nExcluded:\n\n"
            for line in excludedLines() { out += "- " + line.replacingOccurrences(of: "|", with: "\\|") + "\n" }
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
                fields += Array(repeating: "", count: 8)
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
            ]
            if let closeness = row.closeness { entry["closeness"] = .number(closeness) }
            return .object(entry)
        })
    }

    /// The JSON document (keys of MODEL.md, "Machine-readable outputs", sorted) as bytes.
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
        // One writer per slot of a batch, reused from batch to batch (their buffers stay allocated).
        let parts = ChunkResults(count: min(batch, chunks), capacity: chunkSize * 300, depth: 2)
        let (idKey, reasonsKey, codeKey, messageKey) = (Keys.id, Keys.reasons, Keys.code, Keys.message)
        for first in stride(from: 0, to: chunks, by: batch) {
            let count = min(batch, chunks - first)
            DispatchQueue.concurrentPerform(iterations: count) { k in
                let c = first + k
                var part = parts.take(k)
                for i in excluded[(c * chunkSize)..<min(excluded.count, (c + 1) * chunkSize)] {
                    part.beginObject()
                    part.key(idKey)
                    part.string(scored.pool.ids[i])
                    part.key(reasonsKey)
                    part.beginArray()
                    for reason in texts.reasons(for: i) {
                        part.beginObject()
                        part.key(codeKey)
                        part.string(reason.code)
                        part.key(messageKey)
                        part.string(reason.message)
                        part.endObject()
                    }
                    part.endArray()
                    part.endObject()
                }
                parts.set(k, part)
            }
            for k in 0..<count {
                var part = parts.take(k)
                json.splice(part)
                sink(json.bytes)
                json.removeBytes()
                part.restart()
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
        json.endObject()
        sink(json.bytes + [0x0A])
    }

    /// The same document through Foundation's `JSONEncoder` (sorted keys, pretty-printed): the peer
    /// `jsonBytes()` is measured against. Not byte-identical: on Linux it writes `"key" : value`
    /// and integral doubles as `1.0`.
    func foundationJSON() throws -> [UInt8] {
        struct Reason: Encodable { var code: String; var message: String }
        struct Excluded: Encodable { var id: String; var reasons: [Reason] }
        struct Ranked: Encodable {
            var rank: Int, id: String, name: String, utility: Double, scores: [String: Double]
            var overlap_hours: Double, worst_week_overlap_hours: Double, hourly_rate: Double, closeness: Double?
        }
        struct Document: Encodable {
            var eligible_count: Int, excluded: [Excluded], excluded_count: Int, method: String, ranked: [Ranked]
            var scenario: String, vendor_count: Int
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
                       hourly_rate: scored.pool.hourlyRate[row.index], closeness: row.closeness)
            },
            scenario: scored.scenario.name, vendor_count: scored.pool.count)
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
        ])
    }
}

/// The keys of the excluded vendors' objects, escaped once.
private enum Keys {
    static let id = JSONWriter.Key("id"), reasons = JSONWriter.Key("reasons")
    static let code = JSONWriter.Key("code"), message = JSONWriter.Key("message")
}

/// Writers filled by index from several threads, each reused (emptied) when taken again.
private final class ChunkResults: @unchecked Sendable {
    private var parts: [JSONWriter]
    private let lock = NSLock()

    init(count: Int, capacity: Int, depth: Int) {
        parts = (0..<count).map { _ in JSONWriter(capacity: capacity, depth: depth) }
    }

    /// Slot `k`'s writer, moved out (so it is the only reference to its buffer and is written in
    /// place); `set` puts it back.
    func take(_ k: Int) -> JSONWriter {
        lock.withLock {
            let part = parts[k]
            parts[k] = JSONWriter()
            return part
        }
    }

    func set(_ k: Int, _ part: JSONWriter) { lock.withLock { parts[k] = part } }
}
