/// Counts and ranges that describe a pool at a glance (printed by `partner-match validate`).
public struct VendorPoolSummary: Sendable, Hashable, Codable {
    /// A value and how many vendors have it.
    public struct Count: Sendable, Hashable, Codable {
        public var value: String
        public var vendors: Int
    }

    public var vendors: Int
    /// Countries, most vendors first (ties by code).
    public var countries: [Count]
    /// Time zones, most vendors first (ties by name).
    public var timeZones: [Count]
    /// Skills (first spelling seen), most vendors first.
    public var skills: [Count]
    /// Certifications (first spelling seen), most vendors first.
    public var certifications: [Count]
    /// Smallest, median and largest hourly rate; `nil` for an empty pool.
    public var rateMin: Double?
    public var rateMedian: Double?
    public var rateMax: Double?
    /// Vendors whose working hours cross midnight.
    public var nightShifts: Int
    /// Vendors with a blank cultural_fit.
    public var missingCulturalFit: Int
    /// Total FTE available now and after ramp-up.
    public var capacityFTE: Double
    public var maxFTE: Double

    public init(_ pool: VendorPool) { self.init(parts: [pool]) }

    /// The summary of the pools' vendors taken together, in order, as if joined into one pool
    /// (`VendorReadResult.parts`): values are counted by the key each pool interned them under, named
    /// by the first pool's spelling, and sums run in file order, so the numbers are those of the joined pool.
    ///
    /// For a large pool the work is split in two halves of about equal memory traffic, on two threads:
    /// the rates' median, range and capacity; the counts, night shifts, blank fits and ramp-up.
    public init(parts: [VendorPool]) {
        let total = parts.reduce(0) { $0 + $1.count }
        vendors = total
        var rates: (median: Double?, min: Double?, max: Double?, capacity: Double)?
        var counted: (countries: [Count], timeZones: [Count], skills: [Count], certifications: [Count])?
        var others: (nightShifts: Int, missingFit: Int, maxFTE: Double)?
        func first() {
            var all: [Double] = []
            if parts.count == 1 {
                all = parts[0].hourlyRate
            } else {
                all.reserveCapacity(total)
                for part in parts { all.append(contentsOf: part.hourlyRate) }
            }
            let capacity = parts.reduce(0.0) { sum, part in part.capacityFTE.reduce(sum, +) }
            rates = (Self.median(all), Self.smallest(all), Self.largest(all), capacity)
        }
        func second() {
            counted = Self.counts(parts)
            var night = 0, missing = 0
            for pool in parts {
                for index in pool.indices {
                    if pool.workEnd[index] < pool.workStart[index] { night += 1 }
                    if pool.culturalFit[index].isNaN { missing += 1 }
                }
            }
            others = (night, missing, parts.reduce(0.0) { sum, part in part.maxFTE.reduce(sum, +) })
        }
        if total >= 100_000 {
            concurrently(first, second)
        } else {
            first()
            second()
        }
        (countries, timeZones, skills, certifications) = counted!
        (rateMedian, rateMin, rateMax, capacityFTE) = rates!
        (nightShifts, missingCulturalFit, maxFTE) = others!
    }

    /// `values.min()` and `values.max()` (the same comparisons, so the same result with NaN too).
    static func smallest(_ values: [Double]) -> Double? {
        values.withUnsafeBufferPointer { values in
            guard var result = values.first else { return nil }
            for value in values.dropFirst() where value < result { result = value }
            return result
        }
    }

    static func largest(_ values: [Double]) -> Double? {
        values.withUnsafeBufferPointer { values in
            guard var result = values.first else { return nil }
            for value in values.dropFirst() where result < value { result = value }
            return result
        }
    }

    /// Countries, zones, skills and certifications, most vendors first.
    static func counts(_ parts: [VendorPool]) -> (countries: [Count], timeZones: [Count], skills: [Count], certifications: [Count]) {
        /// Vendors per interned value across the pools, by key (zones by their name, as
        /// `VendorPool.append(pool:)` joins them), named as the first pool that has the value spells it.
        func tally(_ interner: (VendorPool) -> Interner, byDisplay: Bool, _ ids: (VendorPool) -> [Int32]) -> [Count] {
            var order: [String] = []
            var found: [String: (display: String, vendors: Int)] = [:]
            for pool in parts {
                let values = interner(pool)
                var counts = [Int](repeating: 0, count: values.count)
                counts.withUnsafeMutableBufferPointer { counts in
                    for id in ids(pool) { counts[Int(id)] += 1 }
                }
                for index in counts.indices where counts[index] > 0 {
                    let key = byDisplay ? values.display[index] : values.keys[index]
                    if let seen = found[key] {
                        found[key] = (seen.display, seen.vendors + counts[index])
                    } else {
                        found[key] = (values.display[index], counts[index])
                        order.append(key)
                    }
                }
            }
            return order.map { Count(value: found[$0]!.display, vendors: found[$0]!.vendors) }
                .sorted { ($0.vendors, $1.value) > ($1.vendors, $0.value) }
        }
        return (tally(\.countries, byDisplay: false, \.countryIndex), tally(\.timeZones, byDisplay: true, \.zoneIndex),
                tally(\.skillTokens, byDisplay: false, \.skills.tokens),
                tally(\.certificationTokens, byDisplay: false, \.certifications.tokens))
    }

