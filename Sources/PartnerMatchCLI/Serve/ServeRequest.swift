import Foundation
import PartnerMatch

/// A request body of `serve`'s API: `{"scenario": {…}, "options": {…}}` (docs/SERVE.md).
///
/// The scenario member is cut out of the body as it was typed and read by the scenario reader as a
/// JSON scenario file, so a mistake in it gets the reader's message; its location is then moved from
/// the member to the body (`request:LINE:COLUMN: …`), the place in what the client sent.
struct ServeRequest: Sendable {
    /// The scenario member's text and where it starts in the body (1-based line and column).
    var scenario: (text: Substring, line: Int, column: Int)
    var options: [String: OptionValue]

    /// The name of the body in messages.
    static let file = "request"

    enum OptionValue: Sendable, Equatable, Decodable {
        case bool(Bool), integer(Int), number(Double), string(String)

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let i = try? c.decode(Int.self) { self = .integer(i) }
            else if let d = try? c.decode(Double.self) { self = .number(d) }
            else if let s = try? c.decode(String.self) { self = .string(s) }
            else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a boolean, a number or a string")
            }
        }

        /// The value as the command line would carry it.
        var argument: String {
            switch self {
            case .bool(let b): String(b)
            case .integer(let i): String(i)
            case .number(let d): formatNumber(d)
            case .string(let s): s
            }
        }
    }

    /// Reads a body, or the located diagnostic of the first thing wrong with its outline.
    static func parse(_ bytes: [UInt8]) -> Result<ServeRequest, Problem> {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(Problem(diagnostic: Diagnostic(at: SourceLocation(file: file, line: 1), code: "not_utf8", "expected UTF-8 JSON, found other bytes")))
        }
        var scanner = Scanner(text: text)
        do {
            let members = try scanner.members()
            let unknown = members.keys.filter { $0 != "scenario" && $0 != "options" }.sorted()
            if let key = unknown.first {
                return .failure(Problem(diagnostic: scanner.diagnostic(at: members[key]!.lowerBound, code: "unknown_key",
                                                   "expected the keys scenario and options, found '\(key)'")))
            }
            guard let range = members["scenario"] else {
                return .failure(Problem(diagnostic: Diagnostic(at: SourceLocation(file: file, line: 1, column: 1), code: "missing_key",
                                           "expected a scenario member (the scenario file's keys as JSON), found none")))
            }
            var options: [String: OptionValue] = [:]
            if let optionRange = members["options"] {
                let part = text.utf8[optionRange]
                do {
                    options = try JSONDecoder().decode([String: OptionValue].self, from: Data(part))
                } catch {
                    return .failure(Problem(diagnostic: scanner.diagnostic(at: optionRange.lowerBound, code: "bad_options",
                                                       "expected options as an object of booleans, numbers and strings, found \(String(decoding: part.prefix(40), as: UTF8.self))")))
                }
            }
            let (line, column) = scanner.position(range.lowerBound)
            let member = Substring(text.utf8[range])
            return .success(ServeRequest(scenario: (member, line, column), options: options))
        } catch {
            return .failure(Problem(diagnostic: error.diagnostic))
        }
    }

    /// What is wrong with a body's outline, located in it.
    struct Problem: Error { var diagnostic: Diagnostic }

    /// Moves a diagnostic of the scenario member (read as its own file) to its place in the body.
    func located(_ diagnostic: Diagnostic, memberFile: String) -> Diagnostic {
        guard var location = diagnostic.location, location.file == memberFile else { return diagnostic }
        if location.line == 1, let column = location.column { location.column = column + scenario.column - 1 }
        location.line += scenario.line - 1
        location.file = Self.file
        var moved = diagnostic
        moved.location = location
        return moved
    }

    /// A minimal scanner of the body's outer object: member names and the byte range of each value.
    struct Scanner {
        struct Failure: Error { var diagnostic: Diagnostic }
        let text: String
        let bytes: [UInt8]
        var i: Int = 0

        init(text: String) { self.text = text; bytes = Array(text.utf8) }

        func position(_ offset: String.Index) -> (Int, Int) {
            position(text.utf8.distance(from: text.utf8.startIndex, to: offset))
        }

        func position(_ offset: Int) -> (Int, Int) {
            var line = 1, column = 1
            for b in bytes[..<min(offset, bytes.count)] {
                if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            }
            return (line, column)
        }

        func diagnostic(at offset: String.Index, code: String, _ message: String) -> Diagnostic {
            diagnostic(at: text.utf8.distance(from: text.utf8.startIndex, to: offset), code: code, message)
        }

        func diagnostic(at offset: Int, code: String, _ message: String) -> Diagnostic {
            let (line, column) = position(offset)
            return Diagnostic(at: SourceLocation(file: ServeRequest.file, line: line, column: column), code: code, message)
        }

        func fail(_ expected: String) -> Failure {
            let found = i < bytes.count ? "'" + String(decoding: bytes[i..<min(i + 12, bytes.count)], as: UTF8.self) + "'" : "the end of the body"
            return Failure(diagnostic: diagnostic(at: i, code: "json_syntax", "invalid JSON: expected \(expected), found \(found)"))
        }

        mutating func skipSpace() {
            while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        }

        mutating func expect(_ byte: UInt8, _ what: String) throws(Failure) {
            skipSpace()
            guard i < bytes.count, bytes[i] == byte else { throw fail(what) }
            i += 1
        }

        /// A string starting at `i` (the opening quote), decoded.
        mutating func string() throws(Failure) -> String {
            let start = i
            guard i < bytes.count, bytes[i] == 0x22 else { throw fail("a string") }
            i += 1
            while i < bytes.count, bytes[i] != 0x22 {
                if bytes[i] == 0x5C { i += 1 }
                i += 1
            }
            guard i < bytes.count else { i = start; throw fail("a closed string") }
            i += 1
            let raw = Data(bytes[start..<i])
            guard let decoded = try? JSONDecoder().decode(String.self, from: raw) else { i = start; throw fail("a valid string") }
            return decoded
        }

        /// Skips one value, brackets and strings balanced (its own syntax is checked by whoever reads it).
        mutating func skipValue() throws(Failure) {
            skipSpace()
            guard i < bytes.count else { throw fail("a value") }
            switch bytes[i] {
            case 0x22:
                _ = try string()
            case 0x7B, 0x5B:
                var depth = 0
                while true {
                    guard i < bytes.count else { throw fail("a closing bracket") }
                    switch bytes[i] {
                    case 0x22: _ = try string(); continue
                    case 0x7B, 0x5B: depth += 1
                    case 0x7D, 0x5D:
                        depth -= 1
                        if depth == 0 { i += 1; return }
                    default: break
                    }
                    i += 1
                }
            default:
                while i < bytes.count, ![0x2C, 0x7D, 0x5D, 0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
            }
        }

        /// The outer object's members: name → the byte range of the value.
        mutating func members() throws(Failure) -> [String: Range<String.Index>] {
            var found: [String: Range<String.Index>] = [:]
            try expect(0x7B, "a JSON object {\"scenario\": …, \"options\": …}")
            skipSpace()
            if i < bytes.count, bytes[i] == 0x7D { i += 1; return found }
            while true {
                skipSpace()
                let keyAt = i
                let key = try string()
                if found[key] != nil {
                    i = keyAt
                    throw Failure(diagnostic: diagnostic(at: keyAt, code: "duplicate_key", "expected each member once, found '\(key)' again"))
                }
                try expect(0x3A, "':'")
                skipSpace()
                let start = i
                try skipValue()
                let u = text.utf8
                found[key] = u.index(u.startIndex, offsetBy: start)..<u.index(u.startIndex, offsetBy: i)
                skipSpace()
                guard i < bytes.count else { throw fail("',' or '}'") }
                if bytes[i] == 0x2C { i += 1; continue }
                if bytes[i] == 0x7D { i += 1; break }
                throw fail("',' or '}'")
            }
            skipSpace()
            guard i == bytes.count else { throw fail("the end of the body") }
            return found
        }
    }
}

extension Error {
    fileprivate var diagnostic: Diagnostic {
        (self as? ServeRequest.Scanner.Failure)?.diagnostic
            ?? Diagnostic(at: SourceLocation(file: ServeRequest.file, line: 1), code: "json_syntax", "invalid JSON: \(self)")
    }
}
