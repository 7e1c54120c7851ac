import Foundation
import Testing

private let formats = "Tests/PartnerMatchTests/Fixtures/vendor-formats/"

/// A file of the must-refuse set and the first line it must print (after `path:`).
struct RefusedFormat: Sendable, CustomTestStringConvertible {
    var file: String
    var message: String
    var testDescription: String { file }
}

/// The vendor-file format corpus (issue 12; made by scripts/make-vendor-format-fixtures.py): the same
/// 25 vendors as spreadsheets and tools export them must shortlist exactly like the plain UTF-8
/// file, and each file of the must-refuse set must stop with its message, exit 65, and write nothing.
@Suite struct VendorFormatCorpusTests {
    static let sameAsPlain: [[String]] = [
        ["bom-crlf.csv"], ["semicolon-decimal-comma.csv"], ["tab.tsv"], ["pipe.csv"], ["utf16le.csv"], ["utf16be.csv"],
        ["unicode-text.txt"], ["windows-1252.csv"], ["human-headers.csv"], ["formatted-numbers.csv"],
        ["country-names.csv"], ["zone-spellings.csv"], ["empty-rows.csv"], ["times-as-text.xlsx"],
        ["times-as-day-fractions.xlsx"], ["second-sheet.xlsx", "--sheet", "Vendors"],
        ["windows-1252.csv", "--encoding", "windows-1252"], ["semicolon-decimal-comma.csv", "--delimiter", ";", "--decimal-comma"],
        ["refuse-utf16-without-bom.csv", "--encoding", "utf-16le"],
        // Issue 27: percent and currency cell formats; Excel "Unicode Text" from a German system.
        ["percent-and-currency.xlsx"], ["unicode-text-german.txt"],
    ]

    static let refused: [RefusedFormat] = [
        RefusedFormat(file: "refuse-abbreviated-zone.csv", message: "12:23: expected an IANA time zone such as 'Europe/Berlin' (or a city such as 'Toronto', or an offset such as 'UTC+05:30') for 'timezone', found 'IST'; 'IST' is an abbreviation that names several zones or none reliably: write the IANA name (one of Asia/Kolkata, Europe/Dublin, Asia/Jerusalem)"),
        RefusedFormat(file: "refuse-ambiguous-thousands.csv", message: "19:59: expected a number for 'capacity_fte', found '1,200'; it reads as 1200 (',' separating thousands) or as 1.2 (',' as the decimal mark): write 1200 or 1.2 without the ','"),
        RefusedFormat(file: "refuse-unknown-country.csv", message: "5:19: expected an ISO 3166-1 country (code such as 'DE' or 'DEU', or English name) for 'country', found 'Atlantis'"),
        RefusedFormat(file: "refuse-work-hour-headers.csv", message: "1:26: expected a header read as work_start and work_end, found 'Shift begins', which looks like working hours but matches no field; map it with --map \"Shift begins=work_start\" (or work_end), or --map \"Shift begins=pass\" to keep it as an extra column"),
        RefusedFormat(file: "refuse-out-of-range.csv", message: "3:66: expected a number for 'capacity_fte', found '1e309', which is beyond the largest number a cell can hold (about 1.8e308)"),
        RefusedFormat(file: "refuse-currency-mismatch.csv", message: "6:55: expected an amount in USD (the vendor's currency) for 'hourly_rate', found '€45', which says EUR; fix the amount or the vendor's currency"),
        RefusedFormat(file: "refuse-decimal-comma-split.csv", message: "3: expected 14 fields as in the header, found 15; '48,5' is likely a number with an unquoted decimal comma: write 48.5, or quote the cell"),
        RefusedFormat(file: "refuse-utf16-without-bom.csv", message: "1:1: expected UTF-8 text, found UTF-16 LE without a byte-order mark (every second byte is 0); pass --encoding utf-16le, or save the file as UTF-8 CSV"),
        // Issue 27: the cell formats read with the rules for CSV text, located at the sheet's cell.
        RefusedFormat(file: "refuse-xlsx-currency-format.xlsx", message: "5:7: Vendors!G5: expected an amount in USD (the vendor's currency) for 'hourly_rate', found '€45', which says EUR; fix the amount or the vendor's currency"),
        RefusedFormat(file: "refuse-xlsx-percent-rate.xlsx", message: "5:7: Vendors!G5: expected a number for 'hourly_rate', found '4500%'; '%' belongs only to 0–100 fields (quality, cultural_fit)"),
        RefusedFormat(file: "refuse-xlsx-percent-quality.xlsx", message: "5:8: Vendors!H5: expected a quality between 0 and 100, found '8100%'"),
        RefusedFormat(file: "refuse-rate-too-large.csv", message: "4:54: expected a value of at most 1e9 in the vendor's currency for 'hourly_rate' (docs/LIMITS.md), found '1e308'"),
        RefusedFormat(file: "refuse-amount-thousands-dot.csv", message: "4:54: expected a number for 'hourly_rate', found '$1.000'; with a currency it reads as 1000 ('.' separating thousands) or as 1 ('.' as the decimal mark): write 1000 or 1"),
        RefusedFormat(file: "refuse-onboarding-too-large.csv", message: "5:77: expected a value of at most 1e12 in the vendor's currency for 'onboarding_cost' (docs/LIMITS.md), found '1e20'"),
        RefusedFormat(file: "refuse-duplicate-rate.csv", message: "2:89: expected each skill once in 'rates', found 'backend' again ('backend=40', then 'backend=45'); keep the one rate that holds"),
        RefusedFormat(file: "refuse-unicode-text-mixed-marks.txt", message: "4:54: expected a number for 'hourly_rate', found '38,75'; this file's decimal mark is '.': write 38.75 (or pass --decimal-comma if every number uses ',')"),
        RefusedFormat(file: "refuse-mixed-encoding.csv", message: "25:9: expected UTF-8 text, found the byte 0xF3, which is not UTF-8 (the file also holds valid UTF-8, so it is not Windows-1252 either); save the file as UTF-8, or pass --encoding windows-1252 if that is what it is"),
    ]

