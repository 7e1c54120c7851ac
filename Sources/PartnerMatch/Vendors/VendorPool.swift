/// A pool of vendors stored column by column, laid out for fast scoring of very large pools.
///
/// Numeric fields are plain `[Double]` columns; text that repeats (countries, zones, tokens) is
/// interned into small integer ids; free text (ids, names, unknown columns) lives in `TextColumn`s,
/// one contiguous byte buffer each, so a million-vendor pool costs a handful of allocations.
/// Build one with `VendorPool(vendors:)` or, row by row, with `VendorPool(source:extraColumns:)` and `append(_:line:)`.
public struct VendorPool: Sendable {
    /// Where the pool came from (a file path, or a label), for messages.
    public internal(set) var source: String
    public internal(set) var ids = TextColumn()
    public internal(set) var names = TextColumn()
    /// Index into `countries` per vendor.
    public internal(set) var countryIndex: [Int32] = []
    public internal(set) var countries = Interner()
    /// Index into `timeZones` per vendor.
    public internal(set) var zoneIndex: [Int32] = []
    public internal(set) var timeZones = Interner()
    /// Working hours, minutes after local midnight (0 ... 1440).
    public internal(set) var workStart: [Int16] = []
    public internal(set) var workEnd: [Int16] = []
    public internal(set) var hourlyRate: [Double] = []
    public internal(set) var quality: [Double] = []
    /// `.nan` where the cell was blank.
    public internal(set) var culturalFit: [Double] = []
    public internal(set) var capacityFTE: [Double] = []
    public internal(set) var maxFTE: [Double] = []
    public internal(set) var minFTE: [Double] = []
    /// Certification token ids per vendor (distinct, ascending); ids index `certificationTokens`.
    public internal(set) var certifications = TokenSetColumn()
    /// Interned by `Token.key`; `display` keeps the first spelling seen.
    public internal(set) var certificationTokens = Interner()
    public internal(set) var skills = TokenSetColumn()
    public internal(set) var skillTokens = Interner()
    /// Names of the columns the schema does not know, in file order, passed through to outputs.
    public internal(set) var extraColumns: [String] = []
    /// One column per entry of `extraColumns`.
    public internal(set) var extraValues: [TextColumn] = []
    /// 1-based line of each vendor's row in its source file (0 when built in code).
    public internal(set) var sourceLine: [Int32] = []
    /// (v2) The currency each vendor's file amounts were in (index into `currencies`); empty when the
    /// file had no `currency` column (every amount was in the scenario's currency).
    public internal(set) var currencyIndex: [Int32] = []
    public internal(set) var currencies = Interner()
    /// (v2) Per currency of `currencies`: scenario-currency units per unit (1 for the scenario's own;
    /// NaN when the pool was read without a scenario, so nothing was converted).
    public internal(set) var currencyFactor: [Double] = []
    /// (v2) One-off onboarding cost per vendor, converted; NaN for a blank cell (the scenario's
    /// `costs.onboarding_per_vendor` applies). Empty when the file had no `onboarding_cost` column.
    public internal(set) var onboardingCost: [Double] = []
    /// (v2) Per-skill rates, converted, by vendor index → skill id (`skillTokens`) → rate. Only vendors
    /// with a `rates` cell appear; `rate(of:skill:)` falls back to `hourlyRate`.
    public internal(set) var skillRates: [Int: [Int32: Double]] = [:]

    public var count: Int { hourlyRate.count }
    public var isEmpty: Bool { count == 0 }
    public var indices: Range<Int> { 0..<count }

    public init(source: String = "<memory>", extraColumns: [String] = []) {
        self.source = source
        self.extraColumns = extraColumns
        self.extraValues = extraColumns.map { _ in TextColumn() }
    }

    /// A pool holding `vendors` in order. Every vendor's `extra` must match `extraColumns` in length.
    public init(vendors: [Vendor], extraColumns: [String] = [], source: String = "<memory>") {
        self.init(source: source, extraColumns: extraColumns)
        reserveCapacity(vendors.count)
        for vendor in vendors { append(vendor) }
    }

    public mutating func reserveCapacity(_ n: Int) {
        countryIndex.reserveCapacity(n); zoneIndex.reserveCapacity(n)
        workStart.reserveCapacity(n); workEnd.reserveCapacity(n)
        hourlyRate.reserveCapacity(n); quality.reserveCapacity(n); culturalFit.reserveCapacity(n)
        capacityFTE.reserveCapacity(n); maxFTE.reserveCapacity(n); minFTE.reserveCapacity(n)
        sourceLine.reserveCapacity(n)
    }

