import Foundation

/// The time-zone overlap of docs/MODEL.md: mean daily overlap, in hours, between the client's working
/// window and a vendor's shifts over the 260 client weekdays of the 52 weeks from `start_date`.
///
/// For each client weekday (Mon–Fri, client-local) the client window becomes an absolute UTC
/// interval with that day's offset; the vendor's shifts that *start* on a vendor-local Mon–Fri
/// (on the vendor-local dates two days either side, enough for zones ±14 h apart) become UTC
/// intervals with their own offsets; the day's overlap is the length of the client interval's
/// intersection with the union of those shifts. A window whose end is not after its start crosses
/// midnight; an end equal to the start is 24 hours.
///
/// Local times are converted with the zone's UTC offsets from Foundation's `TimeZone`: a local time
/// skipped by a DST gap moves forward by the gap (02:30 becomes 03:30), and a repeated local time
/// takes its first (earlier) occurrence.
public struct TimeZoneOverlap: Sendable {
    public let clientZone: String
    public let clientWindow: ClockWindow
    public let startDate: LocalDate

    /// One (zone, working hours) result.
    public struct Result: Sendable, Equatable {
        /// Mean daily overlap over the 260 weekdays, in hours.
        public var meanHours: Double
        /// The lowest weekly mean (each week: its five client weekdays), in hours.
        public var worstWeekHours: Double
    }

    private let clientOffsets: ZoneOffsets?
    /// Client intervals in UTC seconds, one per client weekday, and each day's day number.
    private let clientDays: [(day: Int, start: Int, end: Int)]

    public static let weeks = 52

    public init(clientZone: String, window: ClockWindow, startDate: LocalDate) {
        self.clientZone = clientZone
        self.clientWindow = window
        self.startDate = startDate
        let first = startDate.dayNumber
        let offsets = ZoneOffsets(identifier: clientZone, fromDay: first - 3, toDay: first + 7 * Self.weeks + 3)
        self.clientOffsets = offsets
        var days: [(Int, Int, Int)] = []
        if let offsets {
            for day in first..<(first + 7 * Self.weeks) where LocalDate.isoWeekday(dayNumber: day) <= 5 {
                let interval = offsets.utcInterval(day: day, window: window)
                days.append((day, interval.start, interval.end))
            }
        }
        self.clientDays = days
    }

    public init(scenario: Scenario) {
        self.init(
            clientZone: scenario.client.timeZone,
            window: ClockWindow(start: scenario.client.workStart, end: scenario.client.workEnd),
            startDate: scenario.startDate
        )
    }

    /// The overlap with a vendor in `zone` working `window` (zero for an unknown zone).
    public func overlap(zone: String, window: ClockWindow) -> Result {
        overlap(offsets: vendorOffsets(zone), window: window)
    }

    /// The UTC offsets of a vendor zone over the window (with margins), `nil` for an unknown zone.
    func vendorOffsets(_ zone: String) -> ZoneOffsets? {
        ZoneOffsets(identifier: zone, fromDay: startDate.dayNumber - 5, toDay: startDate.dayNumber + 7 * Self.weeks + 5)
    }

    func overlap(offsets: ZoneOffsets?, window: ClockWindow) -> Result {
        let daily = dailyOverlapHours(offsets: offsets, window: window)
        guard !daily.isEmpty else { return Result(meanHours: 0, worstWeekHours: 0) }
        let mean = daily.reduce(0, +) / Double(daily.count)
        var worst = Double.infinity
        for week in stride(from: 0, to: daily.count, by: 5) {
            let slice = daily[week..<min(daily.count, week + 5)]
            worst = min(worst, slice.reduce(0, +) / Double(slice.count))
        }
        return Result(meanHours: mean, worstWeekHours: worst)
    }

    /// The overlap in hours of each of the 260 client weekdays, in date order.
    public func dailyOverlapHours(zone: String, window: ClockWindow) -> [Double] {
        dailyOverlapHours(offsets: vendorOffsets(zone), window: window)
    }