    func shortlist(_ file: String, _ flags: [String] = []) throws -> CLIRunner.Output {
        try BadInputCorpusTests().run(["shortlist", formats + file] + flags
            + ["--scenario", formats + "scenario.toml", "--format", "json", "--top", "0"])
    }

    @Test(arguments: sameAsPlain)
    func eachExportShortlistsExactlyLikeThePlainFile(_ arguments: [String]) throws {
        let plain = try shortlist("plain.csv")
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.contains("\"id\": \"V06\""))
        let other = try shortlist(arguments[0], Array(arguments.dropFirst()))
        #expect(other.status == 0, "\(other.stderr)")
        #expect(other.stdout == plain.stdout)
    }

    @Test(arguments: refused)
    func eachFlawIsRefusedAtItsPlaceAndNothingIsWritten(_ input: RefusedFormat) throws {
        let result = try shortlist(input.file)
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        let firstLine = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(firstLine == formats + input.file + ":" + input.message)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pm-formats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let optimize = try BadInputCorpusTests().run([
            "optimize", formats + input.file, "--scenario", formats + "scenario.toml",
            "--export-model", dir.appendingPathComponent("model.lp").path, "--save-run", dir.appendingPathComponent("run").path])
        #expect(optimize.status == 65)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func aEuropeanExportIsReadWithoutAnyFlagAndValidateSaysHow() throws {
        let result = try BadInputCorpusTests().run(["validate", formats + "semicolon-decimal-comma.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("read as        utf-8, delimiter ';' (detected), decimal mark ','"))
        #expect(result.stderr.contains("warning: read ',' as the decimal mark in 5 numeric cells (this is the first)"))
    }

    @Test func validatePrintsHowEveryHeaderWasReadAndTheDefaultsApplied() throws {
        let result = try BadInputCorpusTests().run(["validate", formats + "human-headers.csv", "--map", "Notes=pass"])
        #expect(result.status == 0, "\(result.stderr)")
        for line in [
            "'Hourly Rate (USD/h)' → hourly_rate", "'Shift start'         → work_start (alias)",
            "'Notes'", "passed through (--map)", "'Contact'", "cultural_fit = the scenario's missing.cultural_fit for 2 vendors (blank cells)",
        ] {
            #expect(result.stdout.contains(line), "\(line) in \(result.stdout)")
        }
        // Without the working-hour columns, the defaults say so with the count.
        let noHours = try BadInputCorpusTests().run(["validate", formats + "refuse-work-hour-headers.csv",
                                                      "--map", "Shift begins=pass", "--map", "Shift finishes=pass"])
        #expect(noHours.status == 0, "\(noHours.stderr)")
        #expect(noHours.stdout.contains("work_start = 09:00 for 25 vendors (no column)"))
        #expect(noHours.stdout.contains("work_end = 17:00 for 25 vendors (no column)"))
    }

    @Test func anUnknownSheetIsRefusedNamingTheSheets() throws {
        let result = try BadInputCorpusTests().run(["validate", formats + "second-sheet.xlsx", "--sheet", "Vendorz"])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix(formats + "second-sheet.xlsx:1: expected a worksheet named 'Vendorz' (--sheet), found 'Cover', 'Vendors'"))
    }

    @Test func badFlagsAreUsageErrors() throws {
        #expect(try BadInputCorpusTests().run(["validate", formats + "plain.csv", "--encoding", "latin9"]).status == 64)
        #expect(try BadInputCorpusTests().run(["validate", formats + "plain.csv", "--delimiter", ":"]).status == 64)
        #expect(try BadInputCorpusTests().run(["validate", formats + "plain.csv", "--map", "Rate=price"]).status == 64)
    }
}

