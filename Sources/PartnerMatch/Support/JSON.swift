/// The project's one JSON writer (reports, `shortlist --format json`, run bundles).
///
/// Output is deterministic: two-space indentation, `"key": value`, object keys in the order given
/// (`JSONValue.object` sorts them by their UTF-8 bytes first), numbers in Swift's shortest
/// round-trip form with integral values printed without a fraction, non-finite numbers as `null`,
/// strings escaped as RFC 8259 requires (`"`, `\`, and control characters; nothing else, so `/`
/// and non-ASCII text are written as they are).
///
/// Hand-written rather than Foundation's `JSONEncoder`: on Linux the encoder writes `"key" : value`,
/// so it cannot give these bytes, and on `shortlist --format json` over a million vendors it is
/// 2.5 times slower end to end (BENCHMARKS.md, "Machine-readable output").
public struct JSONWriter: Sendable {
    /// The document so far, UTF-8.
    public private(set) var bytes: [UInt8] = []
    private var depth = 0
    /// Whether the container being written has no member yet.
    private var empty = true
    /// Whether a key was just written (its value follows on the same line).
    private var afterKey = false

    /// A writer starting at `depth` levels of indentation (for a fragment that is spliced into a
    /// document at that depth, as the parallel parts of a long array are).
    public init(capacity: Int = 0, depth: Int = 0, continuing: Bool = false) {
        bytes.reserveCapacity(capacity)
        self.depth = depth
        self.empty = !continuing
    }

    // MARK: Structure

