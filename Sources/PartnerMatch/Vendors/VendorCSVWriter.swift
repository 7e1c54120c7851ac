/// Writes a `VendorPool` as a vendor CSV (schema: `datasets/README.md`, "Vendor CSV") that
/// `VendorCSVReader` reads back to the same pool.
///
/// The header has every schema column in `VendorColumn` order, then the pool's extra columns;
/// lines end with LF; a cell is quoted when it holds `,`, `"`, a line end, or surrounding spaces.
/// Numbers are written in their shortest round-trip form without locale (`45.5`, `100`), a missing
/// `cultural_fit` as an empty cell.
///
/// The writer is faithful by default: a name such as `=HYPERLINK(…)` is written as it is, so the file
/// reads back to the same pool. With `neutralizingFormulas: true` (for a file meant for a
/// spreadsheet), text cells starting with `=`, `+`, `-`, `@`, a tab or a carriage return get a
/// leading `'` (OWASP's advice against CSV injection); such a file no longer round-trips exactly.
public enum VendorCSVWriter {
    /// Streams the CSV to `sink` in chunks of about 64 KiB.
    /// - Complexity: O(n) in the output's size; memory O(1) beyond the pool.
    public static func write(_ pool: VendorPool, neutralizingFormulas: Bool = false,
                             to sink: (ArraySlice<UInt8>) throws -> Void) rethrows {
        var out = CSVLineBuffer()
        out.neutralizesFormulas = neutralizingFormulas
        var first = true
        // The (v2) columns only when the pool has them, so files without them stay as they were.
        let hasCurrency = !pool.currencyIndex.isEmpty, hasRates = !pool.skillRates.isEmpty
        let hasOnboarding = !pool.onboardingCost.isEmpty
        var optional: [VendorColumn] = []
        if hasCurrency { optional.append(.currency) }
        if hasRates { optional.append(.rates) }
        if hasOnboarding { optional.append(.onboardingCost) }
        // Amounts are written in the vendor's own currency, as its file gave them (divided back by its rate).
        func ownFactor(_ index: Int) -> Double {
            guard hasCurrency else { return 1 }
            let factor = pool.currencyFactor[Int(pool.currencyIndex[index])]
            return factor.isFinite && factor > 0 ? factor : 1
        }
        for name in (VendorColumn.written + optional).map(\.name) + pool.extraColumns {
            if !first { out.bytes.append(CSVByte.comma) }
            out.appendCell(name)
            first = false
        }
        out.bytes.append(CSVByte.lf)
        for index in pool.indices {
            out.appendCell(pool.ids.bytes[pool.ids.range(index)])
            out.comma()
            out.appendCell(pool.names.bytes[pool.names.range(index)])
            out.comma()
            out.appendCell(pool.countries.display[Int(pool.countryIndex[index])])
            out.comma()
            out.appendCell(pool.timeZones.display[Int(pool.zoneIndex[index])])
            out.comma()
            out.appendClock(Int(pool.workStart[index]))
            out.comma()
            out.appendClock(Int(pool.workEnd[index]))
            out.comma()
            out.appendPlain(format(pool.hourlyRate[index] / ownFactor(index)))
            out.comma()
            out.appendPlain(format(pool.quality[index]))
            out.comma()
            out.appendPlain(format(pool.culturalFit[index]))
            out.comma()
            out.appendPlain(format(pool.capacityFTE[index]))
            out.comma()
            out.appendPlain(format(pool.maxFTE[index]))
            out.comma()
            out.appendPlain(format(pool.minFTE[index]))
            out.comma()
            out.appendCell(pool.certifications[index].map { pool.certificationTokens.display[Int($0)] }.joined(separator: ";"))
            out.comma()
            out.appendCell(pool.skills[index].map { pool.skillTokens.display[Int($0)] }.joined(separator: ";"))
            let own = ownFactor(index)
            if hasCurrency {
                out.comma()
                out.appendCell(pool.currencies.display[Int(pool.currencyIndex[index])])
            }
            if hasRates {
                out.comma()
                let rates = (pool.skillRates[index] ?? [:]).map { (pool.skillTokens.display[Int($0.key)], $0.value / own) }
                    .sorted { $0.0 < $1.0 }
                out.appendCell(rates.map { "\($0.0)=\(format($0.1))" }.joined(separator: ";"))
            }
            if hasOnboarding {
                out.comma()
                out.appendPlain(format(pool.onboardingCost[index] / own))
            }
            for column in pool.extraValues {
                out.comma()
                out.appendCell(column.bytes[column.range(index)])
            }
            out.bytes.append(CSVByte.lf)
            if out.bytes.count >= CSVLineBuffer.flushSize {
                try sink(out.bytes[...])
                out.bytes.removeAll(keepingCapacity: true)
            }
        }
        if !out.bytes.isEmpty { try sink(out.bytes[...]) }
    }

