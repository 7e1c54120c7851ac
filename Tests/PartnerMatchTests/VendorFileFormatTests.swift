import Foundation
import Testing
@testable import PartnerMatch

private let header = "id,name,country,timezone,work_start,work_end,hourly_rate,quality,cultural_fit,capacity_fte,max_fte,min_fte,certifications,skills\n"
private let formats = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("vendor-formats")

private func read(_ text: String, _ options: VendorReadOptions = VendorReadOptions()) throws(InputError) -> VendorReadResult {
    try VendorCSVReader.read(bytes: Array(text.utf8), source: "t.csv", options: options)
}

private func errors(_ text: String, _ options: VendorReadOptions = VendorReadOptions()) -> [Diagnostic] {
    do {
        _ = try read(text, options)
        Issue.record("expected an error")
        return []
    } catch {
        return error.errors
    }
}

@Suite("Vendor files as they arrive")
struct VendorFileFormatTests {
    // MARK: Numbers

    @Test("formatted amounts read to the values a person meant", arguments: [
        ("$45.50", false, 45.5), ("45.50 USD", false, 45.5), ("USD45", false, 45), ("12,500.00", false, 12500),
        ("1,200,000", false, 1_200_000), ("1.000.000,00", true, 1_000_000), ("45,5", true, 45.5),
        ("1.200.000", true, 1_200_000), ("-$3.5", false, -3.5), ("1 200,50", true, 1200.5),
    ])
    func formattedAmounts(_ text: String, _ decimalComma: Bool, _ value: Double) throws {
        let parsed = try NumberFormats.parse(text, decimalComma: decimalComma, allowPercent: false).get()
        #expect(parsed.value == value)
    }

