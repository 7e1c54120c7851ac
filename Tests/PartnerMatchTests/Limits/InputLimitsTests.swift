import Foundation
import Testing
@testable import PartnerMatch

/// Each limit of docs/LIMITS.md, crossed by an input built here: a clear, located error with its own
/// code, never exhaustion. The inputs are in memory except the 512 MiB file (sparse, no disk used).
@Suite struct InputLimitsTests {
    static let header = "id,name,country,timezone,hourly_rate,quality,capacity_fte,skills\n"
    static let row = "v1,Acme,DE,Europe/Berlin,50,80,2,ios\n"

    /// The one diagnostic of a vendor CSV that must fail.
    func vendorError(_ text: String, limits: InputLimits = .default) -> Diagnostic? {
        do {
            _ = try VendorCSVReader.read(bytes: Array(text.utf8), source: "v.csv", limits: limits)
            Issue.record("expected an error")
            return nil
        } catch {
            #expect(error.errors.count == 1, "\(error)")
            return error.errors.first
        }
    }

    func scenarioError(_ text: String, format: ScenarioReader.Format = .toml) -> Diagnostic? {
        do {
            _ = try ScenarioReader.parse(text, file: "s.toml", format: format)
            Issue.record("expected an error")
            return nil
        } catch {
            #expect(error.errors.count == 1, "\(error)")
            return error.errors.first
        }
    }

    @Test func theDefaultsAreTheDocumentedOnes() {
        let limits = InputLimits.default
        #expect(limits.vendorFileBytes == 512 << 20)
        #expect(limits.fieldBytes == 64 << 10)
        #expect(limits.lineBytes == 1 << 20)
        #expect(limits.rows == 2_000_000)
        #expect(limits.columns == 1_000)
        #expect(limits.tokensPerCell == 1_000)
        #expect(limits.scenarioFileBytes == 1 << 20)
        #expect(limits.demandedSkills == 64)
        #expect(limits.distinctTokens == 100_000)
        #expect(limits.nestingDepth == 64)
    }

    @Test func aFieldOneByteOver64KiBIsAnErrorAtItsCell() throws {
        let name = String(repeating: "x", count: 64 * 1024 + 1)
        let error = try #require(vendorError(Self.header + "v1,\(name),DE,Europe/Berlin,50,80,2,ios\n"))
        #expect(error.code == "field_too_long")
        #expect(error.location == SourceLocation(file: "v.csv", line: 2, column: 4))
        #expect(error.message == "expected a field of at most 64 KiB, found 65537 bytes")
    }

    @Test func aFieldOfExactly64KiBIsRead() throws {
        let name = String(repeating: "x", count: 64 * 1024)
        let result = try VendorCSVReader.read(bytes: Array((Self.header + "v1,\(name),DE,Europe/Berlin,50,80,2,ios\n").utf8), source: "v.csv")
        #expect(result.pool[0].name == name)
    }

    @Test func aRowOver1MiBIsAnErrorAtItsLine() throws {
        // 20 fields of 60 KiB: each within the field limit, together over the line limit.
        let cell = String(repeating: "y", count: 60 * 1024)
        let extra = (1...20).map { "x\($0)" }.joined(separator: ",")
        let header = String(Self.header.dropLast()) + "," + extra + "\n"
        let first = "v0,Acme,DE,Europe/Berlin,50,80,2,ios" + String(repeating: ",", count: 20) + "\n"
        let row = "v1,Acme,DE,Europe/Berlin,50,80,2,ios," + Array(repeating: cell, count: 20).joined(separator: ",") + "\n"
        let error = try #require(vendorError(header + first + row))
        #expect(error.code == "line_too_long")
        #expect(error.location == SourceLocation(file: "v.csv", line: 3))
        #expect(error.message.hasPrefix("expected a row of at most 1 MiB, found "))
    }