    /// The whole CSV as bytes.
    public static func bytes(_ pool: VendorPool) -> [UInt8] {
        var all: [UInt8] = []
        write(pool) { all.append(contentsOf: $0) }
        return all
    }

    /// The whole CSV as a string.
    public static func string(_ pool: VendorPool) -> String {
        String(decoding: bytes(pool), as: UTF8.self)
    }

    /// Writes the CSV to `path` atomically (a temporary file in the same directory, then a rename).
    public static func write(_ pool: VendorPool, toPath path: String) throws(OutputFileError) {
        let file = try AtomicFileWriter(path: path)
        do {
            try write(pool) { chunk in try file.write(chunk) }
            try file.commit()
        } catch let error as OutputFileError {
            file.abandon()
            throw error
        } catch {
            file.abandon()
            throw OutputFileError(path: path, reason: String(describing: error))
        }
    }

    /// A number as the writer prints it: integral values without a fraction (`100`), others in
    /// Swift's shortest round-trip form (`45.5`, `0.1`), NaN as an empty string. Independent of locale.
    public static func format(_ value: Double) -> String { Format.shortest(value, nan: "") }
}

/// A byte buffer with CSV cell quoting, shared by the vendor writer and the pool generator.
struct CSVLineBuffer {
    static let flushSize = 64 * 1024
    var bytes: [UInt8] = []
    /// Text cells that a spreadsheet would run as a formula get a leading `'` (`appendCell` only).
    var neutralizesFormulas = false

    init() { bytes.reserveCapacity(Self.flushSize + 4096) }

    @inline(__always) mutating func comma() { bytes.append(CSVByte.comma) }

    /// Appends text that never needs quotes (numbers, times, codes).
    mutating func appendPlain(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func appendCell(_ text: String) { appendCell(text.utf8) }

    /// Appends a cell, quoted when it holds `,`, `"`, CR, LF, or leading or trailing spaces or tabs.
    mutating func appendCell(_ cell: some Collection<UInt8>) {
        if neutralizesFormulas, let first = cell.first,
           first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
            || first == UInt8(ascii: "@") || first == 9 || first == CSVByte.cr {
            var prefixed: [UInt8] = [UInt8(ascii: "'")]
            prefixed.append(contentsOf: cell)
            neutralizesFormulas = false
            appendCell(prefixed)
            neutralizesFormulas = true
            return
        }
        var needsQuotes = false
        for byte in cell where byte == CSVByte.comma || byte == CSVByte.quote || byte == CSVByte.lf || byte == CSVByte.cr {
            needsQuotes = true
            break
        }
        if !needsQuotes, let first = cell.first {
            var last = first
            for byte in cell { last = byte }
            needsQuotes = first == 32 || first == 9 || last == 32 || last == 9
        }
        guard needsQuotes else {
            bytes.append(contentsOf: cell)
            return
        }
        bytes.append(CSVByte.quote)
        for byte in cell {
            if byte == CSVByte.quote { bytes.append(CSVByte.quote) }
            bytes.append(byte)
        }
        bytes.append(CSVByte.quote)
    }

    /// Appends minutes after midnight as `HH:MM`.
    mutating func appendClock(_ minutes: Int) {
        let h = minutes / 60, m = minutes % 60
        bytes.append(UInt8(48 + h / 10)); bytes.append(UInt8(48 + h % 10))
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(48 + m / 10)); bytes.append(UInt8(48 + m % 10))
    }

    /// Appends a non-negative fixed-point number given in hundredths, with exactly two decimals (`4530` → `45.30`).
    mutating func appendHundredths(_ value: Int) {
        appendInteger(value / 100)
        bytes.append(UInt8(ascii: "."))
        let cents = value % 100
        bytes.append(UInt8(48 + cents / 10)); bytes.append(UInt8(48 + cents % 10))
    }

    /// Appends a non-negative number given in halves (`25` → `12.5`, `24` → `12`).
    mutating func appendHalves(_ value: Int) {
        appendInteger(value / 2)
        if value % 2 == 1 { bytes.append(contentsOf: [UInt8(ascii: "."), UInt8(ascii: "5")]) }
    }

    /// Appends a non-negative integer in decimal.
    mutating func appendInteger(_ value: Int) {
        if value >= 10 { appendInteger(value / 10) }
        bytes.append(UInt8(48 + value % 10))
    }
}
