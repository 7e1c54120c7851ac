/// Checks TOML text for what toml++ (inside TOMLKit) does not survive, before it is parsed.
///
/// - A table header whose name starts with a character that is neither a bare-key character nor a
///   quote (`[#x]`, `[ é]`, `[.b]`, `[` then a line end) fails an assertion in toml++ 3's
///   `parse_key()` (an abort in debug builds, undefined behaviour under `NDEBUG`). Found by
///   fuzzing (`Fuzz/`, FuzzScenario); regression test `FuzzRegressionTests`.
/// - A date and `T` followed by something other than a digit (`2027-01-04T:`) fails an assertion in
///   `parse_time()`. Found by fuzzing too.
/// - A value, a space and a digit not followed by another digit (`2027-01-04 1`, `0027-0)-04 1`)
///   can fail an assertion in `parse_value()`'s look-ahead for a date-time with a space. Found by
///   fuzzing too. Such text is never valid TOML (a time after a date needs HH:MM:SS), so it is refused.
/// - A `}` where an array expects a value (`[}`, `[1, }`) fails an assertion in `parse_value()`.
///   Found by fuzzing too. Any `}` closing a `[` is refused: brackets that do not match are never TOML.
/// - Arrays and inline tables nested deeper than the limit: the parser recurses.
///
/// A lexical scan that knows TOML's four kinds of strings and its comments, so brackets and quotes
/// inside them are not mistaken for structure.
/// - Complexity: O(n) in the text's length.
enum TOMLPreflight {
    struct Problem: Equatable {
        var code: String
        var message: String
        var line: Int
        var column: Int
    }

    static func check(_ text: String, depthLimit: Int) -> Problem? {
        let bytes = Array(text.utf8)
        var i = 0, line = 1, lineStart = 0
        /// The open `[` and `{`, innermost last.
        var open: [UInt8] = []
        var atLineStart = true
        /// The last byte outside strings, comments and blanks (a quote after a string).
        var previous: UInt8 = 0x0A

        func column(_ offset: Int) -> Int {
            bytes[lineStart..<offset].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        }
        func starts(_ s: String, at offset: Int) -> Bool {
            let pattern = Array(s.utf8)
            return offset + pattern.count <= bytes.count && Array(bytes[offset..<(offset + pattern.count)]) == pattern
        }
        /// Skips a string starting at `i` (a quote); leaves `i` just past it (or at the line end/EOF
        /// of an unterminated single-line string, which toml++ reports).
        func skipString() {
            let quote = bytes[i]
            let triple = quote == 0x22 ? "\"\"\"" : "'''"
            if starts(triple, at: i) {
                i += 3
                while i < bytes.count {
                    if quote == 0x22, bytes[i] == 0x5C { i += 2; continue }
                    if starts(triple, at: i) {
                        i += 3
                        // Up to two more quotes may end the content (`""""a"""""`).
                        while i < bytes.count, bytes[i] == quote { i += 1 }
                        return
                    }
                    if bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
                    i += 1
                }
                return
            }
            i += 1
            while i < bytes.count, bytes[i] != 0x0A {
                if quote == 0x22, bytes[i] == 0x5C { i += 2; continue }
                if bytes[i] == quote { i += 1; return }
                i += 1
            }
        }

        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case 0x0A:
                line += 1; lineStart = i + 1; atLineStart = true; i += 1
                continue
            case 0x20, 0x09, 0x0D:
                i += 1
                continue
            case 0x23: // comment
                while i < bytes.count, bytes[i] != 0x0A { i += 1 }
                continue
            case 0x22, 0x27:
                skipString()
            case 0x5B, 0x7B:
                if byte == 0x5B, open.isEmpty, atLineStart {
                    // A table header: `[` or `[[`, spaces, then the first character of the name.
                    var j = i + 1
                    while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                    if j < bytes.count, bytes[j] == 0x5B {
                        j += 1
                        while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                    }
                    if j < bytes.count, !isNameStart(bytes[j]) {
                        let found = bytes[j] == 0x0A || bytes[j] == 0x0D ? "a line end"
                            : "'" + String(decoding: bytes[j..<min(bytes.count, j + utf8Length(bytes[j]))], as: UTF8.self) + "'"
                        return Problem(code: "toml_syntax",
                                       message: "invalid TOML: expected a table name (a bare or quoted key) after '[', found \(found)",
                                       line: line, column: column(j))
                    }
                }
                open.append(byte)
                if open.count > depthLimit {
                    return Problem(code: "too_deep", message: "expected arrays and tables nested at most \(depthLimit) deep, found deeper",
                                   line: line, column: column(i))
                }
                i += 1
            case 0x5D, 0x7D:
                if byte == 0x7D, open.last == 0x5B {
                    return Problem(code: "toml_syntax", message: "invalid TOML: expected a value or ']' in the array, found '}'",
                                   line: line, column: column(i))
                }
                if !open.isEmpty { open.removeLast() }
                i += 1
            default:
                // A value (after `=`, `[` or `,`) that starts like a date-time: YYYY-MM-DD[Tt]<digit>.
                if byte >= 0x30, byte <= 0x39, previous == 0x3D || previous == 0x5B || previous == 0x2C,
                   i + 11 < bytes.count, isDatePrefix(bytes, at: i), bytes[i + 10] | 0x20 == UInt8(ascii: "t"),
                   !(bytes[i + 11] >= 0x30 && bytes[i + 11] <= 0x39) {
                    let j = i + 11
                    let found = bytes[j] == 0x0A || bytes[j] == 0x0D ? "a line end"
                        : "'" + String(decoding: bytes[j..<min(bytes.count, j + utf8Length(bytes[j]))], as: UTF8.self) + "'"
                    return Problem(code: "toml_syntax",
                                   message: "invalid TOML: expected a time (HH:MM:SS) after the date and 'T', found \(found)",
                                   line: line, column: column(j))
                }
                // A value starting with a digit, then one space, a digit, and no second digit.
                if byte >= 0x30, byte <= 0x39, previous == 0x3D || previous == 0x5B || previous == 0x2C {
                    var end = i
                    while end < bytes.count, !isValueTerminator(bytes[end]) { end += 1 }
                    if end + 2 < bytes.count, bytes[end] == 0x20, isDigit(bytes[end + 1]), !isDigit(bytes[end + 2]) {
                        return Problem(code: "toml_syntax",
                                       message: "invalid TOML: unexpected '\(Character(Unicode.Scalar(bytes[end + 1])))' after the value (a date and time needs HH:MM:SS)",
                                       line: line, column: column(end + 1))
                    }
                }
                i += 1
            }
            previous = byte
            atLineStart = false
        }
        return nil
    }

    /// What ends a value in toml++ (ASCII part): a blank, a line break, `,`, `]`, `}` or `#`.
    static func isValueTerminator(_ byte: UInt8) -> Bool {
        [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x2C, 0x5D, 0x7D, 0x23].contains(byte)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// `YYYY-MM-DD` at `offset` (digits and dashes only; the parser checks the ranges).
    static func isDatePrefix(_ bytes: [UInt8], at offset: Int) -> Bool {
        for k in 0..<10 {
            let byte = bytes[offset + k]
            if k == 4 || k == 7 { if byte != 0x2D { return false } } else if !(byte >= 0x30 && byte <= 0x39) { return false }
        }
        return true
    }

    /// A bare-key character, a quote, or `]` (an empty name, which toml++ reports itself).
    static func isNameStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"), 0x22, 0x27, 0x5D:
            true
        default:
            false
        }
    }

    static func utf8Length(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
    }
}
