import Dispatch
import Foundation

/// Each row's cells read into the pool.
extension VendorCSVParser {
    @inline(__always)
    func cell(_ column: VendorColumn) -> (field: Int, value: UnsafeBufferPointer<UInt8>)? {
        let field = fieldOf[Self.ordinal(column)]
        guard field >= 0 else { return nil }
        return (field, ByteParsing.trimmed(cells[field]))
    }

    mutating func readRow(line: Int) {
        if plainLine > 0 {
            // `cells` already holds the fields, as many as the header's.
            if cells[0].isEmpty && isEmptyRow() { return }
        } else {
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
        }

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
    }

    /// The column of row `row`'s id cell, found by tokenizing the row again from `start`, its first byte.
    func idColumn(row: Int, start: Int) -> Int? {
        let field = fieldOf[Self.ordinal(.id)]
        guard field >= 0 else { return nil }
        if context.spreadsheet { return field + 1 }
        var again = CSVTokenizer(bytes: tokenizer.bytes, start: start, line: Int(pool.sourceLine[row]), delimiter: context.delimiter)
        var cells: [CSVField] = []
        _ = again.nextRecord(into: &cells)
        return field < cells.count ? again.column(of: cells[field]) : nil
    }

    /// The first bytes of physical lines asked for in ascending order, found by counting line ends
    /// from a parser's first row. Rows' first bytes are not recorded while reading (8 MB for a million
    /// rows): only an id repeated across chunks needs one, to name its cell's column.
    struct LineCursor {
        var position: Int
        var line: Int

        mutating func start(ofLine target: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
            while line < target && position < bytes.count {
                let byte = bytes[position]
                position += 1
                if byte == CSVByte.lf || (byte == CSVByte.cr && (position == bytes.count || bytes[position] != CSVByte.lf)) { line += 1 }
            }
            return position
        }
    }

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
            let cell = Int(known)
            let ids = (cell == 0 ? 0 : cellTokenEnds[cell - 1])..<cellTokenEnds[cell]
            cellTokens.withUnsafeBufferPointer { tokens in
                let row = UnsafeBufferPointer(rebasing: tokens[ids])
                if isCertification { pool.certifications.append(sorted: row) } else { pool.skills.append(sorted: row) }
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
            let index: Int32 = unknown ? -1 : Int32(cellTokenEnds.count)
            if !unknown {
                cellTokens.append(contentsOf: Set(tokenScratch).sorted().lazy.map { Int32($0) })
                cellTokenEnds.append(cellTokens.count)
            }
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
}
