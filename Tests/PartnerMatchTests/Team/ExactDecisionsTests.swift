import Foundation
import GLPKSolver
@testable import PartnerMatch
import Testing

/// Regression tests of issue 21 ("Decisions exactly right, round 3"), one per defect, each on a
/// small case of its own, named after what broke.
@Suite("Decisions exactly right, round 3")
struct ExactDecisionsTests {
    private var quiet: TeamOptimizer {
        var options = TeamOptimizer.Options()
        options.explainInfeasibility = false
        return TeamOptimizer(options: options)
    }

    /// A candidate offering the skills at `skills`, with hours · months = 480.
    static func vendor(_ id: String, _ index: Int, rate: Double, capacity: Double, utility: Double = 0.8,
                       minimum: Double = 0.5, skills: [Int] = [0]) -> TeamCandidate {
        TeamCandidate(id: id, poolIndex: index, utility: utility, hourlyRate: rate, costPerFTE: rate * 480,
                      capacityFTE: capacity, maxFTE: capacity, minimumFTE: minimum, overlapHours: 8, skills: skills)
    }

    /// Three vendors whose cheapest team costs 2·25.52·480 + 3.5·27.07·480 + 0.5·32·480 = 77,656.80
    /// exactly in decimals (binary floating point puts the sum an ulp away from it).
    static var centProblem: TeamProblem {
        let candidates = [vendor("A", 0, rate: 25.52, capacity: 2), vendor("B", 1, rate: 27.07, capacity: 3.5),
                          vendor("C", 2, rate: 32, capacity: 4)]
        var requirements = TeamRequirements(skills: [.init(name: "total", demand: 6)], budget: 77_656.80, growth: 0, fteStep: 0.5)
        requirements.minEngagementFTE = 0.5
        return TeamProblem(candidates: candidates, requirements: requirements)
    }

    @Test("No team at the tool's own minimum budget: the minimum is the exact cost rounded up to the cent, and buys a team")
    func noTeamAtTheMinimumBudget() throws {
        let problem = Self.centProblem
        let analysis = BudgetAnalysis(problem: problem, optimizer: quiet)
        let minimum = try #require(try analysis.minimumBudget())
        #expect(Money.text(minimum) == "77,656.80")
        for budget in [minimum, minimum + 0.01, 77_656.80, 77_657] {
            var p = problem
            p.requirements.budget = budget
            let team = try TeamOptimizer().solve(p)
            #expect(team.status == .optimal, "budget \(budget): \(team.status)")
            #expect(ReportedTeamCheck.violations(team, p).isEmpty)
            #expect(Money.fits(try #require(team.totalCost), within: budget))
        }
        var below = problem
        below.requirements.budget = 77_656.79   // one cent less: 77,656.795 with the half cent, under the cost
        #expect(try quiet.solve(below).status == .infeasible)
    }

    @Test("The budget a message suggests is the exact cost rounded up to the cent, and typed back it buys a team")
    func suggestedBudgetIsToTheCent() throws {
        var problem = Self.centProblem
        problem.requirements.budget = 70_000
        let team = try TeamOptimizer().solve(problem)
        #expect(team.status == .infeasible)
        let budget = try #require(team.relaxations.first { $0.rule == .budget })
        #expect(budget.needed == 77_656.80)
        #expect(budget.message == "needs a budget of at least 77,656.80 (now 70,000)")
        problem.requirements.budget = budget.needed
        #expect(try quiet.solve(problem).status == .optimal)
    }

    @Test("Money: the half-cent rule and rounding up to the cent")
    func moneyRule() {
        #expect(Money.fits(100.005, within: 100))
        #expect(!Money.fits(100.0051, within: 100))
        #expect(Money.roundedUpToCent(77_656.80000000001) == 77_656.80)
        #expect(Money.roundedUpToCent(77_656.801) == 77_656.81)
        #expect(Money.roundedUpToCent(12) == 12)
        #expect(Money.text(359_100) == "359,100")
        #expect(Money.text(1_234.5) == "1,234.50")
        #expect(Money.text(0.07) == "0.07")
    }

