import Foundation
import Testing
@testable import PartnerMatch

@Suite("Synthetic pool generator")
struct PoolGeneratorTests {
    /// FNV-1a of a byte string, to pin the generator's output across machines and releases.
    private func fingerprint(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return h
    }

    @Test("SplitMix64-seeded xoshiro256** gives the reference sequence")
    func seededGeneratorReference() {
        // xoshiro256** from state (1, 2, 3, 4), as the reference C code computes it.
        var direct = SeededGenerator(state: (1, 2, 3, 4))
        #expect((0..<4).map { _ in direct.next() } == [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240])
        // SplitMix64's first output for seed 0 is 0xE220A8397B1DCDAF.
        #expect(SeededGenerator(seed: 0).state.0 == 0xE220_A839_7B1D_CDAF)
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
        let first = (0..<8).map { _ in a.next() }
        #expect(first == (0..<8).map { _ in b.next() })
        #expect(first != (0..<8).map { _ in c.next() })
    }

    @Test("bounded draws stay in range and cover it")
    func boundedDraws() {
        var random = SeededGenerator(seed: 1)
        var seen = Set<Int>()
        for _ in 0..<5_000 {
            let value = random.below(7)
            #expect((0..<7).contains(value))
            seen.insert(value)
            let unit = random.unit()
            #expect(unit >= 0 && unit < 1)
        }
        #expect(seen.count == 7)
    }

    @Test("the same seed gives the same bytes; another seed or skill count gives other bytes")
    func determinism() {
        let a = PoolGenerator(seed: 2027, skillCount: 8).csv(vendors: 3_000)
        let b = PoolGenerator(seed: 2027, skillCount: 8).csv(vendors: 3_000)
        let c = PoolGenerator(seed: 2028, skillCount: 8).csv(vendors: 3_000)
        let d = PoolGenerator(seed: 2027, skillCount: 12).csv(vendors: 3_000)
        #expect(a == b)
        #expect(a != c)
        #expect(a != d)
        // A prefix of a larger pool is the smaller pool: rows do not depend on the total.
        let more = PoolGenerator(seed: 2027, skillCount: 8).csv(vendors: 3_001)
        #expect(Array(more.prefix(a.count)) == a)
    }

    @Test("the output is pinned: the first rows and a fingerprint of 1,000 vendors never change")
    func pinnedOutput() {
        let bytes = PoolGenerator(seed: 42, skillCount: 8).csv(vendors: 1_000)
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "id,name,country,timezone,work_start,work_end,hourly_rate,quality,cultural_fit,capacity_fte,max_fte,min_fte,certifications,skills")
        #expect(lines[1] == "V0000001,Onyxtech Technologies,IN,Asia/Kolkata,09:30,18:30,39.19,88,76,14,35,1,ISO27001,devops")
        #expect(lines[2] == "V0000002,Mangobridge Group,CA,America/St_Johns,08:30,17:00,107.41,62,61,2.5,3,0.5,ISO9001,backend;frontend")
        #expect(lines.count == 1_002 && lines.last == "")
        #expect(bytes.count == 95_162)
        #expect(fingerprint(bytes) == Self.pinnedFingerprint)
    }

    /// Fingerprint of `PoolGenerator(seed: 42, skillCount: 8).csv(vendors: 1_000)`; a change here means
    /// every published benchmark pool changes: update `datasets/README.md` when it is deliberate.
    static let pinnedFingerprint: UInt64 = 10_484_160_754_741_295_141

    @Test("a generated pool of 5,000 vendors validates with no errors and no warnings")
    func generatedPoolValidates() throws {
        let generator = PoolGenerator(seed: 7, skillCount: 8)
        let result = try VendorCSVReader.read(bytes: generator.csv(vendors: 5_000), source: "generated.csv")
        #expect(result.pool.count == 5_000)
        #expect(result.warnings.isEmpty)
        #expect(result.pool.skillTokens.count == 8)
    }

    @Test("makePool gives the same pool as reading the generated CSV")
    func makePoolMatchesCSV() throws {
        let generator = PoolGenerator(seed: 99, skillCount: 10)
        let read = try VendorCSVReader.read(bytes: generator.csv(vendors: 2_000), source: "g.csv").pool
        let made = generator.makePool(vendors: 2_000)
        #expect(made.count == read.count)
        #expect(made.indices.allSatisfy { made[$0] == read[$0] })
        #expect(made.sourceLine == read.sourceLine)
    }

    @Test("the market's shape is there: half-hour and 45-minute zones, night shifts, long-tailed capacity")
    func marketShape() {
        let pool = PoolGenerator(seed: 3, skillCount: 8).makePool(vendors: 5_000)
        let summary = VendorPoolSummary(pool)
        let zones = Set(summary.timeZones.map(\.value))
        #expect(zones.contains("Asia/Kolkata"))     // +5:30
        #expect(zones.contains("Asia/Kathmandu"))   // +5:45
        #expect(zones.contains("America/St_Johns")) // −3:30
        let nightShifts = pool.indices.filter { pool.workEnd[$0] < pool.workStart[$0] }
        #expect(nightShifts.count > 100)
        #expect(nightShifts.contains { pool.workStart[$0] == 22 * 60 && pool.workEnd[$0] == 6 * 60 })
        // Long tail: the largest vendor is far above the median one.
        let capacities = pool.capacityFTE.sorted()
        #expect(capacities.last! > 20 * capacities[capacities.count / 2])
        #expect(pool.indices.allSatisfy { pool.maxFTE[$0] >= pool.capacityFTE[$0] && pool.minFTE[$0] <= pool.capacityFTE[$0] })
        // Quality rises with the rate within a region: compare the cheapest and dearest thirds of India.
        let india = pool.indices.filter { pool.countries.display[Int(pool.countryIndex[$0])] == "IN" }
            .sorted { pool.hourlyRate[$0] < pool.hourlyRate[$1] }
        let third = india.count / 3
        func meanQuality(_ rows: ArraySlice<Int>) -> Double { rows.map { pool.quality[$0] }.reduce(0, +) / Double(rows.count) }
        #expect(meanQuality(india.suffix(third)) > meanQuality(india.prefix(third)) + 5)
        // Certifications are likelier for larger firms.
        let iso = pool.certificationTokens.id(of: "ISO27001").map(Int32.init)!
        let small = pool.indices.filter { pool.capacityFTE[$0] <= 3 }
        let large = pool.indices.filter { pool.capacityFTE[$0] >= 20 }
        func share(_ rows: [Int]) -> Double { Double(rows.count { pool.certifications[$0].contains(iso) }) / Double(rows.count) }
        #expect(share(large) > share(small) + 0.2)
    }

    @Test("skill counts beyond the catalogue are named skillN, and one skill is allowed")
    func skillCounts() {
        #expect(PoolGenerator(seed: 1, skillCount: 22).skills.suffix(2) == ["skill21", "skill22"])
        let pool = PoolGenerator(seed: 1, skillCount: 1).makePool(vendors: 200)
        #expect(pool.skillTokens.display == ["backend"])
    }

    @Test("the generator streams in chunks of bounded size")
    func streaming() {
        var largest = 0
        var total = 0
        PoolGenerator(seed: 5, skillCount: 8).write(vendors: 20_000) { chunk in
            largest = max(largest, chunk.count)
            total += chunk.count
        }
        #expect(largest < 80 * 1024)
        #expect(total > 1_000_000)
    }
}