    @Test func aQuotedFieldWithLineBreaksCountsAsOneLongRow() throws {
        let cell = "\"" + String(repeating: "z\n", count: 40 * 1024) + "\""
        let error = try #require(vendorError(Self.header + "v1,\(cell),DE,Europe/Berlin,50,80,2,ios\n"))
        #expect(error.code == "field_too_long")
        #expect(error.location == SourceLocation(file: "v.csv", line: 2, column: 4))
    }

    @Test func moreThan1000ColumnsIsAnErrorAtTheHeader() throws {
        let extra = (1...993).map { "extra\($0)" }.joined(separator: ",")
        let error = try #require(vendorError(String(Self.header.dropLast()) + "," + extra + "\n" + Self.row))
        #expect(error.code == "too_many_columns")
        #expect(error.location == SourceLocation(file: "v.csv", line: 1))
        #expect(error.message == "expected at most 1000 columns, found 1001")
    }

    @Test func aRowWithMoreThan1000FieldsIsAnErrorAtItsLine() throws {
        let error = try #require(vendorError(Self.header + Self.row + String(repeating: ",", count: 1500) + "\n"))
        #expect(error.code == "too_many_columns")
        #expect(error.location == SourceLocation(file: "v.csv", line: 3))
    }

    @Test func moreThan1000SkillsInOneCellIsAnErrorAtTheCell() throws {
        let skills = (1...1001).map { "s\($0)" }.joined(separator: ";")
        let text = Self.header + "v1,Acme,DE,Europe/Berlin,50,80,2,\(skills)\n" + "v2,Acme,DE,Europe/Berlin,50,80,2,\(skills)\n"
        do {
            _ = try VendorCSVReader.read(bytes: Array(text.utf8), source: "v.csv")
            Issue.record("expected an error")
        } catch {
            // Both rows: a cell over the limit is never cached as good.
            #expect(error.errors.map(\.code) == ["too_many_tokens", "too_many_tokens"])
            #expect(error.errors.first?.location == SourceLocation(file: "v.csv", line: 2, column: 34))
            #expect(error.errors.first?.message == "expected at most 1000 ';'-separated values in 'skills', found 1001")
        }
    }

    @Test func moreRowsThanTheLimitIsAnErrorAtTheFirstRowTooMany() throws {
        // 10 million rows would take seconds to build and read: the same check with a lower limit.
        var limits = InputLimits.default
        limits.rows = 3
        let rows = (1...5).map { "v\($0),Acme,DE,Europe/Berlin,50,80,2,ios\n" }.joined()
        let error = try #require(vendorError(Self.header + rows, limits: limits))
        #expect(error.code == "too_many_rows")
        #expect(error.location == SourceLocation(file: "v.csv", line: 5))
        #expect(error.message == "expected at most 3 vendor rows, found more")
    }

    @Test func theRowLimitHoldsWhenReadingInParallelChunks() throws {
        var limits = InputLimits.default
        limits.rows = 1000
        let rows = (1...3000).map { "v\($0),Acme,DE,Europe/Berlin,50,80,2,ios\n" }.joined()
        do {
            _ = try VendorCSVReader.read(bytes: Array((Self.header + rows).utf8), source: "v.csv", chunks: 4, limits: limits)
            Issue.record("expected an error")
        } catch {
            #expect(error.errors.map(\.code) == ["too_many_rows"])
            #expect(error.errors.first?.location == SourceLocation(file: "v.csv", line: 1002))
        }
    }

    @Test func aVendorFileOver512MiBIsRefusedBeforeItIsRead() throws {
        // A sparse file: 512 MiB + 1 byte long, no blocks on disk.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pm-big-\(UUID().uuidString).csv").path
        let fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
        try #require(fd >= 0)
        defer { unlink(path) }
        #expect(ftruncate(fd, off_t((512 << 20) + 1)) == 0)
        close(fd)
        do {
            _ = try VendorCSVReader.read(path: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.errors.map(\.code) == ["file_too_large"])
            #expect(error.errors.first?.location == SourceLocation(file: path, line: 1))
            #expect(error.errors.first?.message == "expected a file of at most 512 MiB, found 536870913 bytes")
        }
    }