    func dailyOverlapHours(offsets: ZoneOffsets?, window: ClockWindow) -> [Double] {
        guard let vendor = offsets, let firstClientDay = clientDays.first?.day else {
            return Array(repeating: 0, count: clientDays.count)
        }
        // The vendor's shifts of every local day that can reach a client day (two days either side),
        // computed once; shifts of weekend days are empty.
        let base = firstClientDay - 2
        let span = 7 * Self.weeks + 4
        var shiftStart = [Int](repeating: 0, count: span)
        var shiftEnd = [Int](repeating: 0, count: span)
        for n in 0..<span where LocalDate.isoWeekday(dayNumber: base + n) <= 5 {
            let shift = vendor.utcInterval(day: base + n, window: window)
            shiftStart[n] = shift.start
            shiftEnd[n] = shift.end
        }
        var result = [Double](repeating: 0, count: clientDays.count)
        for (c, client) in clientDays.enumerated() {
            // Shifts of consecutive days start in increasing order: merge them in one sweep.
            var covered = 0, reach = Int.min
            let first = client.day - 2 - base
            for n in first...(first + 4) where shiftEnd[n] > shiftStart[n] {
                let s = max(shiftStart[n], client.start, reach), e = min(shiftEnd[n], client.end)
                if e > s { covered += e - s }
                reach = max(reach, shiftEnd[n])
            }
            result[c] = Double(covered) / 3600
        }
        return result
    }
}

/// A zone's UTC offsets over a range of days, for fast local → UTC conversion.
struct ZoneOffsets: Sendable {
    /// `(instant, offset)`: from `instant` (UTC seconds) on, the offset is `offset` seconds; ascending.
    private var segments: [(from: Int, offset: Int)]
    private var distinctOffsets: [Int]
    /// Fast path: for each local day of the range, its offset, or `nil` near a transition.
    private var firstDay: Int
    private var dayOffset: [Int?]

    /// Samples the zone every 12 hours and bisects each change to the second.
    init?(identifier: String, fromDay: Int, toDay: Int) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        func offset(_ t: Int) -> Int { zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))) }
        let step = 12 * 3600
        var t = fromDay * 86_400 - 86_400
        let end = toDay * 86_400 + 86_400
        var current = offset(t)
        var segments = [(from: Int.min, offset: current)]
        while t < end {
            let next = t + step
            let o = offset(next)
            if o != current {
                var lo = t, hi = next   // offset(lo) == current, offset(hi) != current
                while hi - lo > 1 {
                    let mid = lo + (hi - lo) / 2
                    if offset(mid) == current { lo = mid } else { hi = mid }
                }
                let changed = offset(hi)
                segments.append((hi, changed))
                current = changed
                if changed != o { t = hi; continue }   // another change inside this step: rescan from hi
            }
            t = next
        }
        self.segments = segments
        self.distinctOffsets = Array(Set(segments.map(\.offset))).sorted()
        // Days with no transition within a day either side keep one offset all day long.
        self.firstDay = fromDay
        var dayOffset = [Int?](repeating: nil, count: max(0, toDay - fromDay + 1))
        var near = Set<Int>()
        for segment in segments.dropFirst() {
            for o in distinctOffsets {
                let local = (segment.from + o) / 86_400
                for d in (local - 1)...(local + 1) { near.insert(d) }
            }
        }
        var index = 0
        for n in dayOffset.indices where !near.contains(fromDay + n) {
            let noon = (fromDay + n) * 86_400 + 43_200
            while index + 1 < segments.count, segments[index + 1].from <= noon { index += 1 }
            dayOffset[n] = segments[index].offset
        }
        self.dayOffset = dayOffset
    }

    func offset(atUTC t: Int) -> Int {
        var result = segments[0].offset
        for segment in segments.dropFirst() {
            if segment.from <= t { result = segment.offset } else { break }
        }
        return result
    }

    /// UTC seconds of local `minutes` after midnight of `day` (days since 1970-01-01).
    /// Gap: moved forward by the gap. Repeated time: the earlier instant.
    func utc(day: Int, minutes: Int) -> Int {
        let local = day * 86_400 + minutes * 60
        let n = day - firstDay
        if n >= 0, n < dayOffset.count, let o = dayOffset[n] { return local - o }
        var best: Int? = nil
        for o in distinctOffsets {
            let t = local - o
            if offset(atUTC: t) == o, best.map({ t < $0 }) ?? true { best = t }
        }
        if let best { return best }
        // In a gap: use the offset in force just before it.
        return local - offset(atUTC: local - (distinctOffsets.last ?? 0))
    }

    /// The UTC interval of a working window starting on local `day`.
    func utcInterval(day: Int, window: ClockWindow) -> (start: Int, end: Int) {
        let s = window.start.minutes
        let start = utc(day: day, minutes: s)
        let endMinutes = s + window.minutes
        let end = utc(day: day + endMinutes / 1440, minutes: endMinutes % 1440)
        return (start, max(start, end))
    }
}