    /// The median; `nil` when empty. Small inputs: a selection over a copy. Large ones: a radix
    /// selection (`medianByRadix`), which reads the values a few times and copies only a few.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        if values.count >= 1 << 14 { return medianByRadix(values) }
        var work = values
        let upper = select(&work, rank: work.count / 2)
        guard work.count % 2 == 0 else { return upper }
        // The lower middle is the largest value left of the upper one after selection.
        let lower = work[..<(work.count / 2)].max()!
        return (lower + upper) / 2
    }

    /// The median by radix selection on an order-preserving map of the values' bits (`orderKey`):
    /// each pass counts the next 16 bits of the keys that share the prefix found so far and narrows
    /// the prefix to the bucket holding the upper middle rank, until that bucket is small; its values
    /// are then copied out and selected. For a million rates this is three reads of 8 MB instead of
    /// a copy and a quickselect over it (a tenth of `validate`'s time after the rows were read).
    /// Equal to `median` on a sort for every input without NaN.
    static func medianByRadix(_ values: [Double]) -> Double? {
        let n = values.count
        guard n > 0 else { return nil }
        let upperRank = n / 2
        return values.withUnsafeBufferPointer { values in
            var prefix: UInt64 = 0
            var prefixBits = 0
            var before = 0 // values whose key is below every key with `prefix`
            var inBucket = n
            var lowerBelow: UInt64? // when the lower middle is below the bucket: its key
            var counts = [Int](repeating: 0, count: 1 << 16)
            while inBucket > 4096 && prefixBits < 64 {
                for i in counts.indices { counts[i] = 0 }
                let shift = 48 - prefixBits
                counts.withUnsafeMutableBufferPointer { counts in
                    for value in values {
                        let key = orderKey(value)
                        if prefixBits == 0 || key >> (64 - prefixBits) == prefix {
                            counts[Int(truncatingIfNeeded: key >> shift) & 0xFFFF] += 1
                        }
                    }
                }
                var bucket = 0
                var below = before
                while below + counts[bucket] <= upperRank { below += counts[bucket]; bucket += 1 }
                if n % 2 == 0 && below == upperRank {
                    // The lower middle is the largest key of the buckets before: found on the way out.
                    var previous = bucket - 1
                    while previous >= 0 && counts[previous] == 0 { previous -= 1 }
                    if previous >= 0 {
                        lowerBelow = (prefix << 16 | UInt64(previous)) << UInt64(shift)
                        lowerBelow = largestKey(values, from: lowerBelow!, bits: prefixBits + 16)
                    }
                }
                prefix = prefix << 16 | UInt64(bucket)
                prefixBits += 16
                before = below
                inBucket = counts[bucket]
            }
            var work: [Double] = []
            work.reserveCapacity(inBucket)
            for value in values where prefixBits == 0 || orderKey(value) >> (64 - prefixBits) == prefix { work.append(value) }
            let rank = upperRank - before
            let upper = select(&work, rank: rank)
            guard n % 2 == 0 else { return upper }
            let lower = rank > 0 ? work[..<rank].max()! : value(ofKey: lowerBelow!)
            return (lower + upper) / 2
        }
    }

    /// The largest key among `values` whose first `bits` bits equal those of `start`.
    private static func largestKey(_ values: UnsafeBufferPointer<Double>, from start: UInt64, bits: Int) -> UInt64 {
        let shift = UInt64(64 - bits)
        var largest = start
        for value in values {
            let key = orderKey(value)
            if key >> shift == start >> shift && key > largest { largest = key }
        }
        return largest
    }

    /// The bits of `value` mapped so that unsigned order is numeric order (negative values have every
    /// bit flipped, others the sign bit set); -0 maps as 0.
    @inline(__always)
    static func orderKey(_ value: Double) -> UInt64 {
        let bits = value == 0 ? 0 : value.bitPattern
        return bits >> 63 == 1 ? ~bits : bits | 1 << 63
    }

    /// The value whose `orderKey` is `key`.
    static func value(ofKey key: UInt64) -> Double {
        Double(bitPattern: key >> 63 == 1 ? key & ~(1 << 63) : ~key)
    }

    /// Rearranges `values` so that `values[rank]` holds the value of that rank, smaller ones before it.
    static func select(_ values: inout [Double], rank: Int) -> Double {
        var low = 0, high = values.count - 1
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        while low < high {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let pivot = values[low + Int(state >> 33) % (high - low + 1)]
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if rank <= j {
                high = j
            } else if rank >= i {
                low = i
            } else {
                break
            }
        }
        return values[rank]
    }
}
