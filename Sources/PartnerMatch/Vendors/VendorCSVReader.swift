import Dispatch
import Foundation

/// What reading a vendor CSV produced when it had no errors: the pool and the warnings.
public struct VendorReadResult: Sendable {
    public var pool: VendorPool
    /// Warnings in file order, at most `VendorCSVReader.warningLimit`.
    public var warnings: [Diagnostic]
    /// Warnings found beyond `VendorCSVReader.warningLimit` (counted, not kept).
    public var omittedWarnings: Int
    /// How many chunks the rows were read in, in parallel (1: one sequential pass).
    public var chunks: Int
    /// How the file was read: encoding, delimiter, decimal mark, each header, the defaults applied.
    public var format = VendorFileFormat()

    public init(pool: VendorPool, warnings: [Diagnostic], omittedWarnings: Int = 0, chunks: Int = 1) {
        self.pool = pool
        self.warnings = warnings
        self.omittedWarnings = omittedWarnings
        self.chunks = chunks
    }
}

/// Reads and validates a vendor CSV (schema: `datasets/README.md`, "Vendor CSV") into a `VendorPool`.
///
/// Every problem is reported, not only the first: errors (up to `errorLimit`) are thrown together as
/// one `InputError`, with the warnings seen up to then; a file without errors returns its pool and its
/// warnings. Each diagnostic points at `file:line:column` of the offending cell (column in characters,
/// 1-based, in the cell's physical line) and says what was expected and what was found.
///
/// The bytes may be CSV in any encoding and delimiter `datasets/README.md` ("Files as they arrive")
/// accepts, or an `.xlsx` workbook; they are turned into UTF-8 CSV first (`VendorCSVParser+Formats.swift`).
///
/// Error codes: `cannot_read` (no location), `empty_file`, `utf16_without_bom`, `invalid_utf8`, `invalid_utf16`,
/// `invalid_encoding`, `encoding_mismatch`, `ambiguous_delimiter`, `invalid_xlsx`, `unknown_sheet`,
/// `unmapped_work_hours`, `ambiguous_number`, `wrong_decimal_mark`, `number_out_of_range`,
/// `currency_mismatch`, `invalid_currency`, `missing_fx`, `invalid_rates`, `negative_onboarding_cost`,
/// `ambiguous_timezone`, `missing_column`, `duplicate_column`,
/// `unterminated_quote`, `text_after_quote`, `wrong_field_count`, `empty_id`, `duplicate_id`,
/// `missing_value`, `not_a_number`, `negative_rate`, `zero_rate`, `quality_out_of_range`,
/// `cultural_fit_out_of_range`, `capacity_not_positive`, `max_below_capacity`, `negative_min_fte`,
/// `min_above_max`, `invalid_country`, `unknown_timezone`, `invalid_time`; and for inputs beyond
/// `InputLimits` (docs/LIMITS.md): `file_too_large`, `too_many_columns`, `field_too_long`,
/// `line_too_long`, `too_many_rows`, `too_many_distinct_tokens` (each stops the read), `too_many_tokens`.
/// Warning codes: `rate_outside_region`, `unknown_certification`, `no_vendors`, `read_as_windows1252`,
/// `decimal_comma`, `currency_symbol_dropped`, `percent_dropped`, `thousands_separator_dropped`,
/// `fixed_offset`, `empty_rows_skipped`, `unused_mapping`, `unit_currency_ignored`, `rate_for_unlisted_skill`.
///
/// Numbers are parsed from bytes, the same under every locale; time zones are resolved by
/// `TimeZoneNames` once per distinct spelling (never by `TimeZone(identifier:)` alone).
///
/// - Complexity: O(n) in the file's size; a few allocations per distinct zone or token, none per row.
public enum VendorCSVReader {
    /// Errors kept before the reader stops and reports "more errors not shown".
    public static let errorLimit = 100
    /// Warnings kept; further ones are only counted (`VendorReadResult.omittedWarnings`).
    public static let warningLimit = 100

    /// Reads the file at `path`. A file that cannot be read throws one `cannot_read` diagnostic.
    public static func read(path: String, options: VendorReadOptions = VendorReadOptions(),
                            limits: InputLimits = .default) throws(InputError) -> VendorReadResult {
        let outcome = FileBytes.withContents(path: path, limit: limits.vendorFileBytes) { bytes in
            VendorCSVParser.read(bytes, source: path, options: options, limits: limits)
        }
        switch outcome {
        case .success(let result):
            return try result.get()
        case .failure(let reason) where reason.tooLarge:
            throw InputError([Diagnostic(at: SourceLocation(file: path, line: 1), code: "file_too_large", reason.message)])
        case .failure(let reason):
            throw InputError([Diagnostic(at: nil, code: "cannot_read", "cannot read '\(path)': \(reason.message)")])
        }
    }

    /// Reads CSV bytes; `source` names them in diagnostics (usually the file path).
    public static func read(bytes: some Collection<UInt8>, source: String, options: VendorReadOptions = VendorReadOptions(),
                            limits: InputLimits = .default) throws(InputError) -> VendorReadResult {
        try read(bytes: bytes, source: source, chunks: nil, options: options, limits: limits)
    }

    /// Reads in `chunks` parallel parts (`nil`: one per core when the input is large).
    static func read(bytes: some Collection<UInt8>, source: String, chunks: Int?, options: VendorReadOptions = VendorReadOptions(),
                     limits: InputLimits = .default) throws(InputError) -> VendorReadResult {
        let result = bytes.withContiguousStorageIfAvailable { buffer in
            VendorCSVParser.read(buffer, source: source, chunks: chunks, options: options, limits: limits)
        } ?? Array(bytes).withUnsafeBufferPointer { buffer in
            VendorCSVParser.read(buffer, source: source, chunks: chunks, options: options, limits: limits)
        }
        return try result.get()
    }
}

