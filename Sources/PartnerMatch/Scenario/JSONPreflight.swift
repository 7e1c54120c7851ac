/// A syntax check of a JSON scenario before Foundation's decoder runs, for what that decoder reports
/// without a place ("The given data was not valid JSON") or misreads: the first syntax error, a
/// second document after the first, `NaN` or `Infinity`, and a number beyond a Double's range
/// (`1e400`), each at its line and column (in characters, 1-based).
///
/// A recursive-descent scan of RFC 8259 JSON; the depth is bounded by the nesting check that runs
/// first (`InputLimits.nestingDepth`). - Complexity: O(n) in the text's length.
struct JSONPreflight {
    struct Problem: Error, Equatable {
        var line: Int
        var column: Int
        var code: String
        var message: String
    }

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0
    private let depthLimit: Int

    private init(_ text: String, depthLimit: Int) {
        bytes = Array(text.utf8)
        self.depthLimit = depthLimit
    }

    /// The first problem of `text`, or `nil` when it is one well-formed JSON value.
    static func check(_ text: String, depthLimit: Int = 64) -> Problem? {
        var scan = JSONPreflight(text, depthLimit: depthLimit)
        do throws(Problem) {
            scan.skipSpace()
            try scan.value()
            scan.skipSpace()
            if scan.index < scan.bytes.count {
                throw scan.problem("json_syntax", "expected the end of the file after the JSON document, found \(scan.found())")
            }
            return nil
        } catch {
            return error
        }
    }

    private func position(_ at: Int) -> (Int, Int) {
        var line = 1, column = 1
        for byte in bytes[..<min(at, bytes.count)] {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }

    private func problem(_ code: String, _ message: String, at: Int? = nil) -> Problem {
        let (line, column) = position(at ?? index)
        return Problem(line: line, column: column, code: code, message: message)
    }

    /// What is at the current position, for messages: a word, a character, or the end of the file.
    private func found() -> String {
        guard index < bytes.count else { return "the end of the file" }
        var end = index
        while end < bytes.count, end - index < 20, isWordByte(bytes[end]) { end += 1 }
        if end == index { end = index + 1 }
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return "'" + String(decoding: bytes[index..<end], as: UTF8.self) + "'"
    }

    private func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2B || b == 0x2D || b == 0x2E
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func value() throws(Problem) {
        guard index < bytes.count else { throw problem("json_syntax", "expected a JSON value, found the end of the file") }
        switch bytes[index] {
        case UInt8(ascii: "{"): try object()
        case UInt8(ascii: "["): try array()
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default:
            for word in ["true", "false", "null"] where bytes[index...].starts(with: word.utf8) {
                index += word.utf8.count
                return
            }
            let what = found()
            if what == "'NaN'" || what.hasPrefix("'Infinity") || what.hasPrefix("'inf") || what.hasPrefix("'nan") {
                throw problem("not_a_number", "expected a finite number, found \(what) (JSON has no NaN or infinity)")
            }
            throw problem("json_syntax", "expected a JSON value, found \(what)")
        }
    }

    private mutating func enter() throws(Problem) {
        depth += 1
        if depth > depthLimit { throw problem("too_deep", "expected arrays and tables nested at most \(depthLimit) deep, found deeper") }
    }

    private mutating func object() throws(Problem) {
        try enter()
        index += 1
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; depth -= 1; return }
        while true {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw problem("json_syntax", "expected a key in double quotes, found \(found())")
            }
            try string()
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw problem("json_syntax", "expected ':' after the key, found \(found())") }
            index += 1
            skipSpace()
            try value()
            skipSpace()
            guard index < bytes.count else { throw problem("json_syntax", "expected ',' or '}', found the end of the file") }
            if bytes[index] == UInt8(ascii: "}") { index += 1; depth -= 1; return }
            guard bytes[index] == UInt8(ascii: ",") else { throw problem("json_syntax", "expected ',' or '}', found \(found())") }
            index += 1
            skipSpace()
        }
    }

    private mutating func array() throws(Problem) {
        try enter()
        index += 1
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; depth -= 1; return }
        while true {
            try value()
            skipSpace()
            guard index < bytes.count else { throw problem("json_syntax", "expected ',' or ']', found the end of the file") }
            if bytes[index] == UInt8(ascii: "]") { index += 1; depth -= 1; return }
            guard bytes[index] == UInt8(ascii: ",") else { throw problem("json_syntax", "expected ',' or ']', found \(found())") }
            index += 1
            skipSpace()
        }
    }

    private mutating func string() throws(Problem) {
        let start = index
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { index += 1; return }
            if byte < 0x20 { throw problem("json_syntax", "expected '\"' to end the string, found a control character (write it as \\u00XX)") }
            if byte == UInt8(ascii: "\\") {
                index += 1
                guard index < bytes.count else { break }
                switch bytes[index] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 1
                case UInt8(ascii: "u"):
                    let hex = bytes[(index + 1)..<min(index + 5, bytes.count)]
                    guard hex.count == 4, hex.allSatisfy({ isHex($0) }) else {
                        throw problem("json_syntax", "expected four hex digits after \\u, found \(found())")
                    }
                    index += 5
                default:
                    index -= 1
                    throw problem("json_syntax", "expected an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX), found \(found())")
                }
                continue
            }
            index += 1
        }
        throw problem("json_syntax", "expected '\"' to end the string that starts here, found the end of the file", at: start)
    }

    private func isHex(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
    }

    private mutating func number() throws(Problem) {
        let start = index
        func digits() -> Int {
            let from = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            return index - from
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard digits() > 0 else {
            index = start
            let what = found()
            if what.hasPrefix("'-Infinity") || what.hasPrefix("'-inf") {
                throw problem("not_a_number", "expected a finite number, found \(what) (JSON has no NaN or infinity)")
            }
            throw problem("json_syntax", "expected a number, found \(what)")
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw problem("json_syntax", "expected digits after the decimal point, found \(found())") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw problem("json_syntax", "expected digits in the exponent, found \(found())") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if let value = Double(text), !value.isFinite {
            throw problem("out_of_range", "expected a number of magnitude at most 1.8e308, found \(text)", at: start)
        }
    }
}