    /// Appends one vendor (no validation: readers validate before they append).
    public mutating func append(_ vendor: Vendor, line: Int = 0) {
        ids.append(vendor.id)
        names.append(vendor.name)
        countryIndex.append(Int32(countries.intern(vendor.country)))
        zoneIndex.append(Int32(timeZones.intern(vendor.timeZone, key: vendor.timeZone)))
        workStart.append(Int16(vendor.workStart.minutes))
        workEnd.append(Int16(vendor.workEnd.minutes))
        hourlyRate.append(vendor.hourlyRate)
        quality.append(vendor.quality)
        culturalFit.append(vendor.culturalFit ?? .nan)
        capacityFTE.append(vendor.capacityFTE)
        maxFTE.append(vendor.maxFTE)
        minFTE.append(vendor.minFTE)
        certifications.append(vendor.certifications.map { certificationTokens.intern($0) })
        skills.append(vendor.skills.map { skillTokens.intern($0) })
        appendOptionalColumns(vendor)
        for (column, value) in zip(extraValues.indices, vendor.extra) { extraValues[column].append(value) }
        for column in vendor.extra.count..<max(vendor.extra.count, extraValues.count) { extraValues[column].append("") }
        sourceLine.append(Int32(line))
    }

    /// The vendor at `index`, materialised as a value.
    public subscript(index: Int) -> Vendor {
        var vendor = Vendor(
            id: ids[index], name: names[index],
            country: countries.display[Int(countryIndex[index])],
            timeZone: timeZones.display[Int(zoneIndex[index])],
            workStart: ClockTime(minutes: Int(workStart[index]))!,
            workEnd: ClockTime(minutes: Int(workEnd[index]))!,
            hourlyRate: hourlyRate[index], quality: quality[index],
            culturalFit: culturalFit[index].isNaN ? nil : culturalFit[index],
            capacityFTE: capacityFTE[index], maxFTE: maxFTE[index], minFTE: minFTE[index],
            certifications: certifications[index].map { certificationTokens.display[Int($0)] },
            skills: skills[index].map { skillTokens.display[Int($0)] },
            extra: extraValues.map { $0[index] }
        )
        if !currencyIndex.isEmpty { vendor.currency = currencies.display[Int(currencyIndex[index])] }
        if !onboardingCost.isEmpty, !onboardingCost[index].isNaN { vendor.onboardingCost = onboardingCost[index] }
        if let rates = skillRates[index] {
            vendor.rates = Dictionary(uniqueKeysWithValues: rates.map { (skillTokens.display[Int($0.key)], $0.value) })
        }
        return vendor
    }

    /// Whether vendor `index` offers the skill with interned id `skill`.
    @inlinable public func offers(_ index: Int, skill: Int32) -> Bool {
        skills[index].contains(skill)
    }

    /// The interned id of a skill token, if any vendor offers it.
    public func skillID(_ token: String) -> Int32? { skillTokens.id(of: token).map(Int32.init) }

    /// The index of the vendor with this id (linear scan; build a dictionary for many look-ups).
    public func index(ofID id: String) -> Int? { indices.first { ids[$0] == id } }

    /// A pool of the vendors at `selected`, in that order (tokens keep their spelling, ids may change).
    public func subset(_ selected: some Sequence<Int>) -> VendorPool {
        var pool = VendorPool(source: source, extraColumns: extraColumns)
        for index in selected { pool.append(self[index], line: Int(sourceLine[index])) }
        return pool
    }
}

/// Interns strings by a comparison key into dense ids, keeping the first display spelling seen.
public struct Interner: Sendable {
    public private(set) var display: [String] = []
    public private(set) var keys: [String] = []
    private var ids: [String: Int] = [:]

    public init() {}
    public var count: Int { display.count }

    /// The id of `text` (compared by `Token.key` unless `key` is given), added if new.
    public mutating func intern(_ text: String, key: String? = nil) -> Int {
        let k = key ?? Token.key(text)
        if let id = ids[k] { return id }
        let id = display.count
        ids[k] = id
        display.append(text)
        keys.append(k)
        return id
    }

    /// The id of `text`, compared by `Token.key`, if present.
    public func id(of text: String) -> Int? { ids[Token.key(text)] ?? ids[text] }
}