    public mutating func beginObject() { beforeValue(); bytes.append(UInt8(ascii: "{")); depth += 1; empty = true }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { beforeValue(); bytes.append(UInt8(ascii: "[")); depth += 1; empty = true }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// The key of the next member of an object.
    public mutating func key(_ key: String) {
        beforeValue()
        Self.appendString(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
        afterKey = true
    }

    /// A key escaped once, for members written many times (the keys of a long array's objects).
    public struct Key: Sendable {
        let quoted: [UInt8]

        public init(_ key: String) {
            var bytes: [UInt8] = []
            JSONWriter.appendString(key, to: &bytes)
            quoted = bytes + [UInt8(ascii: ":"), UInt8(ascii: " ")]
        }
    }

    /// The key of the next member of an object, escaped beforehand.
    public mutating func key(_ key: Key) {
        beforeValue()
        bytes.append(contentsOf: key.quoted)
        afterKey = true
    }

    /// Bytes written elsewhere by a writer made with `init(depth:continuing:)` at this depth:
    /// members of the open container, commas and line breaks included.
    public mutating func splice(_ part: JSONWriter) { splice(laidOut: part.bytes) }

    /// Members of the open container laid out elsewhere at this depth, as a writer at this depth
    /// lays them out (each after its line break and indentation, commas between them).
    public mutating func splice(laidOut part: [UInt8]) {
        guard !part.isEmpty else { return }
        if !empty { bytes.append(UInt8(ascii: ",")) }
        bytes.append(contentsOf: part)
        empty = false
    }

    /// Forgets the bytes written so far (after they have been handed on), keeping the state, so a
    /// long document can be written out piece by piece.
    public mutating func removeBytes() { bytes.removeAll(keepingCapacity: true) }

    /// Empties a writer whose values are complete (back at the depth it started at), keeping its
    /// buffer, to write another part at the same depth.
    public mutating func restart() {
        bytes.removeAll(keepingCapacity: true)
        empty = true
        afterKey = false
    }

    // MARK: Values

    public mutating func string(_ value: String) { beforeValue(); Self.appendString(value, to: &bytes) }
    public mutating func number(_ value: Double) { beforeValue(); Self.appendNumber(value, to: &bytes) }
    public mutating func integer(_ value: Int) { beforeValue(); Self.appendInteger(Int64(value), to: &bytes) }
    public mutating func bool(_ value: Bool) { beforeValue(); bytes.append(contentsOf: value ? Self.trueBytes : Self.falseBytes) }
    public mutating func null() { beforeValue(); bytes.append(contentsOf: Self.nullBytes) }

    /// A whole value.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .object(let members):
            beginObject()
            for key in members.keys.sorted(by: Self.utf8Precedes) {
                self.key(key)
                self.value(members[key]!)
            }
            endObject()
        case .ordered(let members):
            beginObject()
            for member in members {
                key(member.key)
                self.value(member.value)
            }
            endObject()
        case .array(let items):
            beginArray()
            for item in items { self.value(item) }
            endArray()
        case .string(let s): string(s)
        case .number(let d): number(d)
        case .integer(let i): integer(i)
        case .bool(let b): bool(b)
        case .null: null()
        }
    }

    // MARK: Layout

    private mutating func beforeValue() {
        if afterKey { afterKey = false; return }
        guard depth > 0 else { return }
        if !empty { bytes.append(UInt8(ascii: ",")) }
        newline()
        empty = false
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        if !empty { newline() }
        bytes.append(bracket)
        empty = false
    }

    private mutating func newline() {
        if depth < Self.indents.count {
            bytes.append(contentsOf: Self.indents[depth])
        } else {
            bytes.append(UInt8(ascii: "\n"))
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
        }
    }

    /// A line feed and the indentation of each depth up to 15.
    private static let indents: [[UInt8]] = (0..<16).map { [UInt8(ascii: "\n")] + Array(repeating: UInt8(ascii: " "), count: 2 * $0) }

    private static let trueBytes = Array("true".utf8), falseBytes = Array("false".utf8), nullBytes = Array("null".utf8)
    private static let hex = Array("0123456789abcdef".utf8)

    // MARK: Scalars

    /// `s` quoted and escaped. Only ASCII bytes ever need escaping, so UTF-8 is scanned byte by byte
    /// and copied whole when nothing needs it.
    public static func appendString(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { appendString(utf8: $0, to: &out) }
    }

    /// UTF-8 text quoted and escaped.
    public static func appendString(utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var start = 0, i = 0
        let count = utf8.count
        while i < count {
            let byte = utf8[i]
            guard needsEscape[Int(byte)] else { i += 1; continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
            out.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "t"))
            default:
                out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            }
            i += 1
            start = i
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<count]))
        out.append(UInt8(ascii: "\""))
    }

    /// Which bytes a JSON string must escape: `"`, `\` and the control characters.
    private static let needsEscape: [Bool] = (0..<256).map { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }

    /// Shortest round-trip text; integral values below 10¹⁵ without `.0`; NaN and infinities `null`.
    public static func appendNumber(_ d: Double, to out: inout [UInt8]) {
        guard d.isFinite else { out.append(contentsOf: nullBytes); return }
        if d == d.rounded(), abs(d) < 1e15 { appendInteger(Int64(d), to: &out); return }
        out.append(contentsOf: String(d).utf8)   // Swift prints the shortest digits that round-trip, e.g. 0.1, 1e-05
    }

    static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            out.append(contentsOf: buffer[(20 - count)...])
        }
    }

    /// Object keys in the order of their UTF-8 bytes.
    static func utf8Precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}

/// A JSON document as a tree, written by `JSONWriter`.
public enum JSONValue: Sendable, Equatable {
    /// An object whose keys are written sorted by their UTF-8 bytes.
    case object([String: JSONValue])
    /// An object whose keys are written in the order given.
    case ordered([Member])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case null

    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONValue

        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// An object with its keys in the order given.
    public static func pairs(_ members: [(String, JSONValue)]) -> JSONValue { .ordered(members.map { Member($0.0, $0.1) }) }

    /// The document's bytes, ending with a line feed.
    public func renderedBytes() -> [UInt8] {
        var writer = JSONWriter()
        writer.value(self)
        return writer.bytes + [0x0A]
    }

    /// The document text, ending with a line feed.
    public func rendered() -> String { String(decoding: renderedBytes(), as: UTF8.self) }

    /// Shortest round-trip text; integral values print without `.0`; NaN and infinities are `null`.
    public static func numberText(_ d: Double) -> String {
        var out: [UInt8] = []
        JSONWriter.appendNumber(d, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