    @Test("Alternatives stopped early with min_engagement_fte = 0: three clones give three distinct teams")
    func alternativesWithIdleVendors() throws {
        let clones = (0..<3).map { Self.vendor("V\($0)", $0, rate: 30, capacity: 2, minimum: 0) }
        let problem = TeamProblem(candidates: clones, requirements: TeamRequirements(
            skills: [.init(name: "total", demand: 2)], budget: nil, maxVendors: 3, growth: 0))
        let found = try TeamOptimizer().alternatives(problem, count: 3)
        #expect(!found.searchLimitReached)
        #expect(found.teams.count == 3)
        #expect(Set(found.teams.map(\.workingSet)).count == found.teams.count)
        for team in found.teams {
            #expect(abs((team.objective ?? 0) - 1.6) < 1e-9)
            #expect(ReportedTeamCheck.violations(team, problem).isEmpty)
        }
    }

    /// Vendor subsets that are teams in their own right: they admit a team, and no member whose
    /// minimum engagement is 0 can leave without lowering the best utility (or breaking a rule).
    static func minimalTeams(_ problem: TeamProblem) throws -> [(members: [Int], value: Double)] {
        var value: [[Int]: Double] = [:]
        for members in BruteForceTeam.admissibleSubsets(problem) {
            if let v = try BruteForceTeam.subsetOptimum(problem, members) { value[members] = v }
        }
        return value.compactMap { members, v in
            let idleable = members.filter { problem.candidates[$0].minimumFTE <= 0 }
            let minimal = idleable.allSatisfy { leaver in
                guard let without = value[members.filter { $0 != leaver }] else { return true }
                return without < v - 1e-7 * max(1, v)
            }
            return minimal ? (members, v) : nil
        }.sorted { $0.value > $1.value }
    }

    @Test("Alternatives with idle-able vendors are the brute-force best teams", arguments: [UInt64(3_100), 3_300])
    func alternativesWithIdleableVendorsAgainstBruteForce(from: UInt64) throws {
        var checked = 0
        for seed in from..<(from + 60) {
            var problem = RandomTeamProblems.make(seed: seed)
            // Every second vendor may be selected and idle. No rule keeps an idle vendor in a team
            // (backups, growth, min_vendors): a team is then the vendors given work, as to a buyer,
            // and the brute force's minimal teams are exactly those (a vendor kept idle for a
            // backup count is the same team as another kept for it: docs/TEAM-MODEL.md).
            for v in problem.candidates.indices where v % 2 == 0 { problem.candidates[v].minimumFTE = 0 }
            problem.requirements.minVendors = 1
            problem.requirements.growth = 0
            for s in problem.requirements.skills.indices { problem.requirements.skills[s].backups = 0 }
            let expected = try Self.minimalTeams(problem)
            let found = try TeamOptimizer().alternatives(problem, count: 4)
            #expect(!found.searchLimitReached, "seed \(seed)")
            #expect(found.teams.count >= min(4, expected.count), "seed \(seed): \(found.teams.count) of \(expected.count)")
            #expect(Set(found.teams.map(\.workingSet)).count == found.teams.count, "seed \(seed)")
            for (k, team) in found.teams.enumerated() {
                #expect(ReportedTeamCheck.violations(team, problem).isEmpty, "seed \(seed)")
                // Never worse than the brute force's k-th team (a tie may stand in for another).
                if k < expected.count {
                    #expect((team.objective ?? 0) >= expected[k].value - 1e-6 * max(1, expected[k].value), "seed \(seed), team \(k + 1)")
                }
            }
            if let first = found.teams.first, let best = expected.first {
                #expect(abs((first.objective ?? 0) - best.value) <= 1e-6 * max(1, best.value), "seed \(seed)")
            }
            if !expected.isEmpty { checked += 1 }
        }
        #expect(checked > 20)
    }

