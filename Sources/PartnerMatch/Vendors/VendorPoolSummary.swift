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

    /// For a large pool the median (a selection over a copy of the rates, the largest part) is found
    /// on a second thread while the counts are taken.
    public init(_ pool: VendorPool) {
        vendors = pool.count
        var median: Double?
        var counted: (countries: [Count], timeZones: [Count], skills: [Count], certifications: [Count])?
        if pool.count >= 100_000 {
            concurrently({ median = Self.median(pool.hourlyRate) }, { counted = Self.counts(pool) })
        } else {
            median = Self.median(pool.hourlyRate)
            counted = Self.counts(pool)
        }
        (countries, timeZones, skills, certifications) = counted!
        rateMedian = median
        rateMin = pool.hourlyRate.min()
        rateMax = pool.hourlyRate.max()
        nightShifts = zip(pool.workStart, pool.workEnd).count { $0.1 < $0.0 }
        missingCulturalFit = pool.culturalFit.count { $0.isNaN }
        capacityFTE = pool.capacityFTE.reduce(0, +)
        maxFTE = pool.maxFTE.reduce(0, +)
    }

    /// Countries, zones, skills and certifications, most vendors first.
    static func counts(_ pool: VendorPool) -> (countries: [Count], timeZones: [Count], skills: [Count], certifications: [Count]) {
        func ranked(_ display: [String], _ counts: [Int]) -> [Count] {
            zip(display, counts).filter { $0.1 > 0 }
                .map { Count(value: $0.0, vendors: $0.1) }
                .sorted { ($0.vendors, $1.value) > ($1.vendors, $0.value) }
        }
        var countryCounts = [Int](repeating: 0, count: pool.countries.count)
        for id in pool.countryIndex { countryCounts[Int(id)] += 1 }
        var zoneCounts = [Int](repeating: 0, count: pool.timeZones.count)
        for id in pool.zoneIndex { zoneCounts[Int(id)] += 1 }
        var skillCounts = [Int](repeating: 0, count: pool.skillTokens.count)
        for id in pool.skills.tokens { skillCounts[Int(id)] += 1 }
        var certificationCounts = [Int](repeating: 0, count: pool.certificationTokens.count)
        for id in pool.certifications.tokens { certificationCounts[Int(id)] += 1 }
        return (ranked(pool.countries.display, countryCounts), ranked(pool.timeZones.display, zoneCounts),
                ranked(pool.skillTokens.display, skillCounts), ranked(pool.certificationTokens.display, certificationCounts))
    }

    /// The median, by selection (expected O(n), no full sort); `nil` when empty.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        var work = values
        let upper = select(&work, rank: work.count / 2)
        guard work.count % 2 == 0 else { return upper }
        // The lower middle is the largest value left of the upper one after selection.
        let lower = work[..<(work.count / 2)].max()!
        return (lower + upper) / 2
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