@Suite struct VendorFileFlagsReplayTests {
    @Test func aRunSavedWithVendorFileFlagsReplaysWithThem() throws {
        let w = try ReplayCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: w.dir) }
        let text = try String(contentsOfFile: w.vendors, encoding: .utf8)
            .replacingOccurrences(of: "Work_Start,Work_End", with: "Shift begins,Shift finishes")
        try text.write(toFile: w.vendors, atomically: false, encoding: .utf8)
        let flags = ["--map", "Shift begins=work_start", "--map", "Shift finishes=work_end"]
        let refused = CLIRunner.run(["optimize", w.vendors, "--scenario", w.scenario])
        #expect(refused.status == 65)
        let (run, saved) = ReplayCommandTests.save(w, extra: ["--format", "json"] + flags)
        #expect(saved.status == 0, "\(saved.stderr)")
        let settings = try String(contentsOfFile: run + "/settings.json", encoding: .utf8)
        #expect(settings.contains("Shift begins=work_start"))
        let replay = CLIRunner.run(["replay", run])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout.hasPrefix("identical: "))
    }
}

@Suite struct ValidateFormatJSONTests {
    @Test func validateJSONSaysHowTheFileWasRead() throws {
        let result = try BadInputCorpusTests().run(["validate", formats + "semicolon-decimal-comma.csv", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let format = document?["format"] as? [String: Any]
        #expect(format?["delimiter"] as? String == ";")
        #expect(format?["decimal_mark"] as? String == ",")
        #expect(format?["encoding"] as? String == "utf-8")
        let headers = format?["headers"] as? [[String: Any]]
        #expect(headers?.count == 14)
        #expect(headers?.first?["field"] as? String == "id")
        let defaults = format?["defaults"] as? [[String: Any]]
        #expect(defaults?.contains { $0["field"] as? String == "cultural_fit" && $0["vendors"] as? Int == 2 } == true)
    }

    @Test func validateWithAScenarioConvertsAndChecksThePool() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pm-validate-scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = dir.appendingPathComponent("s.toml").path
        try """
            currency = "EUR"
            [client]
            timezone = "Europe/Berlin"
            [demand]
            backedn = 2
            [horizon]
            months = 1
            [budget]
            total = 1000

            """.write(toFile: scenario, atomically: false, encoding: .utf8)
        let result = try BadInputCorpusTests().run(["validate", formats + "plain.csv", "--scenario", scenario])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(scenario):5:1: expected a demanded skill that some vendor offers, found 'backedn'"))
        #expect(result.stderr.contains("did you mean 'backend'? skills in the pool: backend, ios, qa"))
    }
}

@Suite struct ValidateAmountsTests {
    @Test func validateShowsCurrenciesRatesAndOnboardingConverted() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pm-amounts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let vendors = dir.appendingPathComponent("v.csv").path
        let scenario = dir.appendingPathComponent("s.toml").path
        try """
            id,country,timezone,hourly_rate,quality,capacity_fte,skills,currency,rates,onboarding_cost
            V1,DE,Europe/Berlin,€50,80,10,backend;qa,EUR,backend=60;qa=40,"12,000.00"
            V2,IN,Asia/Kolkata,"2,400.00",80,10,backend,INR,,
            V3,US,America/New_York,70,80,10,backend,,,
            """.write(toFile: vendors, atomically: false, encoding: .utf8)
        try """
            currency = "USD"
            [client]
            timezone = "Europe/Berlin"
            [demand]
            backend = 1
            [horizon]
            months = 1
            [budget]
            total = 100000
            [fx]
            EUR = 1.08
            INR = 0.012

            """.write(toFile: scenario, atomically: false, encoding: .utf8)
        let result = CLIRunner.run(["validate", vendors, "--scenario", scenario])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("  currencies     EUR, INR, USD, converted to USD"))
        #expect(result.stdout.contains("  amounts        per-skill rates for 1 vendor, onboarding_cost for 1 vendor (in USD)"))
        // 50 EUR = 54 USD, 2400 INR = 28.8 USD, 70 USD.
        #expect(result.stdout.contains("hourly rate     28.80 – 70.00 (median 54.00)"))
        let without = CLIRunner.run(["validate", vendors])
        #expect(without.status == 0, "\(without.stderr)")
        #expect(without.stdout.contains("EUR, INR, USD (not converted: pass --scenario for its currency and [fx])"))
    }
}
