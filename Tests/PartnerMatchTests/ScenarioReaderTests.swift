import Foundation
import Testing
@testable import PartnerMatch

private func fixture(_ name: String) -> String {
    Bundle.module.resourceURL!.appendingPathComponent("Fixtures/scenarios/\(name)").path
}

/// The diagnostics of a scenario that must fail, as printed.
private func errors(_ text: String, file: String = "scenario.toml", format: ScenarioReader.Format = .toml) -> [String] {
    do {
        _ = try ScenarioReader.parse(text, file: file, format: format)
        return []
    } catch {
        return error.diagnostics.map(\.description)
    }
}

private let minimal = """
    [client]
    timezone = "Asia/Ho_Chi_Minh"

    [demand]
    total = 5

    [horizon]
    months = 6

    [budget]
    total = 300000
    """

@Suite("Scenario reader")
struct ScenarioReaderTests {
    @Test("The init template parses, and its values equal the documented defaults where it uses them")
    func templateParses() throws {
        let scenario = try ScenarioReader.parse(Scenario.template)
        #expect(scenario.name == "Mobile app rebuild")
        #expect(scenario.startDate == Scenario.defaultStartDate)
        #expect(scenario.client == .init(timeZone: "Europe/Berlin", workStart: .nine, workEnd: ClockTime("17:30")!))
        #expect(scenario.demand == .perSkill([.init("backend", fte: 4), .init("ios", fte: 2), .init("qa", fte: 1)]))
        #expect(scenario.months == 12 && scenario.budget == 1_250_000)
        #expect(scenario.hoursPerMonth == 160)
        #expect(scenario.weights == Scenario.Weights())
        #expect(scenario.certificationPoints == .default)
        #expect(scenario.missingCulturalFit == .value(50))
        let defaults = Scenario.Rules()
        #expect(scenario.rules.minCulturalFit == defaults.minCulturalFit)
        #expect(scenario.rules.minVendors == defaults.minVendors)
        #expect(scenario.rules.minEngagementFTE == defaults.minEngagementFTE)
        #expect(scenario.rules.allowedCountries == defaults.allowedCountries)
        #expect(scenario.rules.backups == ["backend": 2])
        #expect(scenario.rules.fteStep == 0.5 && scenario.rules.maxVendors == 4 && scenario.rules.maxShare == 0.6)
        #expect(scenario.rules.requiredCertifications == ["ISO27001"])
    }

    @Test("A scenario with only the required keys gets every documented default")
    func defaults() throws {
        let scenario = try ScenarioReader.parse(minimal)
        #expect(scenario.name == "Untitled scenario" && scenario.currency == "USD")
        #expect(scenario.startDate == LocalDate(year: 2027, month: 1, day: 4))
        #expect(scenario.client.workStart == ClockTime("09:00") && scenario.client.workEnd == ClockTime("17:00"))
        #expect(scenario.demand == .total(5) && scenario.totalDemand == 5)
        #expect(scenario.hoursPerMonth == 160)
        #expect(scenario.weights == .only([.cost: 0.25, .quality: 0.30, .timezone: 0.15, .culture: 0.10, .scalability: 0.10, .security: 0.10]))
        let rules = scenario.rules
        #expect(rules.minOverlapHours == 0 && rules.requiredCertifications.isEmpty && rules.minQuality == 0)
        #expect(rules.maxRate == nil && rules.minVendors == 1 && rules.maxVendors == nil)
        #expect(rules.maxShare == 1 && rules.growth == 1 && rules.backups.isEmpty && rules.teamOverlapHours == 0)
        #expect(rules.minEngagementFTE == 0.5 && rules.fteStep == nil)
        #expect(scenario.missingCulturalFit == .value(50))
        #expect(scenario.certificationPoints.total == 11)
    }

    @Test("JSON with the same keys reads to the same scenario as the TOML template")
    func jsonEqualsTOML() throws {
        let json = try ScenarioReader.read(path: fixture("mobile.json"))
        let toml = try ScenarioReader.parse(Scenario.template)
        #expect(json == toml)
    }