    @Test("an ambiguous thousands group names both readings, never a silent 1.2 or 1200")
    func ambiguousThousands() {
        #expect(throws: NumberFormats.Problem.ambiguous(thousands: "1200", decimal: "1.2")) {
            try NumberFormats.parse("1,200", decimalComma: false, allowPercent: false).get()
        }
        #expect(throws: NumberFormats.Problem.ambiguous(thousands: "1200", decimal: "1.2")) {
            try NumberFormats.parse("1.200", decimalComma: true, allowPercent: false).get()
        }
        #expect(throws: NumberFormats.Problem.wrongDecimalMark(expected: ".", rewritten: "45.5")) {
            try NumberFormats.parse("45,5", decimalComma: false, allowPercent: false).get()
        }
        #expect(throws: NumberFormats.Problem.percentNotAllowed) {
            try NumberFormats.parse("5%", decimalComma: false, allowPercent: false).get()
        }
        #expect(throws: NumberFormats.Problem.outOfRange) {
            try NumberFormats.parse("1e309", decimalComma: false, allowPercent: false).get()
        }
    }

    @Test("a percent is accepted after a 0–100 field and nowhere else")
    func percents() throws {
        let ok = try read(header + "V1,A,PL,Europe/Warsaw,09:00,17:00,45,86%,70 %,10,15,0,,\n")
        #expect(ok.pool.quality == [86])
        #expect(ok.pool.culturalFit == [70])
        #expect(ok.warnings.map(\.code) == ["percent_dropped"])
        let bad = errors(header + "V1,A,PL,Europe/Warsaw,09:00,17:00,45,86,70,10%,15,0,,\n")
        #expect(bad.first?.message == "expected a number for 'capacity_fte', found '10%'; '%' belongs only to 0–100 fields (quality, cultural_fit)")
    }

    @Test("a ';' file with decimal commas everywhere reads them as decimals, and says so once")
    func decimalCommaDetected() throws {
        let text = header.replacingOccurrences(of: ",", with: ";")
            + "V1;A;PL;Europe/Warsaw;09:00;17:00;45,5;80;70;10;15,5;0;;\nV2;B;PL;Europe/Warsaw;09:00;17:00;1.200,00;80;70;1;2;0;;\n"
        let result = try read(text)
        #expect(result.pool.hourlyRate == [45.5, 1200])
        #expect(result.pool.maxFTE == [15.5, 2])
        #expect(result.format.decimalMark == ",")
        #expect(result.warnings.map(\.code).contains("decimal_comma"))
        // A ';' file that mixes the marks keeps '.' and refuses the comma cells.
        let mixed = header.replacingOccurrences(of: ",", with: ";")
            + "V1;A;PL;Europe/Warsaw;09:00;17:00;45,5;80;70;10;15.5;0;;\n"
        #expect(errors(mixed).first?.code == "wrong_decimal_mark")
    }

    // MARK: Delimiters and encodings

    @Test("the delimiter is detected from the header line; a tie is an error naming --delimiter")
    func delimiters() throws {
        for delimiter in [";", "\t", "|"] {
            let text = (header + "V1,A,PL,Europe/Warsaw,09:00,17:00,45,80,70,10,15,0,,\n").replacingOccurrences(of: ",", with: delimiter)
            #expect(try read(text).pool.count == 1)
        }
        let tie = errors("a;b,c\n1;2,3\n")
        #expect(tie.first?.code == "ambiguous_delimiter")
        #expect(tie.first?.message.contains("pass --delimiter") == true)
        // --delimiter overrides detection.
        let forced = try read(header + "V1,A,PL,Europe/Warsaw,09:00,17:00,45,80,70,10,15,0,,\n", VendorReadOptions(delimiter: UInt8(ascii: ",")))
        #expect(forced.format.delimiterSource == "--delimiter")
    }

    @Test("UTF-16 with a byte-order mark is read; Windows-1252 is read with a warning; never U+FFFD")
    func encodings() throws {
        for file in ["utf16le-bom-one-vendor.csv", "utf16be-bom-one-vendor.csv"] {
            let result = try VendorCSVReader.read(path: formats.appendingPathComponent(file).path)
            #expect(result.pool.count == 1)
            #expect(result.format.encoding.hasPrefix("utf-16"))
        }
        var bytes = Array(header.utf8)
        bytes += Array("V1,S".utf8) + [0xE3] + Array("o Paulo Dados,BR,America/Sao_Paulo,09:00,17:00,45,80,70,10,15,0,,\n".utf8)
        let result = try VendorCSVReader.read(bytes: bytes, source: "t.csv")
        #expect(result.pool.names[0] == "São Paulo Dados")
        #expect(result.warnings.first?.code == "read_as_windows1252")
        #expect(result.warnings.first?.location?.line == 2)
        #expect(!result.pool.names[0].contains("\u{FFFD}"))
        // --encoding utf-8 makes the same bytes an error at the byte.
        do {
            _ = try VendorCSVReader.read(bytes: bytes, source: "t.csv", options: VendorReadOptions(encoding: .utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.code == "invalid_utf8")
            #expect(error.diagnostics.first?.location?.line == 2)
        }
    }

    // MARK: Headers

    @Test("headers match ignoring case, spaces, punctuation and a unit in brackets, or through aliases")
    func headerKeys() {
        #expect(HeaderMatching.key(" Hourly Rate (USD/h) ") == "hourlyrate")
        #expect(HeaderMatching.key("Min. FTE") == "minfte")
        let read = HeaderMatching.read(["Vendor ID", "TZ", "Start", "Quality score", "Kontakt"], columns: [
            ColumnMapping(header: "Kontakt", field: "pass", origin: "[columns]"),
            ColumnMapping(header: "tz", field: "timezone", origin: "--map"),
        ])
        #expect(read.map(\.column) == [.id, .timezone, .workStart, .quality, nil])
        #expect(read.map(\.reading.how) == ["alias", "--map", "alias", "alias", "[columns]"])
    }

    @Test("headers that look like working hours, by whole words", arguments: [
        ("Shift begins", true), ("Work hours (local)", true), ("ShiftStart", true), ("Opening time", true),
        ("Ends", true), ("Vendor contact", false), ("Spend 2026", false), ("Backend lead", false), ("Notes", false),
    ])
    func workHourHeaders(_ header: String, _ expected: Bool) {
        #expect(HeaderMatching.looksLikeWorkHours(header) == expected)
    }

    @Test("a missing required column names the nearest header; --map then reads it")
    func nearestHeader() throws {
        let text = "id,name,country,timezone,hourly_rte,quality,capacity_fte\nV1,A,PL,Europe/Warsaw,45,80,10\n"
        #expect(errors(text).first?.message == "expected a column 'hourly_rate' in the header, found none; the nearest header is 'hourly_rte': map it with --map \"hourly_rte=hourly_rate\" or in the scenario's [columns]")
        let mapped = try read(text, VendorReadOptions(columns: [ColumnMapping(header: "hourly_rte", field: "hourly_rate", origin: "--map")]))
        #expect(mapped.pool.hourlyRate == [45])
    }

    // MARK: Countries and zones

    @Test("countries by alpha-2, alpha-3, name or alias are stored as alpha-2", arguments: [
        ("DE", "DE"), ("deu", "DE"), ("Germany", "DE"), ("UK", "GB"), ("USA", "US"), ("Vietnam", "VN"),
        ("South Korea", "KR"), ("Côte d'Ivoire", "CI"), ("uk", "GB"), ("XK", "XK"), ("cote divoire", "CI"), ("Türkiye", "TR"),
    ])
    func countries(_ text: String, _ code: String) {
        #expect(CountryNames.alpha2(for: text) == code)
    }

    @Test("an unassigned two-letter code is an error; UK is read as GB in a file too")
    func unassignedCodes() throws {
        #expect(CountryNames.alpha2(for: "ZZ") == nil)
        let result = try read(header + "V1,A,UK,Europe/London,09:00,17:00,45,80,70,10,15,0,,\nV2,B,GB,Europe/London,09:00,17:00,45,80,70,10,15,0,,\n")
        #expect(result.pool.countries.display == ["GB"])
        #expect(result.pool.countryIndex == [0, 0])
        let bad = errors(header + "V1,A,ZZ,Europe/London,09:00,17:00,45,80,70,10,15,0,,\nV2,A,ZZ,Europe/London,09:00,17:00,45,80,70,10,15,0,,\n")
        #expect(bad.map(\.code) == ["invalid_country", "invalid_country"])
    }

    @Test("an unknown country gets the nearest names")
    func unknownCountry() {
        #expect(CountryNames.alpha2(for: "Germny") == nil)
        #expect(CountryNames.suggestions(for: "Germny").first == "Germany (DE)")
    }

    @Test("time zones: IANA in any case, unique cities, fixed offsets; abbreviations refused with candidates", arguments: [
        ("asia/ho_chi_minh", "Asia/Ho_Chi_Minh", false), ("Toronto", "America/Toronto", false),
        ("Ho Chi Minh", "Asia/Ho_Chi_Minh", false), ("Buenos Aires", "America/Argentina/Buenos_Aires", false),
        ("UTC+05:30", "UTC+05:30", true), ("GMT-3", "UTC-03:00", true), ("+0200", "UTC+02:00", true),
        ("Etc/GMT-3", "Etc/GMT-3", false), ("UTC", "UTC", false),
    ])
    func zones(_ text: String, _ name: String, _ fixed: Bool) throws {
        let resolved = try TimeZoneNames.resolve(text).get()
        #expect(resolved.name == name)
        #expect(resolved.isFixedOffset == fixed)
        #expect(TimeZone(identifier: resolved.name) != nil)
    }

    @Test("tzdata.zi's zone and link names, read as bytes, equal a split into strings")
    func tzdataNames() throws {
        func reference(_ text: String) -> [String] {
            var found: [String] = []
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: " ")
                if parts.first == "Z", parts.count > 1 { found.append(String(parts[1])) }
                if parts.first == "L", parts.count > 2 { found.append(String(parts[2])) }
            }
            return found
        }
        let made = "# comment\n\nZ Europe/Warsaw 1:24 - LMT 1880\nL Europe/Warsaw Poland\n  Z   Asia/Kolkata  5:53:28\nZ\nL Only\n"
            + "ZZ Not/Zone 0\nR Rule 1 2\nL  Asia/Kolkata   Asia/Calcutta\nZ America/Sao_Paulo -3:6:28 - LMT\nL a\tb c\nZ Last/Line 0"
        #expect(TimeZoneNames.tzdataNames(Array(made.utf8)) == reference(made))
        #expect(TimeZoneNames.tzdataNames(Array(made.utf8)).contains("Asia/Calcutta"))
        // The machine's own file, when it has one (Debian's tzdata package installs it).
        if let data = FileManager.default.contents(atPath: "/usr/share/zoneinfo/tzdata.zi") {
            let names = TimeZoneNames.tzdataNames(Array(data))
            #expect(names.count > 300)
            #expect(names == reference(String(decoding: data, as: UTF8.self)))
        }
    }

    @Test("every name Foundation lists opens as a zone, so the name table need not try them")
    func knownNamesOpen() {
        let unopened = TimeZone.knownTimeZoneIdentifiers.filter { TimeZone(identifier: $0) == nil }
        #expect(unopened.isEmpty, "\(unopened.prefix(5))")
        #expect(TimeZoneNames.names.allSatisfy { TimeZone(identifier: $0) != nil })
    }

    @Test("GMT-3 is three hours behind UTC, as people write it; Etc/GMT-3 keeps its IANA meaning")
    func offsetSigns() throws {
        let written = try TimeZoneNames.resolve("GMT-3").get()
        #expect(TimeZone(identifier: written.name)!.secondsFromGMT() == -3 * 3600)
        let iana = try TimeZoneNames.resolve("Etc/GMT-3").get()
        #expect(TimeZone(identifier: iana.name)!.secondsFromGMT() == 3 * 3600)
    }

    @Test("BST is refused, not read as Bangladesh; IST, CST, EST likewise", arguments: ["BST", "IST", "CST", "EST", "cet"])
    func abbreviations(_ text: String) {
        guard case .failure(.abbreviation(_, let candidates)) = TimeZoneNames.resolve(text) else {
            Issue.record("\(text) was accepted")
            return
        }
        #expect(!candidates.isEmpty)
        if text == "BST" { #expect(candidates.first == "Europe/London") }
    }

    @Test("a fixed-offset zone is warned about once, with the count")
    func fixedOffsetWarning() throws {
        let result = try read(header + "V1,A,IN,UTC+05:30,09:00,17:00,45,80,70,10,15,0,,\nV2,B,IN,+05:30,09:00,17:00,45,80,70,10,15,0,,\n")
        #expect(result.pool.timeZones.display == ["UTC+05:30"])
        #expect(result.warnings.map(\.code) == ["fixed_offset"])
        #expect(result.warnings.first?.message.contains("for 2 vendors") == true)
    }

    // MARK: Currencies, rates, onboarding

    @Test("amounts in other currencies are converted with [fx]; the own currency is kept beside")
    func conversion() throws {
        let text = String(header.dropLast()) + ",currency,rates,onboarding_cost\n"
            + "V1,A,DE,Europe/Berlin,09:00,17:00,50,80,70,10,15,0,,backend;qa,EUR,backend=60;qa=40,\"10,000.00\"\n"
            + "V2,B,US,America/New_York,09:00,17:00,$70,80,70,10,15,0,,backend,,,\n"
        let options = VendorReadOptions(currency: "USD", fx: ["EUR": 1.1])
        let result = try read(String(text), options)
        #expect(result.pool.hourlyRate[0] == 50 * 1.1)
        #expect(result.pool.hourlyRate[1] == 70)
        #expect(result.pool.currency(of: 0) == "EUR")
        #expect(result.pool.currency(of: 1) == "USD")
        #expect(result.pool.onboarding(of: 0) == 10_000 * 1.1)
        #expect(result.pool.onboarding(of: 1) == nil)
        let backend = result.pool.skillID("backend")!, qa = result.pool.skillID("qa")!
        #expect(result.pool.rate(of: 0, skill: backend) == 60 * 1.1)
        #expect(result.pool.rate(of: 0, skill: qa) == 40 * 1.1)
        #expect(result.pool.rate(of: 1, skill: backend) == 70)
        #expect(result.pool[0].rates["backend"] == 60 * 1.1)
        #expect(result.pool.ownHourlyRate(of: 0)?.currency == "EUR")
        #expect(abs(result.pool.ownHourlyRate(of: 0)!.amount - 50) < 1e-9)
        #expect(result.format.currencies == ["EUR", "USD"])
    }

    @Test("a currency without an [fx] rate is an error at its cell naming the key")
    func missingFX() {
        let text = String(header.dropLast()) + ",currency\n" + "V1,A,IN,Asia/Kolkata,09:00,17:00,2000,80,70,10,15,0,,backend,INR\n"
        let found = errors(String(text), VendorReadOptions(currency: "USD", fx: [:]))
        #expect(found.first?.code == "missing_fx")
        #expect(found.first?.location?.column == 62)
        #expect(found.first?.message.contains("add INR = … under [fx]") == true)
    }

    @Test("a symbol that disagrees with the vendor's currency is an error naming both")
    func currencyMismatch() {
        let text = String(header.dropLast()) + ",currency\n" + "V1,A,DE,Europe/Berlin,09:00,17:00,$50,80,70,10,15,0,,backend,EUR\n"
        let found = errors(String(text), VendorReadOptions(currency: "EUR", fx: [:]))
        #expect(found.first?.message == "expected an amount in EUR (the vendor's currency) for 'hourly_rate', found '$50', which says ARS/AUD/CAD/CLP/COP/HKD/MXN/NZD/SGD/TWD/USD; fix the amount or the vendor's currency")
    }

    @Test("a currency named in a header's unit converts nothing, and is warned about when it differs")
    func unitCurrency() throws {
        let text = "id,country,timezone,Hourly Rate (EUR/h),quality,capacity_fte\nV1,DE,Europe/Berlin,50,80,10\n"
        let result = try read(text, VendorReadOptions(currency: "USD", fx: ["EUR": 1.1]))
        #expect(result.pool.hourlyRate == [50])
        #expect(result.warnings.map(\.code) == ["unit_currency_ignored"])
        #expect(result.warnings.first?.location?.column == 21)
        #expect(try read(text, VendorReadOptions(currency: "EUR", fx: [:])).warnings.isEmpty)
        #expect(try read(text, VendorReadOptions(fx: nil)).warnings.isEmpty)
    }

    @Test("a rate for a skill the vendor does not list is a warning and is ignored")
    func rateForUnlistedSkill() throws {
        let text = String(header.dropLast()) + ",rates\n" + "V1,A,DE,Europe/Berlin,09:00,17:00,50,80,70,10,15,0,,backend,\"backend=55;ios=70\"\n"
        let result = try read(String(text))
        #expect(result.warnings.map(\.code) == ["rate_for_unlisted_skill"])
        #expect(result.pool.skillRates[0]?.count == 1)
    }

    // MARK: Rows

    @Test("rows whose cells are all empty are skipped and counted")
    func emptyRows() throws {
        // `,,,,` rows of any width, and a line of one space (an empty line is no row at all).
        let result = try read(header + ",,,,,,,,,,,,,\nV1,A,PL,Europe/Warsaw,09:00,17:00,45,80,70,10,15,0,,\n,,,\n \n\n")
        #expect(result.pool.count == 1)
        #expect(result.format.skippedEmptyRows == 3)
        #expect(result.warnings.map(\.code) == ["empty_rows_skipped"])
    }

    // MARK: Scenario

    @Test("the scenario's [fx] and [columns] are read and validated")
    func scenarioTables() throws {
        let base = """
            currency = "usd"
            [client]
            timezone = "Berlin"
            [demand]
            backend = 1
            [horizon]
            months = 1
            [budget]
            total = 1000

            """
        let scenario = try ScenarioReader.parse(base + """
            [fx]
            EUR = 1.08
            inr = 0.012
            [columns]
            "Day rate / 8" = "hourly_rate"
            "Kontakt" = "pass"
            """)
        #expect(scenario.currency == "USD")
        #expect(scenario.client.timeZone == "Europe/Berlin")
        #expect(scenario.fx == ["EUR": 1.08, "INR": 0.012])
        #expect(scenario.columns.map(\.header) == ["Day rate / 8", "Kontakt"])
        #expect(scenario.columns.map(\.field) == ["hourly_rate", "pass"])
        do {
            _ = try ScenarioReader.parse(base + "[fx]\nEUR = 0\nXYZ = 2\n[columns]\n\"A\" = \"hourly_rat\"\n")
            Issue.record("expected errors")
        } catch {
            #expect(error.diagnostics.map(\.code) == ["out_of_range", "invalid_currency", "unknown_field"])
            #expect(error.diagnostics.last?.message == "columns.\"A\" must name a vendor field or \"pass\", found \"hourly_rat\"; did you mean \"hourly_rate\"?")
        }
        do {
            _ = try ScenarioReader.parse(base.replacingOccurrences(of: "Berlin", with: "BST"))
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.message.contains("Europe/London") == true)
        }
    }

    @Test("scenario values no vendor has: warnings with the nearest spellings; a demanded skill nobody offers is an error")
    func poolChecks() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pm-poolcheck-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.toml").path
        let text = """
            [client]
            timezone = "Europe/Berlin"
            [demand]
            backedn = 2
            qa = 1
            [horizon]
            months = 1
            [budget]
            total = 1000
            [rules]
            allowed_countries = ["Canada", "PL"]
            required_certifications = ["ISO 27001"]

            """
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let scenario = try ScenarioReader.read(path: path)
        #expect(scenario.rules.allowedCountries == ["CA", "PL"])
        let pool = try read(header + "V1,A,PL,Europe/Warsaw,09:00,17:00,45,80,70,10,15,0,ISO27001,backend;qa\n").pool
        let found = ScenarioPoolCheck.check(scenario, file: path, against: pool)
        #expect(found.map(\.code) == ["unknown_skill", "country_not_in_pool"])
        #expect(found[0].severity == .error)
        #expect(found[0].location?.line == 4)
        #expect(found[0].message.contains("did you mean 'backend'? skills in the pool: backend, qa"))
        #expect(found[1].severity == .warning)
        #expect(found[1].message.contains("CA (Canada)"))
    }
}

