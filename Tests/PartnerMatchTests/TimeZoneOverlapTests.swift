import Testing
@testable import PartnerMatch

/// Hand-computed overlaps. DST dates used below (2027): the US moves to EDT/PDT on Sun 14 March and
/// back on Sun 7 November; the EU moves to CEST on Sun 28 March and back on Sun 31 October.
@Suite("Time-zone overlap")
struct TimeZoneOverlapTests {
    static func window(_ start: String, _ end: String) -> ClockWindow {
        ClockWindow(start: ClockTime(start)!, end: ClockTime(end)!)
    }

    static let berlin = TimeZoneOverlap(
        clientZone: "Europe/Berlin", window: window("09:00", "17:00"), startDate: LocalDate(year: 2027, month: 1, day: 4)!
    )

    @Test("Berlin and New York overlap three hours in the weeks when only the US is on summer time")
    func berlinNewYorkInMarch() {
        // Window: 52 weeks from Mon 2027-03-15 (to Sun 2028-03-12). Both 09:00–17:00.
        //   Berlin CET (UTC+1) 08–16 UTC, CEST (UTC+2) 07–15 UTC.
        //   New York EST (UTC−5) 14–22 UTC, EDT (UTC−4) 13–21 UTC.
        //   Mar 15–26 (2 weeks): CET × EDT → 13–16 = 3 h.
        //   Mar 29 – Oct 29: CEST × EDT → 13–15 = 2 h.   Nov 1–5: CET × EDT → 3 h.
        //   Nov 8 – Mar 10 2028: CET × EST → 14–16 = 2 h (US DST 2028 starts Sun Mar 12, outside the weekdays).
        //   Mean = (15 days × 3 h + 245 days × 2 h) / 260 = 535 / 260 = 2.0576923… h; worst week 2 h.
        let overlap = TimeZoneOverlap(
            clientZone: "Europe/Berlin", window: Self.window("09:00", "17:00"),
            startDate: LocalDate(year: 2027, month: 3, day: 15)!
        )
        let daily = overlap.dailyOverlapHours(zone: "America/New_York", window: Self.window("09:00", "17:00"))
        #expect(daily.count == 260)
        #expect(daily[0..<10].allSatisfy { $0 == 3 })     // Mar 15–26
        #expect(daily[10] == 2)                            // Mon Mar 29
        let result = overlap.overlap(zone: "America/New_York", window: Self.window("09:00", "17:00"))
        #expect(abs(result.meanHours - 535.0 / 260) < 1e-12)
        #expect(result.worstWeekHours == 2)
    }

    @Test("A +5:30 zone overlaps Berlin by 3.5 h in winter and 4.5 h in summer")
    func kolkata() {
        // Kolkata 09:00–17:00 IST (UTC+5:30, no DST) = 03:30–11:30 UTC.
        // Berlin CET 08–16 UTC → 3.5 h; CEST 07–15 UTC → 4.5 h.
        // From Mon 2027-01-04: CEST weekdays are Mon Mar 29 – Fri Oct 29 = 31 weeks = 155 days; 105 CET days.
        // Mean = (155 × 4.5 + 105 × 3.5) / 260 = 1065 / 260 = 4.0961538… h; worst week 3.5 h.
        let result = Self.berlin.overlap(zone: "Asia/Kolkata", window: Self.window("09:00", "17:00"))
        #expect(abs(result.meanHours - 1065.0 / 260) < 1e-12)
        #expect(result.worstWeekHours == 3.5)
    }

    @Test("A +5:45 zone overlaps Berlin by 3.25 h in winter and 4.25 h in summer")
    func kathmandu() {
        // Kathmandu 09:00–17:00 (UTC+5:45) = 03:15–11:15 UTC → CET 3.25 h, CEST 4.25 h.
        // Mean = (155 × 4.25 + 105 × 3.25) / 260 = 1000 / 260 = 3.8461538… h; worst week 3.25 h.
        let result = Self.berlin.overlap(zone: "Asia/Kathmandu", window: Self.window("09:00", "17:00"))
        #expect(abs(result.meanHours - 1000.0 / 260) < 1e-12)
        #expect(result.worstWeekHours == 3.25)
    }