/// Overlap results cached per distinct (zone, start, end) of a pool.
public struct OverlapTable: Sendable {
    /// Per vendor: index into `results`.
    public let slot: [Int32]
    public let results: [TimeZoneOverlap.Result]
    /// The distinct triples, aligned with `results`.
    public let triples: [(zone: String, window: ClockWindow)]

    /// Computes each distinct (zone, hours) triple of `pool` once.
    /// - Complexity: O(n) for the pool, plus O(260) conversions per distinct triple.
    public init(pool: VendorPool, overlap: TimeZoneOverlap) {
        // Flat look-up tables instead of hashing a million keys: first each distinct window
        // (start, end) gets a dense id, then each (zone, window) pair a slot.
        let n = pool.count
        var windowID = [Int32](repeating: -1, count: 1441 * 1441)
        var windows: [ClockWindow] = []
        var vendorWindow = [Int32](repeating: 0, count: n)
        pool.workStart.withUnsafeBufferPointer { starts in
            pool.workEnd.withUnsafeBufferPointer { ends in
                for i in 0..<n {
                    let key = Int(starts[i]) * 1441 + Int(ends[i])
                    var w = windowID[key]
                    if w < 0 {
                        w = Int32(windows.count)
                        windowID[key] = w
                        windows.append(ClockWindow(start: ClockTime(minutes: Int(starts[i]))!, end: ClockTime(minutes: Int(ends[i]))!))
                    }
                    vendorWindow[i] = w
                }
            }
        }
        let zoneCount = pool.timeZones.count, windowCount = max(1, windows.count)
        var slot = [Int32](repeating: 0, count: n)
        var triples: [(zone: String, window: ClockWindow)] = []
        if zoneCount * windowCount <= 1 << 24 {
            var slotOf = [Int32](repeating: -1, count: zoneCount * windowCount)
            pool.zoneIndex.withUnsafeBufferPointer { zones in
                for i in 0..<n {
                    let key = Int(zones[i]) * windowCount + Int(vendorWindow[i])
                    var s = slotOf[key]
                    if s < 0 {
                        s = Int32(triples.count)
                        slotOf[key] = s
                        triples.append((pool.timeZones.display[Int(zones[i])], windows[Int(vendorWindow[i])]))
                    }
                    slot[i] = s
                }
            }
        } else {
            var slotOf: [Int: Int32] = [:]
            for i in 0..<n {
                let zone = Int(pool.zoneIndex[i])
                let key = zone * windowCount + Int(vendorWindow[i])
                if let s = slotOf[key] { slot[i] = s; continue }
                let s = Int32(triples.count)
                slotOf[key] = s
                slot[i] = s
                triples.append((pool.timeZones.display[zone], windows[Int(vendorWindow[i])]))
            }
        }
        // One offset table per distinct zone, then each triple; triples are independent, so use all cores.
        var offsetsByZone: [String: ZoneOffsets?] = [:]
        for triple in triples where offsetsByZone[triple.zone] == nil {
            offsetsByZone[triple.zone] = .some(overlap.vendorOffsets(triple.zone))
        }
        let count = triples.count
        let jobs = triples.map { (offsetsByZone[$0.zone] ?? nil, $0.window) }
        var results = [TimeZoneOverlap.Result](repeating: .init(meanHours: 0, worstWeekHours: 0), count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: count) { k in
                out[k] = overlap.overlap(offsets: jobs[k].0, window: jobs[k].1)
            }
        }
        self.slot = slot
        self.results = results
        self.triples = triples
    }
}
