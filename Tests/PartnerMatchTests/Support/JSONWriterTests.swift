import Foundation
@testable import PartnerMatch
import Testing

/// The writer the CLI used before `JSONWriter` (a `String` built scalar by scalar), kept here as the
/// oracle: the new writer must give exactly its bytes.
private enum PreviousWriter {
    static func render(_ value: JSONValue) -> String {
        var out = ""
        write(value, to: &out, indent: 0)
        return out + "\n"
    }

    static func write(_ value: JSONValue, to out: inout String, indent: Int) {
        switch value {
        case .object(let entries):
            guard !entries.isEmpty else { out += "{}"; return }
            writeMembers(entries.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.map { ($0, entries[$0]!) },
                         to: &out, indent: indent)
        case .ordered(let members):
            guard !members.isEmpty else { out += "{}"; return }
            writeMembers(members.map { ($0.key, $0.value) }, to: &out, indent: indent)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            let pad = String(repeating: "  ", count: indent + 1)
            out += "[\n"
            for (n, item) in items.enumerated() {
                out += pad
                write(item, to: &out, indent: indent + 1)
                out += n == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: indent) + "]"
        case .string(let s): writeString(s, to: &out)
        case .number(let d):
            if !d.isFinite { out += "null" } else if d == d.rounded(), abs(d) < 1e15 { out += String(Int64(d)) } else { out += String(d) }
        case .integer(let i): out += String(i)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        }
    }

    static func writeMembers(_ members: [(String, JSONValue)], to out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        out += "{\n"
        for (n, (key, value)) in members.enumerated() {
            out += pad
            writeString(key, to: &out)
            out += ": "
            write(value, to: &out, indent: indent + 1)
            out += n == members.count - 1 ? "\n" : ",\n"
        }
        out += String(repeating: "  ", count: indent) + "}"
    }

    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

@Suite("JSON writer")
struct JSONWriterTests {
    /// A random document: nested objects (sorted and ordered), arrays, awkward strings and numbers.
    static func randomValue(_ random: inout SeededGenerator, depth: Int = 0) -> JSONValue {
        let pieces = ["a", "é", "日本", "\"", "\\", "\n", "\r", "\t", "\u{1}", "\u{1F}", "/", " ", "V0001", "💶", "\u{7F}", "\u{2028}"]
        func text() -> String { (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined() }
        let numbers: [Double] = [0, -0.0, 1, -1, 0.1, 1e-5, 123_456.789, 1e15, 1e15 - 1, -1e16, 2.5e300, .nan, .infinity, -.infinity, 0.30000000000000004]
        switch Int.random(in: 0..<(depth >= 4 ? 6 : 9), using: &random) {
        case 0: return .string(text())
        case 1: return .number(numbers.randomElement(using: &random)!)
        case 2: return .number(Double.random(in: -1e6...1e6, using: &random))
        case 3: return .integer(Int.random(in: Int.min...Int.max, using: &random))
        case 4: return .bool(Bool.random(using: &random))
        case 5: return .null
        case 6: return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in randomValue(&random, depth: depth + 1) })
        case 7:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &random) { members[text()] = randomValue(&random, depth: depth + 1) }
            return .object(members)
        default:
            return .pairs((0..<Int.random(in: 0...4, using: &random)).map { _ in (text(), randomValue(&random, depth: depth + 1)) })
        }
    }

    @Test("The writer gives exactly the bytes of the previous writer on 2,000 random documents")
    func sameBytesAsBefore() {
        var random = SeededGenerator(seed: 4)
        for _ in 0..<2_000 {
            let value = Self.randomValue(&random)
            #expect(value.rendered() == PreviousWriter.render(value), "\(value)")
        }
    }

    @Test("Every document it writes parses back (Foundation's JSONSerialization) to the same values")
    func parsesBack() throws {
        var random = SeededGenerator(seed: 5)
        for _ in 0..<300 {
            let text = JSONValue.array([Self.randomValue(&random)]).rendered()
            #expect(throws: Never.self, "\(text)") { try JSONSerialization.jsonObject(with: Data(text.utf8)) }
        }
        let parsed = try JSONSerialization.jsonObject(with: Data(JSONValue.object(["k\"\u{1}\n": "v\\\t💶"]).renderedBytes())) as? [String: String]
        #expect(parsed == ["k\"\u{1}\n": "v\\\t💶"])
    }

    @Test("Escaping: quote, backslash, the named controls, other controls as \\u00xx lowercase; slash and non-ASCII as they are")
    func escaping() {
        #expect(JSONValue.string("a\"b\\c\nd\re\tf\u{1}g\u{1F}/é").rendered() == "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001f/é\"\n")
        #expect(JSONValue.numberText(1e-5) == "1e-05" && JSONValue.numberText(3) == "3" && JSONValue.numberText(.nan) == "null")
        #expect(JSONValue.object([:]).rendered() == "{}\n" && JSONValue.array([]).rendered() == "[]\n")
    }

    @Test("Parts written apart and spliced give the bytes of one writer (the parallel shortlist path)")
    func splicing() {
        var random = SeededGenerator(seed: 6)
        let items = (0..<50).map { _ in Self.randomValue(&random) }
        var whole = JSONWriter()
        whole.beginObject(); whole.key("items"); whole.beginArray()
        for item in items { whole.value(item) }
        whole.endArray(); whole.endObject()
        for size in [1, 7, 50] {
            var spliced = JSONWriter()
            spliced.beginObject(); spliced.key("items"); spliced.beginArray()
            for start in stride(from: 0, to: items.count, by: size) {
                var part = JSONWriter(depth: 2)
                for item in items[start..<min(items.count, start + size)] { part.value(item) }
                spliced.splice(part)
            }
            spliced.splice(JSONWriter(depth: 2))   // an empty part changes nothing
            spliced.endArray(); spliced.endObject()
            #expect(spliced.bytes == whole.bytes, "chunks of \(size)")
        }
    }
}