@Suite("Vendor files as they arrive: writing back")
struct VendorFileWriteBackTests {
    @Test("a pool with currency, rates and onboarding columns is written so that it reads back the same")
    func roundTrip() throws {
        let text = "id,name,country,timezone,hourly_rate,quality,capacity_fte,skills,currency,rates,onboarding_cost\n"
            + "V1,A,DE,Europe/Berlin,50,80,10,backend;qa,USD,backend=60;qa=40,1000\n"
            + "V2,B,US,America/New_York,70,80,10,backend,,,\n"
        let first = try VendorCSVReader.read(bytes: Array(text.utf8), source: "a.csv")
        let written = VendorCSVWriter.bytes(first.pool)
        let second = try VendorCSVReader.read(bytes: written, source: "b.csv")
        #expect(second.pool.count == 2)
        for index in 0..<2 { #expect(first.pool[index] == second.pool[index]) }
        #expect(String(decoding: written, as: UTF8.self).hasPrefix(
            "id,name,country,timezone,work_start,work_end,hourly_rate,quality,cultural_fit,capacity_fte,max_fte,min_fte,certifications,skills,currency,rates,onboarding_cost\n"))
    }
}

import ZIPFoundation

/// Workbooks built here, part by part, to test the sheet mapping without a spreadsheet program.
@Suite("Vendor files as they arrive: .xlsx")
struct XlsxReaderTests {
    static func workbook(sheet: String, shared: [String] = [], styles: String? = nil) throws -> [UInt8] {
        let archive = try Archive(accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        try add("xl/workbook.xml", "<workbook xmlns=\"\(main)\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Pool\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>")
        try add("xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>")
        if !shared.isEmpty {
            try add("xl/sharedStrings.xml", "<sst xmlns=\"\(main)\">" + shared.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>")
        }
        if let styles { try add("xl/styles.xml", styles) }
        try add("xl/worksheets/sheet1.xml", "<worksheet xmlns=\"\(main)\"><sheetData>\(sheet)</sheetData></worksheet>")
        return Array(archive.data!)
    }

    static func inline(_ text: String, _ ref: String) -> String { "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>" }

    static let headerRow = "<row r=\"1\">" + ["id", "country", "timezone", "work_start", "hourly_rate", "quality", "capacity_fte", "skills"]
        .enumerated().map { inline($0.element, String(UnicodeScalar(65 + $0.offset)!) + "1") }.joined() + "</row>"

    @Test("shared and rich strings, inline strings, numbers, booleans and time-formatted day fractions")
    func cellKinds() throws {
        let styles = "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"hh:mm\"/></numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>"
        let row = "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>0</v></c><c r=\"B3\" t=\"s\"><v>1</v></c>" + Self.inline("Toronto", "C3")
            + "<c r=\"D3\" s=\"1\"><v>0.875</v></c><c r=\"E3\"><v>45.5</v></c><c r=\"F3\"><v>80</v></c><c r=\"G3\"><v>10</v></c>"
            + "<c r=\"H3\" t=\"b\"><v>1</v></c><c r=\"I3\" t=\"inlineStr\"><is><t>x</t></is></c></row>"
        let bytes = try Self.workbook(sheet: Self.headerRow + row, shared: ["V1", "DE"], styles: styles)
        do {
            _ = try VendorCSVReader.read(bytes: bytes, source: "w.xlsx")
            Issue.record("a cell beyond the header's width must be an error")
        } catch {
            // Row 3 is line 3; the cell beyond the header is reported on that row.
            #expect(error.diagnostics.first?.location?.line == 3)
            #expect(error.diagnostics.first?.code == "wrong_field_count")
        }
        let ok = row.replacingOccurrences(of: "<c r=\"I3\" t=\"inlineStr\"><is><t>x</t></is></c>", with: "")
        let result = try VendorCSVReader.read(bytes: try Self.workbook(sheet: Self.headerRow + ok, shared: ["V1", "DE"], styles: styles), source: "w.xlsx")
        #expect(result.pool.ids[0] == "V1")
        #expect(result.pool.countries.display == ["DE"])
        #expect(result.pool.timeZones.display == ["America/Toronto"])
        #expect(result.pool.workStart == [21 * 60])
        #expect(result.pool.hourlyRate == [45.5])
        #expect(result.pool.skillTokens.display == ["TRUE"])
        #expect(result.format.container == "xlsx")
        #expect(result.format.sheet == "Pool")
    }

    @Test("a worksheet over 10 MB of XML is read (libxml2 stops on one chunk that large)")
    func aWorksheetOverTenMegabytesIsRead() throws {
        var rows = Self.headerRow
        let count = 24_000
        for i in 2...(count + 1) {
            rows += "<row r=\"\(i)\">" + Self.inline("V\(100000 + i)", "A\(i)") + Self.inline("PL", "B\(i)") + Self.inline("Europe/Warsaw", "C\(i)")
                + Self.inline("09:00", "D\(i)") + "<c r=\"E\(i)\"><v>45.25</v></c><c r=\"F\(i)\"><v>80</v></c><c r=\"G\(i)\"><v>2</v></c>"
                + Self.inline("backend;qa;ios;android;devops;a-long-skill-name-to-make-rows-wide-enough-for-this-test", "H\(i)") + "</row>"
        }
        #expect(rows.utf8.count > 10 << 20)
        let result = try VendorCSVReader.read(bytes: try Self.workbook(sheet: rows), source: "big.xlsx")
        #expect(result.pool.count == count)
    }

    @Test("a damaged archive and a ZIP without a workbook are refused with the fix")
    func damaged() throws {
        var bytes = try Self.workbook(sheet: Self.headerRow)
        bytes.removeLast(bytes.count / 2)
        do {
            _ = try VendorCSVReader.read(bytes: bytes, source: "d.xlsx")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.code == "invalid_xlsx")
            #expect(error.diagnostics.first?.message.contains("export it as CSV") == true)
        }
    }
}

@Suite("Vendor files as they arrive: fuzz findings")
struct VendorFormatFuzzFindingTests {
    /// FuzzVendorFormats: ZIPFoundation 0.9.20 trapped reading an in-memory archive whose directory
    /// points past the end of the bytes (Archive+MemoryFile.swift:59). Now refused before it reads.
    @Test("a ZIP whose directory points past its end is refused, not a crash")
    func aZipWhoseDirectoryPointsPastItsEndIsRefused() throws {
        let path = formats.appendingPathComponent("fuzz-zip-directory-past-end.xlsx").path
        do {
            _ = try VendorCSVReader.read(path: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.code) == ["invalid_xlsx"])
            #expect(error.diagnostics.first?.message.hasPrefix("expected an .xlsx workbook (a ZIP archive), found a damaged one: ") == true)
        }
    }
}