/// Variable-length text cells in one contiguous UTF-8 buffer.
public struct TextColumn: Sendable {
    public private(set) var bytes: [UInt8] = []
    public private(set) var ends: [UInt32] = []

    public init() {}
    public var count: Int { ends.count }

    public mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        ends.append(UInt32(bytes.count))
    }

    public mutating func append(bytes cell: some Collection<UInt8>) {
        bytes.append(contentsOf: cell)
        ends.append(UInt32(bytes.count))
    }

    public mutating func reserveCapacity(cells: Int, bytes total: Int) {
        ends.reserveCapacity(cells)
        bytes.reserveCapacity(total)
    }

    /// Appends every cell of `other`, in order.
    /// - Complexity: O(m) in `other`'s cells and bytes.
    public mutating func append(contentsOf other: TextColumn) {
        let offset = UInt32(bytes.count)
        bytes.append(contentsOf: other.bytes)
        // A lazy map appends in one pass into reserved storage (no per-element append).
        ends.append(contentsOf: other.ends.lazy.map { $0 + offset })
    }

    @inlinable public func range(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])
    }

    public subscript(index: Int) -> String {
        String(decoding: bytes[range(index)], as: UTF8.self)
    }

    /// Byte-order comparison of two cells (the tie-break order of docs/MODEL.md).
    public func lexicographicallyPrecedes(_ a: Int, _ b: Int) -> Bool {
        bytes[range(a)].lexicographicallyPrecedes(bytes[range(b)])
    }
}

/// Sets of small token ids per row, stored flat.
public struct TokenSetColumn: Sendable {
    public private(set) var tokens: [Int32] = []
    public private(set) var ends: [UInt32] = []

    public init() {}
    public var count: Int { ends.count }

    /// Appends one row's set (duplicates removed, kept ascending).
    /// - Complexity: O(k²) in the row's k tokens (insertion into the sorted tail; rows are short).
    public mutating func append(_ ids: some Sequence<Int>) {
        let start = tokens.count
        for id in ids {
            let value = Int32(id)
            var position = tokens.count
            while position > start, tokens[position - 1] > value { position -= 1 }
            if position > start, tokens[position - 1] == value { continue }
            if position == tokens.count {
                tokens.append(value)
            } else {
                tokens.insert(value, at: position)
            }
        }
        ends.append(UInt32(tokens.count))
    }

    /// Appends every row of `other`, its token ids translated by `mapping` (`mapping[old] == new`).
    /// - Complexity: O(m) when the mapping keeps ids in order, else O(m·k) for rows of k tokens.
    ///
    /// `mapping` must be one-to-one (an interner's re-interning is): a row's distinct ids stay
    /// distinct, so each row only needs re-sorting when the mapping does not keep ids in order.
    public mutating func append(contentsOf other: TokenSetColumn, mapping: [Int32]) {
        var monotonic = true
        for index in mapping.indices.dropFirst() where mapping[index] <= mapping[index - 1] { monotonic = false }
        let start = tokens.count
        let offset = UInt32(start)
        mapping.withUnsafeBufferPointer { map in
            tokens.append(contentsOf: other.tokens.lazy.map { map[Int($0)] })
        }
        ends.append(contentsOf: other.ends.lazy.map { $0 + offset })
        guard !monotonic else { return }
        // Each row's ids, re-sorted in place (insertion sort: rows hold a few tokens).
        tokens.withUnsafeMutableBufferPointer { tokens in
            var low = start
            for end in other.ends {
                let high = start + Int(end)
                var i = low + 1
                while i < high {
                    let value = tokens[i]
                    var j = i
                    while j > low, tokens[j - 1] > value { tokens[j] = tokens[j - 1]; j -= 1 }
                    tokens[j] = value
                    i += 1
                }
                low = high
            }
        }
    }

    /// Appends one row whose ids are already distinct and ascending (no checks).
    mutating func append(sorted ids: UnsafeBufferPointer<Int32>) {
        tokens.append(contentsOf: ids)
        ends.append(UInt32(tokens.count))
    }

    public mutating func reserveCapacity(rows: Int, tokens total: Int) {
        ends.reserveCapacity(rows)
        tokens.reserveCapacity(total)
    }

    @inlinable public subscript(index: Int) -> ArraySlice<Int32> {
        tokens[(index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])]
    }
}
