import Foundation
@testable import PartnerMatch
import Testing

/// Issue 23, `[priorities]` as read: the keys a scenario may soften and every bad entry, located.
@Suite("[priorities] in the scenario reader")
struct PrioritiesReaderTests {
    static let base = """
        name = "priorities"
        [client]
        timezone = "Europe/Berlin"
        [demand]
        backend = 4
        qa = 1
        [horizon]
        months = 12
        [budget]
        total = 500_000
        [rules]
        min_quality = 60
        max_share = 0.4
        max_vendors = 3
        backups = { backend = 2 }
        country_share = { IN = 0.3 }
        """

    /// The diagnostics (code, line) of the base scenario with `priorities` appended; empty when it reads.
    static func problems(_ priorities: String) -> (codes: [String], lines: [Int], messages: [String], read: [String: Int]?) {
        do {
            let scenario = try ScenarioReader.parse(base + "\n[priorities]\n" + priorities)
            return ([], [], [], scenario.priorities)
        } catch {
            return (error.diagnostics.map(\.code), error.diagnostics.map { $0.location?.line ?? 0 }, error.diagnostics.map(\.message), nil)
        }
    }

    @Test("Rule keys of the scenario read to their priorities, quoted or dotted, skills and countries in any spelling")
    func readsRuleKeys() throws {
        let result = Self.problems("""
            "rules.max_share" = 3
            "budget.total" = 1
            "demand.QA" = 2
            rules.max_vendors = 2
            "rules.backups.backend" = 1
            "rules.country_share.in" = 3
            """)
        #expect(result.codes.isEmpty, "\(result.messages)")
        #expect(result.read == ["rules.max_share": 3, "budget.total": 1, "demand.qa": 2, "rules.max_vendors": 2,
                                "rules.backups.backend": 1, "rules.country_share.IN": 3])
        // No table: no soft rule.
        #expect(try ScenarioReader.parse(Self.base).priorities.isEmpty)
    }

    @Test("A priority outside 1–3 is out of range at its line", arguments: ["0", "4", "-1", "2.5", "\"high\""])
    func outOfRange(value: String) {
        let result = Self.problems("\"rules.max_share\" = \(value)")
        #expect(result.codes.count == 1 && result.lines == [18], "\(result.messages)")
        #expect(["out_of_range", "wrong_type"].contains(result.codes.first ?? ""), "\(result.codes)")
    }

    @Test("An eligibility rule is never soft; an unknown key gets a did-you-mean; a rule the scenario does not set is named")
    func badKeys() {
        let eligibility = Self.problems("\"rules.min_quality\" = 2")
        #expect(eligibility.codes == ["not_soft"] && eligibility.lines == [18])
        #expect(eligibility.messages.first?.contains("never soft") == true)
        let typo = Self.problems("\"rules.max_shares\" = 2")
        #expect(typo.codes == ["unknown_key"] && typo.lines == [18])
        #expect(typo.messages.first?.contains("did you mean 'rules.max_share'?") == true, "\(typo.messages)")
        let notSet = Self.problems("\"rules.min_countries\" = 2")
        #expect(notSet.codes == ["rule_not_set"] && notSet.lines == [18], "\(notSet.messages)")
        let notDemanded = Self.problems("\"demand.ios\" = 1")
        #expect(notDemanded.codes == ["unknown_key"], "\(notDemanded.messages)")
        let several = Self.problems("\"rules.max_share\" = 9\n\"rules.max_rate\" = 1\n\"budget.total\" = 1")
        #expect(several.codes == ["out_of_range", "not_soft"] && several.lines == [18, 19], "\(several.messages)")
    }
}
