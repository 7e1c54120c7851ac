import Foundation
import Testing
@testable import PartnerMatch

/// Inputs at the edges of what the library reads: numbers beyond Int64 and beyond their magnitude,
/// symbolic-link loops, malformed JSON scenarios, and the cap on scenario errors (issue 17).
@Suite struct ExtremeInputTests {
    @Test func moneyBeyondInt64PrintsInsteadOfTrapping() {
        #expect(Format.money(1e19) == "1e+19")
        #expect(Format.money(-1e300) == "-1e+300")
        #expect(Format.money(1_284_000.4) == "1,284,000")
        #expect(Format.number(1e300) == "1e+300")
        #expect(Format.number(2.5) == "2.5")
    }

    @Test func aScenarioNumberBeyondItsMagnitudeIsLocated() throws {
        let text = """
        [client]
        timezone = "Europe/Berlin"
        [demand]
        total = 5
        [horizon]
        months = 1e308
        [budget]
        total = 1e19
        """
        let error = #expect(throws: InputError.self) { try ScenarioReader.parse(text, file: "s.toml") }
        let messages = error?.diagnostics.map(\.description) ?? []
        #expect(messages.contains("s.toml:6:1: horizon.months must be at most 1200 (docs/LIMITS.md), found 1e+308"), "\(messages)")
        #expect(messages.contains("s.toml:8:1: budget.total must be at most 1e15 (docs/LIMITS.md), found 1e+19"), "\(messages)")
    }

    @Test func anInputFileThatIsASymbolicLinkLoopSaysSo() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pm-loop-\(UUID().uuidString).toml").path
        defer { unlink(path) }
        symlink(path, path)
        let error = #expect(throws: InputError.self) { try ScenarioReader.read(path: path) }
        #expect(error?.diagnostics.first?.message == "cannot read '\(path)': Too many levels of symbolic links")
        #expect(error?.diagnostics.first?.code == "cannot_read")
    }

    static let jsonHead = #"{"client": {"timezone": "Europe/Berlin"}, "horizon": {"months": 12}, "budget": {"total": 100000},"# + "\n"

    @Test(arguments: [
        (#" "demand": {"total": 1e400}}"#, "s.json:2:22: expected a number of magnitude at most 1.8e308, found 1e400"),
        (#" "demand": {"total": NaN}}"#, "s.json:2:22: expected a finite number, found 'NaN' (JSON has no NaN or infinity)"),
        (#" "demand": {"total": -Infinity}}"#, "s.json:2:22: expected a finite number, found '-Infinity' (JSON has no NaN or infinity)"),
        (#" "demand": {"total": 5}}"# + "\n{\"second\": 1}", "s.json:3:1: expected the end of the file after the JSON document, found '{'"),
        (#" "demand": {"total": 5,}}"#, "s.json:2:24: expected a key in double quotes, found '}'"),
        (#" "demand": {"total": 5}"#, "s.json:2:24: expected ',' or '}', found the end of the file"),
    ])
    func aJSONScenarioProblemIsLocated(_ tail: String, _ expected: String) {
        let error = #expect(throws: InputError.self) { try ScenarioReader.parse(Self.jsonHead + tail, file: "s.json", format: .json) }
        #expect(error?.diagnostics.map(\.description) == [expected])
    }

    @Test func aWellFormedJSONScenarioPassesThePreflight() throws {
        let scenario = try ScenarioReader.parse(Self.jsonHead + #" "demand": {"total": 5.5e0 } , "name": "a\"b\u00e9\n"}"#,
                                                file: "s.json", format: .json)
        #expect(scenario.name == "a\"bé\n")
    }

    @Test func scenarioErrorsAreCappedAtOneHundred() {
        var text = "[client]\ntimezone = \"Europe/Berlin\"\n[demand]\ntotal = 5\n[horizon]\nmonths = 12\n[budget]\ntotal = 1000\n[certification_points]\n"
        for k in 0..<5_000 { text += "c\(k) = -1\n" }
        let error = #expect(throws: InputError.self) { try ScenarioReader.parse(text, file: "s.toml") }
        #expect(error?.diagnostics.count == ScenarioReader.errorLimit)
        #expect(error?.truncated == true)
        #expect(error?.diagnostics.first?.description == "s.toml:10:1: certification_points.c0 must be ≥ 0, found -1")
    }
}
