import Foundation
import TestSupport
@testable import PartnerMatch
import Testing

/// A rule written as a `TeamConstraint` owns every part of itself; these tests make sure no part of
/// a registered rule drifts from the others: its keys read and write back, the model's rows and the
/// verification rows agree (a binding row is tight in the numbers), and its relaxation is verified.
@Suite("Registered team rules hold together")
struct TeamConstraintRegistryTests {
    /// Per rule the `[rules]` table sets: a `[rules]` snippet, its binding code, and its
    /// `RandomRuleProblems` name (empty: checked by the optimiser's own suites, not here).
    static let examples: [String: (toml: String, code: String, random: String)] = [
        "MinVendors": ("min_vendors = 2", "min_vendors", ""),
        "MaxVendors": ("max_vendors = 3", "max_vendors", ""),
        "MaxShare": ("max_share = 0.6", "max_share", ""),
        "Growth": ("growth = 1.5", "growth", ""),
        "Backups": ("backups = {}", "backups", ""),
        "TeamOverlap": ("team_overlap_hours = 3.5", "team_overlap", ""),
        "MinEngagement": ("min_engagement_fte = 0.25", "min_engagement_fte", ""),
        "FTEStep": ("fte_step = 0.5", "fte_step", ""),
        "PinnedVendors": ("include_vendors = [\"V2\", \"V7\"]", "include_vendors", "pins"),
        "CountryShares": ("max_country_share = 0.5\ncountry_share = { India = 0.4, pl = 0.3 }", "country_share", "countryShare"),
        "MinCountries": ("min_countries = 2", "min_countries", "minCountries"),
        "SurviveVendorExit": ("survive_vendor_exit = 0.8", "survive_vendor_exit", ""),
        "SurviveCountryLoss": ("survive_country_loss = 0.5", "survive_country_loss", ""),
    ]

    /// The rules with a random generator of their own.
    static var randomized: [any ScenarioRule.Type] {
        TeamConstraints.scenarioRules.filter { Self.examples[String(describing: $0)]?.random.isEmpty == false }
    }

    static let minimal = """
        [client]
        timezone = "Asia/Ho_Chi_Minh"

        [demand]
        total = 5

        [horizon]
        months = 6

        [budget]
        total = 300000

        [rules]

        """

    @Test("Every registered rule has an example here, reads its own keys, and round-trips through the resolved scenario")
    func roundTrip() throws {
        #expect(TeamConstraints.scenarioRules.count == Self.examples.count)
        for type in TeamConstraints.scenarioRules {
            let name = String(describing: type)
            guard let example = Self.examples[name] else { Issue.record("registered rule \(name) has no example: add one"); continue }
            let scenario = try ScenarioReader.parse(Self.minimal + example.toml)
            let own = scenario.rules.constraints.items.filter { Swift.type(of: $0) == type }
            #expect(own.count == 1, "\(name)")
            for key in (own.first as? any ScenarioRule)?.entries.map(\.key) ?? [] {
                #expect(type.keys.contains(key), "\(name) writes \(key), which it does not read")
            }
            let json = String(decoding: RunBundle.resolvedScenarioJSON(scenario), as: UTF8.self)
            let back = try ScenarioReader.parse(json, file: "resolved.json", format: .json)
            #expect(back.rules.constraints == scenario.rules.constraints, "\(name): \(json)")
            #expect(back == scenario, "\(name): the resolved scenario reads back as another scenario")
        }
        // Names are stored as ISO codes: `India` is IN.
        let shares = try ScenarioReader.parse(Self.minimal + Self.examples["CountryShares"]!.toml).rules.constraints.first(CountryShares.self)
        #expect(shares?.shares.map(\.country) == ["IN", "PL"] && shares?.shares.map(\.share) == [0.4, 0.3])
    }

