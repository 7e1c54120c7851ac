import Foundation
import Testing

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let corpus = "Tests/PartnerMatchTests/Fixtures/bad-inputs/"

/// One file of the bad-input corpus and what the command line must say about it.
struct BadInput: Sendable, CustomTestStringConvertible {
    /// The file name under `Tests/PartnerMatchTests/Fixtures/bad-inputs/`.
    var file: String
    /// The first line on standard error, after `path:`; it starts with the location.
    var message: String
    var exitCode: Int32 = 65

    var isScenario: Bool { file.hasPrefix("scenario-") }
    var testDescription: String { file }
}

/// The bad-input corpus, end to end (issue 8): every file through the command a user would run
/// (`validate` for vendor files, `shortlist` for scenarios), expecting its message at its location
/// on standard error, the documented exit code, no crash, and nothing on standard output; then through
/// `optimize --export-model`, expecting the same exit code and no model file written.
@Suite struct BadInputCorpusTests {
    static let cases: [BadInput] = [
        // Vendor CSV: encodings
        // (UTF-16 with a byte-order mark is read since issue 12: VendorFileFormatTests.)
        BadInput(file: "vendors-utf16le-no-bom.csv", message: "1:1: expected UTF-8 text, found UTF-16 LE without a byte-order mark (every second byte is 0); pass --encoding utf-16le, or save the file as UTF-8 CSV"),
        // Not UTF-8: read as Windows-1252 with a warning (the first line), never with U+FFFD.
        BadInput(file: "vendors-latin1-number.csv", message: "2: warning: expected UTF-8 text, found bytes that are not UTF-8 on 1 line (this is the first): read the file as Windows-1252; pass --encoding windows-1252 to say so, or save it as UTF-8"),
        BadInput(file: "vendors-nul-byte.csv", message: "2:9: expected an ISO 3166-1 country (code such as 'DE' or 'DEU', or English name) for 'country', found 'D\\u{0}'"),
        // Vendor CSV: truncation, junk, empty
        BadInput(file: "vendors-truncated-mid-quote.csv", message: "3:4: expected a closing quote for the field that starts here, found the end of the file"),
        BadInput(file: "vendors-truncated-mid-row.csv", message: "3: expected 8 fields as in the header, found 4"),
        BadInput(file: "vendors-binary-junk.csv", message: "3:126: expected UTF-8 or Windows-1252 text, found the byte 0x8D, which is neither; save the file as UTF-8"),
        BadInput(file: "vendors-empty.csv", message: "1: expected a header line naming the vendor columns, found an empty file"),
        BadInput(file: "vendors-bom-only.csv", message: "1: expected a header line naming the vendor columns, found an empty file"),
        BadInput(file: "vendors-header-only.csv", message: "1: warning: expected at least one vendor row, found only the header", exitCode: 0),
        // Vendor CSV: structure
        BadInput(file: "vendors-duplicate-header.csv", message: "1:59: expected each column once, found 'quality' read as 'quality' again (first 'quality', field 6); map one of them with --map \"HEADER=pass\" or [columns]"),
        BadInput(file: "vendors-missing-column.csv", message: "1: expected a column 'hourly_rate' in the header, found none; name one with --map \"HEADER=hourly_rate\" or the scenario's [columns]"),
        BadInput(file: "vendors-text-after-quote.csv", message: "2:10: expected ',' or a line end after a closing quote, found text"),
        BadInput(file: "vendors-duplicate-id.csv", message: "4:1: expected a unique id, found 'v1' again (first on line 2)"),
        // Vendor CSV: wrong types and values
        BadInput(file: "vendors-wrong-type.csv", message: "2:29: expected a number for 'quality', found 'high'"),
        BadInput(file: "vendors-decimal-comma.csv", message: "2:26: expected a number for 'hourly_rate', found '49,50'; this file's decimal mark is '.': write 49.50"),
        BadInput(file: "vendors-negative-rate.csv", message: "2:26: expected a positive hourly_rate, found '-50'"),
        BadInput(file: "vendors-unknown-timezone.csv", message: "2:12: expected an IANA time zone such as 'Europe/Berlin' (or a city such as 'Toronto', or an offset such as 'UTC+05:30') for 'timezone', found 'Europe/Berlinn'; did you mean 'Europe/Berlin'?"),
        BadInput(file: "vendors-invalid-time.csv", message: "2:21: expected a time HH:MM (00:00 to 23:59) for 'work_start', found '25:00'"),
        BadInput(file: "vendors-max-below-capacity.csv", message: "2:29: expected a max_fte of at least capacity_fte (3), found '2'"),
        // Vendor CSV: limits (docs/LIMITS.md)
        BadInput(file: "vendors-field-too-long.csv", message: "2:4: expected a field of at most 64 KiB, found 65537 bytes"),
        BadInput(file: "vendors-too-many-columns.csv", message: "1: expected at most 1000 columns, found 1001"),

        // Scenario: encodings, truncation, junk, empty
        BadInput(file: "scenario-utf16le-bom.toml", message: "1: the scenario file is not UTF-8 text"),
        BadInput(file: "scenario-binary-junk.toml", message: "1: the scenario file is not UTF-8 text"),
        BadInput(file: "scenario-nul-byte.toml", message: "10:10: expected text, found a NUL byte"),
        BadInput(file: "scenario-truncated-mid-string.toml", message: "1:19: invalid TOML: Error while parsing string: unescaped control characters other than TAB (U+0009) are explicitly prohibited"),
        BadInput(file: "scenario-truncated.json", message: "1:66: expected ',' or '}', found the end of the file"),
        BadInput(file: "scenario-empty.toml", message: "1: missing required key 'client.timezone'"),
        // Scenario: the rules a buyer sets (issue 13), checked against the pool where they name it
        BadInput(file: "scenario-pinned-unknown.toml", message: "48:1: expected a vendor id of the pool in rules.include_vendors, found 'V999', which is not in datasets/vendors.csv; did you mean 'V009'?"),
        BadInput(file: "scenario-country-share-not-iso.toml", message: "48:29: rules.country_share.XX must hold ISO 3166-1 countries (codes such as \"CA\" or names such as \"Canada\"), found \"XX\""),
        BadInput(file: "scenario-country-share-above-one.toml", message: "48:1: rules.max_country_share must be in (0, 1] (a share of the demand: 0.4 for 40%), found 1.5"),
        BadInput(file: "scenario-min-countries-above-pool.toml", message: "48:1: expected rules.min_countries of at most 45, the number of countries in datasets/vendors.csv, found 99; lower it to 45 or add vendors from other countries"),
        BadInput(file: "scenario-pinned-and-excluded.toml", message: "48:1: expected a vendor either in rules.include_vendors or in rules.exclude_vendors, found 'V019' in both; remove it from one list"),
        BadInput(file: "scenario-cost-without-floor.toml", message: "1:1: objective = \"cost\" needs min_mean_utility (the least mean utility per FTE the team must reach, e.g. min_mean_utility = 0.7); add it, or use objective = \"utility\""),
        BadInput(file: "scenario-duplicate-key.toml", message: "6:7: invalid TOML: Error while parsing key-value pair: cannot redefine existing integer 'ios'"),
        BadInput(file: "scenario-impossible-date.toml", message: "1:24: invalid TOML: Error while parsing date: expected day between 1 and 28 (inclusive), saw 30"),
        // Scenario: wrong types
        BadInput(file: "scenario-wrong-type.toml", message: "9:1: budget.total must be a number, found \"lots\" (a string is read as an amount such as \"25k\" or \"1.2M\": unexpected 'l')"),
        BadInput(file: "scenario-wrong-type.json", message: "1:54: demand.backend must be a number, found \"two\""),
        BadInput(file: "scenario-top-level-array.json", message: "1: the scenario must be a table of keys, found an array"),
        BadInput(file: "scenario-invalid-timezone.toml", message: "2:1: client.timezone must be an IANA time zone, found \"Europe/Berln\"; did you mean 'Europe/Berlin'?"),
        BadInput(file: "scenario-unknown-key.toml", message: "11:1: unknown key 'rules.min_qualty'; did you mean 'min_quality'?"),
        // Scenario: conflicting rules
        BadInput(file: "scenario-min-above-max-vendors.toml", message: "11:1: rules.min_vendors (5) must be ≤ rules.max_vendors (2)"),
        BadInput(file: "scenario-backup-for-undemanded-skill.toml", message: "11:13: rules.backups.golang is not a demanded skill (demand: backend, ios)"),
        BadInput(file: "scenario-max-share-zero.toml", message: "11:1: rules.max_share must be in (0, 1], found 0"),
        BadInput(file: "scenario-negative-weight.toml", message: "11:1: weights.cost must be ≥ 0, found -0.2"),
        BadInput(file: "scenario-total-and-skills.toml", message: "6:1: demand.total cannot be combined with per-skill demand (backend, ios)"),
        // Scenario: limits
        BadInput(file: "scenario-too-deep.toml", message: "10:69: expected arrays and tables nested at most 64 deep, found deeper"),
    ]

