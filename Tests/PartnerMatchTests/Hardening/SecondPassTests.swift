import Foundation
import Testing
@testable import PartnerMatch

/// Library-side regressions of the second hardening pass (issue 17).
@Suite struct SecondPassTests {
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
}
