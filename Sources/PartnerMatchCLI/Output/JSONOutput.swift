import ArgumentParser
import Foundation

/// A JSON value written deterministically: object keys sorted by their UTF-8 bytes, numbers in
/// Swift's shortest round-trip form (integral values without a fraction), non-finite numbers as
/// `null`, two-space indentation. The same input always gives the same bytes.
enum JSONValue: Sendable, Equatable {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case null

    /// The document text, ending with a newline.
    func rendered() -> String {
        var out = ""
        write(to: &out, indent: 0)
        out += "\n"
        return out
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .object(let entries):
            guard !entries.isEmpty else { out += "{}"; return }
            let pad = String(repeating: "  ", count: indent + 1)
            out += "{\n"
            let keys = entries.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            for (n, key) in keys.enumerated() {
                out += pad
                Self.writeString(key, to: &out)
                out += ": "
                entries[key]!.write(to: &out, indent: indent + 1)
                out += n == keys.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: indent) + "}"
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            let pad = String(repeating: "  ", count: indent + 1)
            out += "[\n"
            for (n, item) in items.enumerated() {
                out += pad
                item.write(to: &out, indent: indent + 1)
                out += n == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: indent) + "]"
        case .string(let s): Self.writeString(s, to: &out)
        case .number(let d): out += Self.numberText(d)
        case .integer(let i): out += String(i)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        }
    }

    /// Shortest round-trip text; integral values print without `.0`; NaN and infinities are `null`.
    static func numberText(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)   // Swift prints the shortest digits that round-trip, e.g. 0.1, 1e-05
    }

    private static func writeString(_ s: String, to out: inout String) {
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

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .integer(value) }
    init(floatLiteral value: Double) { self = .number(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

/// Writes text to standard output in one call (large outputs are built first, then written), every
/// byte checked. A failed write (`> /dev/full`, a closed pipe: SIGPIPE is ignored, see `Entry`) prints
/// the reason to standard error and throws exit code 74 (`ExitCode.outputFailed`).
func writeStandardOutput(_ text: String) throws {
    let failure = StandardStream.write(Array(text.utf8), to: 1)
    guard failure != 0 else { return }
    writeStandardError("error: cannot write to standard output: \(String(cString: strerror(failure)))\n")
    throw ExitCode.outputFailed
}

/// Writes text to standard error. A failure is ignored: there is nowhere left to report it, and the
/// exit code still tells the outcome.
func writeStandardError(_ text: String) {
    _ = StandardStream.write(Array(text.utf8), to: 2)
}

enum StandardStream {
    /// Writes all of `bytes` to `descriptor`; 0, or the `errno` of the failed write.
    static func write(_ bytes: [UInt8], to descriptor: Int32) -> Int32 {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return 0
        }
    }
}
