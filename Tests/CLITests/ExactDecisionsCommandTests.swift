import Foundation
import Testing

/// Issue 21 end to end: one rate per vendor in every output (r̄ labelled, per-skill rates shown),
/// the minimum budget to the cent and typed back, the capacity statement.
@Suite("Decisions exactly right, round 3, as the command line prints them")
struct ExactDecisionsCommandTests {
    /// A quotes in INR (fx 0.012): hourly 24 USD, backend 30 USD, qa 18 USD: r̄ = (2·30 + 1·18)/3 = 26.
    static let vendors = """
        id,name,country,timezone,hourly_rate,currency,rates,quality,capacity_fte,skills
        A,Pune Alpha,IN,Asia/Kolkata,2000,INR,backend=2500;qa=1500,70,3,backend;qa
        B,Krakow Beta,PL,Europe/Warsaw,50,USD,,90,3,backend;qa
        C,Lviv Gamma,UA,Europe/Kyiv,45,USD,,88,3,backend;qa

        """

    static func workspace(rules: String = "", budget: String = "total = 1_000_000", demand: String = "backend = 2\nqa = 1") throws -> (vendors: String, scenario: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pm-exact-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let vendors = dir.appendingPathComponent("vendors.csv").path
        let scenario = dir.appendingPathComponent("scenario.toml").path
        try Self.vendors.write(toFile: vendors, atomically: true, encoding: .utf8)
        try """
            currency = "USD"
            [client]
            timezone = "Europe/Berlin"
            [demand]
            \(demand)
            [horizon]
            months = 1
            hours_per_month = 100
            [budget]
            \(budget)
            [fx]
            INR = 0.012
            [rules]
            \(rules)

            """.write(toFile: scenario, atomically: true, encoding: .utf8)
        return (vendors, scenario)
    }

    @Test("Rates: the shortlist and the team show r̄, labelled, with the per-skill rates a member is billed")
    func oneRatePerVendor() throws {
        let paths = try Self.workspace(rules: "max_vendors = 1\ninclude_vendors = [\"A\"]")
        let shortlist = CLIRunner.run(["shortlist", paths.vendors, "--scenario", paths.scenario], environment: ["COLUMNS": "200"])
        #expect(shortlist.status == 0, "\(shortlist.stderr)")
        #expect(shortlist.stdout.contains("r̄ USD/h"))
        #expect(shortlist.stdout.contains("26.00"), "\(shortlist.stdout)")
        #expect(!shortlist.stdout.contains("24.00"))
        #expect(shortlist.stdout.contains("r̄: the vendor's rate as scored"))
        let optimize = CLIRunner.run(["optimize", paths.vendors, "--scenario", paths.scenario], environment: ["COLUMNS": "200"])
        #expect(optimize.status == 0, "\(optimize.stderr)")
        #expect(optimize.stdout.contains("A is billed per skill: backend 30, qa 18 USD/h (r̄ 26)"), "\(optimize.stdout)")
        let json = CLIRunner.run(["optimize", paths.vendors, "--scenario", paths.scenario, "--format", "json"])
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let member = try #require((object["team"] as? [[String: Any]])?.first)
        #expect(member["mean_rate"] as? Double == 26)
        #expect((member["skill_rates"] as? [String: Double]) == ["backend": 30, "qa": 18])
    }

    @Test("explain advises on r̄, the rate the score uses, and names the per-skill rates to lower")
    func explainAdvisesOnTheMeanRate() throws {
        let paths = try Self.workspace()
        let result = CLIRunner.run(["explain", paths.vendors, "--scenario", paths.scenario, "A", "--top", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("rate r̄ (mean of per-skill rates)"), "\(result.stdout)")
        #expect(result.stdout.contains("  rate r̄: "), "\(result.stdout)")
        if result.stdout.contains("rate r̄: lower") {
            #expect(result.stdout.contains("lower its demand-weighted mean rate r̄ from 26 to"))
            #expect(result.stdout.contains("(backend 30, qa 18)"))
        }
    }

    @Test("The minimum budget printed by scenarios, typed back into budget.total, buys a team; a cent less does not")
    func minimumBudgetTypedBack() throws {
        // B alone: 3 FTE · 50 · 100 = 15,000; C alone: 13,500; A alone (r̄-rates): 2 · 3,000 + 1 · 1,800 = 7,800.
        let paths = try Self.workspace(rules: "exclude_vendors = [\"A\"]\nmax_vendors = 1", demand: "backend = 1.97\nqa = 1.01")
        let sweep = CLIRunner.run(["scenarios", paths.vendors, "--scenario", paths.scenario, "--budgets", "10k...20k/5k", "--format", "json"])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(sweep.stdout.utf8)) as? [String: Any])
        let minimum = try #require(object["min_budget"] as? Double)
        // C: 2.98 FTE · 45 · 100 = 13,410 (in binary a few ulps away).
        #expect(minimum == 13_410)
        for (budget, status) in [("13_410", Int32(0)), ("13_410.01", 0), ("13_409.99", 2)] {
            let typed = try Self.workspace(rules: "exclude_vendors = [\"A\"]\nmax_vendors = 1", budget: "total = \(budget)",
                                           demand: "backend = 1.97\nqa = 1.01")
            let run = CLIRunner.run(["optimize", typed.vendors, "--scenario", typed.scenario])
            #expect(run.status == status, "budget \(budget): \(run.stdout)\(run.stderr)")
        }
    }

    @Test("No capacity statement: an infeasible scenario says what the eligible vendors can supply at most")
    func capacityStatement() throws {
        let paths = try Self.workspace(demand: "backend = 80\nqa = 1")
        let result = CLIRunner.run(["optimize", paths.vendors, "--scenario", paths.scenario], environment: ["COLUMNS": "200"])
        #expect(result.status == 2)
        #expect(result.stdout.contains("The 3 eligible vendors offering backend can together supply at most 9 FTE of it; the demand is 80."),
                "\(result.stdout)")
        #expect(result.stdout.contains("lower the backend demand to"))
    }
}
