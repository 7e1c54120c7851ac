import Foundation
import Testing
@testable import PartnerMatch

private let badVendors = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    .appendingPathComponent("bad-vendors")

private let header = "id,name,country,timezone,work_start,work_end,hourly_rate,quality,cultural_fit,capacity_fte,max_fte,min_fte,certifications,skills\n"

/// Reads a bad-vendors fixture, expecting errors; returns its diagnostics.
private func diagnostics(_ file: String) throws -> [Diagnostic] {
    do {
        let result = try VendorCSVReader.read(path: badVendors.appendingPathComponent(file).path)
        Issue.record("expected errors in \(file), read \(result.pool.count) vendors")
        return []
    } catch {
        return error.diagnostics
    }
}

private func read(_ text: String, source: String = "test.csv") throws(InputError) -> VendorReadResult {
    try VendorCSVReader.read(bytes: Array(text.utf8), source: source)
}

/// One expected diagnostic: code, line, column, message.
struct ExpectedDiagnostic: Sendable, CustomTestStringConvertible {
    var file: String
    var code: String
    var line: Int
    var column: Int?
    var message: String

    var testDescription: String { "\(file): \(code)" }
}

@Suite("Vendor CSV reader")
struct VendorCSVReaderTests {
    static let corpus: [ExpectedDiagnostic] = [
        .init(file: "missing-column.csv", code: "missing_column", line: 1, column: nil,
              message: "expected a column 'quality' in the header, found none; name one with --map \"HEADER=quality\" or the scenario's [columns]"),
        .init(file: "not-a-number.csv", code: "not_a_number", line: 3, column: 38,
              message: "expected a number for 'hourly_rate', found 'forty'"),
        .init(file: "decimal-comma.csv", code: "wrong_decimal_mark", line: 2, column: 38,
              message: "expected a number for 'hourly_rate', found '45,5'; this file's decimal mark is '.': write 45.5"),
        .init(file: "negative-rate.csv", code: "negative_rate", line: 2, column: 38,
              message: "expected a positive hourly_rate, found '-40'"),
        .init(file: "zero-rate.csv", code: "zero_rate", line: 2, column: 38,
              message: "expected a positive hourly_rate, found '0'"),
        .init(file: "quality-out-of-range.csv", code: "quality_out_of_range", line: 2, column: 41,
              message: "expected a quality between 0 and 100, found '120'"),
        .init(file: "cultural-fit-out-of-range.csv", code: "cultural_fit_out_of_range", line: 2, column: 44,
              message: "expected a cultural_fit between 0 and 100 (or an empty cell), found '-5'"),
        .init(file: "capacity-not-positive.csv", code: "capacity_not_positive", line: 2, column: 47,
              message: "expected a positive capacity_fte, found '0'"),
        .init(file: "max-below-capacity.csv", code: "max_below_capacity", line: 2, column: 50,
              message: "expected a max_fte of at least capacity_fte (10), found '8'"),
        .init(file: "negative-min-fte.csv", code: "negative_min_fte", line: 2, column: 53,
              message: "expected a min_fte of 0 or more, found '-1'"),
        .init(file: "min-above-max.csv", code: "min_above_max", line: 2, column: 53,
              message: "expected a min_fte of at most max_fte (15), found '20'"),
        .init(file: "unknown-timezone.csv", code: "unknown_timezone", line: 2, column: 12,
              message: "expected an IANA time zone such as 'Europe/Berlin' (or a city such as 'Toronto', or an offset such as 'UTC+05:30') for 'timezone', found 'Europe/Warsow'; did you mean 'Europe/Warsaw'?"),
        .init(file: "invalid-time.csv", code: "invalid_time", line: 2, column: 26,
              message: "expected a time HH:MM (00:00 to 23:59) for 'work_start', found '9am'"),
        .init(file: "invalid-country.csv", code: "invalid_country", line: 2, column: 9,
              message: "expected an ISO 3166-1 country (code such as 'DE' or 'DEU', or English name) for 'country', found 'Polska'"),
        .init(file: "duplicate-id.csv", code: "duplicate_id", line: 4, column: 1,
              message: "expected a unique id, found 'V1' again (first on line 2)"),
        .init(file: "empty-id.csv", code: "empty_id", line: 2, column: 1,
              message: "expected a vendor id, found an empty cell"),
        .init(file: "missing-value.csv", code: "missing_value", line: 2, column: 41,
              message: "expected a number for 'quality', found an empty cell"),
        .init(file: "wrong-field-count.csv", code: "wrong_field_count", line: 3, column: nil,
              message: "expected 14 fields as in the header, found 8"),
        .init(file: "unterminated-quote.csv", code: "unterminated_quote", line: 3, column: 4,
              message: "expected a closing quote for the field that starts here, found the end of the file"),
        .init(file: "text-after-quote.csv", code: "text_after_quote", line: 2, column: 10,
              message: "expected ',' or a line end after a closing quote, found text"),
        .init(file: "duplicate-column.csv", code: "duplicate_column", line: 1, column: 59,
              message: "expected each column once, found 'Quality' read as 'quality' again (first 'quality', field 6); map one of them with --map \"HEADER=pass\" or [columns]"),
        .init(file: "empty-file.csv", code: "empty_file", line: 1, column: nil,
              message: "expected a header line naming the vendor columns, found an empty file"),
    ]