    @Test("Robustness in cost mode showed samples with no feasible team as a team of no vendors")
    func robustnessSamplesWithoutATeam() throws {
        var scenario = ScoringFixtures.scenario(demand: .total(2), rules: .init(maxVendors: 1))
        scenario.uncertainty.weights = .none
        scenario.uncertainty.seed = 4
        let nominal = ScoredPool(pool: RobustnessTests.pool(), scenario: scenario)
        // The floor at the better vendor's nominal utility: met at the scenario's weights, missed
        // under many samples.
        scenario.objective = .cost
        scenario.minMeanUtility = nominal.utility.max()! - 1e-6
        let result = try TeamRobustness(ScoredPool(pool: RobustnessTests.pool(), scenario: scenario), samples: 200)
        #expect(result.nominal.status.hasTeam)
        #expect(result.noTeamShare > 0.05)
        #expect(result.teams.allSatisfy { !$0.vendors.isEmpty })
        #expect(abs(result.teams.reduce(0) { $0 + $1.share } + result.noTeamShare - 1) < 1e-12)
        // Without a floor out of reach, every sample has a team.
        scenario.minMeanUtility = 0
        let always = try TeamRobustness(ScoredPool(pool: RobustnessTests.pool(), scenario: scenario), samples: 50)
        #expect(always.noTeamShare == 0)
    }