    @Test func theCorpusHasAtLeast30CasesAndEveryFileIsInIt() throws {
        #expect(Self.cases.count >= 30)
        let files = try FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent(corpus).path)
        #expect(Set(files) == Set(Self.cases.map(\.file)))
    }

    @Test(arguments: cases)
    func eachBadInputIsReportedAtItsPlaceWithItsExitCode(_ input: BadInput) throws {
        let path = corpus + input.file
        let arguments = input.isScenario
            ? ["shortlist", "datasets/vendors.csv", "--scenario", path]
            : ["validate", path]
        let result = try run(arguments)
        #expect(result.status == input.exitCode, "\(result.stderr)")
        let firstLine = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        #expect(firstLine == path + ":" + input.message)
        if input.exitCode != 0 { #expect(result.stdout.isEmpty) }
    }

    @Test(arguments: cases.filter { $0.exitCode != 0 })
    func noOutputFileIsWrittenForABadInput(_ input: BadInput) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pm-corpus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = dir.appendingPathComponent("model.lp").path
        let path = corpus + input.file
        let (vendors, scenario) = input.isScenario ? ("datasets/vendors.csv", path) : (path, "datasets/scenario.toml")
        let result = try run(["optimize", vendors, "--scenario", scenario, "--export-model", model,
                              "--save-run", dir.appendingPathComponent("run").path])
        #expect(result.status == input.exitCode, "\(result.stderr)")
        #expect(result.stderr.contains(path + ":" + input.message + "\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    /// Runs the binary in the repository root (so paths in messages are the relative ones above),
    /// collecting its output through temporary files like `CLIRunner`.
    func run(_ arguments: [String]) throws -> CLIRunner.Output {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pm-corpus-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("stdout"), errURL = dir.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = try CLIRunner.binary().get()
        process.arguments = arguments
        process.currentDirectoryURL = repository
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        // A crash is a signal, never an exit code the table expects.
        #expect(process.terminationReason == .exit, "killed by signal \(process.terminationStatus)")
        return CLIRunner.Output(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}