    @Test("each bad file's first error has its exact code, line, column and message", arguments: corpus)
    func badInput(_ expected: ExpectedDiagnostic) throws {
        let found = try diagnostics(expected.file)
        let first = try #require(found.first)
        #expect(first.severity == .error)
        #expect(first.code == expected.code)
        #expect(first.location == SourceLocation(
            file: badVendors.appendingPathComponent(expected.file).path, line: expected.line, column: expected.column))
        #expect(first.message == expected.message)
    }

    @Test("the bad-input corpus covers every error code the reader documents")
    func corpusCoversEveryCode() throws {
        let tested = Set(Self.corpus.map(\.code))
        let documented: Set = [
            "empty_file", "missing_column", "duplicate_column", "unterminated_quote", "text_after_quote",
            "wrong_field_count", "empty_id", "duplicate_id", "missing_value", "not_a_number", "negative_rate",
            "zero_rate", "quality_out_of_range", "cultural_fit_out_of_range", "capacity_not_positive",
            "max_below_capacity", "negative_min_fte", "min_above_max", "invalid_country", "unknown_timezone",
            "invalid_time",
        ]
        #expect(documented.subtracting(tested).isEmpty)
        #expect(try diagnostics("many-errors.csv").isEmpty == false)
    }

    @Test("every problem in a file is reported, in file order, not just the first")
    func manyErrors() throws {
        let found = try diagnostics("many-errors.csv")
        let path = badVendors.appendingPathComponent("many-errors.csv").path
        let rendered = found.map(\.description)
        #expect(rendered == [
            "\(path):3:38: expected a number for 'hourly_rate', found 'ten'",
            "\(path):3:42: expected a quality between 0 and 100, found '101'",
            "\(path):4:1: expected a unique id, found 'V1' again (first on line 2)",
            "\(path):4:9: expected an ISO 3166-1 country (code such as 'DE' or 'DEU', or English name) for 'country', found 'Polska'",
            "\(path):4:16: expected an IANA time zone such as 'Europe/Berlin' (or a city such as 'Toronto', or an offset such as 'UTC+05:30') for 'timezone', found 'Mars/Olympus'",
            "\(path):5:63: expected a max_fte of at least capacity_fte (5), found '4'",
            "\(path):6: expected 14 fields as in the header, found 10",
            "\(path):7:1: expected a vendor id, found an empty cell",
            "\(path):7:51: expected a min_fte of 0 or more, found '-2'",
        ])
        #expect(found.map(\.code) == [
            "not_a_number", "quality_out_of_range", "duplicate_id", "invalid_country", "unknown_timezone",
            "max_below_capacity", "wrong_field_count", "empty_id", "negative_min_fte",
        ])
    }

    @Test("both time fields of a file are checked, and 24:00 is not a start")
    func invalidTimes() throws {
        let found = try diagnostics("invalid-time.csv")
        #expect(found.map(\.message) == [
            "expected a time HH:MM (00:00 to 23:59) for 'work_start', found '9am'",
            "expected a time HH:MM (00:00 to 24:00) for 'work_end', found '25:00'",
        ])
        #expect(found.map { $0.location?.column } == [26, 32])
        let row = "V1,Acme,PL,Europe/Warsaw,24:00,08:00,45,80,70,10,15,0,,\n"
        #expect(throws: InputError.self) { try read(header + row) }
        let ok = try read(header + "V1,Acme,PL,Europe/Warsaw,16:00,24:00,45,80,70,10,15,0,,\n")
        #expect(ok.pool.workEnd == [1440])
    }

    @Test("a zone spelled in the wrong case is read in its canonical spelling; a misspelt one gets a suggestion")
    func zoneSuggestion() throws {
        let found = try diagnostics("unknown-timezone.csv")
        #expect(found.count == 1)
        #expect(found.first?.location?.line == 2)
        let ok = try read(header + "V2,Acme,PL,europe/warsaw,09:00,17:00,45,80,70,10,15,0,ISO27001,backend\n")
        #expect(ok.pool.timeZones.display == ["Europe/Warsaw"])
    }

    @Test("all missing required columns are reported, each once")
    func missingColumns() throws {
        let found = try diagnostics("missing-column.csv")
        #expect(found.map(\.message) == ["expected a column 'quality' in the header, found none; name one with --map \"HEADER=quality\" or the scenario's [columns]"])
        do {
            _ = try read("name,notes\nAcme,x\n")
            Issue.record("expected errors")
        } catch {
            // The six required columns, then 'notes' (which names no field) is not taken for working hours.
            #expect(error.diagnostics.map(\.code) == Array(repeating: "missing_column", count: 6))
            #expect(error.diagnostics.map(\.message).contains("expected a column 'hourly_rate' in the header, found none; name one with --map \"HEADER=hourly_rate\" or the scenario's [columns]"))
        }
    }

    @Test("warnings for a rate far outside its region and an unknown certification; the pool is still read")
    func warnings() throws {
        let path = badVendors.appendingPathComponent("warnings.csv").path
        let result = try VendorCSVReader.read(path: path)
        #expect(result.pool.count == 3)
        #expect(result.warnings.map(\.description) == [
            "\(path):2:38: warning: expected an hourly_rate near 35–75 (USD), typical for PL (Central and Eastern Europe), found '400'",
            "\(path):3:55: warning: expected a known certification (ISO27001, SOC2, GDPR, ISO9001, CMMI3), found 'PCI-DSS'",
        ])
        #expect(result.warnings.map(\.code) == ["rate_outside_region", "unknown_certification"])
        #expect(result.warnings.allSatisfy { $0.severity == .warning })
    }

    @Test("a missing file is one cannot_read diagnostic without a location")
    func missingFile() {
        do {
            _ = try VendorCSVReader.read(path: "/nonexistent/vendors.csv")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics[0].code == "cannot_read")
            #expect(error.diagnostics[0].location == nil)
            #expect(error.diagnostics[0].message == "cannot read '/nonexistent/vendors.csv': No such file or directory")
        }
        #expect(throws: InputError.self) { try VendorCSVReader.read(path: badVendors.path) }
    }

    @Test("errors stop at the cap and the error says more were not shown")
    func errorCap() {
        var text = header
        for index in 0..<150 { text += "V\(index),Acme,PL,Europe/Warsaw,09:00,17:00,abc,80,70,10,15,0,,\n" }
        do {
            _ = try read(text)
            Issue.record("expected errors")
        } catch {
            #expect(error.diagnostics.count == VendorCSVReader.errorLimit)
            #expect(error.truncated)
            #expect(error.description.hasSuffix("\n(more errors not shown)"))
        }
    }

    @Test("a valid file fills every column, with defaults, quoting, trimming and token spelling handled")
    func validFile() throws {
        let text = "\u{FEFF}ID, Name ,Country,TimeZone,Hourly Rate,QUALITY,cultural_fit,capacity-fte,max_fte,Certifications,skills,notes\r\n"
            + "A1,\"Acme, Inc.\",pl,Europe/Warsaw, 45.5 ,80,,10,,iso-27001; SOC 2;GDPR,Backend;qa,\"said \"\"hi\"\"\"\r\n"
            + "\r\n"
            + "B2,,IN,Asia/Kolkata,30,70.25,55,4,6,ISO27001;ISO 27001,backend;iOS,\r\n"
        let result = try read(text)
        let pool = result.pool
        #expect(result.warnings.isEmpty)
        #expect(pool.count == 2)
        #expect(pool.extraColumns == ["notes"])
        #expect(pool[0] == Vendor(
            id: "A1", name: "Acme, Inc.", country: "PL", timeZone: "Europe/Warsaw",
            hourlyRate: 45.5, quality: 80, culturalFit: nil, capacityFTE: 10, maxFTE: 10, minFTE: 0,
            certifications: ["iso-27001", "SOC 2", "GDPR"], skills: ["Backend", "qa"], extra: ["said \"hi\""]))
        #expect(pool[1] == Vendor(
            id: "B2", name: "B2", country: "IN", timeZone: "Asia/Kolkata",
            hourlyRate: 30, quality: 70.25, culturalFit: 55, capacityFTE: 4, maxFTE: 6,
            certifications: ["iso-27001"], skills: ["Backend", "iOS"], extra: [""]))
        #expect(pool.sourceLine == [2, 4])
        #expect(pool.workStart == [540, 540] && pool.workEnd == [1020, 1020])
        #expect(pool.culturalFit[0].isNaN)
        #expect(pool.skillID("BACKEND") == 0)
    }

    @Test("LF, CRLF, CR, a BOM and a missing final newline read to the same pool")
    func lineEndings() throws {
        let rows = ["V1,Acme,PL,Europe/Warsaw,09:00,17:00,45,80,70,10,15,0,ISO27001,backend",
                    "V2,\"Beta\nGroup\",DE,Europe/Berlin,22:00,06:00,95,85,,3,,,,ios"]
        let lines = [String(header.dropLast())] + rows
        let reference = try read(lines.joined(separator: "\n") + "\n").pool
        for (ending, bom, final) in [("\r\n", "", true), ("\r", "", true), ("\n", "\u{FEFF}", true), ("\n", "", false), ("\r\n", "\u{FEFF}", false)] {
            let text = bom + lines.joined(separator: ending) + (final ? ending : "")
            let pool = try read(text).pool
            #expect(pool.indices.map { pool[$0] } == reference.indices.map { reference[$0] }, "ending \(ending.debugDescription)")
            #expect(pool.sourceLine == [2, 3])
        }
        #expect(reference[1].name == "Beta\nGroup")
    }

    @Test("numbers parse exactly like the standard library's locale-free parser")
    func numbersAreExact() {
        var random = SeededGenerator(seed: 7)
        for _ in 0..<20_000 {
            let digits = 1 + random.below(18)
            var text = random.chance(0.2) ? "-" : ""
            for index in 0..<digits {
                if index == digits / 2 && random.chance(0.7) { text += "." }
                text += String(random.below(10))
            }
            if random.chance(0.2) { text += "e\(random.below(40) - 20)" }
            let parsed = Array(text.utf8).withUnsafeBufferPointer { ByteParsing.parseDouble($0) }
            #expect(parsed == Double(text), "\(text)")
        }
        for text in ["1e400", "nan", "inf", "0x10", "1,5", "1.2.3", "", "+", ".", "e5", "1e", "12 34", " 1"] {
            #expect(Array(text.utf8).withUnsafeBufferPointer { ByteParsing.parseDouble($0) } == nil, "\(text)")
        }
        // Both sides of the short path's bounds: 15 and 16 digits with a fraction, 16-digit integers,
        // 16 and 17 bytes, signs and points at either end.
        for text in ["9.999999999999999", "99999999.99999999", "0.000000000000001", "1234567.890123456", "9999999999999999",
                     "-999999999999999", "-9999999999999999", "+.5", "-.5", "0.", "-0", "00012.50", "45.50", "123456789012345.6"] {
            #expect(Array(text.utf8).withUnsafeBufferPointer { ByteParsing.parseDouble($0) } == Double(text), "\(text)")
        }
        for (text, value) in [(".5", 0.5), ("5.", 5.0), ("+7", 7.0), ("0.1", 0.1), ("1E3", 1000.0), ("123456789012345678901234567890", 1.2345678901234568e29)] {
            #expect(Array(text.utf8).withUnsafeBufferPointer { ByteParsing.parseDouble($0) } == value, "\(text)")
        }
    }

    @Test("numbers read the same under a German locale on this thread (decimal comma locale)")
    func localeIndependence() throws {
        // Thread-local, so tests running in parallel are not affected. When no German locale is
        // installed, the reader is still checked under the process's own locale.
        let names: [String] = ["de_DE.UTF-8", "de_DE.utf8", "de_DE"]
        let german = names.lazy.compactMap { newlocale(Int32(1) << LC_NUMERIC, $0, nil) }.first
        let previous = german.map { uselocale($0) }
        defer {
            if let previous { uselocale(previous) }
            if let german { freelocale(german) }
        }
        let result = try read(header + "V1,Acme,PL,Europe/Warsaw,09:00,17:00,45.75,80.5,70,10.5,15,0.5,,\n")
        #expect(result.pool.hourlyRate == [45.75])
        #expect(result.pool.quality == [80.5])
        #expect(result.pool.capacityFTE == [10.5] && result.pool.minFTE == [0.5])
        #expect(throws: InputError.self) { try read(header + "V1,Acme,PL,Europe/Warsaw,09:00,17:00,\"45,75\",80,70,10,15,0,,\n") }
    }

    @Test("out-of-order ids are still checked for duplicates, with the first line named")
    func duplicatesWhenUnsorted() {
        let rows = ["V5", "V3", "V9", "V3", "V1", "V9"].map { "\($0),Acme,PL,Europe/Warsaw,09:00,17:00,45,80,70,10,15,0,,\n" }
        do {
            _ = try read(header + rows.joined())
            Issue.record("expected errors")
        } catch {
            #expect(error.diagnostics.map(\.message) == [
                "expected a unique id, found 'V3' again (first on line 3)",
                "expected a unique id, found 'V9' again (first on line 4)",
            ])
            #expect(error.diagnostics.map { $0.location?.line } == [5, 7])
        }
    }

    @Test("a header without rows reads to an empty pool with a warning")
    func headerOnly() throws {
        let result = try read(header)
        #expect(result.pool.isEmpty)
        #expect(result.warnings.map(\.code) == ["no_vendors"])
    }

    @Test("the writer's output reads back to the same pool, extra columns included")
    func writerRoundTrip() throws {
        let text = String(header.dropLast()) + ",notes\n"
            + "V1,\"Acme, Inc.\",PL,Europe/Warsaw,09:00,17:00,45.5,80,,10,15,0,iso-27001;GDPR,backend;qa,\" padded \"\n"
            + "V2,\"Say \"\"hi\"\"\",IN,Asia/Kolkata,22:00,06:00,0.1,99.99,50,2.5,2.5,0.5,,ios,\"two\nlines\"\n"
        let first = try read(text).pool
        let written = VendorCSVWriter.string(first)
        let second = try read(written).pool
        #expect(second.extraColumns == ["notes"])
        #expect(second.indices.map { second[$0] } == first.indices.map { first[$0] })
        #expect(VendorCSVWriter.string(second) == written)
        #expect(written.contains("\"Acme, Inc.\"") && written.contains("\" padded \""))
    }

    /// What a read produced, comparable across chunk counts.
    private struct Outcome: Equatable {
        var vendors: [Vendor] = []
        var lines: [Int32] = []
        var extraColumns: [String] = []
        var diagnostics: [Diagnostic] = []
        var truncated = false
        var omittedWarnings = 0
        /// Not compared: how the rows were read.
        var chunks = 0

        static func == (a: Outcome, b: Outcome) -> Bool {
            (a.vendors, a.lines, a.extraColumns, a.diagnostics, a.truncated, a.omittedWarnings)
                == (b.vendors, b.lines, b.extraColumns, b.diagnostics, b.truncated, b.omittedWarnings)
        }
    }

    private func outcome(_ bytes: [UInt8], chunks: Int) -> Outcome {
        do {
            let result = try VendorCSVReader.read(bytes: bytes, source: "p.csv", chunks: chunks)
            return Outcome(
                vendors: result.pool.indices.map { result.pool[$0] }, lines: result.pool.sourceLine,
                extraColumns: result.pool.extraColumns, diagnostics: result.warnings,
                omittedWarnings: result.omittedWarnings, chunks: result.chunks)
        } catch {
            return Outcome(diagnostics: error.diagnostics, truncated: error.truncated)
        }
    }

    @Test("reading in parallel chunks gives the same pool and diagnostics as one pass", arguments: [2, 3, 7])
    func parallelMatchesSequential(chunks: Int) {
        // Shuffled generated rows (ids out of order), CRLF line ends, blank lines, quoted cells with commas
        // and doubled quotes, an extra column, unknown certifications (warnings). Cells with line breaks,
        // where a boundary may fall inside quotes, are the next test's.
        var random = SeededGenerator(seed: 11)
        let generated = String(decoding: PoolGenerator(seed: 4, skillCount: 9).csv(vendors: 3_000), as: UTF8.self)
        var rows = generated.split(separator: "\n").dropFirst().map(String.init)
        for index in rows.indices.reversed() { rows.swapAt(index, random.below(index + 1)) }
        for index in stride(from: 0, to: rows.count, by: 37) {
            rows[index] = rows[index].replacingOccurrences(of: "ISO27001", with: "ISO 27001;PCI-DSS")
        }
        var text = String(header.dropLast()) + ",notes\r\n"
        for (index, row) in rows.enumerated() {
            let note = index % 5 == 0 ? "\"one, \"\"two\"\"\"" : "n\(index)"
            text += row + "," + note + "\r\n" + (index % 11 == 0 ? "\r\n" : "")
        }
        let bytes = Array(text.utf8)
        let sequential = outcome(bytes, chunks: 1)
        #expect(sequential.vendors.count == 3_000)
        #expect(sequential.diagnostics.contains { $0.code == "unknown_certification" })
        let parallel = outcome(bytes, chunks: chunks)
        #expect(parallel == sequential)
        #expect(parallel.chunks > 1) // the parallel path was taken, not the fallback

        // The same with errors, duplicates across chunks among them.
        var broken = rows
        broken[2_900] = broken[10]
        broken[1_500] = broken[1_500].replacingOccurrences(of: "Asia/", with: "Asia/X")
        broken[2_000] = broken[3]
        let bad = Array((header + broken.joined(separator: "\n") + "\n").utf8)
        let badSequential = outcome(bad, chunks: 1)
        #expect(badSequential.diagnostics.contains { $0.code == "duplicate_id" })
        #expect(outcome(bad, chunks: chunks) == badSequential)
    }

    @Test("an id repeated across chunks is located at its own cell: id not first, CRLF and lone CR line ends, line breaks in quotes")
    func duplicateAcrossChunksLocated() {
        // The parallel read finds the repeat after the chunks are read, and finds the row's first byte
        // by counting line ends; the sequential read locates it as it reads. Both must name the same cell.
        func file(repeating: Bool) -> [UInt8] {
            var text = "name,notes,id,country,timezone,work_start,work_end,hourly_rate,quality,cultural_fit,capacity_fte,max_fte,min_fte,certifications,skills\r\n"
            for index in 0..<3_000 {
                let notes = index == 5 || index == 2_950 ? "\"two\r\nlines, \"\"quoted\"\"\"" : (index == 1_234 ? "\"one\rbreak\"" : "n\(index % 5)")
                var id = String(format: "V%05d", index)
                if index == 2_500 { id = repeating ? "V00010" : "V99990" }
                if index == 2_900 { id = repeating ? "  V01200" : "  V99991" }
                let end = index % 13 == 0 ? "\r" : "\r\n"
                // Names of varying length: a cell located on the wrong row shows in its column.
                text += "\"Acme, \(String(repeating: "x", count: index % 9))\",\(notes),\(id),PL,Europe/Warsaw,09:00,17:00,45,80,70,10,15,0,,backend\(end)"
            }
            return Array(text.utf8)
        }
        let bytes = file(repeating: true)
        // The same bytes but for the two ids are read in parallel (no boundary falls inside quotes).
        for chunks in [2, 3, 4] { #expect(outcome(file(repeating: false), chunks: chunks).chunks > 1) }
        let sequential = outcome(bytes, chunks: 1)
        let repeats = sequential.diagnostics.filter { $0.code == "duplicate_id" }
        #expect(repeats.count == 2)
        // The id cell's column: after the quoted name and the notes cell.
        for repeated in repeats { #expect(repeated.location?.column ?? 0 > 10) }
        for chunks in [2, 3, 4] {
            let parallel = outcome(bytes, chunks: chunks)
            #expect(parallel.diagnostics == sequential.diagnostics, "\(chunks) chunks")
        }
    }

    @Test("a chunk boundary inside a quoted field falls back to one pass with the same result")
    func parallelBoundaryInsideQuotes() {
        var text = String(header.dropLast()) + ",notes\n"
        let note = "\"" + Array(repeating: "a long, multi-line note", count: 400).joined(separator: "\n") + "\""
        for index in 0..<12 {
            text += "V\(100 + index),Acme,PL,Europe/Warsaw,09:00,17:00,45,80,70,10,15,0,,backend,\(note)\n"
        }
        text += "V100,Dup,PL,Europe/Warsaw,09:00,17:00,45,80,70,10,15,0,,backend,x\n"
        let bytes = Array(text.utf8)
        let sequential = outcome(bytes, chunks: 1)
        #expect(sequential.diagnostics.map(\.code) == ["duplicate_id"])
        #expect(sequential.diagnostics.first?.location?.line == 2 + 12 * 400)
        for chunks in [2, 3, 5] { #expect(outcome(bytes, chunks: chunks) == sequential) }
        // Without errors the fallback shows: one pass.
        let clean = Array(text.replacingOccurrences(of: "V100,Dup", with: "V999,Dup").utf8)
        #expect(outcome(clean, chunks: 3).chunks == 1)
    }

    @Test("the error cap holds when chunks are read in parallel")
    func parallelErrorCap() {
        var text = header
        for index in 0..<400 { text += "V\(1_000 + index),Acme,PL,Europe/Warsaw,09:00,17:00,abc,80,70,10,15,0,,\n" }
        let bytes = Array(text.utf8)
        let sequential = outcome(bytes, chunks: 1)
        #expect(sequential.diagnostics.count == VendorCSVReader.errorLimit && sequential.truncated)
        #expect(outcome(bytes, chunks: 4) == sequential)
    }
}
