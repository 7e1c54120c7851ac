import Foundation
import Testing
@testable import PartnerMatch

/// `[rules] exclude_vendors`: read, written back, applied as the eligibility rule `excluded_by_id`,
/// and checked against the pool.
@Suite("exclude_vendors")
struct ExcludeVendorsTests {
    static let base = """
        [client]
        timezone = "Europe/Berlin"

        [demand]
        total = 2

        [horizon]
        months = 6

        [budget]
        total = 300000

        [rules]

        """

    static let pool = VendorPool(vendors: [
        ScoringFixtures.vendor("V001", skills: ["backend"]),
        ScoringFixtures.vendor("V002", skills: ["backend"]),
        ScoringFixtures.vendor("V003", skills: ["backend"]),
        ScoringFixtures.vendor("W100", skills: ["backend"]),
    ])

    @Test("An id listed twice is kept once, in the order written")
    func dedupe() throws {
        let scenario = try ScenarioReader.parse(Self.base + "exclude_vendors = [\"V003\", \"V001\", \"V003\"]\n")
        #expect(scenario.rules.excludeVendors == ["V003", "V001"])
    }

    @Test("A listed vendor is ineligible with the code excluded_by_id and a sentence; the others are untouched")
    func reason() throws {
        let scenario = try ScenarioReader.parse(Self.base + "exclude_vendors = [\"V002\"]\n")
        let scored = ScoredPool(pool: Self.pool, scenario: scenario)
        #expect(scored.eligible == [0, 2, 3])
        #expect(scored.reasons(for: 1) == [IneligibilityReason(code: "excluded_by_id", message: "its id V002 is listed in rules.exclude_vendors")])
        #expect(scored.failures[1] == .excludedByID)
        #expect(scored.failures[1].codes == ["excluded_by_id"])
    }

    @Test("exclude_vendors of the wrong type is a located error")
    func wrongType() {
        do {
            _ = try ScenarioReader.parse(Self.base + "exclude_vendors = \"V002\"\n", file: "s.toml")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.description) == ["s.toml:14:1: rules.exclude_vendors must be an array of strings, found \"V002\""])
        }
    }

    @Test("An id not in the pool is a located warning with the nearest ids; ids in the pool give none")
    func notInPool() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pm-exclude-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("s.toml").path
        let text = Self.base + "exclude_vendors = [\"V001\", \"V0003\"]\n"
        try text.write(toFile: file, atomically: false, encoding: .utf8)
        let scenario = try ScenarioReader.read(path: file)
        let found = ScenarioPoolCheck.check(scenario, file: file, against: Self.pool).filter { $0.code == "vendor_not_in_pool" }
        #expect(found.count == 1)
        #expect(found.first?.severity == .warning)
        #expect(found.first?.location?.line == 14)
        #expect(found.first?.message == "expected a vendor id of the pool, found 'V0003' in rules.exclude_vendors, which no vendor in <memory> has: it excludes no vendor; nearest ids in the pool: V003, V001, V002")
    }

    @Test("The resolved scenario writes exclude_vendors and reads back to the same scenario; the template has the key")
    func roundTrip() throws {
        let scenario = try ScenarioReader.parse(Self.base + "exclude_vendors = [\"V002\", \"V003\"]\n")
        let json = String(decoding: RunBundle.resolvedScenarioJSON(scenario), as: UTF8.self)
        #expect(json.contains("\"exclude_vendors\""))
        let again = try ScenarioReader.parse(json, file: "resolved.json", format: .json)
        #expect(again.rules.excludeVendors == ["V002", "V003"])
        #expect(again == scenario)
        #expect(Scenario.template.contains("exclude_vendors = []"))
        #expect(try ScenarioReader.parse(Scenario.template).rules.excludeVendors == [])
    }
}