@Suite("Vendor files as they arrive: parallel reading")
struct VendorFormatParallelTests {
    @Test("chunks give the same pool, notes and defaults as one pass, with currency, rates and onboarding columns")
    func chunksAgree() throws {
        var text = "id,name,country,timezone,work_start,hourly_rate,quality,capacity_fte,skills,currency,rates,onboarding_cost\n"
        for i in 0..<400 {
            let currency = ["EUR", "USD", "", "INR"][i % 4]
            let rate = currency == "INR" ? "\"2,500.00\"" : "$\(40 + i % 30).50".replacingOccurrences(of: "$", with: currency == "EUR" ? "€" : "$")
            let zone = i % 7 == 0 ? "UTC+05:30" : ["Europe/Berlin", "toronto", "asia/kolkata"][i % 3]
            let rates = i % 5 == 0 ? "\"backend=\(50 + i % 9);qa=30\"" : ""
            let onboarding = i % 3 == 0 ? "\(1000 + i)" : ""
            let start = i % 11 == 0 ? "" : "08:30"
            text += "V\(1000 + i),Vendor \(i),\(["Germany", "CAN", "IN"][i % 3]),\(zone),\(start),\(rate),\(60 + i % 40)%,\(1 + i % 9),backend;qa,\(currency),\(rates),\(onboarding)\n"
            if i % 50 == 0 { text += ",,,,,,,,,,,\n" }
        }
        let options = VendorReadOptions(currency: "USD", fx: ["EUR": 1.08, "INR": 0.012])
        let one = try VendorCSVReader.read(bytes: Array(text.utf8), source: "p.csv", chunks: 1, options: options)
        let four = try VendorCSVReader.read(bytes: Array(text.utf8), source: "p.csv", chunks: 4, options: options)
        #expect(four.chunks > 1)
        #expect(one.pool.count == 400)
        #expect(one.pool.count == four.pool.count)
        for index in one.pool.indices { #expect(one.pool[index] == four.pool[index]) }
        #expect(one.warnings == four.warnings)
        #expect(one.format == four.format)
        #expect(one.format.skippedEmptyRows == 8)
        #expect(one.pool.currency(of: 3) == "INR")
        #expect(abs(one.pool.hourlyRate[3] - 2500 * 0.012) < 1e-9)
    }
}

@Suite("Vendor files as they arrive: every error path")
struct VendorFormatErrorPathTests {
    static let head = "id,country,timezone,hourly_rate,quality,capacity_fte,skills"

