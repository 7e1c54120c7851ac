import Dispatch
import Foundation

/// Large inputs: chunks read by workers in parallel, merged in file order.
extension VendorCSVParser {
    /// Inputs with at least this many bytes of rows are read on several threads.
    static let parallelThreshold = 4 << 20

    /// Reading threads for a large input: `PARTNER_MATCH_READ_CHUNKS` when set (1 turns parallel
    /// reading off), else one per core, at most 8. Each reads segments (`readInParallel`).
    static var defaultChunks: Int {
        if let text = ProcessInfo.processInfo.environment["PARTNER_MATCH_READ_CHUNKS"], let n = Int(text), n >= 1 {
            return min(n, 64)
        }
        return min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8)
    }

    /// Reads the header, then the rows: on `chunks` threads (default: one per core for large inputs,
    /// `readInParallel`), falling back to one sequential pass when a segment boundary turns out to lie
    /// inside a quoted field. Both paths give the same pool and the same diagnostics.
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
        if chunks > 1, let result = readInParallel(header: header, dataStart: dataStart, threads: chunks) {
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

    /// Reads the rows on `threads` threads at once; `nil` when a boundary was not a record boundary.
    ///
    /// The rows are cut into `segmentsPerThread` segments per thread, handed out as the threads ask
    /// for them, so a thread on a slower (or busier) core simply reads fewer: the first thread reads
    /// segments from the front, one after another, into one parser whose pool becomes the merged pool;
    /// the others take blocks of segments from the back, one parser per block. A block is a share of
    /// what is left (`SegmentClaims.fromBack`): large at first, one segment when the two ends are
    /// close, so the threads finish within about one small segment of each other. In file order the
    /// parsers are then the chunks `merge` joins, exactly as if each had been read alone.
    static func readInParallel(header: VendorCSVParser, dataStart: Int, threads: Int) -> Result<VendorReadResult, InputError>? {
        let bytes = header.tokenizer.bytes
        let segments = threads * segmentsPerThread
        // Boundaries just after a line end near each 1/segments of the rows; duplicates removed.
        var boundaries = [dataStart]
        for part in 1..<segments {
            var position = max(dataStart + (bytes.count - dataStart) * part / segments, boundaries.last!)
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

        // Physical lines do not depend on quoting, so each segment's first line number is the count of
        // line ends before it: counted per segment in parallel, then summed.
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

        // Slot 0: the front parser; slot k > 0: the parser of the block that starts at segment k, if
        // one does, and `blockEnds[k]` the segment after that block.
        let slots = UnsafeMutableBufferPointer<VendorCSVParser?>.allocate(capacity: parts)
        slots.initialize(repeating: nil)
        defer { slots.deallocate() }
        let blockEnds = UnsafeMutableBufferPointer<Int>.allocate(capacity: parts)
        blockEnds.initialize(repeating: 0)
        defer { blockEnds.deallocate() }
        let claims = SegmentClaims(count: parts, threads: threads)
        do {
            nonisolated(unsafe) let slots = slots, blockEnds = blockEnds
            nonisolated(unsafe) let header = header
            let totalRows = estimatedRows(bytes, from: dataStart, to: bytes.count)
            DispatchQueue.concurrentPerform(iterations: min(threads, parts)) { thread in
                if thread == 0 {
                    // Room for every row: the merge appends the other chunks to this pool without
                    // moving it (reserved memory is only touched when written).
                    var front = header.worker(start: starts[0], line: firstLines[0], expectedRows: totalRows)
                    while let part = claims.fromFront() {
                        _ = front.readRows(end: starts[part + 1])
                        // Stop at a boundary inside quotes (the caller falls back) or at the error cap.
                        if front.tokenizer.position != starts[part + 1] || front.log.isFull || front.overLimit { break }
                    }
                    slots[0] = front
                } else {
                    while let block = claims.fromBack() {
                        var worker = header.worker(start: starts[block.lowerBound], line: firstLines[block.lowerBound],
                                                   expectedRows: totalRows / parts * block.count + 16)
                        _ = worker.readRows(end: starts[block.upperBound])
                        slots[block.lowerBound] = worker
                        blockEnds[block.lowerBound] = block.upperBound
                    }
                }
            }
        }
        // The chunks in file order: the front parser (segments 0..<reached), then each block after.
        var workers = [slots[0]!]
        let reached = claims.frontEnd
        var ends = [starts[reached]]
        var part = reached
        while part < parts {
            workers.append(slots[part]!)
            ends.append(starts[blockEnds[part]])
            part = blockEnds[part]
        }
        _ = slots.deinitialize()
        // The scratch space for unescaped cells is not needed once the rows are read.
        for worker in workers { worker.arena.deallocate() }
        // Every chunk but the last must have stopped exactly at the next boundary (or stopped early
        // at the error cap, which only happens when there are errors to report anyway).
        for part in 0..<(workers.count - 1) {
            let stopped = workers[part].log.isFull || workers[part].overLimit
            if workers[part].tokenizer.position != ends[part] && !stopped { return nil }
            if stopped {
                workers.removeSubrange((part + 1)...)
                break
            }
        }
        // Handed over, not copied: the merge appends to the front parser's pool in place.
        return merge(header: header, workers: consume workers, segments: parts)
    }

    /// Segments per reading thread: small enough that the threads finish close together (a sixteenth
    /// of the work each, as before, left one thread reading alone for a tenth of a million-vendor read).
    static let segmentsPerThread = 64

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
        worker.firstByte = start
        worker.fieldOf = fieldOf
        worker.extraFields = extraFields
        worker.headerCount = headerCount
        worker.limits = limits
        worker.pool = VendorPool(source: source, extraColumns: pool.extraColumns)
        worker.prepareOptionalColumns()
        let rows = expectedRows + 16
        worker.pool.reserveCapacity(rows)
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
        // Plain rows (one line, no quotes, the header's field count, within the limits) skip the
        // general tokenizer and `prepareCells`: their cells are written straight into `cells`.
        let plainBytes = min(limits.fieldBytes, limits.lineBytes)
        while !log.isFull && !overLimit {
            tokenizer.skipBlankLines(before: end)
            guard tokenizer.position < end else { break }
            if headerCount > 0 && cells.count != headerCount { // after a row of another length
                cells = Array(repeating: UnsafeBufferPointer(start: nil, count: 0), count: headerCount)
            }
            let start = tokenizer.position
            let plain = headerCount > 0
                ? cells.withUnsafeMutableBufferPointer { tokenizer.nextPlainRecord(into: $0, maxBytes: plainBytes) }
                : nil
            let line: Int
            if let plain {
                line = plain
            } else if let general = tokenizer.nextRecord(into: &fields) {
                line = general
            } else {
                break
            }
            rows += 1
            if pool.count >= limits.rows {
                overLimit = true
                log.error(SourceLocation(file: source, line: line), "too_many_rows",
                          "expected at most \(limits.rows) vendor rows, found more")
                break
            }
            if plain != nil {
                plainLine = line
                plainStart = start
                readRow(line: line)
                plainLine = 0
                continue
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

    /// Joins the header's and the chunks' results: pools appended in order (or kept apart, with
    /// `keepChunks`), ids checked across chunks, diagnostics in file order within the limits.
    ///
    /// `workers` is consumed: the chunks' pools are moved out of it and the later ones appended to the
    /// first, so a caller that hands over its only copy has nothing copied but the later chunks.
    static func merge(header: VendorCSVParser, workers: consuming [VendorCSVParser], segments: Int? = nil) -> Result<VendorReadResult, InputError> {
        var workers = workers
        var diagnostics = header.log.diagnostics
        var truncated = header.log.truncated
        var omittedWarnings = header.log.omittedWarnings
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
        if workers.count > 1 { diagnostics += duplicatesAcrossChunks(workers, source: header.source) }
        let chunks = segments ?? max(workers.count, 1)
        // The chunks' pools, moved out of their parsers, in file order.
        var parts: [VendorPool] = []
        parts.reserveCapacity(max(workers.count, 1))
        for index in workers.indices {
            var pool = VendorPool()
            swap(&pool, &workers[index].pool)
            parts.append(pool)
        }
        if parts.isEmpty { parts.append(header.pool) }
        if parts.count > 1 {
            let rows = parts.reduce(0) { $0 + $1.count }
            // Tokens are interned by key, as `VendorPool.append(pool:)` joins them.
            let tokens = Set(parts.flatMap(\.skillTokens.keys)).count + Set(parts.flatMap(\.certificationTokens.keys)).count
            if tokens > header.limits.distinctTokens, !workers.contains(where: \.overLimit) {
                diagnostics.append(Diagnostic(
                    .error, at: SourceLocation(file: header.source, line: line(ofRow: min(parts[0].count, rows - 1), in: parts)),
                    code: "too_many_distinct_tokens",
                    "expected at most \(header.limits.distinctTokens) distinct skills and certifications in the file, found more"))
            }
            if rows > header.limits.rows, !workers.contains(where: \.overLimit) {
                diagnostics.append(Diagnostic(
                    .error, at: SourceLocation(file: header.source, line: line(ofRow: header.limits.rows, in: parts)),
                    code: "too_many_rows", "expected at most \(header.limits.rows) vendor rows, found more"))
            }
            // The parsers' look-up tables are freed on another thread.
            nonisolated(unsafe) let spent = consume workers
            DispatchQueue.global().async { withExtendedLifetime(spent) {} }
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
        var result = VendorReadResult(pool: VendorPool(), warnings: kept, omittedWarnings: omittedWarnings, chunks: chunks)
        result.format = header.fileFormat(defaults: defaults, parts: parts, skippedRows: notes.counts[FormatNotes.Kind.emptyRows.rawValue])
        if header.context.options.keepChunks {
            result.parts = consume parts
        } else {
            result.pool = joined(consume parts)
        }
        return .success(result)
    }

    /// The line of the row at `index` of `parts` taken in file order.
    static func line(ofRow index: Int, in parts: [VendorPool]) -> Int {
        var index = index
        for part in parts {
            if index < part.count { return Int(part.sourceLine[index]) }
            index -= part.count
        }
        return Int(parts.last?.sourceLine.last ?? 1)
    }

    /// The chunks' pools as one: the first moved (not copied), the others appended to it, then freed
    /// on another thread (unmapping half a million-vendor pool is kernel work the caller need not wait for).
    static func joined(_ parts: consuming [VendorPool]) -> VendorPool {
        var parts = parts
        var pool = VendorPool()
        swap(&pool, &parts[0])
        guard parts.count > 1 else { return pool }
        for part in parts.dropFirst() { pool.append(pool: part) }
        let spent = consume parts
        DispatchQueue.global().async { withExtendedLifetime(spent) {} }
        return pool
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
            var cursor = LineCursor(position: worker.firstByte, line: worker.firstLine)
            ids.bytes.withUnsafeBufferPointer { bytes in
                for row in 0..<ids.count {
                    let range = ids.range(row)
                    if range.isEmpty { continue }
                    let line = worker.pool.sourceLine[row]
                    let (first, inserted) = table.value(for: UnsafeBufferPointer(rebasing: bytes[range])) { line }
                    guard !inserted, index > 0, first < chunkFirstLine else { continue }
                    let value = UnsafeBufferPointer(rebasing: bytes[range])
                    found.append(Diagnostic(
                        .error, at: SourceLocation(file: source, line: Int(line),
                                              column: worker.idColumn(row: row, start: cursor.start(ofLine: Int(line), in: worker.tokenizer.bytes))),
                        code: "duplicate_id",
                        "expected a unique id, found '\(shown(value))' again (first on line \(first))"))
                }
            }
        }
        return found
    }
}

/// Which segments are still unread: the front thread takes them one at a time from the start, the
/// others blocks of them from the end, until they meet.
private final class SegmentClaims: @unchecked Sendable {
    private let lock = NSLock()
    private var front = 0
    private var back: Int
    private let threads: Int

    init(count: Int, threads: Int) {
        back = count - 1
        self.threads = max(threads, 1)
    }

    /// The next segment from the front, or `nil` when every one is taken.
    func fromFront() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard front <= back else { return nil }
        front += 1
        return front - 1
    }

    /// The next block from the back (never the first segment): a `2 × threads`-th of the segments
    /// left, at least one; `nil` when none is left.
    func fromBack() -> Range<Int>? {
        lock.lock(); defer { lock.unlock() }
        let left = back - max(front, 1) + 1
        guard left > 0 else { return nil }
        let take = max(1, left / (2 * threads))
        back -= take
        return (back + 1)..<(back + 1 + take)
    }

    /// The first segment the front thread did not read (read by another thread, or none left).
    var frontEnd: Int {
        lock.lock(); defer { lock.unlock() }
        return front
    }
}
