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

    @Test("a mapped file is read once as it is; one that shrinks or changes while read is read again, with no SIGBUS")
    func mappedFileThatChanges() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pm-map-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let size = FileBytes.mappedBytes + 12_345
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let path = directory.appendingPathComponent("big.csv").path

        // Unchanged: one call, on the file's bytes (mapped at and above the threshold, read below it).
        for count in [FileBytes.mappedBytes - 1, FileBytes.mappedBytes, size] {
            #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes[..<count])))
            var calls = 0
            let seen = try FileBytes.withContents(path: path) { buffer -> [UInt8] in
                calls += 1
                return Array(buffer)
            }.get()
            #expect(calls == 1)
            #expect(seen == Array(bytes[..<count]))
        }

        // Truncated to 1 MiB while mapped: the pages past the new end read as zeros (no SIGBUS), and
        // the result is that of a second read, of the shrunken file.
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        var calls = 0
        let shrunk = try FileBytes.withContents(path: path) { buffer -> (count: Int, late: UInt8) in
            calls += 1
            if calls == 1 { #expect(truncate(path, 1 << 20) == 0) }
            return (buffer.count, buffer[buffer.count - 1])
        }.get()
        #expect(calls == 2)
        #expect(shrunk.count == 1 << 20)
        #expect(shrunk.late == bytes[(1 << 20) - 1])

        // Rewritten in place (same size, new content and time): read again.
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        var rewrites = 0
        let rewritten = try FileBytes.withContents(path: path) { buffer -> UInt8 in
            rewrites += 1
            if rewrites == 1 {
                let handle = try! FileHandle(forWritingTo: URL(fileURLWithPath: path))
                try! handle.write(contentsOf: Data([0xAB]))
                try! handle.close()
                var times = [timespec(tv_sec: 1_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000, tv_nsec: 0)]
                #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
            }
            return buffer[0]
        }.get()
        #expect(rewrites == 2)
        #expect(rewritten == 0xAB)
    }

    @Test("the parallel ASCII check finds one high byte anywhere: at either end, at part boundaries, in a tail")
    func parallelASCII() {
        let size = EncodingDetection.parallelASCIIBytes + 1_003
        var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: size)
        bytes.withUnsafeBufferPointer { #expect(EncodingDetection.isASCII($0)) }
        bytes.withUnsafeBufferPointer { #expect(EncodingDetection.validateUTF8($0).firstInvalid == nil) }
        let parts = 4 * min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8)
        var places = [0, 1, 31, 32, size - 1, size - 2, size - 33]
        for part in 1..<parts { places += [size * part / parts - 1, size * part / parts] }
        for place in places {
            bytes[place] = 0xC3
            bytes.withUnsafeBufferPointer { #expect(!EncodingDetection.isASCII($0), "high byte at \(place)") }
            // Not ASCII: the one-pass check still finds the byte (a lone lead byte is not UTF-8).
            bytes.withUnsafeBufferPointer { #expect(EncodingDetection.validateUTF8($0).firstInvalid == place, "at \(place)") }
            bytes[place] = UInt8(ascii: "a")
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
        #expect(summary.nightShifts == zip(pool.workStart, pool.workEnd).count { $0.1 < $0.0 })
        #expect(summary.missingCulturalFit == pool.culturalFit.count(where: \.isNaN))
        #expect(summary.capacityFTE == pool.capacityFTE.reduce(0, +) && summary.maxFTE == pool.maxFTE.reduce(0, +))
        #expect(summary.nightShifts > 0 && summary.missingCulturalFit > 0)
    }

    @Test("a read that keeps its chunks summarises them exactly as the joined pool: counts by key, first spelling, sums in order")
    func summaryOfKeptChunks() throws {
        // Later rows spell a skill and a certification differently (same key): the joined pool names
        // them as first seen; blank fits, night shifts and rates spread over every chunk.
        let csv = PoolGenerator(seed: 33).csv(vendors: 6_000)
        var lines = String(decoding: csv, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for index in stride(from: 3_000, to: 6_000, by: 7) {
            lines[index] = lines[index].replacingOccurrences(of: "backend", with: "Backend").replacingOccurrences(of: "ISO27001", with: "iso27001")
        }
        let bytes = Array(lines.joined(separator: "\n").utf8)
        var options = VendorReadOptions()
        let joined = try VendorCSVReader.read(bytes: bytes, source: "g.csv", chunks: 4, options: options)
        options.keepChunks = true
        let kept = try VendorCSVReader.read(bytes: bytes, source: "g.csv", chunks: 4, options: options)
        // (How many chunks the threads cut depends on their timing; one is possible on a busy machine.)
        #expect(!kept.parts.isEmpty && kept.pool.isEmpty && joined.parts.isEmpty)
        #expect(kept.parts.reduce(0) { $0 + $1.count } == joined.pool.count)
        #expect(VendorPoolSummary(parts: kept.parts) == VendorPoolSummary(joined.pool))
        #expect(kept.format == joined.format && kept.warnings == joined.warnings)
        // The joined pool is the parts one after another.
        #expect(kept.parts.flatMap { part in part.indices.map { part[$0].id } } == joined.pool.indices.map { joined.pool[$0].id })
        let summary = VendorPoolSummary(joined.pool)
        #expect(summary.skills.contains { $0.value == "backend" } && !summary.skills.contains { $0.value == "Backend" })

        // Always several parts: the file's thirds read alone, each interning in its own order.
        let header = lines[0]
        let thirds = [1..<1_500, 1_500..<4_000, 4_000..<lines.count].map { range in
            try! VendorCSVReader.read(bytes: Array(([header] + lines[range]).joined(separator: "\n").utf8), source: "g.csv", chunks: 1).pool
        }
        #expect(thirds.map(\.skillTokens.display) != Array(repeating: thirds[0].skillTokens.display, count: 3))
        #expect(VendorPoolSummary(parts: thirds) == summary)
    }

    @Test("the radix median equals the middle of a sort: odd and even counts, ties, negatives, zeros, narrow ranges")
    func radixMedian() {
        var state: UInt64 = 7
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 11 }
        let shapes: [(String, () -> Double)] = [
            ("rates", { Double(next() % 20_000 + 500) / 100 }),
            ("few values", { Double(next() % 3) }),
            ("one value", { 42.5 }),
            ("signed", { (Double(next() % 2_000_001) - 1_000_000) / 7 }),
            ("zeros", { next() % 2 == 0 ? 0.0 : -0.0 }),
            ("narrow", { 33 + Double(next() % 1_000) * 1e-12 }),
            ("wide", { Double(bitPattern: next() & 0x7FEF_FFFF_FFFF_FFFF) * (next() % 2 == 0 ? 1 : -1) }),
        ]
        for (name, draw) in shapes {
            for count in [16_384, 16_385, 40_000, 40_001, 70_003] {
                let values = (0..<count).map { _ in draw() }
                let sorted = values.sorted()
                let expected = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2
                let found = VendorPoolSummary.medianByRadix(values)
                #expect(found == expected, "\(name), \(count) values")
                #expect(VendorPoolSummary.median(values) == expected, "\(name), \(count) values")
            }
        }
        // The two middles in different buckets, at each depth of the radix passes.
        for (low, high) in [(1.0, 2.0), (33.0, 33.0.nextUp), (-5.0.nextDown, -5.0), (-1.0, 1.0)] {
            let values = (0..<40_000).map { $0 % 2 == 0 ? high : low }
            #expect(VendorPoolSummary.medianByRadix(values) == (low + high) / 2, "\(low) and \(high)")
        }
        for value in [-3.5, -0.0, 0.0, 1e-300, 7.25, .greatestFiniteMagnitude, -.greatestFiniteMagnitude] {
            #expect(VendorPoolSummary.value(ofKey: VendorPoolSummary.orderKey(value)) == value)
        }
    }
}