    static func firstError(_ text: String, _ options: VendorReadOptions = VendorReadOptions()) -> Diagnostic? {
        do {
            _ = try VendorCSVReader.read(bytes: Array(text.utf8), source: "e.csv", options: options)
            return nil
        } catch {
            return error.errors.first
        }
    }

    @Test("each cell error has its code, place and fix", arguments: [
        (head + ",currency\nV1,DE,Europe/Berlin,50,80,10,backend,EURO\n", "invalid_currency", 2, 38,
         "expected an ISO 4217 currency code such as 'EUR' for 'currency', found 'EURO'; did you mean 'EUR'?"),
        (head + ",rates\nV1,DE,Europe/Berlin,50,80,10,backend,backend:40\n", "invalid_rates", 2, 38,
         "expected 'skill=rate' entries separated by ';' for 'rates', found 'backend:40'"),
        (head + ",rates\nV1,DE,Europe/Berlin,50,80,10,backend,backend=-4\n", "invalid_rates", 2, 38,
         "expected a positive rate for 'backend' in 'rates', found '-4'"),
        (head + ",onboarding_cost\nV1,DE,Europe/Berlin,50,80,10,backend,-100\n", "negative_onboarding_cost", 2, 38,
         "expected an onboarding_cost of 0 or more, found '-100'"),
        (head + "\nV1,DE,Toronto,50,80,10,backend\nV2,DE,Eastern,50,80,10,backend\n", "unknown_timezone", 3, 7,
         "expected an IANA time zone such as 'Europe/Berlin' (or a city such as 'Toronto', or an offset such as 'UTC+05:30') for 'timezone', found 'Eastern'; did you mean 'Canada/Eastern' or 'US/Eastern'?"),
        (head + "\nV1,DE,UTC+15:00,50,80,10,backend\n", "unknown_timezone", 2, 7,
         "expected an IANA time zone such as 'Europe/Berlin' (or a city such as 'Toronto', or an offset such as 'UTC+05:30') for 'timezone', found 'UTC+15:00'; an offset is at most ±14:00, written like UTC+05:30"),
    ] as [(String, String, Int, Int, String)])
    func cellErrors(_ text: String, _ code: String, _ line: Int, _ column: Int, _ message: String) {
        let found = Self.firstError(text, VendorReadOptions(currency: "USD", fx: ["EUR": 1.1]))
        #expect(found?.code == code)
        #expect(found?.location?.line == line)
        #expect(found?.location?.column == column)
        #expect(found?.message == message)
    }

