import Foundation
import Testing
@testable import PartnerMatch

/// The parts the million-vendor read was made faster with (BENCHMARKS.md, "A million vendors
/// against polars"), each against a plain reference.
@Suite("Reading large files: parallel file reads, the byte-string table, token rows re-mapped")
struct ReaderPartsTests {
    @Test("a file above the parallel threshold reads back byte for byte, as does one just below it")
    func parallelFileRead() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pm-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var random = SeededGenerator(seed: 5)
        for size in [FileBytes.parallelBytes - 1, FileBytes.parallelBytes, FileBytes.parallelBytes + 4_099] {
            let bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let path = directory.appendingPathComponent("f\(size)").path
            #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            let read = try FileBytes.read(path: path).get()
            #expect(read.count == size)
            #expect(read == bytes)
            // Over the limit: still reported as too large, whichever way it was read.
            if case .failure(let failure) = FileBytes.withContents(path: path, limit: size - 1, { $0.count }) {
                #expect(failure.tooLarge)
            } else {
                Issue.record("expected a file over the limit to fail")
            }
        }
    }

    @Test("the byte-string table finds every key it holds, of every length, and no other")
    func byteStringTable() {
        var random = SeededGenerator(seed: 9)
        var table = ByteStringTable()
        var reference: [[UInt8]: Int32] = [:]
        // Lengths 0–40 (both sides of each eight-byte step), keys that differ in one byte only, in
        // the first, a middle or the last place.
        var keys: [[UInt8]] = []
        for length in 0...40 {
            let base = (0..<length).map { _ in UInt8(97 + random.below(3)) }
            keys.append(base)
            for place in [0, length / 2, length - 1] where length > 0 {
                var changed = base
                changed[place] &+= 1
                keys.append(changed)
            }
        }
        for (index, key) in keys.enumerated() {
            let value = Int32(index)
            let (stored, inserted) = key.withUnsafeBufferPointer { table.value(for: $0) { value } }
            #expect(inserted == (reference[key] == nil))
            if reference[key] == nil { reference[key] = value }
            #expect(stored == reference[key])
        }
        for (key, value) in reference {
            #expect(key.withUnsafeBufferPointer { table.value(for: $0) } == value)
        }
        #expect(table.count == reference.count)
        let absent: [UInt8] = Array("zzzzzzzzzzzzzzzzz".utf8)
        #expect(absent.withUnsafeBufferPointer { table.value(for: $0) } == nil)
    }

    @Test("token rows appended through a mapping that reorders ids equal rows appended one by one")
    func tokenRowsRemapped() {
        var random = SeededGenerator(seed: 13)
        for _ in 0..<50 {
            let ids = 12
            var mapping = (0..<ids).map { Int32($0 + 3) }
            for index in mapping.indices.reversed() { mapping.swapAt(index, random.below(index + 1)) }
            var other = TokenSetColumn()
            for _ in 0..<40 {
                other.append((0..<random.below(6)).map { _ in random.below(ids) })
            }
            var prefix = TokenSetColumn()
            prefix.append([1, 2])
            var fast = prefix, slow = prefix
            fast.append(contentsOf: other, mapping: mapping)
            for row in 0..<other.count { slow.append(other[row].map { Int(mapping[Int($0)]) }) }
            #expect(fast.count == slow.count)
            for row in 0..<slow.count { #expect(Array(fast[row]) == Array(slow[row])) }
        }
    }
}

@Suite("The pool summary of a large pool (median on a second thread)")
struct LargePoolSummaryTests {
    @Test("median, ranges and counts equal a sort and plain counting on 120,000 vendors")
    func largeSummary() throws {
        let csv = PoolGenerator(seed: 21).csv(vendors: 120_000)
        let pool = try VendorCSVReader.read(bytes: csv, source: "g.csv").pool
        let summary = VendorPoolSummary(pool)
        let sorted = pool.hourlyRate.sorted()
        #expect(summary.rateMedian == (sorted[59_999] + sorted[60_000]) / 2)
        #expect(summary.rateMin == sorted.first && summary.rateMax == sorted.last)
        var skills: [String: Int] = [:]
        for row in pool.indices { for skill in pool.skills[row] { skills[pool.skillTokens.display[Int(skill)], default: 0] += 1 } }
        #expect(Dictionary(uniqueKeysWithValues: summary.skills.map { ($0.value, $0.vendors) }) == skills)
        var countries: [String: Int] = [:]
        for row in pool.indices { countries[pool.countries.display[Int(pool.countryIndex[row])], default: 0] += 1 }
        #expect(summary.countries.map(\.value) == countries.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key))
        #expect(summary.vendors == 120_000)
    }
}
