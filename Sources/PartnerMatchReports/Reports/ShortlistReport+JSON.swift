import Dispatch
import Foundation
import PartnerMatch

/// The shortlist's JSON document: streamed for large pools, as a tree for small ones, and through
/// Foundation's `JSONEncoder` as the benchmark's yardstick.
extension ShortlistReport {
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
    public func jsonBytes() -> [UInt8] {
        var out: [UInt8] = []
        writeJSON { out.append(contentsOf: $0) }
        return out
    }

    /// The JSON document, handed to `sink` piece by piece as it is made: the excluded vendors —
    /// most of a large pool — in chunks made on all cores, a few at a time, and handed over in pool
    /// order, so the bytes are the same whatever the thread count and the memory stays bounded.
    public func writeJSON(to sink: ([UInt8]) -> Void) {
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
    public func foundationJSON() throws -> [UInt8] {
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
    public func json() -> JSONValue {
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