    @Test("encoding errors: a forced encoding that the BOM contradicts, a lone UTF-16 surrogate")
    func encodingErrors() {
        let utf16: [UInt8] = [0xFF, 0xFE] + Array("id".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        do {
            _ = try VendorCSVReader.read(bytes: utf16, source: "u.csv", options: VendorReadOptions(encoding: .windows1252))
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.code == "encoding_mismatch")
            #expect(error.diagnostics.first?.message == "expected windows-1252 text as --encoding says, found a utf-16le byte-order mark; drop --encoding or name utf-16le")
        }
        let lone: [UInt8] = [0xFF, 0xFE, 0x69, 0x00, 0x00, 0xD8, 0x64, 0x00]
        do {
            _ = try VendorCSVReader.read(bytes: lone, source: "u.csv")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.code == "invalid_utf16")
        }
        // The same file without its BOM, read as --encoding utf-16le.
        let noBOM = Array(utf16.dropFirst(2))
        #expect(throws: InputError.self) { try VendorCSVReader.read(bytes: noBOM, source: "u.csv") }
    }

    @Test("a mapping that names no header is a warning with the nearest header")
    func unusedMapping() throws {
        let text = Self.head + "\nV1,DE,Europe/Berlin,50,80,10,backend\n"
        let result = try VendorCSVReader.read(bytes: Array(text.utf8), source: "m.csv", options: VendorReadOptions(
            columns: [ColumnMapping(header: "Skils", field: "pass", origin: "--map")]))
        #expect(result.warnings.map(\.code) == ["unused_mapping"])
        #expect(result.warnings.first?.message == "expected a header 'Skils' as --map maps it, found none in this file; did you mean 'skills'?")
    }