    @Test func anEndlessVendorStreamStopsAtTheLimit() throws {
        var limits = InputLimits.default
        limits.vendorFileBytes = 1 << 20
        do {
            _ = try VendorCSVReader.read(path: "/dev/zero", limits: limits)
            Issue.record("expected an error")
        } catch {
            #expect(error.errors.map(\.code) == ["file_too_large"])
            #expect(error.errors.first?.message == "expected a file of at most 1 MiB, found more")
        }
    }

    @Test func aScenarioOver1MiBIsAnError() throws {
        let text = "# " + String(repeating: "x", count: 1 << 20) + "\n"
        let error = try #require(scenarioError(text))
        #expect(error.code == "file_too_large")
        #expect(error.location == SourceLocation(file: "s.toml", line: 1))
        #expect(error.message == "expected a scenario file of at most 1 MiB, found more")
    }

    @Test func anEndlessScenarioStreamStopsAtTheLimit() throws {
        do {
            _ = try ScenarioReader.read(path: "/dev/zero")
            Issue.record("expected an error")
        } catch {
            #expect(error.errors.map(\.code) == ["file_too_large"])
        }
    }

    @Test func moreThan64DemandedSkillsIsAnErrorAtTheDemandTable() throws {
        let skills = (1...65).map { "skill\($0) = 1" }.joined(separator: "\n")
        let text = "[client]\ntimezone = \"UTC\"\n[horizon]\nmonths = 1\n[budget]\ntotal = 1\n[demand]\n\(skills)\n"
        let error = try #require(scenarioError(text))
        #expect(error.code == "too_many_skills")
        #expect(error.location == SourceLocation(file: "s.toml", line: 7, column: 1))
        #expect(error.message == "expected at most 64 skills in demand, found 65")
    }

    @Test func moreThan100000DistinctSkillsIsAnErrorWhereTheLimitIsPassed() throws {
        // 101 rows of 1,000 distinct skills each: the 100,001st distinct token is in row 101.
        var csv = "id,name,country,timezone,hourly_rate,quality,cultural_fit,capacity_fte,certifications,skills\n"
        for row in 0..<101 {
            csv += "V\(row),N,DE,Europe/Berlin,50,80,80,1,," + (0..<1_000).map { "s\(row)x\($0)" }.joined(separator: ";") + "\n"
        }
        let error = #expect(throws: InputError.self) { try VendorCSVReader.read(bytes: Array(csv.utf8), source: "v.csv", chunks: 1) }
        #expect(error?.errors.map(\.code) == ["too_many_distinct_tokens"])
        #expect(error?.errors.first?.location?.line == 102)
        #expect(error?.errors.first?.message == "expected at most 100000 distinct skills and certifications in the file, found more")
    }

    @Test(arguments: [ScenarioReader.Format.toml, .json])
    func nestingDeeperThan64IsAnErrorWhereItHappens(format: ScenarioReader.Format) throws {
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        let text = format == .toml ? "x = \(deep)\n" : "{\"x\": \(deep)}"
        let error = try #require(scenarioError(text, format: format))
        #expect(error.code == "too_deep")
        #expect(error.location == SourceLocation(file: "s.toml", line: 1, column: format == .toml ? 69 : 70))
        #expect(error.message == "expected arrays and tables nested at most 64 deep, found deeper")
    }

    @Test func bracketsInStringsAndCommentsDoNotCountAsNesting() {
        let text = "a = \"" + String(repeating: "[", count: 100) + "\" # " + String(repeating: "{", count: 100)
            + "\nb = '''\n" + String(repeating: "[", count: 100) + "\n'''\n"
        #expect(InputLimits.nesting(of: text, limit: 64) == nil)
    }
}