/// Reads a whole file with POSIX calls into one array.
enum FileBytes {
    struct Failure: Error {
        var message: String
        /// The file is over the size limit (a data error, not an unreadable file).
        var tooLarge = false
    }

    /// Calls `body` with the file's bytes, read into an array with bounded `read(2)` calls (not
    /// mapped: a file truncated while mapped raises SIGBUS; a read just ends early). A file larger
    /// than `limit` bytes fails with a message naming the limit (a stream is read only up to it).
    static func withContents<R>(path: String, limit: Int = .max, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> Result<R, Failure> {
        read(path: path, limit: limit).flatMap { bytes in
            bytes.count > limit
                ? .failure(Failure(message: tooLarge(nil, limit: limit), tooLarge: true))
                : .success(bytes.withUnsafeBufferPointer(body))
        }
    }

    /// The message for a file over the size limit (docs/LIMITS.md).
    static func tooLarge(_ size: Int?, limit: Int) -> String {
        let found = size.map { "found \($0) bytes" } ?? "found more"
        return "expected a file of at most \(InputLimits.size(limit)), \(found)"
    }

    /// The whole file, or its first `limit + 1` bytes when it is longer (so callers can tell).
    static func read(path: String, limit: Int = .max) -> Result<[UInt8], Failure> {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .failure(Failure(message: String(cString: strerror(errno)))) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { return .failure(Failure(message: String(cString: strerror(errno)))) }
        if status.st_mode & S_IFMT == S_IFDIR { return .failure(Failure(message: String(cString: strerror(EISDIR)))) }
        if status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) > limit {
            return .failure(Failure(message: tooLarge(Int(status.st_size), limit: limit), tooLarge: true))
        }
        var capacity = min(max(Int(status.st_size), 0), limit) + 1
        var failed: Int32 = 0
        var reachedEnd = false
        // The first read (for a regular file, the only one) goes into uninitialised storage: no
        // zero-filling pass over a file of hundreds of megabytes.
        var bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            count = fill(fd, buffer, from: 0, failed: &failed, reachedEnd: &reachedEnd)
        }
        // A stream (or a file that grew): read on in doubling chunks until its end or past the limit.
        while failed == 0, !reachedEnd, bytes.count <= limit {
            capacity = min(capacity * 2, max(limit, limit &+ 1))
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: capacity - start))
            let filled = bytes.withUnsafeMutableBufferPointer { fill(fd, $0, from: start, failed: &failed, reachedEnd: &reachedEnd) }
            bytes.removeSubrange(filled...)
        }
        if failed != 0 { return .failure(Failure(message: String(cString: strerror(failed)))) }
        return .success(bytes)
    }

    /// Reads into `buffer` from `start` until it is full or the file ends; the offset reached.
    private static func fill(_ fd: Int32, _ buffer: UnsafeMutableBufferPointer<UInt8>, from start: Int,
                             failed: inout Int32, reachedEnd: inout Bool) -> Int {
        var offset = start
        while offset < buffer.count {
            let got = Foundation.read(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if got < 0 {
                if errno == EINTR { continue }
                failed = errno
                break
            }
            if got == 0 { reachedEnd = true; break }
            offset += got
        }
        return offset
    }
}

/// Collects diagnostics in file order, within the limits.
struct DiagnosticLog {
    var diagnostics: [Diagnostic] = []
    var errorCount = 0
    var warningCount = 0
    var omittedWarnings = 0
    var truncated = false

    var isFull: Bool { truncated }

    mutating func error(_ location: SourceLocation, _ code: String, _ message: String) {
        if errorCount >= VendorCSVReader.errorLimit {
            truncated = true
            return
        }
        errorCount += 1
        diagnostics.append(Diagnostic(.error, at: location, code: code, message))
    }

    mutating func warning(_ location: SourceLocation, _ code: String, _ message: String) {
        if warningCount >= VendorCSVReader.warningLimit {
            omittedWarnings += 1
            return
        }
        warningCount += 1
        diagnostics.append(Diagnostic(.warning, at: location, code: code, message))
    }
}

/// The state of one read: the tokenizer, the pool being filled, and the look-up caches.
struct VendorCSVParser {
    let source: String
    var tokenizer: CSVTokenizer
    var log = DiagnosticLog()
    var pool: VendorPool
    var limits = InputLimits.default
    /// A limit was exceeded: the read stops (the one error is already logged).
    var overLimit = false

    /// Field index of each `VendorColumn` (by `allCases` order), or -1.
    var fieldOf = [Int](repeating: -1, count: VendorColumn.allCases.count)
    var extraFields: [Int] = []
    /// How each header cell was read (for `validate`).
    var headerReadings: [HeaderReading] = []
    var headerCount = 0

    var fields: [CSVField] = []
    /// The current row's cell values (unescaped, untrimmed), one per field.
    var cells: [UnsafeBufferPointer<UInt8>] = []
    var arena: UnsafeMutableBufferPointer<UInt8> = .init(start: nil, count: 0)

    var idLines = ByteStringTable()
    var zoneCache = ByteStringTable()
    var certificationCache = ByteStringTable()
    var skillCache = ByteStringTable()
    /// Interned country id per two-letter code (`(c0 - 'A') * 26 + (c1 - 'A')`), or -1.
    var countryIDs = [Int32](repeating: -1, count: 26 * 26)
    /// Per interned country id: index into `MarketRegion.all`, or -1 when unknown.
    var regionOfCountry: [Int] = []
    /// Per interned country id: the rates below or above which a warning is due (NaN: no region).
    var rateBounds: [(low: Double, high: Double)] = []
    /// Per interned certification id: whether it is one of `KnownCertification`.
    var certificationKnown: [Bool] = []
    var tokenScratch: [Int] = []
    /// Whole token cells seen before: index into `cellTokens`, or -1 for a cell that warns.
    var certificationCells = ByteStringTable()
    var skillCells = ByteStringTable()
    var cellTokens: [[Int]] = []
    /// First physical line of this parser's rows, and each row's first byte (to locate a cell later).
    var firstLine = 1
    var rowStarts: [Int] = []
    /// How this file is read (options, detected delimiter and decimal mark) and what was normalised.
    var context = ReadContext()
    var notes = FormatNotes()
    var defaultCounts = [Int](repeating: 0, count: VendorColumn.allCases.count)
    var countryNameCache = ByteStringTable()
    var zoneIsFixed: [Bool] = []
    var currencyCache = ByteStringTable()
    /// The current row's currency (a code) and its factor to the scenario currency.
    var rowCurrency = ""
    var rowFactor = 1.0

