import Dispatch
import Foundation

/// The header and the record structure.
extension VendorCSVParser {
    mutating func reportTokenizerIssues() {
        while reportedIssues < tokenizer.issues.count {
            let issue = tokenizer.issues[reportedIssues]
            reportedIssues += 1
            let location = SourceLocation(file: source, line: issue.line, column: issue.column)
            switch issue.kind {
            case .unterminatedQuote:
                log.error(location, "unterminated_quote",
                          "expected a closing quote for the field that starts here, found the end of the file")
            case .textAfterQuote:
                log.error(location, "text_after_quote",
                          "expected '\(Self.delimiterName(context.delimiter))' or a line end after a closing quote, found text")
            }
        }
    }

    func location(_ field: Int) -> SourceLocation {
        if plainLine > 0 {
            if context.spreadsheet { return SourceLocation(file: source, line: plainLine, column: field + 1) }
            let offset = cells[field].baseAddress! - tokenizer.bytes.baseAddress!
            return SourceLocation(file: source, line: plainLine, column: CSVTokenizer.column(tokenizer.bytes, from: plainStart, to: offset))
        }
        let f = fields[field]
        // A worksheet's cells are located by row and column number, not by characters of the CSV
        // the reader made of it.
        if context.spreadsheet { return SourceLocation(file: source, line: f.line, column: field + 1) }
        return SourceLocation(file: source, line: f.line, column: tokenizer.column(of: f))
    }

    /// Checks the current record against the column, line and field limits; logs the first
    /// excess as an error (which stops the read) and returns `false`.
    mutating func withinLimits(line: Int) -> Bool {
        guard let first = fields.first, let last = fields.last else { return true }
        if fields.count > limits.columns {
            overLimit = true
            log.error(SourceLocation(file: source, line: line), "too_many_columns",
                      "expected at most \(limits.columns) columns, found \(fields.count)")
            return false
        }
        // A field is never longer than its record: the common case is one subtraction per row.
        guard last.end - first.start > min(limits.fieldBytes, limits.lineBytes) else { return true }
        if let long = fields.firstIndex(where: { $0.end - $0.start > limits.fieldBytes }) {
            overLimit = true
            log.error(location(long), "field_too_long",
                      "expected a field of at most \(InputLimits.size(limits.fieldBytes)), found \(fields[long].end - fields[long].start) bytes")
            return false
        }
        if last.end - first.start > limits.lineBytes {
            overLimit = true
            log.error(SourceLocation(file: source, line: line), "line_too_long",
                      "expected a row of at most \(InputLimits.size(limits.lineBytes)), found \(last.end - first.start) bytes")
            return false
        }
        return true
    }

    mutating func readHeader(line: Int) {
        reportTokenizerIssues()
        guard withinLimits(line: line) else { return }
        headerCount = fields.count
        prepareCells()
        matchHeader(line: line) // HeaderMatching.swift
    }

    @inline(__always)
    static func ordinal(_ column: VendorColumn) -> Int { column.ordinal }

    /// Fills `cells` with the current row's values, undoing quotes (into `arena` when needed).
    mutating func prepareCells() {
        var needed = 0
        for field in fields where field.needsUnescaping { needed += field.end - field.start }
        if needed > arena.count {
            arena.deallocate()
            arena = .allocate(capacity: max(needed, 2 * arena.count, 256))
        }
        if cells.count != fields.count {
            cells = Array(repeating: UnsafeBufferPointer(start: nil, count: 0), count: fields.count)
        }
        var used = 0
        let bytes = tokenizer.bytes
        let arena = self.arena
        fields.withUnsafeBufferPointer { fields in
            cells.withUnsafeMutableBufferPointer { cells in
                for (index, field) in fields.enumerated() {
                    if !field.isQuoted {
                        cells[index] = UnsafeBufferPointer(rebasing: bytes[field.start..<field.end])
                    } else if !field.needsUnescaping {
                        let end = max(field.start + 1, field.end - 1)
                        cells[index] = UnsafeBufferPointer(rebasing: bytes[(field.start + 1)..<end])
                    } else {
                        let value = tokenizer.unescapedBytes(of: field)
                        let target = UnsafeMutableBufferPointer(rebasing: arena[used..<(used + value.count)])
                        _ = target.initialize(from: value)
                        cells[index] = UnsafeBufferPointer(target)
                        used += value.count
                    }
                }
            }
        }
    }
}
