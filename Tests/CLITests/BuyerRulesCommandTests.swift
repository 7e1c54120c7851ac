import Foundation
import TestSupport
import Testing

/// The rules a buyer sets, end to end through `optimize` (issue 13): amounts converted by `[fx]`,
/// per-skill rates in the costs, onboarding in the budget and the output, pins, the cost objective.
/// The expected numbers are computed by hand in the comments.
@Suite("optimize with the rules a buyer sets")
struct BuyerRulesCommandTests {
    /// A quotes in INR (fx 0.012): hourly 2,000 INR = 24 USD; backend 2,500 INR = 30 USD, qa 1,500 INR =
    /// 18 USD; onboarding 100,000 INR = 1,200 USD. B quotes 50 USD for everything, no onboarding of its
    /// own (the scenario's 500 applies). H · M = 100 hours per FTE.
    static let vendors = """
        id,name,country,timezone,hourly_rate,currency,rates,onboarding_cost,quality,capacity_fte,skills
        A,Pune Alpha,IN,Asia/Kolkata,2000,INR,backend=2500;qa=1500,100000,90,3,backend;qa
        B,Krakow Beta,PL,Europe/Warsaw,50,USD,,,60,3,backend;qa

        """

    static func workspace(_ extra: String, rules: String = "", budget: String = "[budget]\ntotal = 1_000_000") throws -> (vendors: String, scenario: String) {
        let dir = TestFiles.directory.appendingPathComponent("pm-buyer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let vendors = dir.appendingPathComponent("vendors.csv").path
        let scenario = dir.appendingPathComponent("scenario.toml").path
        try Self.vendors.write(toFile: vendors, atomically: false, encoding: .utf8)
        try """
            currency = "USD"
            \(extra)
            [client]
            timezone = "Europe/Berlin"
            [demand]
            backend = 2
            qa = 1
            [horizon]
            months = 1
            hours_per_month = 100
            \(budget)
            [fx]
            INR = 0.012
            [costs]
            onboarding_per_vendor = 500
            [rules]
            \(rules)

            """.write(toFile: scenario, atomically: false, encoding: .utf8)
        return (vendors, scenario)
    }

    static func optimize(_ paths: (vendors: String, scenario: String)) throws -> [String: Any] {
        let result = CLIRunner.run(["optimize", paths.vendors, "--scenario", paths.scenario, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test("Converted per-skill rates and onboarding make the cost: 2 × 3,000 + 1 × 1,800 + 1,200 = 9,000")
    func convertedCosts() throws {
        let object = try Self.optimize(try Self.workspace("", rules: "max_vendors = 1"))
        let team = try #require(object["team"] as? [[String: Any]])
        #expect(team.count == 1 && team.first?["id"] as? String == "A")
        #expect(abs((team.first?["cost"] as? Double ?? 0) - 9_000) < 1e-6)
        #expect(team.first?["onboarding_cost"] as? Double == 1_200)
        // r̄ = (2 · 30 + 1 · 18) / 3 = 26.
        #expect(abs((team.first?["hourly_rate"] as? Double ?? 0) - 26) < 1e-9)
        #expect(abs((object["total_cost"] as? Double ?? 0) - 9_000) < 1e-6)
        #expect(object["total_onboarding_cost"] as? Double == 1_200)
    }

    @Test("A budget one unit below the team's price with onboarding refuses it; at the price it is the team")
    func onboardingInTheBudget() throws {
        let at = try Self.optimize(try Self.workspace("", rules: "max_vendors = 1", budget: "[budget]\ntotal = 9_000"))
        #expect((at["team"] as? [[String: Any]])?.first?["id"] as? String == "A")
        // At 8,999 A cannot be afforded (9,000 with onboarding) and B costs 15,500: no team.
        let paths = try Self.workspace("", rules: "max_vendors = 1", budget: "[budget]\ntotal = 8_999")
        let result = CLIRunner.run(["optimize", paths.vendors, "--scenario", paths.scenario, "--format", "json"])
        #expect(result.status == 2, "\(result.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let relaxations = try #require(object["relaxations"] as? [[String: Any]])
        #expect(relaxations.contains { $0["constraint"] as? String == "budget.total" && $0["needed"] as? Double == 9_000 })
    }

    @Test("A pinned vendor is in the team with its onboarding; include_vendors is binding")
    func pinned() throws {
        let object = try Self.optimize(try Self.workspace("", rules: "include_vendors = [\"B\"]\nmax_vendors = 2"))
        let ids = Set((object["team"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
        #expect(ids == ["A", "B"])
        #expect(object["total_onboarding_cost"] as? Double == 1_700)
        let binding = (object["binding"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(binding.contains("include_vendors"))
    }

    @Test("The cheapest good-enough team: objective is the cost, no budget needed")
    func cheapest() throws {
        let object = try Self.optimize(try Self.workspace("objective = \"cost\"\nmin_mean_utility = 0.1", rules: "", budget: ""))
        #expect(object["objective_kind"] as? String == "cost")
        // A alone costs 9,000; B alone 3 · 5,000 + 500 = 15,500; any mix costs more than A alone.
        #expect(abs((object["objective"] as? Double ?? 0) - 9_000) < 1e-6)
        #expect(object["budget"] is NSNull)
    }

    @Test("No more than 50% from one country: each country supplies 1.5 FTE")
    func countryShare() throws {
        let object = try Self.optimize(try Self.workspace("", rules: "max_country_share = 0.5"))
        let team = try #require(object["team"] as? [[String: Any]])
        #expect(team.count == 2)
        for member in team { #expect(abs((member["fte"] as? Double ?? 0) - 1.5) < 1e-9) }
    }

    @Test("A pinned vendor that is not eligible makes the scenario infeasible, and the explanation unpins it naming the rule")
    func pinnedButIneligible() throws {
        let paths = try Self.workspace("", rules: "include_vendors = [\"B\"]\nmin_quality = 70")
        let result = CLIRunner.run(["optimize", paths.vendors, "--scenario", paths.scenario, "--format", "json"])
        #expect(result.status == 2, "\(result.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let relaxations = try #require(object["relaxations"] as? [[String: Any]])
        let unpin = relaxations.first { $0["constraint"] as? String == "rules.include_vendors" }
        #expect((unpin?["needed"] as? [String]) == [])
        let message = unpin?["message"] as? String ?? ""
        #expect(message.contains("unpin B") && message.contains("quality 60"), "\(message)")
    }

    @Test("The report shows onboarding per member and in total, the buyer's rules, and works without a budget")
    func report() throws {
        let paths = try Self.workspace("objective = \"cost\"\nmin_mean_utility = 0.1", rules: "max_country_share = 0.5", budget: "")
        let out = (paths.scenario as NSString).deletingLastPathComponent + "/report.html"
        let result = CLIRunner.run(["report", paths.vendors, "--scenario", paths.scenario, "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.contains("none set"))
        #expect(html.contains("no country above 50% of the work"))
        #expect(html.contains("of which onboarding 1,700 USD"), "A (1,200) and B (500) both join under the 50% country rule")
        #expect(html.contains("The cheapest team whose mean utility per FTE reaches 0.1"))
    }

    @Test("compare shows a scenario without a budget as 'none' (table) and null (JSON), never as inf")
    func compareWithoutBudget() throws {
        let withBudget = try Self.workspace("", rules: "max_vendors = 1")
        let without = try Self.workspace("objective = \"cost\"\nmin_mean_utility = 0.1", budget: "")
        let table = CLIRunner.run(["compare", withBudget.vendors, "--scenario", withBudget.scenario, "--scenario", without.scenario])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains(" none ") && !table.stdout.contains("inf"))
        let json = CLIRunner.run(["compare", withBudget.vendors, "--scenario", withBudget.scenario, "--scenario", without.scenario, "--format", "json"])
        #expect(json.stdout.contains("\"budget\": null") && !json.stdout.contains("inf"))
    }

    @Test("The cheapest team's alternatives show their extra cost over the best, in money")
    func cheapestAlternatives() throws {
        let paths = try Self.workspace("objective = \"cost\"\nmin_mean_utility = 0.1", budget: "")
        let result = CLIRunner.run(["optimize", paths.vendors, "--scenario", paths.scenario, "--alternatives", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("extra cost"))
        // The second-cheapest team is A with B at its minimum engagement, 0.5 FTE where swapping costs
        // least: backend (B 5,000/FTE against A's 3,000; on qa it would be 5,000 against 1,800), plus
        // B's 500 onboarding: 9,000 + 0.5 · (5,000 − 3,000) + 500 = 10,500, i.e. +1,500.
        #expect(result.stdout.contains("+1,500") && result.stdout.contains("10,500"), "\(result.stdout)")
    }
}