    init(bytes: UnsafeBufferPointer<UInt8>, source: String, delimiter: UInt8 = CSVByte.comma) {
        self.source = source
        tokenizer = CSVTokenizer(bytes: bytes, delimiter: delimiter)
        pool = VendorPool(source: source)
    }

    /// Inputs with at least this many bytes of rows are read in parallel chunks.
    static let parallelThreshold = 4 << 20

    /// Chunks for a large input: `PARTNER_MATCH_READ_CHUNKS` when set (1 turns parallel reading off),
    /// else one per core, at most 8.
    static var defaultChunks: Int {
        if let text = ProcessInfo.processInfo.environment["PARTNER_MATCH_READ_CHUNKS"], let n = Int(text), n >= 1 {
            return min(n, 64)
        }
        return min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8)
    }

    /// Reads the header, then the rows: in `chunks` parallel parts (default: one per core for large
    /// inputs), falling back to one sequential pass when a chunk boundary turns out to lie inside a
    /// quoted field. Both paths give the same pool and the same diagnostics.
    static func readText(_ bytes: UnsafeBufferPointer<UInt8>, source: String, chunks requested: Int? = nil,
                         context: ReadContext, limits: InputLimits = .default) -> Result<VendorReadResult, InputError> {
        var header = VendorCSVParser(bytes: bytes, source: source, delimiter: context.delimiter)
        header.limits = limits
        header.context = context
        defer { header.arena.deallocate() }
        if bytes.count > limits.vendorFileBytes {
            header.log.error(SourceLocation(file: source, line: 1), "file_too_large",
                             FileBytes.tooLarge(bytes.count, limit: limits.vendorFileBytes))
            return merge(header: header, workers: [])
        }
        guard let headerLine = header.tokenizer.nextRecord(into: &header.fields) else {
            header.log.error(SourceLocation(file: source, line: 1), "empty_file",
                             "expected a header line naming the vendor columns, found an empty file")
            return merge(header: header, workers: [])
        }
        header.readHeader(line: headerLine)
        if header.overLimit { return merge(header: header, workers: []) }
        let dataStart = header.tokenizer.position
        header.decideDecimalMark(dataStart: dataStart, line: header.tokenizer.line)
        let chunks = requested ?? (bytes.count - dataStart >= parallelThreshold ? defaultChunks : 1)
        if chunks > 1, let result = readInParallel(header: header, dataStart: dataStart, chunks: chunks) {
            return result
        }
        var worker = header.worker(start: dataStart, line: header.tokenizer.line,
                                   expectedRows: estimatedRows(bytes, from: dataStart, to: bytes.count))
        defer { worker.arena.deallocate() }
        let rows = worker.readRows(end: bytes.count)
        if rows == 0 && header.log.errorCount == 0 && worker.log.errorCount == 0 {
            worker.log.warning(SourceLocation(file: source, line: headerLine), "no_vendors",
                               "expected at least one vendor row, found only the header")
        }
        return merge(header: header, workers: [worker])
    }

    /// Reads the rows in `chunks` parts at once; `nil` when a boundary was not a record boundary.
    static func readInParallel(header: VendorCSVParser, dataStart: Int, chunks: Int) -> Result<VendorReadResult, InputError>? {
        let bytes = header.tokenizer.bytes
        // Boundaries just after a line end near each 1/chunks of the rows; duplicates removed.
        var boundaries = [dataStart]
        for part in 1..<chunks {
            var position = max(dataStart + (bytes.count - dataStart) * part / chunks, boundaries.last!)
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                if byte == CSVByte.lf || (byte == CSVByte.cr && (position == bytes.count || bytes[position] != CSVByte.lf)) { break }
            }
            if position > boundaries.last!, position < bytes.count { boundaries.append(position) }
        }
        boundaries.append(bytes.count)
        let parts = boundaries.count - 1
        let starts = boundaries
        guard parts > 1 else { return nil }

        // Physical lines do not depend on quoting, so each chunk's first line number is the count of
        // line ends before it: counted per chunk in parallel, then summed.
        var lineEnds = [Int](repeating: 0, count: parts)
        lineEnds.withUnsafeMutableBufferPointer { counts in
            nonisolated(unsafe) let counts = counts
            nonisolated(unsafe) let bytes = bytes
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                counts[part] = CSVTokenizer.countLineEnds(bytes, from: starts[part], to: starts[part + 1])
            }
        }
        var lines = [header.tokenizer.line]
        for part in 1..<parts { lines.append(lines[part - 1] + lineEnds[part - 1]) }
        let firstLines = lines

        let slots = UnsafeMutableBufferPointer<VendorCSVParser>.allocate(capacity: parts)
        defer { slots.deallocate() }
        do {
            nonisolated(unsafe) let slots = slots
            nonisolated(unsafe) let header = header
            let expectedRows = estimatedRows(bytes, from: dataStart, to: bytes.count) / parts + 16
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                var worker = header.worker(start: starts[part], line: firstLines[part], expectedRows: expectedRows)
                _ = worker.readRows(end: starts[part + 1])
                (slots.baseAddress! + part).initialize(to: worker)
            }
        }
        let workers = Array(slots)
        _ = slots.deinitialize()
        defer { for worker in workers { worker.arena.deallocate() } }
        // Every chunk but the last must have stopped exactly at the next boundary (or stopped early
        // at the error cap, which only happens when there are errors to report anyway).
        for part in 0..<(parts - 1) {
            let worker = workers[part]
            let stopped = worker.log.isFull || worker.overLimit
            if worker.tokenizer.position != boundaries[part + 1] && !stopped { return nil }
            if stopped { return merge(header: header, workers: Array(workers[...part])) }
        }
        return merge(header: header, workers: workers)
    }

    /// About how many rows `from..<to` holds, from the line ends in its first 64 KiB, a little over.
    static func estimatedRows(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        let sample = min(to - from, 64 << 10)
        guard sample > 0 else { return 0 }
        let lines = max(CSVTokenizer.countLineEnds(bytes, from: from, to: from + sample), 1)
        return Int(Double(to - from) / Double(sample) * Double(lines) * 1.05) + 16
    }

    /// A parser for the rows from `start` (the first byte of physical line `line`), configured by
    /// this header parser.
    func worker(start: Int, line: Int, expectedRows: Int) -> VendorCSVParser {
        var worker = VendorCSVParser(bytes: tokenizer.bytes, source: source, delimiter: context.delimiter)
        worker.tokenizer = CSVTokenizer(bytes: tokenizer.bytes, start: start, line: line, delimiter: context.delimiter)
        worker.context = context
        worker.firstLine = line
        worker.fieldOf = fieldOf
        worker.extraFields = extraFields
        worker.headerCount = headerCount
        worker.limits = limits
        worker.pool = VendorPool(source: source, extraColumns: pool.extraColumns)
        worker.prepareOptionalColumns()
        let rows = expectedRows + 16
        worker.pool.reserveCapacity(rows)
        worker.rowStarts.reserveCapacity(rows)
        worker.pool.ids.reserveCapacity(cells: rows, bytes: rows * 8)
        worker.pool.names.reserveCapacity(cells: rows, bytes: rows * 24)
        worker.pool.certifications.reserveCapacity(rows: rows, tokens: rows * 2)
        worker.pool.skills.reserveCapacity(rows: rows, tokens: rows * 3)
        for column in worker.pool.extraValues.indices {
            worker.pool.extraValues[column].reserveCapacity(cells: rows, bytes: rows * 8)
        }
        return worker
    }

    /// Reads rows until the record that would start at or after `end`; returns how many.
    mutating func readRows(end: Int) -> Int {
        var rows = 0
        while !log.isFull && !overLimit {
            tokenizer.skipBlankLines(before: end)
            guard tokenizer.position < end, let line = tokenizer.nextRecord(into: &fields) else { break }
            rows += 1
            if pool.count >= limits.rows {
                overLimit = true
                log.error(SourceLocation(file: source, line: line), "too_many_rows",
                          "expected at most \(limits.rows) vendor rows, found more")
                break
            }
            let issuesBefore = reportedIssues
            reportTokenizerIssues()
            // A quote left open swallowed the rest of the file: that is the one error to report.
            if tokenizer.issues[issuesBefore...].contains(where: { $0.kind == .unterminatedQuote }) { break }
            guard withinLimits(line: line) else { break }
            readRow(line: line)
        }
        reportTokenizerIssues()
        return rows
    }

    /// Joins the header's and the chunks' results: pools appended in order, ids checked across
    /// chunks, diagnostics in file order within the limits.
    static func merge(header: VendorCSVParser, workers: [VendorCSVParser]) -> Result<VendorReadResult, InputError> {
        var diagnostics = header.log.diagnostics
        var truncated = header.log.truncated
        var omittedWarnings = header.log.omittedWarnings
        var pool = workers.first?.pool ?? header.pool
        var notes = header.notes
        var defaults = header.defaultCounts
        for worker in workers {
            diagnostics += worker.log.diagnostics
            truncated = truncated || worker.log.truncated
            omittedWarnings += worker.log.omittedWarnings
            notes.merge(worker.notes)
            for i in defaults.indices { defaults[i] += worker.defaultCounts[i] }
        }
        diagnostics += notes.warnings(source: header.source)
        if workers.count > 1 {
            for worker in workers.dropFirst() { pool.append(pool: worker.pool) }
            diagnostics += duplicatesAcrossChunks(workers, source: header.source)
            let tokens = pool.skillTokens.count + pool.certificationTokens.count
            if tokens > header.limits.distinctTokens, !workers.contains(where: \.overLimit) {
                diagnostics.append(Diagnostic(
                    .error, at: SourceLocation(file: header.source, line: Int(pool.sourceLine[min(workers[0].pool.count, pool.count - 1)])),
                    code: "too_many_distinct_tokens",
                    "expected at most \(header.limits.distinctTokens) distinct skills and certifications in the file, found more"))
            }
            if pool.count > header.limits.rows, !workers.contains(where: \.overLimit) {
                diagnostics.append(Diagnostic(
                    .error, at: SourceLocation(file: header.source, line: Int(pool.sourceLine[header.limits.rows])),
                    code: "too_many_rows", "expected at most \(header.limits.rows) vendor rows, found more"))
            }
        }
        // File order: by line, then column (a whole-line diagnostic first), then order found.
        let ordered = diagnostics.enumerated().sorted { a, b in
            let x = (a.element.location?.line ?? 0, a.element.location?.column ?? 0, a.offset)
            let y = (b.element.location?.line ?? 0, b.element.location?.column ?? 0, b.offset)
            return x < y
        }.map(\.element)
        var kept: [Diagnostic] = []
        var errors = 0, warnings = 0
        for diagnostic in ordered {
            if diagnostic.severity == .error {
                if errors == VendorCSVReader.errorLimit { truncated = true; continue }
                errors += 1
            } else {
                if warnings == VendorCSVReader.warningLimit { omittedWarnings += 1; continue }
                warnings += 1
            }
            kept.append(diagnostic)
        }
        if errors > 0 { return .failure(InputError(kept, truncated: truncated)) }
        var result = VendorReadResult(
            pool: pool, warnings: kept, omittedWarnings: omittedWarnings, chunks: max(workers.count, 1))
        result.format = header.fileFormat(defaults: defaults, pool: pool, skippedRows: notes.counts[FormatNotes.Kind.emptyRows.rawValue])
        return .success(result)
    }

    /// `duplicate_id` errors for ids that repeat one from an earlier chunk (each chunk checked its own).
    static func duplicatesAcrossChunks(_ workers: [VendorCSVParser], source: String) -> [Diagnostic] {
        // Chunks that are each ascending and in ascending order of each other cannot share an id.
        var ascending = true
        var previousLast: (pool: VendorPool, row: Int)?
        for worker in workers {
            guard worker.idsAscending else { ascending = false; break }
            guard worker.lastIDRow >= 0 else { continue }
            if let (pool, row) = previousLast {
                let first = worker.pool.ids.range(worker.firstIDRow)
                let precedes = worker.pool.ids.bytes.withUnsafeBufferPointer {
                    VendorCSVParser.precedes(pool.ids, row, UnsafeBufferPointer(rebasing: $0[first]))
                }
                if !precedes { ascending = false; break }
            }
            previousLast = (worker.pool, worker.lastIDRow)
        }
        if ascending { return [] }

        var table = ByteStringTable(capacity: workers.reduce(0) { $0 + $1.pool.count })
        var found: [Diagnostic] = []
        for (index, worker) in workers.enumerated() {
            let ids = worker.pool.ids
            let chunkFirstLine = Int32(clamping: worker.firstLine)
            ids.bytes.withUnsafeBufferPointer { bytes in
                for row in 0..<ids.count {
                    let range = ids.range(row)
                    if range.isEmpty { continue }
                    let line = worker.pool.sourceLine[row]
                    let (first, inserted) = table.value(for: UnsafeBufferPointer(rebasing: bytes[range])) { line }
                    guard !inserted, index > 0, first < chunkFirstLine else { continue }
                    let value = UnsafeBufferPointer(rebasing: bytes[range])
                    found.append(Diagnostic(
                        .error, at: SourceLocation(file: source, line: Int(line), column: worker.idColumn(row: row)),
                        code: "duplicate_id",
                        "expected a unique id, found '\(shown(value))' again (first on line \(first))"))
                }
            }
        }
        return found
    }

    // MARK: Structure

    var reportedIssues = 0

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

    // MARK: Rows

    @inline(__always)
    func cell(_ column: VendorColumn) -> (field: Int, value: UnsafeBufferPointer<UInt8>)? {
        let field = fieldOf[Self.ordinal(column)]
        guard field >= 0 else { return nil }
        return (field, ByteParsing.trimmed(cells[field]))
    }

    mutating func readRow(line: Int) {
        if fields.count != headerCount || fields[0].start == fields[0].end {
            prepareCells()
            if isEmptyRow() { return } // Excel's formatted empty rows (`,,,,`): skipped
        }
        guard fields.count == headerCount else {
            log.error(SourceLocation(file: source, line: line), "wrong_field_count",
                      "expected \(headerCount) fields as in the header, found \(fields.count)\(fieldCountHint())")
            return
        }
        prepareCells()

        // id
        var idBytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        if let (field, value) = cell(.id) {
            idBytes = value
            if value.isEmpty {
                log.error(location(field), "empty_id", "expected a vendor id, found an empty cell")
            } else if let firstLine = firstLine(ofDuplicate: value, line: line) {
                log.error(location(field), "duplicate_id",
                          "expected a unique id, found '\(Self.shown(value))' again (first on line \(firstLine))")
            }
        }
        pool.ids.append(bytes: idBytes)

        // name
        if let (_, value) = cell(.name), !value.isEmpty {
            pool.names.append(bytes: value)
        } else {
            pool.names.append(bytes: idBytes)
            defaultCounts[VendorColumn.name.ordinal] += 1
        }

        readCountry()
        readZone()
        pool.workStart.append(Int16(readClock(.workStart, default: 9 * 60)))
        pool.workEnd.append(Int16(readClock(.workEnd, default: 17 * 60)))

        if fieldOf[VendorColumn.currency.ordinal] >= 0 { readCurrency() }
        let rate = readRate()
        pool.hourlyRate.append(rate.map { $0 * rowFactor } ?? .nan)
        if let rate { checkRegionalRate(rate * rowFactor) }

        var quality = Double.nan
        if let (field, value) = cell(.quality), let q = number(.quality, field, value, required: true) {
            if !(0...100).contains(q) {
                log.error(location(field), "quality_out_of_range",
                          "expected a quality between 0 and 100, found '\(Self.shown(value))'")
            }
            quality = q
        }
        pool.quality.append(quality)

        var fit = Double.nan
        if let (field, value) = cell(.culturalFit), let f = number(.culturalFit, field, value, required: false) {
            if !(0...100).contains(f) {
                log.error(location(field), "cultural_fit_out_of_range",
                          "expected a cultural_fit between 0 and 100 (or an empty cell), found '\(Self.shown(value))'")
            }
            fit = f
        }
        pool.culturalFit.append(fit)

        readFTE()
        readTokens(.certifications)
        readTokens(.skills)
        if fieldOf[VendorColumn.rates.ordinal] >= 0 { readSkillRates() }
        if fieldOf[VendorColumn.onboardingCost.ordinal] >= 0 { readOnboardingCost() }

        for (column, field) in extraFields.enumerated() {
            pool.extraValues[column].append(bytes: cells[field])
        }
        pool.sourceLine.append(Int32(clamping: line))
        rowStarts.append(fields[0].start)
    }

    /// The column of row `row`'s id cell, found by tokenizing the row again.
    func idColumn(row: Int) -> Int? {
        let field = fieldOf[Self.ordinal(.id)]
        guard field >= 0 else { return nil }
        if context.spreadsheet { return field + 1 }
        var again = CSVTokenizer(bytes: tokenizer.bytes, start: rowStarts[row], line: Int(pool.sourceLine[row]), delimiter: context.delimiter)
        var cells: [CSVField] = []
        _ = again.nextRecord(into: &cells)
        return field < cells.count ? again.column(of: cells[field]) : nil
    }

    /// While every id so far is greater (in byte order) than the one before, a new id can only repeat
    /// an earlier one if it is not greater than the last: sorted files (most exports, every generated
    /// pool) need no hash table. The first id out of order builds the table from the ids so far.
    var idsAscending = true
    var firstIDRow = -1
    var lastIDRow = -1

    /// The line of the earlier row with this id, or `nil` (then the id is recorded as seen on `line`).
    mutating func firstLine(ofDuplicate id: UnsafeBufferPointer<UInt8>, line: Int) -> Int32? {
        let row = pool.ids.count // the row being read; its id is appended after this check
        if idsAscending {
            if lastIDRow < 0 || Self.precedes(pool.ids, lastIDRow, id) {
                if lastIDRow < 0 { firstIDRow = row }
                lastIDRow = row
                return nil
            }
            idsAscending = false
            pool.ids.bytes.withUnsafeBufferPointer { bytes in
                for earlier in 0..<row {
                    let range = pool.ids.range(earlier)
                    if range.isEmpty { continue }
                    let earlierLine = pool.sourceLine[earlier]
                    _ = idLines.value(for: UnsafeBufferPointer(rebasing: bytes[range])) { earlierLine }
                }
            }
        }
        let (firstLine, inserted) = idLines.value(for: id) { Int32(clamping: line) }
        return inserted ? nil : firstLine
    }

    /// Whether the id of `row` comes strictly before `id` in byte order.
    static func precedes(_ ids: TextColumn, _ row: Int, _ id: UnsafeBufferPointer<UInt8>) -> Bool {
        let range = ids.range(row)
        return ids.bytes.withUnsafeBufferPointer { bytes in
            let count = min(range.count, id.count)
            var i = 0
            while i < count {
                let a = bytes[range.lowerBound + i], b = id[i]
                if a != b { return a < b }
                i += 1
            }
            return range.count < id.count
        }
    }

    /// Interns the alpha-2 `text` (at `code`, its index in `countryIDs`) with its market region's
    /// rate bounds, and returns its id.
    mutating func internCountry(_ text: String, code: Int) -> Int32 {
        let id = Int32(pool.countries.intern(text))
        countryIDs[code] = id
        let region = MarketRegion.regionByCountry[text] ?? -1
        regionOfCountry.append(region)
        rateBounds.append(region < 0 ? (.nan, .nan) : (
            MarketRegion.all[region].rateLow / MarketRegion.farFactor,
            MarketRegion.all[region].rateHigh * MarketRegion.farFactor))
        return id
    }

    mutating func readCountry() {
        var id: Int32 = -1
        if let (field, value) = cell(.country) {
            if value.isEmpty {
                log.error(location(field), "missing_value", "expected a value for 'country', found an empty cell")
            } else if value.count == 2, let code = Self.countryCode(value[0], value[1]), countryIDs[code] != -2 {
                id = countryIDs[code]
                if id < 0, let alias = unassignedCode(code, field, value) {
                    id = alias // CountryNames.swift: `UK` is GB; an unassigned code is an error
                } else if id < 0 {
                    id = internCountry(String(decoding: [value[0] & 0xDF, value[1] & 0xDF], as: UTF8.self), code: code)
                }
            } else if value.count == 2, Self.countryCode(value[0], value[1]) != nil {
                reportCountry(field, value) // an unassigned two-letter code, seen before
            } else {
                id = countryByName(field, value) // CountryNames.swift
            }
        }
        pool.countryIndex.append(max(id, 0))
    }

    static func countryCode(_ a: UInt8, _ b: UInt8) -> Int? {
        let x = (a & 0xDF) &- 65, y = (b & 0xDF) &- 65
        guard x < 26, y < 26, a >= 65, b >= 65 else { return nil }
        return Int(x) * 26 + Int(y)
    }

    mutating func readZone() {
        var id: Int32 = -1
        if let (field, value) = cell(.timezone) {
            if value.isEmpty {
                log.error(location(field), "missing_value", "expected a value for 'timezone', found an empty cell")
            } else {
                if let cached = zoneCache.value(for: value) {
                    id = cached
                } else {
                    id = internZone(value) // TimeZoneNames.swift: never TimeZone(identifier:) alone
                    let known = id
                    _ = zoneCache.value(for: value) { known }
                }
                if id < 0 {
                    reportZone(field, value)
                } else if zoneIsFixed[Int(id)] {
                    notes.note(.fixedOffset, at: location(field), detail: Self.shown(value))
                }
            }
        }
        pool.zoneIndex.append(max(id, 0))
    }

    mutating func readClock(_ column: VendorColumn, default value: Int) -> Int {
        guard let (field, text) = cell(column), !text.isEmpty else {
            defaultCounts[column.ordinal] += 1
            return value
        }
        guard let minutes = ByteParsing.parseClock(text), column != .workStart || minutes < 24 * 60 else {
            let range = column == .workStart ? "00:00 to 23:59" : "00:00 to 24:00"
            log.error(location(field), "invalid_time",
                      "expected a time HH:MM (\(range)) for '\(column.name)', found '\(Self.shown(text))'")
            return value
        }
        return minutes
    }

    mutating func number(_ column: VendorColumn, _ field: Int, _ value: UnsafeBufferPointer<UInt8>, required: Bool) -> Double? {
        if value.isEmpty {
            if required {
                log.error(location(field), "missing_value", "expected a number for '\(column.name)', found an empty cell")
            } else {
                defaultCounts[column.ordinal] += 1
            }
            return nil
        }
        if !context.decimalComma, let number = ByteParsing.parseDouble(value) { return number }
        return formattedNumber(column, field, value) // NumberFormats.swift: symbols, %, separators
    }

    mutating func readRate() -> Double? {
        guard let (field, value) = cell(.hourlyRate),
              let rate = number(.hourlyRate, field, value, required: true) else { return nil }
        if rate < 0 {
            log.error(location(field), "negative_rate", "expected a positive hourly_rate, found '\(Self.shown(value))'")
            return nil
        }
        if rate == 0 {
            log.error(location(field), "zero_rate", "expected a positive hourly_rate, found '\(Self.shown(value))'")
            return nil
        }
        guard withinMagnitude(rate, VendorMagnitude.rate, .hourlyRate, field, value) else { return nil }
        return rate
    }

    mutating func checkRegionalRate(_ rate: Double) {
        guard let country = pool.countryIndex.last, fieldOf[Self.ordinal(.country)] >= 0,
              Int(country) < rateBounds.count else { return }
        let bounds = rateBounds[Int(country)]
        // NaN bounds (no region) compare false both ways.
        guard rate < bounds.low || rate > bounds.high, let (field, value) = cell(.hourlyRate) else { return }
        let region = MarketRegion.all[regionOfCountry[Int(country)]]
        let code = pool.countries.display[Int(country)]
        log.warning(location(field), "rate_outside_region",
                    "expected an hourly_rate near \(Int(region.rateLow))–\(Int(region.rateHigh)) (USD), typical for \(code) (\(region.name)), found '\(Self.shown(value))'")
    }

    /// Whether `amount` is at most `limit` (docs/LIMITS.md, "Vendor numbers"); else an error naming it.
    mutating func withinMagnitude(_ amount: Double, _ limit: Double, _ column: VendorColumn, _ field: Int,
                                  _ value: UnsafeBufferPointer<UInt8>, entry: String? = nil) -> Bool {
        guard abs(amount) > limit else { return true }
        let what = entry.map { "the rate for '\($0)' in 'rates'" } ?? "'\(column.name)'"
        let unit = column == .hourlyRate || column == .rates || column == .onboardingCost ? " in the vendor's currency" : " FTE"
        log.error(location(field), "number_out_of_range",
                  "expected a value of at most \(VendorMagnitude.text(limit))\(unit) for \(what) (docs/LIMITS.md), found '\(Self.shown(value))'")
        return false
    }

    mutating func readFTE() {
        var capacity = Double.nan
        if let (field, value) = cell(.capacityFTE), let c = number(.capacityFTE, field, value, required: true),
           withinMagnitude(c, VendorMagnitude.fte, .capacityFTE, field, value) {
            if c <= 0 {
                log.error(location(field), "capacity_not_positive",
                          "expected a positive capacity_fte, found '\(Self.shown(value))'")
            }
            capacity = c
        }
        var maxFTE = capacity
        if let (field, value) = cell(.maxFTE), let m = number(.maxFTE, field, value, required: false),
           withinMagnitude(m, VendorMagnitude.fte, .maxFTE, field, value) {
            if m < capacity {
                log.error(location(field), "max_below_capacity",
                          "expected a max_fte of at least capacity_fte (\(Self.format(capacity))), found '\(Self.shown(value))'")
            }
            maxFTE = m
        }
        var minFTE = 0.0
        if let (field, value) = cell(.minFTE), let m = number(.minFTE, field, value, required: false),
           withinMagnitude(m, VendorMagnitude.fte, .minFTE, field, value) {
            if m < 0 {
                log.error(location(field), "negative_min_fte", "expected a min_fte of 0 or more, found '\(Self.shown(value))'")
            } else if m > maxFTE {
                log.error(location(field), "min_above_max",
                          "expected a min_fte of at most max_fte (\(Self.format(maxFTE))), found '\(Self.shown(value))'")
            }
            minFTE = m
        }
        pool.capacityFTE.append(capacity)
        pool.maxFTE.append(maxFTE)
        pool.minFTE.append(minFTE)
    }

    /// Reads a `;`-separated token cell. Whole cells repeat a lot (`ISO27001;GDPR`), so each distinct
    /// cell is split and interned once, then found by one look-up; cells with an unknown certification
    /// take the slow path every time, for their warnings.
    mutating func readTokens(_ column: VendorColumn) {
        let isCertification = column == .certifications
        guard let (field, value) = cell(column), !value.isEmpty else {
            if isCertification { pool.certifications.append(EmptyCollection<Int>()) } else { pool.skills.append(EmptyCollection<Int>()) }
            return
        }
        let known = isCertification ? certificationCells.value(for: value) : skillCells.value(for: value)
        if let known, known >= 0 {
            if isCertification {
                pool.certifications.append(cellTokens[Int(known)])
            } else {
                pool.skills.append(cellTokens[Int(known)])
            }
            return
        }
        tokenScratch.removeAll(keepingCapacity: true)
        var unknown = false
        var start = 0
        var separators = 0
        for byte in value where byte == UInt8(ascii: ";") { separators += 1 }
        if separators >= limits.tokensPerCell {
            log.error(location(field), "too_many_tokens",
                      "expected at most \(limits.tokensPerCell) ';'-separated values in '\(column.name)', found \(separators + 1)")
            start = value.count + 1
            unknown = true // never cache this cell: each occurrence reports its error
        }
        while start <= value.count {
            var end = start
            while end < value.count, value[end] != UInt8(ascii: ";") { end += 1 }
            let token = ByteParsing.trimmed(UnsafeBufferPointer(rebasing: value[start..<end]))
            start = end + 1
            guard !token.isEmpty else { continue }
            let cached: Int32
            if let id = isCertification ? certificationCache.value(for: token) : skillCache.value(for: token) {
                cached = id
            } else {
                cached = internToken(token, certification: isCertification)
                if pool.skillTokens.count + pool.certificationTokens.count > limits.distinctTokens {
                    overLimit = true
                    log.error(location(field), "too_many_distinct_tokens",
                              "expected at most \(limits.distinctTokens) distinct skills and certifications in the file, found more")
                    return
                }
                if isCertification {
                    _ = certificationCache.value(for: token) { cached }
                } else {
                    _ = skillCache.value(for: token) { cached }
                }
            }
            guard cached >= 0 else { continue }
            tokenScratch.append(Int(cached))
            if isCertification && !certificationKnown[Int(cached)] {
                unknown = true
                log.warning(location(field), "unknown_certification",
                            "expected a known certification (\(KnownCertification.spellings.joined(separator: ", "))), found '\(Self.shown(token))'")
            }
        }
        if known == nil {
            // Remember the cell: its sorted, distinct ids, or -1 when it needs the warnings again.
            var ids = Array(Set(tokenScratch)).sorted()
            if unknown { ids = [] }
            let index: Int32 = unknown ? -1 : Int32(cellTokens.count)
            if !unknown { cellTokens.append(ids) }
            if isCertification {
                _ = certificationCells.value(for: value) { index }
            } else {
                _ = skillCells.value(for: value) { index }
            }
        }
        if isCertification {
            pool.certifications.append(tokenScratch)
        } else {
            pool.skills.append(tokenScratch)
        }
    }

    /// Interns a token seen for the first time in this spelling; -1 when its key is empty.
    mutating func internToken(_ token: UnsafeBufferPointer<UInt8>, certification: Bool) -> Int32 {
        let text = String(decoding: token, as: UTF8.self)
        let key = Token.key(text)
        guard !key.isEmpty else { return -1 }
        guard certification else { return Int32(pool.skillTokens.intern(text, key: key)) }
        let id = Int32(pool.certificationTokens.intern(text, key: key))
        if Int(id) == certificationKnown.count { certificationKnown.append(KnownCertification.keys.contains(key)) }
        return id
    }

    // MARK: Messages

    /// A cell's text for a message: line ends and other control characters escaped, cut to 40 characters.
    static func shown(_ value: UnsafeBufferPointer<UInt8>) -> String {
        var text = String(decoding: value, as: UTF8.self)
        text = text.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            var escaped = ""
            for scalar in text.unicodeScalars {
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    escaped += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
            text = escaped
        }
        if text.unicodeScalars.count > 40 {
            text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(39))) + "…"
        }
        return text
    }

    /// A number for a message: shortest round-trip form, without a trailing `.0`.
    static func format(_ value: Double) -> String {
        VendorCSVWriter.format(value)
    }
}