    @Test("Every registered rule shows as binding where its row is tight, and only then")
    func bindingWhereTight() throws {
        for type in Self.randomized {
            let example = Self.examples[String(describing: type)]!
            var tightSeen = 0
            for seed in UInt64(8000)..<8150 {
                let (problem, rules) = RandomRuleProblems.make(seed: seed, only: example.random)
                let team = try TeamOptimizer().solve(problem)
                guard team.status.hasTeam else { continue }
                let D = problem.requirements.totalDemand
                let byID = Dictionary(problem.candidates.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                var perCountry: [String: Double] = [:]
                for member in team.members { perCountry[byID[member.id]!.country, default: 0] += member.fte }
                // Tightness from the reported numbers, computed here.
                let tight: Bool = switch example.random {
                case "pins": !rules.pins.isEmpty
                case "countryShare": perCountry.contains { country, fte in
                    let share = rules.countryShare[country] ?? rules.maxCountryShare
                    return share < 1 && abs(fte - share * D) <= 1e-6 * max(1, share * D)
                }
                default: perCountry.count == rules.minCountries
                }
                let listed = team.binding.contains { $0.code == example.code }
                #expect(listed == tight, "\(example.code) seed \(seed): listed \(listed), tight \(tight)")
                if tight { tightSeen += 1 }
            }
            #expect(tightSeen >= 3, "\(example.code): tight in only \(tightSeen) cases")
        }
    }

    @Test("Every registered rule, where it alone makes a scenario infeasible, is relaxed by a verified change of its own")
    func relaxedWhereItBinds() throws {
        for type in Self.randomized {
            let example = Self.examples[String(describing: type)]!
            var relaxedOwn = 0
            for seed in UInt64(9000)..<9300 where relaxedOwn < 3 {
                let (problem, _) = RandomRuleProblems.make(seed: seed, only: example.random)
                var without = problem
                without.requirements.constraints.items.removeAll { $0 is PinnedVendors || $0 is CountryShares || $0 is MinCountries }
                guard try BruteForceRules.optimum(problem) == nil, try BruteForceRules.optimum(without) != nil else { continue }
                let team = try TeamOptimizer().solve(problem)
                #expect(team.status == .infeasible)
                let own = team.relaxations.filter { change in type.keys.contains { change.constraint.hasPrefix("rules.\($0)") } }
                for change in own where team.relaxations.filter({ $0.group == change.group }).count == 1 {
                    var relaxed = problem
                    InfeasibilityExplanationTests.apply(change, to: &relaxed)
                    #expect(try BruteForceRules.optimum(relaxed) != nil, "seed \(seed): \(change.message) does not work")
                }
                if !own.isEmpty { relaxedOwn += 1 }
            }
            #expect(relaxedOwn >= 1, "\(example.code): never relaxed by a change of its own")
        }
    }

    /// The error messages of `[rules]` `line` (after `prefix` at the top) read, then checked against a pool with vendors in
    /// DE, IN and VN.
    static func problems(_ line: String, prefix: String = "") -> [String] {
        let text = prefix + Self.minimal + line
        let scenario: Scenario
        do { scenario = try ScenarioReader.parse(text) } catch { return error.diagnostics.map(\.message) }
        let pool = VendorPool(vendors: ["DE", "IN", "VN"].enumerated().map { k, country in
            ScoringFixtures.vendor("V\(k)", country: country)
        })
        let path = TestFiles.directory.appendingPathComponent("pm-limits-\(UUID().uuidString).toml").path
        try? text.write(toFile: path, atomically: false, encoding: .utf8)
        return ScenarioPoolCheck.check(scenario, file: path, against: pool).filter { $0.severity == .error }.map(\.message)
    }

    @Test("Values at each limit are accepted and one step past it refused: min_countries at the pool's countries, shares at 1, min_mean_utility at 0 and 1")
    func limits() {
        #expect(Self.problems("min_countries = 3").isEmpty)
        #expect(Self.problems("min_countries = 4").contains { $0.contains("at most 3, the number of countries") })
        #expect(Self.problems("min_countries = 0").contains { $0.contains("min_countries") })
        #expect(Self.problems("max_country_share = 1").isEmpty)
        #expect(Self.problems("max_country_share = 1.01").contains { $0.contains("max_country_share must be in (0, 1]") })
        #expect(Self.problems("max_country_share = 0").contains { $0.contains("max_country_share must be in (0, 1]") })
        #expect(Self.problems("country_share = { DE = 1 }").isEmpty)
        #expect(Self.problems("country_share = { DE = 1.01 }").contains { $0.contains("country_share.DE") })
        #expect(Self.problems("include_vendors = [\"V2\"]").isEmpty)
        #expect(Self.problems("include_vendors = [\"V3\"]").contains { $0.contains("found 'V3'") })
        let cost = "objective = \"cost\"\n"
        #expect(Self.problems("", prefix: cost + "min_mean_utility = 0\n").isEmpty)
        #expect(Self.problems("", prefix: cost + "min_mean_utility = 1\n").isEmpty)
        #expect(Self.problems("", prefix: cost + "min_mean_utility = 1.01\n").contains { $0.contains("min_mean_utility must be in [0, 1]") })
        #expect(Self.problems("", prefix: "min_mean_utility = 0.5\n").contains { $0.contains("applies only with objective") })
    }
}