    @Test("A night shift counts on the client day it reaches, and only shifts starting on vendor weekdays count")
    func nightShift() {
        // Los Angeles 22:00–06:00. PST (UTC−8): a shift starting Mon 22:00 runs Tue 06:00–14:00 UTC.
        // Berlin CET 08–16 UTC: Tue–Fri overlap 6 h (shifts started Mon–Thu); Monday's would start on a
        // Sunday (not a weekday) → 0 h; Friday's shift reaches Saturday (not a client weekday).
        // PDT (UTC−7): shift 05–13 UTC. Berlin CEST 07–15 → 6 h; CET 08–16 → 5 h.
        // Weeks Mar 15–19, Mar 22–26 and Nov 1–5 are PDT × CET: 4 × 5 h; every other week 4 × 6 h.
        // Mean = (49 × 24 + 3 × 20) / 260 = 1236 / 260 = 4.7538461… h; worst week 20 / 5 = 4 h.
        let daily = Self.berlin.dailyOverlapHours(zone: "America/Los_Angeles", window: Self.window("22:00", "06:00"))
        #expect(Array(daily[0..<5]) == [0, 6, 6, 6, 6])
        let result = Self.berlin.overlap(zone: "America/Los_Angeles", window: Self.window("22:00", "06:00"))
        #expect(abs(result.meanHours - 1236.0 / 260) < 1e-12)
        #expect(result.worstWeekHours == 4)
    }

    @Test("Berlin and Honolulu office hours never overlap")
    func noOverlap() {
        // Honolulu 09:00–17:00 HST (UTC−10, no DST) = 19:00–03:00 UTC; Berlin 07/08–15/16 UTC → 0 h every day.
        let result = Self.berlin.overlap(zone: "Pacific/Honolulu", window: Self.window("09:00", "17:00"))
        #expect(result.meanHours == 0)
        #expect(result.worstWeekHours == 0)
    }

    @Test("Same zone and same hours overlap for the whole window; an end equal to the start is 24 hours")
    func sameZoneAndAllDay() {
        let same = Self.berlin.overlap(zone: "Europe/Berlin", window: Self.window("09:00", "17:00"))
        #expect(same.meanHours == 8)
        // A 24-hour vendor in Tokyo (00:00–00:00 JST, UTC+9) covers Mon 00:00 JST (Sun 15:00 UTC) to
        // Sat 00:00 JST (Fri 15:00 UTC). Berlin's Friday in CET, 08–16 UTC, loses its last hour (15–16 UTC
        // would need a Saturday shift): 7 h on the 21 CET Fridays, 8 h on every other weekday.
        // Mean = (260 × 8 − 21) / 260 = 2059 / 260 = 7.9192307… h; worst week (5 × 8 − 1) / 5 = 7.8 h.
        let allDay = Self.berlin.overlap(zone: "Asia/Tokyo", window: Self.window("00:00", "00:00"))
        #expect(abs(allDay.meanHours - 2059.0 / 260) < 1e-12)
        #expect(abs(allDay.worstWeekHours - 7.8) < 1e-12)
    }

    @Test("A local time in a DST gap moves forward by the gap")
    func dstGap() throws {
        // Berlin, Sun 2027-03-28: 02:00 CET jumps to 03:00 CEST (01:00 UTC). 02:30 does not exist → 03:30 CEST = 01:30 UTC.
        let day = LocalDate(year: 2027, month: 3, day: 28)!.dayNumber
        let offsets = try #require(ZoneOffsets(identifier: "Europe/Berlin", fromDay: day - 2, toDay: day + 2))
        #expect(offsets.utc(day: day, minutes: 150) == day * 86_400 + 90 * 60)
        // Sun 2027-10-31: 02:30 happens twice; the first (CEST, 00:30 UTC) is taken.
        let autumn = LocalDate(year: 2027, month: 10, day: 31)!.dayNumber
        let later = try #require(ZoneOffsets(identifier: "Europe/Berlin", fromDay: autumn - 2, toDay: autumn + 2))
        #expect(later.utc(day: autumn, minutes: 150) == autumn * 86_400 + 30 * 60)
    }

    @Test("An unknown vendor zone has no overlap")
    func unknownZone() {
        #expect(Self.berlin.overlap(zone: "Mars/Olympus", window: Self.window("09:00", "17:00")).meanHours == 0)
    }

    @Test("The overlap table computes each distinct zone and hours once")
    func cachePerTriple() {
        let vendors = (0..<50).map { i in
            Vendor(id: "v\(i)", country: "IN", timeZone: i % 2 == 0 ? "Asia/Kolkata" : "Asia/Kathmandu",
                   hourlyRate: 30, quality: 70, capacityFTE: 2)
        }
        let table = OverlapTable(pool: VendorPool(vendors: vendors), overlap: Self.berlin)
        #expect(table.results.count == 2)
        #expect(abs(table.results[Int(table.slot[0])].meanHours - 1065.0 / 260) < 1e-12)
        #expect(abs(table.results[Int(table.slot[1])].meanHours - 1000.0 / 260) < 1e-12)
    }
}