    @Test("No capacity statement: an infeasible scenario says what the eligible vendors can supply at most, skill by skill")
    func capacityStatement() {
        let candidates = [Self.vendor("A", 0, rate: 30, capacity: 6, skills: [0]), Self.vendor("B", 1, rate: 30, capacity: 6, skills: [0, 1]),
                          Self.vendor("C", 2, rate: 30, capacity: 9, skills: [1])]
        let problem = TeamProblem(candidates: candidates, requirements: TeamRequirements(
            skills: [.init(name: "backend", demand: 80), .init(name: "qa", demand: 4)], budget: nil, maxShare: 1, growth: 0))
        let capacity = problem.capacity()
        #expect(capacity.map(\.message) == [
            "the 2 eligible vendors offering backend can together supply at most 12 FTE of it; the demand is 80",
            "the 2 eligible vendors offering qa can together supply at most 15 FTE of it; the demand is 4",
        ])
        #expect(capacity.map(\.short) == [true, false])
        // The max share caps each vendor: at 10% of 84 FTE, 8.4 each.
        var shared = problem
        shared.requirements.maxShare = 0.1
        #expect(shared.capacity()[0].most == 12 && abs(shared.capacity()[1].most - 14.4) < 1e-9)
    }

    @Test("The frontier lost the 'team forms' change at the exact minimum budget")
    func frontierKeepsTheTeamFormingChange() throws {
        let analysis = BudgetAnalysis(problem: Self.centProblem, optimizer: quiet)
        let minimum = try #require(try analysis.minimumBudget())
        let optimal = try analysis.sweep([70_000, 80_000, 90_000])
        let frontier = try analysis.frontier(optimal, tolerance: 1, materiality: 0.001, minimumBudget: minimum)
        let forms = try #require(frontier.changes.first)
        #expect(!forms.feasibleBefore && forms.budget == 77_656.80 && forms.lastBefore == 70_000)
        #expect(frontier.points.map(\.team.status.hasTeam) == [false, true, true])
    }

    /// A is cheap (u 0.8), B dear (u 0.8005): within 0.1% of each other; only A fits 40,000.
    static var nearTie: TeamProblem {
        let a = vendor("A", 0, rate: 40, capacity: 2, utility: 0.8), b = vendor("B", 1, rate: 60, capacity: 2, utility: 0.8005)
        return TeamProblem(candidates: [a, b], requirements: TeamRequirements(
            skills: [.init(name: "total", demand: 1.5)], budget: 60_000, maxVendors: 1, growth: 0))
    }

    @Test("One report, two teams: the sweep's team at the scenario's budget is optimize's, and the walk down keeps teams within budget")
    func sweepAnchoredAtTheScenariosBudget() throws {
        let problem = Self.nearTie
        let team = try TeamOptimizer().solve(problem)
        #expect(team.vendorSet == ["B"])
        let analysis = BudgetAnalysis(problem: problem, optimizer: quiet)
        let budgets: [Double] = [20_000, 40_000, 60_000, 80_000]
        let optimal = try analysis.sweep(budgets)
        let minimum = try analysis.minimumBudget()
        // Walking up from the lowest budget keeps A at 60,000 (within 0.1%): the defect.
        let unanchored = try analysis.frontier(optimal, tolerance: 1, materiality: 0.001, minimumBudget: minimum)
        #expect(unanchored.points[2].team.vendorSet == ["A"])
        // Anchored at the scenario's budget: optimize's team there and above; A below, where B does not fit.
        let anchored = try analysis.frontier(optimal, tolerance: 1, materiality: 0.001, minimumBudget: minimum, anchor: 60_000)
        #expect(anchored.points.map(\.team.vendorSet) == [[], ["A"], ["B"], ["B"]])
        #expect(anchored.points.map(\.budget) == budgets)
        // B costs 1.5 · 60 · 480 = 43,200: the change is located between 40,000 and 43,200, to the tolerance.
        let change = try #require(anchored.changes.first { $0.feasibleBefore })
        #expect(change.before == ["A"] && change.after == ["B"])
        #expect(change.budget >= 43_199.99 && change.budget - change.lastBefore <= 1)
        #expect(anchored.changes.first?.feasibleBefore == false && anchored.changes.first?.budget == 28_800)
        // B not among the swept budgets: the anchor holds all the same.
        let between = try analysis.frontier(try analysis.sweep([30_000, 50_000, 70_000]), tolerance: 1, materiality: 0.001,
                                            minimumBudget: minimum, anchor: 60_000)
        #expect(between.points.map(\.team.vendorSet) == [["A"], ["B"], ["B"]])
    }

    @Test("In cost mode the sweep showed the highest-utility team, not the cheapest")
    func costObjectiveSweptAsCost() throws {
        var problem = Self.nearTie
        problem.requirements.minMeanUtility = 0.7
        let cheapest = try TeamOptimizer().solve(problem)
        #expect(cheapest.vendorSet == ["A"])
        let analysis = BudgetAnalysis(problem: problem, optimizer: quiet)
        let optimal = try analysis.sweep([50_000, 60_000, 80_000])
        #expect(optimal.allSatisfy { $0.team.vendorSet == ["A"] })
        let frontier = try analysis.frontier(optimal, tolerance: 1, materiality: 0.001, minimumBudget: try analysis.minimumBudget(), anchor: 60_000)
        #expect(frontier.points.allSatisfy { $0.team.vendorSet == ["A"] })
    }

    @Test("Country shares that hung: with four vendors and each country below 2 FTE on the 0.5 grid, the LP relaxation is already infeasible")
    func countrySharesCloseAtTheRoot() throws {
        // 30 vendors in 10 countries, 4 FTE each; D = 7, at most 4 vendors, β = 0.25: 1.75 → 1.5 FTE on the grid.
        let codes = ["IN", "PL", "VN", "UA", "ZA", "BR", "MX", "PH", "RO", "EG"]
        var candidates: [TeamCandidate] = []
        for v in 0..<30 {
            var c = Self.vendor("V\(v)", v, rate: 30 + Double(v), capacity: 4, utility: 0.5 + Double(v) / 100, skills: [0, 1, 2])
            c.country = codes[v % codes.count]
            candidates.append(c)
        }
        var requirements = TeamRequirements(skills: [.init(name: "backend", demand: 4), .init(name: "ios", demand: 2), .init(name: "qa", demand: 1)],
                                            budget: nil, maxShare: 0.6, maxVendors: 4, growth: 0, fteStep: 0.5)
        var shares = CountryShares()
        shares.maxShare = 0.25
        shares.maxShareSet = true
        requirements.constraints.items.append(shares)
        let problem = TeamProblem(candidates: candidates, requirements: requirements)
        let relaxation = try GLPKSolver().solve(TeamModel(problem).model.relaxed())
        #expect(relaxation.termination == .infeasible || relaxation.termination == .infeasibleOrUnbounded)
        #expect(try quiet.solve(problem).status == .infeasible)
        // At 0.3 (2.1 → 2 FTE a vendor) four vendors from four countries can: a team exists, unchanged by the ceilings.
        var looser = problem
        looser.requirements.constraints.update(CountryShares.self) { $0.maxShare = 0.3 }
        let team = try TeamOptimizer().solve(looser)
        #expect(team.status == .optimal)
        #expect(ReportedTeamCheck.violations(team, looser).isEmpty)
    }

    @Test("A suggested budget beyond the reader's limit is not printed")
    func budgetSuggestionWithinTheReadersLimit() throws {
        let dear = Self.vendor("D", 0, rate: 1e12, capacity: 10)   // 480 · 1e12 = 4.8e14 per FTE: 4.8e15 for 10 FTE
        var requirements = TeamRequirements(skills: [.init(name: "total", demand: 10)], budget: 1_000, growth: 0)
        requirements.minEngagementFTE = 0.5
        let team = try TeamOptimizer().solve(TeamProblem(candidates: [dear], requirements: requirements))
        #expect(team.status == .infeasible)
        #expect(!team.relaxations.contains { $0.rule == .budget })
        #expect(team.relaxations.allSatisfy { $0.rule != .budget || $0.needed <= Money.largestAmount })
    }

    @Test("Pins and a country cap: each pin whose lifting alone works is offered on its own")
    func eachWorkingPinOffered() throws {
        var a = Self.vendor("A", 0, rate: 30, capacity: 3, minimum: 1), b = Self.vendor("B", 1, rate: 30, capacity: 3, minimum: 1)
        var c = Self.vendor("C", 2, rate: 30, capacity: 3)
        a.country = "IN"; b.country = "IN"; c.country = "PL"
        var requirements = TeamRequirements(skills: [.init(name: "total", demand: 3)], budget: nil, growth: 0)
        var shares = CountryShares()
        shares.shares = [("IN", 0.4)]   // 1.2 FTE from India: A and B need 1 each
        requirements.minEngagementFTE = 1
        requirements.constraints.items.append(contentsOf: [PinnedVendors(ids: ["A", "B"]), shares] as [any TeamConstraint])
        let team = try TeamOptimizer().solve(TeamProblem(candidates: [a, b, c], requirements: requirements))
        #expect(team.status == .infeasible)
        let unpins = team.relaxations.filter { $0.rule == .pinnedVendors }
        #expect(Set(unpins.compactMap(\.neededList)) == [["A"], ["B"]])
        #expect(Set(unpins.map(\.group)).count == 2)
    }

    @Test("Dropping a skill that backups names drops its backups entry too, and says so")
    func droppingASkillDropsItsBackups() {
        var rules = Scenario.Rules()
        rules.backups = ["backend": 2]
        let scenario = ScoringFixtures.scenario(demand: .perSkill([.init("backend", fte: 4), .init("qa", fte: 1)]), rules: rules)
        let drop = Relaxation(rule: .demand, constraint: "demand.backend", skill: "backend", current: 4, needed: 0, dropsSkill: true,
                              message: "drop skill backend from the demand (now 4 FTE)", size: 1, group: 1)
        guard case .scenario(let changed, let note) = TypedBackCheck.apply(drop, to: scenario) else {
            Issue.record("not applied"); return
        }
        #expect(changed.demand.skills.map(\.key) == ["qa"])
        #expect(changed.rules.backups.isEmpty)
        #expect(note == "and its rules.backups entry")
        // A value outside the reader's limits cannot be typed.
        var share = drop
        share.constraint = "rules.max_share"; share.rule = .maxShare; share.needed = 1.2; share.dropsSkill = false
        if case .untypeable = TypedBackCheck.apply(share, to: scenario) {} else { Issue.record("a share of 1.2 was accepted") }
    }

    @Test("Rates: one rate per vendor in messages, never 30.666666666666668")
    func rateText() {
        #expect(ScoredPool.rateText(30.666666666666668) == "30.6667")
        #expect(ScoredPool.rateText(30.6657) == "30.6657")
        #expect(ScoredPool.rateText(28) == "28")
    }

    @Test("'drop skill ios' left the scenario infeasible when typed back: the team problem suggests it, the fresh run refuses it")
    func dropSkillThatFailsTypedBack() throws {
        // A: backend 60, ios 30 (hourly 45): r̄ = 50 ≤ max_rate 55. Without ios, r̄ = 60 > 55.
        let csv = "id,name,country,timezone,hourly_rate,rates,quality,capacity_fte,skills\nA,Alpha,PL,Europe/Warsaw,45,backend=60;ios=30,80,3,backend;ios\n"
        let toml = """
            currency = "USD"
            [client]
            timezone = "Europe/Berlin"
            [demand]
            backend = 2
            ios = 1
            [horizon]
            months = 1
            hours_per_month = 100
            [budget]
            total = 12_500
            [rules]
            max_rate = 55
            growth = 1
            fte_step = 0.5
            """
        let scored = try #require(try TypedBackPropertyTests.run(csv, toml))
        let problem = TeamProblem(scored: scored)
        let team = try TeamOptimizer().solve(problem)
        #expect(team.status == .infeasible)
        #expect(team.relaxations.contains { $0.dropsSkill && $0.skill == "ios" })
        let printed = try TypedBackCheck(optimizer: TeamOptimizer()).checked(team.relaxations, scored: scored, problem: problem)
        #expect(!printed.contains { $0.dropsSkill })
        #expect(printed.contains { $0.rule == .budget && $0.needed == 15_000 })
    }

    @Test("max_rate was never suggested when the excluded vendors' r̄ lay just above it (INR rates converted by [fx])")
    func maxRateSuggestedOnTheMeanRate() throws {
        // A quotes in INR: hourly 2,000 INR = 24 USD, backend 2,555.475 INR = 30.6657 USD: r̄ = 30.6657 > 30.66.
        let csv = """
            id,name,country,timezone,hourly_rate,currency,rates,quality,capacity_fte,skills
            A,Alpha,IN,Asia/Kolkata,2000,INR,backend=2555.475,80,3,backend
            B,Beta,PL,Europe/Warsaw,20,USD,,80,3,qa

            """
        let toml = """
            currency = "USD"
            [client]
            timezone = "Europe/Berlin"
            [demand]
            backend = 2
            qa = 1
            [horizon]
            months = 1
            hours_per_month = 100
            [budget]
            total = 100_000
            [fx]
            INR = 0.012
            [rules]
            max_rate = 30.66
            growth = 1
            """
        let scored = try #require(try TypedBackPropertyTests.run(csv, toml))
        #expect(abs(scored.meanRate[0] - 30.6657) < 1e-9)
        #expect(scored.reasons(for: 0).first?.message == "demand-weighted mean rate 30.6657 is above the maximum 30.66")
        let explanation = try EligibilityExplainer(optimizer: TeamOptimizer()).explain(scored)
        let change = try #require(explanation.relaxations.first { $0.rule == .maxRate })
        #expect(change.needed == .number(30.67))
        #expect(change.message == "raise max_rate to 30.67 (admits A Alpha; now 30.66)")
        // Typed back, it has a team; a hundredth less does not.
        #expect(try TypedBackPropertyTests.hasTeam(csv, toml.replacingOccurrences(of: "max_rate = 30.66", with: "max_rate = 30.67")))
        #expect(try !TypedBackPropertyTests.hasTeam(csv, toml))
    }
}