    @Test("scenario errors: currency, fx of its own currency, a country it cannot name, a fixed-offset client")
    func scenarioErrors() throws {
        let base = "[client]\ntimezone = \"Europe/Berlin\"\n[demand]\nbackend = 1\n[horizon]\nmonths = 1\n[budget]\ntotal = 1000\n"
        func codes(_ text: String) -> [String] {
            do { _ = try ScenarioReader.parse(text); return [] } catch { return error.diagnostics.map(\.code) }
        }
        #expect(codes("currency = \"Dollar\"\n" + base) == ["invalid_currency"])
        #expect(codes("currency = \"EUR\"\n" + base + "[fx]\nEUR = 1.1\n") == ["inconsistent"])
        #expect(codes(base + "[rules]\nallowed_countries = [\"Atlantis\"]\n") == ["invalid_country"])
        let offset = try ScenarioReader.parse(base.replacingOccurrences(of: "Europe/Berlin", with: "GMT+1"))
        #expect(offset.client.timeZone == "UTC+01:00")
        let pool = try VendorCSVReader.read(bytes: Array((Self.head + "\nV1,DE,Europe/Berlin,50,80,10,backend\n").utf8), source: "p.csv").pool
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pm-scen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.toml").path
        let text = base.replacingOccurrences(of: "Europe/Berlin", with: "GMT+1") + "[rules]\nrequired_certifications = [\"SOC2\"]\n"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let found = ScenarioPoolCheck.check(try ScenarioReader.read(path: path), file: path, against: pool)
        #expect(found.map(\.code) == ["fixed_offset", "certification_not_in_pool"])
        #expect(found.allSatisfy { $0.severity == .warning })
    }
}
