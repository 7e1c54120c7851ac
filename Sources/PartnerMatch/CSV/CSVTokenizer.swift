#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Why a hand-written tokenizer: the CSV packages available to the project (SwiftCSV 0.10, CSV.swift 2.5)
// build a `String` per field (and SwiftCSV a dictionary per row in its named mode), far too slow for the
// target of reading and validating a million vendors (~100 MB) in about a second. Measured on a
// generated 100,000-vendor file (9.5 MB, release builds, same machine and moment): SwiftCSV's
// `EnumeratedCSV` plus `Double(String)` for three columns took 2.08 s (median of 3; 1.34 s user), while
// `partner-match validate` — this tokenizer and the whole vendor validation — took 0.15 s (0.09 s user):
// about 14 times faster (BENCHMARKS.md, "Reading and validating vendor pools"). This tokenizer walks the
// bytes once and hands out byte ranges; only the caller decides what becomes a `String`.

/// One field of a CSV record: a byte range of the input, plus where it starts.
///
/// `start..<end` includes the surrounding quotes of a quoted field. Use `CSVTokenizer.value(of:)`
/// (a `String`) or `CSVTokenizer.withValue(of:_:)` (bytes, no allocation for most fields) to read it.
public struct CSVField: Sendable, Hashable {
    /// Byte offset of the field's first byte (its opening quote, if quoted).
    public var start: Int
    /// Byte offset just past the field's last byte (its closing quote, if quoted).
    public var end: Int
    /// 1-based physical line on which the field starts.
    public var line: Int
    /// Byte offset of the start of that physical line (after the BOM on line 1).
    public var lineStart: Int
    /// The field began with `"`.
    public var isQuoted: Bool
    /// The field's value differs from its raw bytes beyond the outer quotes: it holds a doubled quote,
    /// or (malformed input) text after the closing quote.
    public var needsUnescaping: Bool
}

/// A structural problem found while tokenizing. The tokenizer recovers and goes on.
public struct CSVIssue: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A quoted field reaches the end of the input without its closing quote.
        case unterminatedQuote
        /// Text follows a closing quote before the next delimiter or line end (`"abc"def`).
        /// The text is kept as part of the field.
        case textAfterQuote
    }

    public var kind: Kind
    /// 1-based physical line and character column of the offending byte.
    public var line: Int
    public var column: Int
}

/// A byte-level CSV tokenizer (RFC 4180 plus what real exports do).
///
/// - Fields are separated by `delimiter` (`,` unless given: `;`, tab or `|` for other exports) and
///   records end at LF, CRLF or a lone CR.
/// - A field that starts with `"` is quoted: it may hold `,`, line ends and `""` (one quote).
/// - A UTF-8 byte-order mark at the start is skipped; a missing final line end is fine.
/// - Empty lines between records are skipped (a line holding only `""` is a record, not a blank line).
/// - A quote inside an unquoted field is an ordinary character.
///
/// Lines are physical lines (a quoted field with line breaks spans several); columns count Unicode
/// scalars from 1 at the start of the physical line. The tokenizer does not look at the number of
/// fields per record: that is the caller's schema.
///
/// The tokenizer borrows the bytes: create it inside `withUnsafeBufferPointer` and do not let it escape.
///
/// - Complexity: O(n) in the input's length, one pass; no allocation per field.
public struct CSVTokenizer {
    public let bytes: UnsafeBufferPointer<UInt8>
    /// The field separator.
    public let delimiter: UInt8
    /// Byte offset of the next unread byte.
    public private(set) var position: Int
    /// Physical line of the next unread byte.
    public private(set) var line = 1
    private var lineStart: Int
    /// Structural problems found so far, in input order.
    public private(set) var issues: [CSVIssue] = []