    @Test("Every mistake of a file is reported in one pass, each at its line")
    func manyErrors() throws {
        let path = fixture("errors.toml")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let found = errors(text, file: "errors.toml")
        #expect(found == [
            "errors.toml:3:1: start_date must be a date YYYY-MM-DD, found \"next monday\"",
            "errors.toml:6:1: client.timezone must be an IANA time zone, found \"Europe/Berln\"; did you mean 'Europe/Berlin'?",
            "errors.toml:7:1: client.work_start must be a time HH:MM (00:00–23:59), found \"9am\"",
            "errors.toml:11:1: demand.ios must be > 0, found 0",
            "errors.toml:14:1: horizon.months must be > 0, found 0",
            "errors.toml:17:1: budget.total must be > 0, found -5",
            "errors.toml:20:1: weights.cost must be ≥ 0, found -0.2",
            "errors.toml:21:1: unknown key 'weights.qualty'; did you mean 'quality'?",
            "errors.toml:24:1: rules.max_share must be in (0, 1], found 1.5",
            "errors.toml:25:1: rules.min_vendors (5) must be ≤ rules.max_vendors (4)",
            "errors.toml:27:13: rules.backups.android is not a demanded skill (demand: backend, ios)",
            "errors.toml:28:1: rules.fte_step must be at least 0.001 (or no fte_step for continuous FTE), found 0",
            "errors.toml:31:1: missing.cultural_fit must be a number 0–100 or \"exclude\", found \"skip\"",
            "errors.toml:34:1: certification_points.ISO27001 must be ≥ 0, found -1",
        ])
    }

    @Test("Errors carry stable codes")
    func codes() {
        do {
            _ = try ScenarioReader.parse(minimal + "\n[weights]\ncost = -1\nspeed = 2\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.code) == ["out_of_range", "unknown_key"])
            #expect(error.diagnostics.map { $0.location?.line } == [13, 14])
        }
    }

    @Test("A JSON scenario's mistakes are located at the key's line and column")
    func jsonLocation() throws {
        let text = try String(contentsOfFile: fixture("bad-weights.json"), encoding: .utf8)
        #expect(errors(text, file: "bad-weights.json", format: .json) == ["bad-weights.json:7:5: weights.cost must be ≥ 0, found -0.2"])
    }

    @Test("A TOML syntax error is reported at TOMLKit's line and column")
    func syntaxError() {
        let found = errors("[client]\ntimezone = \"Europe/Berlin\"\nwork_start = 09:00:00:00\n")
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("scenario.toml:3:") == true)
        #expect(found.first?.contains("invalid TOML") == true)
    }

    @Test("Missing required keys are each named")
    func missingRequired() {
        #expect(errors("name = \"x\"\n") == [
            "scenario.toml:1: missing required key 'client.timezone'",
            "scenario.toml:1: missing required table 'demand' (FTE per skill, or total = D)",
            "scenario.toml:1: missing required key 'horizon.months'",
            "scenario.toml:1: missing required key 'budget.total'",
        ])
    }

    @Test("A misspelt table is an unknown key with a suggestion")
    func unknownTable() {
        #expect(errors(minimal + "\n[rule]\nmax_vendors = 3\n") == ["scenario.toml:12:1: unknown key 'rule'; did you mean 'rules'?"])
    }

    @Test("Weights that sum to zero are rejected at the weights table")
    func zeroWeights() {
        let text = minimal + "\n[weights]\ncost = 0\nquality = 0\ntimezone = 0\nculture = 0\nscalability = 0\nsecurity = 0\n"
        #expect(errors(text) == ["scenario.toml:12:1: weights must have a positive sum, found 0"])
    }

    @Test("Backups need a per-skill demand")
    func backupsWithTotal() {
        #expect(errors(minimal + "\n[rules]\nbackups = { backend = 1 }\n")
            == ["scenario.toml:13:13: rules.backups.backend needs per-skill demand, but the demand is a total"])
    }

    @Test("Demand cannot mix a total with skills, and skills compare as tokens")
    func demandShapes() throws {
        let mixed = minimal.replacingOccurrences(of: "total = 5", with: "total = 5\nios = 2")
        #expect(errors(mixed) == ["scenario.toml:5:1: demand.total cannot be combined with per-skill demand (ios)"])
        let dup = minimal.replacingOccurrences(of: "total = 5", with: "back_end = 2\nBackEnd = 1")
        #expect(errors(dup) == ["scenario.toml:6:1: demand.BackEnd is the same skill as demand.back_end"])
        let skills = try ScenarioReader.parse(minimal.replacingOccurrences(of: "total = 5", with: "\"Back End\" = 2\nqa = 1.5"))
        #expect(skills.demand.skills.map(\.key) == ["backend", "qa"])
        #expect(skills.demand.skills.map(\.fte) == [2, 1.5])
        #expect(skills.demand.skills.map(\.display) == ["Back End", "qa"])
    }

    @Test("missing.cultural_fit accepts exclude, and start_date accepts a string")
    func missingPolicyAndDateString() throws {
        let scenario = try ScenarioReader.parse("start_date = \"2027-03-01\"\n" + minimal + "\n[missing]\ncultural_fit = \"exclude\"\n")
        #expect(scenario.missingCulturalFit == .exclude)
        #expect(scenario.startDate == LocalDate(year: 2027, month: 3, day: 1))
    }

    @Test("A file that does not exist is a cannot_read error")
    func cannotRead() {
        do {
            _ = try ScenarioReader.read(path: "/nonexistent/scenario.toml")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.code) == ["cannot_read"])
        }
    }

    @Test("The key locator finds headers, keys, dotted keys and inline-table keys")
    func keyLocatorTOML() {
        let locator = KeyLocator(text: """
            name = "x"
            rules.max_vendors = 3

            [weights]
              cost = 1
            [rules]
            backups = { backend = 2, "ios" = 1 }
            """, format: .toml)
        #expect(locator.location(of: ["name"])! == (1, 1))
        #expect(locator.location(of: ["rules", "max_vendors"])! == (2, 1))
        #expect(locator.location(of: ["weights"])! == (4, 1))
        #expect(locator.location(of: ["weights", "cost"])! == (5, 3))
        #expect(locator.location(of: ["weights", "quality"])! == (4, 1))   // not written: its table
        #expect(locator.location(of: ["rules", "backups", "backend"])! == (7, 13))
        #expect(locator.location(of: ["rules", "backups", "ios"])! == (7, 26))
        #expect(locator.location(of: ["missing"]) == nil)
    }

    @Test("The key locator follows JSON nesting")
    func keyLocatorJSON() {
        let locator = KeyLocator(text: "{\n  \"a\": {\"cost\": 1},\n  \"weights\": {\n    \"cost\": 2\n  }\n}", format: .json)
        #expect(locator.location(of: ["a", "cost"])! == (2, 9))
        #expect(locator.location(of: ["weights", "cost"])! == (4, 5))
    }

    @Test("A budget written as an amount string is bounded like a number: 1e15 exactly is read, one million more is refused the same way")
    func amountStringAtTheMagnitudeLimit() throws {
        let at = minimal.replacingOccurrences(of: "total = 300000", with: "total = \"1_000_000_000M\"")
        #expect(at != minimal)
        #expect(try ScenarioReader.parse(at).budget == 1e15)
        let past = minimal.replacingOccurrences(of: "total = 300000", with: "total = \"1_000_000_001M\"")
        let found = errors(past)
        #expect(found.count == 1)
        #expect(found.first?.hasSuffix("budget.total must be at most 1e15 (docs/LIMITS.md), found \"1_000_000_001M\"") == true, "\(found)")
    }
}
