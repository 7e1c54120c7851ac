import CMappedFile
import Dispatch
import Foundation

/// What reading a vendor CSV produced when it had no errors: the pool and the warnings.
public struct VendorReadResult: Sendable {
    /// Every vendor, in file order; empty when the read kept its chunks (`parts`).
    public var pool: VendorPool
    /// With `VendorReadOptions.keepChunks`: the pools of the chunks read in parallel, in file order
    /// (one for a file read in one pass), each with its own interned ids; `VendorPoolSummary(parts:)`
    /// summarises them as one. Empty otherwise.
    public var parts: [VendorPool] = []
    /// Warnings in file order, at most `VendorCSVReader.warningLimit`.
    public var warnings: [Diagnostic]
    /// Warnings found beyond `VendorCSVReader.warningLimit` (counted, not kept).
    public var omittedWarnings: Int
    /// How many segments the rows were read in, in parallel (1: one sequential pass).
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

    /// Reads on `chunks` threads (`nil`: one per core when the input is large).
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

    /// Calls `body` with the file's bytes. A file larger than `limit` bytes fails with a message naming
    /// the limit (a stream is read only up to it).
    ///
    /// A regular file of at least `mappedBytes` is mapped, not copied (`CMappedFile`): copying 95 MB out
    /// of the page cache into fresh memory was a tenth of reading a million vendors. A mapped page
    /// that vanishes because the file shrank meanwhile reads as zeros instead of ending the process with
    /// SIGBUS; then, or when the file's size or modification time changed during `body`, what `body`
    /// returned is dropped and the file is read again with `read(2)`, which just ends early.
    /// Everything else is read into an array with bounded `read(2)` calls.
    static func withContents<R>(path: String, limit: Int = .max, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> Result<R, Failure> {
        if let mapped = withMapping(path: path, limit: limit, body) { return .success(mapped) }
        return read(path: path, limit: limit).flatMap { bytes in
            bytes.count > limit
                ? .failure(Failure(message: tooLarge(nil, limit: limit), tooLarge: true))
                : .success(bytes.withUnsafeBufferPointer(body))
        }
    }

    /// Regular files of at least this many bytes are mapped (`withContents`).
    static let mappedBytes = 8 << 20

    /// `body`'s result on the mapped file; `nil` when the file is not a regular file of `mappedBytes`
    /// to `limit` bytes, cannot be mapped, or changed while `body` read it.
    private static func withMapping<R>(path: String, limit: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var before = stat()
        guard fstat(fd, &before) == 0, before.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(before.st_size)
        guard size >= mappedBytes, size <= limit else { return nil }
        var start: UnsafePointer<UInt8>?
        let slot = pm_map_file(fd, size, &start)
        guard slot >= 0, let start else { return nil }
        let result = body(UnsafeBufferPointer(start: start, count: size))
        var after = stat()
        guard pm_mapping_damaged(slot) == 0, fstat(fd, &after) == 0, after.st_size == before.st_size,
              after.st_mtim.tv_sec == before.st_mtim.tv_sec, after.st_mtim.tv_nsec == before.st_mtim.tv_nsec else {
            pm_unmap_file(slot)
            return nil
        }
        // Nothing `body` returns points into the mapping; unmapping 95 MB is kernel work the caller
        // need not wait for.
        DispatchQueue.global().async { pm_unmap_file(slot) }
        return result
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
        let size = status.st_mode & S_IFMT == S_IFREG ? Int(status.st_size) : 0
        var bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            count = size >= parallelBytes && readInParts(fd, buffer, size: size)
                ? fill(fd, buffer, from: size, failed: &failed, reachedEnd: &reachedEnd)
                : fill(fd, buffer, from: 0, failed: &failed, reachedEnd: &reachedEnd)
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

    /// Regular files of at least this many bytes are read by one thread per core, each its own part.
    static let parallelBytes = 8 << 20

    /// Reads a regular file's first `size` bytes into `buffer` with `pread(2)`, one part per core at
    /// once (the copy out of the page cache and the faults on fresh memory are most of a large
    /// read's time, and both split across cores); then positions `fd` at `size` for the rest. `false`
    /// when any part came back short or failed (a file shrinking meanwhile): the caller reads it again
    /// from the start, in one pass.
    private static func readInParts(_ fd: Int32, _ buffer: UnsafeMutableBufferPointer<UInt8>, size: Int) -> Bool {
        let parts = min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8)
        guard parts > 1, size <= buffer.count, let base = buffer.baseAddress else { return false }
        let complete = UnsafeMutableBufferPointer<Bool>.allocate(capacity: parts)
        defer { complete.deallocate() }
        do {
            nonisolated(unsafe) let base = base, complete = complete
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                var offset = size * part / parts
                let end = size * (part + 1) / parts
                while offset < end {
                    let got = pread(fd, base + offset, end - offset, off_t(offset))
                    if got < 0 && errno == EINTR { continue }
                    if got <= 0 { break }
                    offset += got
                }
                (complete.baseAddress! + part).initialize(to: offset == end)
            }
        }
        return complete.allSatisfy { $0 } && lseek(fd, off_t(size), SEEK_SET) == off_t(size)
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
    /// The columns are copied in two groups of about equal bytes at once (a million-vendor merge is
    /// memory traffic and page faults on fresh memory, which split across cores); each column is moved out of the pool
    /// while it is appended to, so every thread owns what it writes.
    /// - Complexity: O(m) in `other`'s size.
    mutating func append(pool other: VendorPool) {
        func remap(_ from: Interner, into to: inout Interner, byDisplay: Bool) -> [Int32] {
            from.display.indices.map { index in
                Int32(to.intern(from.display[index], key: byDisplay ? from.display[index] : from.keys[index]))
            }
        }
        func append(_ column: inout [Int32], _ values: [Int32], mapping: [Int32]) {
            if mapping.indices.elementsEqual(mapping.lazy.map(Int.init)) {
                column.append(contentsOf: values)
            } else {
                mapping.withUnsafeBufferPointer { map in
                    column.append(contentsOf: values.lazy.map { map[Int($0)] })
                }
            }
        }
        let countryMap = remap(other.countries, into: &countries, byDisplay: false)
        let zoneMap = remap(other.timeZones, into: &timeZones, byDisplay: true)
        let certificationMap = remap(other.certificationTokens, into: &certificationTokens, byDisplay: false)
        let skillMap = remap(other.skillTokens, into: &skillTokens, byDisplay: false)
        appendOptionalColumns(of: other, rowOffset: sourceLine.count)

        var ids = take(&self.ids, leaving: TextColumn()), names = take(&self.names, leaving: TextColumn()), extraValues = take(&self.extraValues, leaving: [])
        var countryIndex = take(&self.countryIndex, leaving: []), zoneIndex = take(&self.zoneIndex, leaving: [])
        var workStart = take(&self.workStart, leaving: []), workEnd = take(&self.workEnd, leaving: []), sourceLine = take(&self.sourceLine, leaving: [])
        var hourlyRate = take(&self.hourlyRate, leaving: []), quality = take(&self.quality, leaving: []), culturalFit = take(&self.culturalFit, leaving: [])
        var capacityFTE = take(&self.capacityFTE, leaving: []), maxFTE = take(&self.maxFTE, leaving: []), minFTE = take(&self.minFTE, leaving: [])
        var certifications = take(&self.certifications, leaving: TokenSetColumn()), skills = take(&self.skills, leaving: TokenSetColumn())
        concurrently({
            ids.append(contentsOf: other.ids)
            names.append(contentsOf: other.names)
            for column in extraValues.indices { extraValues[column].append(contentsOf: other.extraValues[column]) }
            append(&countryIndex, other.countryIndex, mapping: countryMap)
            append(&zoneIndex, other.zoneIndex, mapping: zoneMap)
            workStart.append(contentsOf: other.workStart)
            workEnd.append(contentsOf: other.workEnd)
            sourceLine.append(contentsOf: other.sourceLine)
            certifications.append(contentsOf: other.certifications, mapping: certificationMap)
        }, {
            hourlyRate.append(contentsOf: other.hourlyRate)
            quality.append(contentsOf: other.quality)
            culturalFit.append(contentsOf: other.culturalFit)
            capacityFTE.append(contentsOf: other.capacityFTE)
            maxFTE.append(contentsOf: other.maxFTE)
            minFTE.append(contentsOf: other.minFTE)
            skills.append(contentsOf: other.skills, mapping: skillMap)
        })
        self.ids = ids; self.names = names; self.extraValues = extraValues
        self.countryIndex = countryIndex; self.zoneIndex = zoneIndex
        self.workStart = workStart; self.workEnd = workEnd; self.sourceLine = sourceLine
        self.hourlyRate = hourlyRate; self.quality = quality; self.culturalFit = culturalFit
        self.capacityFTE = capacityFTE; self.maxFTE = maxFTE; self.minFTE = minFTE
        self.certifications = certifications; self.skills = skills
    }
}

/// `value`, leaving `empty` in its place (so the moved-out storage stays uniquely referenced).
private func take<T>(_ value: inout T, leaving empty: T) -> T {
    let taken = value
    value = empty
    return taken
}