    public init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8 = CSVByte.comma) {
        self.bytes = bytes
        self.delimiter = delimiter
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        position = hasBOM ? 3 : 0
        lineStart = position
    }

    /// A tokenizer that starts at `start`, which must be the first byte of physical line `line`
    /// (used to read chunks of one input in parallel).
    init(bytes: UnsafeBufferPointer<UInt8>, start: Int, line: Int, delimiter: UInt8 = CSVByte.comma) {
        self.bytes = bytes
        self.delimiter = delimiter
        position = start
        lineStart = start
        self.line = line
    }

    /// Reads the next record's fields into `fields` (emptied first) and returns the record's first
    /// physical line, or `nil` at the end of the input.
    public mutating func nextRecord(into fields: inout [CSVField]) -> Int? {
        fields.removeAll(keepingCapacity: true)
        // Work on locals (the loop is the reader's hottest): stored properties would be written back
        // to memory on every byte.
        let bytes = self.bytes
        let delimiter = self.delimiter
        let n = bytes.count
        var position = self.position, line = self.line, lineStart = self.lineStart
        defer {
            self.position = position
            self.line = line
            self.lineStart = lineStart
        }
        // Skip blank lines.
        while position < n {
            let byte = bytes[position]
            if byte == CSVByte.lf {
                position += 1
            } else if byte == CSVByte.cr {
                position += 1
                if position < n && bytes[position] == CSVByte.lf { position += 1 }
            } else {
                break
            }
            line += 1
            lineStart = position
        }
        guard position < n else { return nil }
        let recordLine = line

        while true {
            var field = CSVField(
                start: position, end: position, line: line, lineStart: lineStart,
                isQuoted: false, needsUnescaping: false)
            if position < n && bytes[position] == CSVByte.quote {
                field.isQuoted = true
                position += 1
                quoted: while true {
                    guard position < n else {
                        issues.append(CSVIssue(
                            kind: .unterminatedQuote, line: field.line,
                            column: Self.column(bytes, from: field.lineStart, to: field.start)))
                        field.end = n
                        field.needsUnescaping = true // no closing quote to drop
                        fields.append(field)
                        return recordLine
                    }
                    switch bytes[position] {
                    case CSVByte.quote:
                        if position + 1 < n && bytes[position + 1] == CSVByte.quote {
                            field.needsUnescaping = true
                            position += 2
                        } else {
                            position += 1
                            break quoted
                        }
                    case CSVByte.lf:
                        position += 1
                        line += 1
                        lineStart = position
                    case CSVByte.cr:
                        position += 1
                        if position < n && bytes[position] == CSVByte.lf { position += 1 }
                        line += 1
                        lineStart = position
                    default:
                        position += 1
                    }
                }
                if position < n, bytes[position] != delimiter, bytes[position] != CSVByte.lf, bytes[position] != CSVByte.cr {
                    issues.append(CSVIssue(
                        kind: .textAfterQuote, line: line,
                        column: Self.column(bytes, from: lineStart, to: position)))
                    field.needsUnescaping = true
                    while position < n, bytes[position] != delimiter, bytes[position] != CSVByte.lf, bytes[position] != CSVByte.cr {
                        position += 1
                    }
                }
            } else {
                position = Self.endOfUnquotedField(bytes, from: position, delimiter: delimiter)
            }
            field.end = position
            fields.append(field)

            guard position < n else { return recordLine }
            switch bytes[position] {
            case delimiter:
                position += 1
            case CSVByte.cr:
                position += 1
                if position < n && bytes[position] == CSVByte.lf { position += 1 }
                line += 1
                lineStart = position
                return recordLine
            default: // LF
                position += 1
                line += 1
                lineStart = position
                return recordLine
            }
        }
    }

    /// Reads the next record when it is plain: on one physical line, no quote (a record of quoted
    /// fields, or with a quote inside one, is the general tokenizer's), exactly `cells.count` fields
    /// and at most `maxBytes` bytes. Each field's bytes go to `cells` and
    /// the record's line is returned. Any other record (or the end of the input, or a blank line) gives
    /// `nil` and leaves the tokenizer where it was, for `nextRecord(into:)`.
    ///
    /// The same grammar as `nextRecord(into:)`, for the records real vendor files are made of, without
    /// building a `CSVField` per field (the reader's hottest loop: BENCHMARKS.md, "A million vendors
    /// against polars").
    mutating func nextPlainRecord(into cells: UnsafeMutableBufferPointer<UnsafeBufferPointer<UInt8>>, maxBytes: Int) -> Int? {
        let bytes = self.bytes
        let n = bytes.count
        let start = position
        guard start < n, let base = bytes.baseAddress, !cells.isEmpty else { return nil }
        let first = bytes[start]
        if first == CSVByte.lf || first == CSVByte.cr || first == CSVByte.quote { return nil }
        let width = cells.count
        var fieldStart = start
        var count = 0
        var lineEnd = -1 // offset of the line end byte; n when the input ends the record

        // Eight bytes a step, every delimiter in the word at once: `zeros(x)` has the top bit set in
        // exactly the bytes of x that are 0 (no borrow between bytes), so each set bit of `marks` is a
        // field end. One branch per word instead of one per field.
        @inline(__always) func zeros(_ x: UInt64) -> UInt64 {
            let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            return ~(((x & low7) &+ low7) | x | low7)
        }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let delimiters = ones &* UInt64(delimiter), lfs = ones &* UInt64(CSVByte.lf), crs = ones &* UInt64(CSVByte.cr)
        let quotes = ones &* UInt64(CSVByte.quote)
        let raw = UnsafeRawPointer(base)
        var scan = start
        while scan + 8 <= n {
            guard scan &- start <= maxBytes else { return nil }
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: scan, as: UInt64.self))
            let ends = zeros(word ^ lfs) | zeros(word ^ crs)
            var marks = zeros(word ^ delimiters)
            var quoted = zeros(word ^ quotes)
            if ends != 0 { // only the bytes before the line end
                let before = (ends & (0 &- ends)) &- 1
                marks &= before
                quoted &= before
            }
            // A quote anywhere in the word: the general tokenizer reads the record (one test a word,
            // not a look at each field's first byte).
            if quoted != 0 { return nil }
            while marks != 0 {
                let at = scan &+ marks.trailingZeroBitCount >> 3
                marks &= marks &- 1
                guard count < width else { return nil }
                cells[count] = UnsafeBufferPointer(start: base + fieldStart, count: at &- fieldStart)
                count &+= 1
                fieldStart = at &+ 1
            }
            if ends != 0 {
                lineEnd = scan + ends.trailingZeroBitCount >> 3
                break
            }
            scan += 8
        }
        if lineEnd < 0 {
            // The input's last bytes: field by field.
            var position = fieldStart
            if position < n && bytes[position] == CSVByte.quote { return nil }
            while true {
                let end = Self.endOfUnquotedField(bytes, from: position, delimiter: delimiter)
                guard end < n, bytes[end] == delimiter else { fieldStart = position; lineEnd = end; break }
                guard count < width else { return nil }
                cells[count] = UnsafeBufferPointer(start: base + position, count: end - position)
                count += 1
                position = end + 1
                if position < n && bytes[position] == CSVByte.quote { return nil }
            }
        }
        // The last field, up to the line end (or the input's end).
        guard count == width - 1 else { return nil }
        cells[count] = UnsafeBufferPointer(start: base + fieldStart, count: lineEnd - fieldStart)
        var next = lineEnd
        if lineEnd < n {
            next += 1
            if bytes[lineEnd] == CSVByte.cr && next < n && bytes[next] == CSVByte.lf { next += 1 }
        }
        guard next - start <= maxBytes else { return nil }
        let recordLine = line
        position = next
        if lineEnd < n {
            line += 1
            lineStart = next
        }
        return recordLine
    }

    /// The offset of the first `delimiter`, LF or CR at or after `from`, or the input's end. Eight bytes at a
    /// time: a byte equal to c makes `(x ^ c…c) - 0x01…01` borrow into its top bit (the lowest such
    /// byte is exact), so one word test replaces eight compares for the fields typical of vendor rows.
    @inline(__always)
    static func endOfUnquotedField(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, delimiter: UInt8 = CSVByte.comma) -> Int {
        let n = bytes.count
        var position = start
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            while position + 8 <= n {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
                let commas = word ^ (ones &* UInt64(delimiter))
                let lfs = word ^ (ones &* UInt64(CSVByte.lf))
                let crs = word ^ (ones &* UInt64(CSVByte.cr))
                let found = ((commas &- ones) & ~commas | (lfs &- ones) & ~lfs | (crs &- ones) & ~crs) & highs
                if found != 0 { return position + found.trailingZeroBitCount / 8 }
                position += 8
            }
        }
        while position < n {
            let byte = bytes[position]
            if byte == delimiter || byte == CSVByte.lf || byte == CSVByte.cr { break }
            position += 1
        }
        return position
    }

    /// Skips empty lines, stopping at `end` (a line start) at the latest.
    mutating func skipBlankLines(before end: Int) {
        while position < end {
            let byte = bytes[position]
            if byte == CSVByte.lf {
                position += 1
            } else if byte == CSVByte.cr {
                position += 1
                if position < bytes.count && bytes[position] == CSVByte.lf { position += 1 }
            } else {
                return
            }
            line += 1
            lineStart = position
        }
    }

    /// The number of line ends (LF, CRLF, lone CR) in `from..<to`, quoted or not. `to` must not split a CRLF.
    /// - Complexity: O(n), with `memchr` doing the scanning when the range holds no CR.
    static func countLineEnds(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        guard from < to, let base = bytes.baseAddress else { return 0 }
        if memchr(base + from, Int32(CSVByte.cr), to - from) == nil {
            var count = 0
            var cursor = UnsafeRawPointer(base + from)
            let end = UnsafeRawPointer(base + to)
            while cursor < end, let found = memchr(cursor, Int32(CSVByte.lf), end - cursor) {
                count += 1
                cursor = UnsafeRawPointer(found) + 1
            }
            return count
        }
        var count = 0
        var index = from
        while index < to {
            let byte = bytes[index]
            if byte == CSVByte.lf {
                count += 1
            } else if byte == CSVByte.cr && (index + 1 == bytes.count || bytes[index + 1] != CSVByte.lf) {
                count += 1
            }
            index += 1
        }
        return count
    }

    /// The 1-based character (Unicode scalar) column at which `field` starts.
    public func column(of field: CSVField) -> Int {
        Self.column(bytes, from: field.lineStart, to: field.start)
    }

    static func column(_ bytes: UnsafeBufferPointer<UInt8>, from lineStart: Int, to offset: Int) -> Int {
        var column = 1
        var index = lineStart
        while index < offset {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return column
    }

    /// Calls `body` with the field's value as bytes: a view into the input when possible, or a
    /// scratch copy with doubled quotes undone.
    public func withValue<R>(of field: CSVField, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard field.isQuoted else {
            return try body(UnsafeBufferPointer(rebasing: bytes[field.start..<field.end]))
        }
        guard field.needsUnescaping else {
            let end = Swift.max(field.start + 1, field.end - 1)
            return try body(UnsafeBufferPointer(rebasing: bytes[(field.start + 1)..<end]))
        }
        let value = unescapedBytes(of: field)
        return try value.withUnsafeBufferPointer(body)
    }

    /// The field's value as bytes, quotes removed and doubled quotes undone.
    public func unescapedBytes(of field: CSVField) -> [UInt8] {
        guard field.isQuoted else { return Array(bytes[field.start..<field.end]) }
        var out: [UInt8] = []
        out.reserveCapacity(field.end - field.start)
        var index = field.start + 1
        var inQuotes = true
        while index < field.end {
            let byte = bytes[index]
            if inQuotes && byte == CSVByte.quote {
                if index + 1 < field.end && bytes[index + 1] == CSVByte.quote {
                    out.append(CSVByte.quote)
                    index += 2
                    continue
                }
                inQuotes = false // the closing quote; anything after it is kept as written
                index += 1
                continue
            }
            out.append(byte)
            index += 1
        }
        return out
    }

    /// The field's value as a `String` (invalid UTF-8 repaired with U+FFFD).
    public func value(of field: CSVField) -> String {
        withValue(of: field) { String(decoding: $0, as: UTF8.self) }
    }
}

extension CSVTokenizer {
    /// Tokenizes a whole input into rows of string values (convenient for tests and small files).
    public static func records(_ input: some Collection<UInt8>, delimiter: UInt8 = CSVByte.comma) -> (records: [[String]], issues: [CSVIssue]) {
        let array = Array(input)
        return array.withUnsafeBufferPointer { buffer in
            var tokenizer = CSVTokenizer(bytes: buffer, delimiter: delimiter)
            var fields: [CSVField] = []
            var records: [[String]] = []
            while tokenizer.nextRecord(into: &fields) != nil {
                records.append(fields.map { tokenizer.value(of: $0) })
            }
            return (records, tokenizer.issues)
        }
    }
}

/// The bytes the CSV grammar cares about.
public enum CSVByte {
    public static let quote = UInt8(ascii: "\"")
    public static let comma = UInt8(ascii: ",")
    public static let lf = UInt8(ascii: "\n")
    public static let cr = UInt8(ascii: "\r")
}
