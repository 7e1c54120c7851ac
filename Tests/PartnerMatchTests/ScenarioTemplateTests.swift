@testable import PartnerMatch
import Testing

/// `text` with the lines that start with each of `prefixes` uncommented: their leading "# " deleted,
/// as a user does in an editor.
private func uncommenting(_ text: String, _ prefixes: [String]) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
        prefixes.contains { line.hasPrefix($0) } ? String(line.dropFirst(2)) : String(line)
    }.joined(separator: "\n")
}

private let costLines = ["# objective = ", "# min_mean_utility = "]

@Suite("The init template's commented keys")
struct ScenarioTemplateTests {
    @Test("Uncommenting objective and min_mean_utility where the template has them gives the cheapest-team scenario")
    func costModeUncommented() throws {
        let text = uncommenting(Scenario.template, costLines)
        #expect(text != Scenario.template, "the template has both lines")
        let scenario = try ScenarioReader.parse(text, file: "s.toml")
        #expect(scenario.objective == .cost)
        #expect(scenario.minMeanUtility == 0.75)
        // Everything else reads as before.
        let plain = try ScenarioReader.parse(Scenario.template, file: "s.toml")
        #expect(plain.objective == .utility && plain.minMeanUtility == nil)
        #expect(scenario.budget == plain.budget && scenario.name == plain.name)
    }

    @Test("objective or min_mean_utility below a table header is named as a top-level key to move", arguments: [
        ("CMMI3 = 1\n", "certification_points"), ("seed = 1                          # same seed, same output; default 1\n", "uncertainty"),
        ("hours_per_month = 160             # H, hours per FTE-month; default 160\n", "horizon"),
    ])
    func misplaced(after anchor: String, table: String) throws {
        // The two lines moved below `anchor`, in the table it belongs to (as the template of an older `init` had them).
        var text = Scenario.template
        let range = try #require(text.range(of: anchor))
        text.insert(contentsOf: "objective = \"cost\"\nmin_mean_utility = 0.75\n", at: range.upperBound)
        let line = text[..<range.upperBound].split(separator: "\n", omittingEmptySubsequences: false).count
        do {
            _ = try ScenarioReader.parse(text, file: "s.toml")
            Issue.record("read without an error")
        } catch {
            let messages = error.diagnostics.map(\.description)
            #expect(messages.contains("s.toml:\(line):1: unknown key '\(table).objective': objective is a top-level key; move it above the first table (every key below [\(table)] belongs to that table)"), "\(messages)")
            #expect(messages.contains("s.toml:\(line + 1):1: unknown key '\(table).min_mean_utility': min_mean_utility is a top-level key; move it above the first table (every key below [\(table)] belongs to that table)"), "\(messages)")
            #expect(messages.count == 2, "\(messages)")
        }
    }
}
