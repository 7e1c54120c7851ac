import Foundation
import Testing

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let vendors = repository.appendingPathComponent("datasets/vendors.csv").path
private let bundled = repository.appendingPathComponent("datasets/scenario.toml").path
private let resilient = repository.appendingPathComponent("datasets/scenario-resilient.toml").path
private let tight = repository.appendingPathComponent("datasets/scenario-tight-budget.toml").path

@Suite("compare --rule-prices")
struct CompareRulePricesTests {
    @Test("Each scenario's prices in `compare` are exactly `optimize --rule-prices` on that scenario; side by side in the table")
    func sameAsOptimize() throws {
        let files = [bundled, resilient, tight]
        let result = CLIRunner.run(["compare", vendors] + files.flatMap { ["--scenario", $0] } + ["--rule-prices", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let root = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let scenarios = try #require(root["scenarios"] as? [[String: Any]])
        #expect(scenarios.count == files.count)
        for (file, scenario) in zip(files, scenarios) {
            let single = CLIRunner.run(["optimize", vendors, "--scenario", file, "--rule-prices", "--format", "json"])
            let alone = try #require(JSONSerialization.jsonObject(with: Data(single.stdout.utf8)) as? [String: Any])
            let expected = try #require(alone["rule_prices"] as? [[String: Any]])
            let got = try #require(scenario["rule_prices"] as? [[String: Any]])
            #expect(NSArray(array: got).isEqual(to: expected), "\(file): compare's prices differ from optimize's")
        }
        // The infeasible scenario has no prices; the feasible ones do.
        #expect((scenarios[2]["rule_prices"] as? [Any])?.isEmpty == true)
        #expect((scenarios[0]["rule_prices"] as? [Any])?.isEmpty == false)

        let table = CLIRunner.run(["compare", vendors] + files.flatMap { ["--scenario", $0] } + ["--rule-prices"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("What each rule costs, side by side"))
        let row = try #require(table.stdout.split(separator: "\n").first { $0.hasPrefix("budget.total ") })
        // One cell per scenario, the infeasible one not in force.
        #expect(row.split(separator: " ", omittingEmptySubsequences: true).count == 4, "\(row)")
        let csv = CLIRunner.run(["compare", vendors] + files.flatMap { ["--scenario", $0] } + ["--rule-prices", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("# scenarios\n"))
        #expect(csv.stdout.contains("\n# rule_prices\nindex,constraint,entry,current,without,status,price,free,rescored\n"))
    }

    @Test("Without --rule-prices, compare's outputs carry no prices")
    func offByDefault() throws {
        let result = CLIRunner.run(["compare", vendors, "--scenario", bundled, "--scenario", resilient, "--format", "json"])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("rule_prices"))
        let csv = CLIRunner.run(["compare", vendors, "--scenario", bundled, "--scenario", resilient, "--format", "csv"])
        #expect(csv.stdout.hasPrefix("index,file,"))
    }
}