extension String {
    func trimmingASCIISpaces() -> String {
        var bytes = Array(utf8)
        while let last = bytes.last, last == 32 || last == 9 { bytes.removeLast() }
        let start = bytes.firstIndex { $0 != 32 && $0 != 9 } ?? bytes.endIndex
        return String(decoding: bytes[start...], as: UTF8.self)
    }
}

extension VendorPool {
    /// Appends every vendor of `other` (same extra columns), re-interning its countries, zones and tokens.
    /// - Complexity: O(m) in `other`'s size.
    mutating func append(pool other: VendorPool) {
        func remap(_ from: Interner, into to: inout Interner, byDisplay: Bool) -> [Int32] {
            from.display.indices.map { index in
                Int32(to.intern(from.display[index], key: byDisplay ? from.display[index] : from.keys[index]))
            }
        }
        ids.append(contentsOf: other.ids)
        names.append(contentsOf: other.names)
        let countryMap = remap(other.countries, into: &countries, byDisplay: false)
        if countryMap.indices.elementsEqual(countryMap.lazy.map(Int.init)) {
            countryIndex.append(contentsOf: other.countryIndex)
        } else {
            countryIndex.append(contentsOf: other.countryIndex.lazy.map { countryMap[Int($0)] })
        }
        let zoneMap = remap(other.timeZones, into: &timeZones, byDisplay: true)
        if zoneMap.indices.elementsEqual(zoneMap.lazy.map(Int.init)) {
            zoneIndex.append(contentsOf: other.zoneIndex)
        } else {
            zoneIndex.append(contentsOf: other.zoneIndex.lazy.map { zoneMap[Int($0)] })
        }
        workStart.append(contentsOf: other.workStart)
        workEnd.append(contentsOf: other.workEnd)
        hourlyRate.append(contentsOf: other.hourlyRate)
        quality.append(contentsOf: other.quality)
        culturalFit.append(contentsOf: other.culturalFit)
        capacityFTE.append(contentsOf: other.capacityFTE)
        maxFTE.append(contentsOf: other.maxFTE)
        minFTE.append(contentsOf: other.minFTE)
        let certificationMap = remap(other.certificationTokens, into: &certificationTokens, byDisplay: false)
        certifications.append(contentsOf: other.certifications, mapping: certificationMap)
        let skillMap = remap(other.skillTokens, into: &skillTokens, byDisplay: false)
        skills.append(contentsOf: other.skills, mapping: skillMap)
        for column in extraValues.indices { extraValues[column].append(contentsOf: other.extraValues[column]) }
        appendOptionalColumns(of: other, rowOffset: sourceLine.count)
        sourceLine.append(contentsOf: other.sourceLine)
    }
}
