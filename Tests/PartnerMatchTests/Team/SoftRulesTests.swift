import Testing
@testable import PartnerMatch

/// Soft rules with priorities (docs/MODEL.md, "Soft rules with priorities") against an independent
/// lexicographic search: every vendor subset and every whole-FTE allocation of small pools, each
/// soft key's violation measured in its own unit as the model defines it, hard rules checked, and
/// the least violation vector (priority 1, 2, 3), then the best utility, kept.
@Suite struct SoftRulesTests {
    /// A small random problem with FTE in whole steps, tight rules and random priorities.
    static func problem(seed: UInt64) -> TeamProblem {
        var g = TestRandom(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ 7)
        let vendors = 4 + Int(g.next() % 2)
        var candidates: [TeamCandidate] = []
        for v in 0..<vendors {
            let capacity = Double(1 + g.next() % 3)
            var skills: [Int] = []
            if g.next() % 3 != 0 { skills.append(0) }
            if g.next() % 2 == 0 || skills.isEmpty { skills.append(1) }
            candidates.append(TeamCandidate(id: "V\(v)", poolIndex: v, utility: 0.3 + Double(g.next() % 60) / 100, hourlyRate: 50,
                                            costPerFTE: Double(100 + 25 * (g.next() % 9)), capacityFTE: capacity, maxFTE: capacity,
                                            minimumFTE: 1, overlapHours: 4, skills: skills))
        }
        let skills = [TeamRequirements.Skill(name: "s0", demand: Double(2 + g.next() % 2), backups: Int(g.next() % 3)),
                      TeamRequirements.Skill(name: "s1", demand: Double(1 + g.next() % 3))]
        let D = skills.reduce(0) { $0 + $1.demand }
        var r = TeamRequirements(skills: skills, budget: D * Double(90 + 20 * (g.next() % 6)),
                                 maxShare: [0.3, 0.4, 0.5, 0.6][Int(g.next() % 4)], minVendors: 1 + Int(g.next() % 3),
                                 maxVendors: 2 + Int(g.next() % 3), fteStep: 1)
        r.growth = 1
        var keys = ["budget.total", "rules.max_share", "rules.max_vendors", "demand.s0", "demand.s1"]
        if r.minVendors > 1 { keys.append("rules.min_vendors") }
        if skills[0].backups > 1 { keys.append("rules.backups.s0") }
        for key in keys where g.next() % 3 != 0 { r.priorities[key] = 1 + Int(g.next() % 3) }
        return TeamProblem(candidates: candidates, requirements: r)
    }

    /// Each soft-capable key's violation at an allocation, in the unit the model measures it.
    static func violations(_ problem: TeamProblem, _ x: [[Int: Double]]) -> [String: Double] {
        let c = problem.candidates
        let r = problem.requirements
        let D = r.totalDemand
        let fte = x.map { $0.values.reduce(0, +) }
        let members = c.indices.filter { fte[$0] > 0 }
        let supplied = fte.reduce(0, +)
        let cost = c.indices.reduce(0.0) { $0 + c[$1].costPerFTE * fte[$1] }
        var out: [String: Double] = [:]
        out["budget.total"] = max(0, cost - r.budget!) / r.budget! * 100
        // Shares of the FTE supplied (the demand as met), counted in points of the demand as written.
        out["rules.max_share"] = max(0, (fte.max() ?? 0) - r.maxShare * supplied) / (D / 100)
        out["rules.max_vendors"] = Double(max(0, members.count - (r.maxVendors ?? .max)))
        out["rules.min_vendors"] = Double(max(0, r.minVendors - members.count))
        for (s, skill) in r.skills.enumerated() {
            out["demand." + skill.name] = skill.demand - c.indices.reduce(0.0) { $0 + (x[$1][s] ?? 0) }
            if skill.backups > 0 {
                out["rules.backups." + skill.name] = Double(max(0, skill.backups - members.filter { c[$0].skills.contains(s) }.count))
            }
        }
        return out
    }

    /// Violation totals per priority level (hard keys must be 0: else `nil`).
    static func levels(_ problem: TeamProblem, _ x: [[Int: Double]]) -> [Double]? {
        var totals = [0.0, 0, 0]
        for (key, violation) in violations(problem, x) {
            if let level = problem.requirements.priorities[key] {
                totals[level - 1] += violation
            } else if violation > 1e-9 {
                return nil
            }
        }
        return totals
    }

    /// The least (levels, −utility) over every whole-FTE allocation; `nil`: the hard rules admit none.
    static func bruteForce(_ problem: TeamProblem) -> (levels: [Double], utility: Double)? {
        let c = problem.candidates
        let r = problem.requirements
        var best: (levels: [Double], utility: Double)?
        var x = [[Int: Double]](repeating: [:], count: c.count)
        func better(_ a: [Double], _ ua: Double, than b: (levels: [Double], utility: Double)) -> Bool {
            for k in 0..<3 where abs(a[k] - b.levels[k]) > 1e-9 { return a[k] < b.levels[k] }
            return ua > b.utility + 1e-9
        }
        func assign(_ s: Int) {
            if s == r.skills.count {
                let fte = x.map { $0.values.reduce(0, +) }
                for v in c.indices where fte[v] > c[v].capacityFTE + 1e-9 { return }
                guard let levels = levels(problem, x) else { return }
                let utility = c.indices.reduce(0.0) { $0 + c[$1].utility * fte[$1] }
                if best.map({ better(levels, utility, than: $0) }) ?? true { best = (levels, utility) }
                return
            }
            let offering = c.indices.filter { c[$0].skills.contains(s) }
            let demand = Int(r.skills[s].demand)
            func spread(_ k: Int, _ left: Int) {
                if k == offering.count {
                    if left == 0 { assign(s + 1) }
                    return
                }
                for n in 0...left {
                    x[offering[k]][s] = n == 0 ? nil : Double(n)
                    spread(k + 1, left - n)
                }
                x[offering[k]][s] = nil
            }
            // A soft demand may be supplied short, down to one step.
            let soft = r.priorities["demand." + r.skills[s].name] != nil
            for supply in (soft ? 1 : demand)...demand { spread(0, supply) }
        }
        assign(0)
        return best
    }

    /// The reported team as an allocation.
    static func allocation(_ problem: TeamProblem, _ solution: TeamSolution) -> [[Int: Double]] {
        var x = [[Int: Double]](repeating: [:], count: problem.candidates.count)
        for member in solution.members {
            let v = problem.candidates.firstIndex { $0.poolIndex == member.poolIndex }!
            for part in member.skills where part.fte > 0 {
                x[v][problem.requirements.skills.firstIndex { $0.name == part.skill }!] = part.fte
            }
        }
        return x
    }

    static func optimizer(pruning: Bool, fixing: Bool) -> TeamOptimizer {
        var options = TeamOptimizer.Options()
        options.pruning = pruning
        options.reducedCostFixingAbove = fixing ? 0 : nil
        return TeamOptimizer(options: options)
    }

    @Test(arguments: [(true, true), (false, false)])
    func relaxedTeamsEqualTheLexicographicSearch(pruning: Bool, fixing: Bool) throws {
        var relaxedSeen = 0
        for seed in UInt64(1)...40 {
            let problem = Self.problem(seed: seed)
            let expected = Self.bruteForce(problem)
            let solution = try Self.optimizer(pruning: pruning, fixing: fixing).solve(problem)
            guard let expected else {
                #expect(solution.status == .infeasible, "seed \(seed): the hard rules admit no team")
                continue
            }
            #expect(solution.status.hasTeam, "seed \(seed)")
            guard solution.status.hasTeam else { continue }
            let x = Self.allocation(problem, solution)
            let levels = try #require(Self.levels(problem, x), "seed \(seed): the reported team breaks a hard rule")
            let utility = solution.objective ?? -1
            for k in 0..<3 {
                #expect(abs(levels[k] - expected.levels[k]) <= 1e-6, "seed \(seed) level \(k + 1): \(levels) vs \(expected.levels)")
            }
            #expect(abs(utility - expected.utility) <= 1e-6, "seed \(seed): utility \(utility) vs \(expected.utility)")
            if expected.levels.contains(where: { $0 > 1e-9 }) {
                relaxedSeen += 1
                #expect(solution.status == .relaxed, "seed \(seed)")
                #expect(!solution.relaxedRules.isEmpty, "seed \(seed)")
            } else {
                #expect(solution.status == .optimal && solution.relaxedRules.isEmpty, "seed \(seed)")
            }
            // Every relaxed rule is one the team breaks as written, at its priority.
            let broken = Self.violations(problem, x)
            for rule in solution.relaxedRules {
                #expect(problem.requirements.priorities[rule.key] == rule.priority)
                #expect((broken[rule.key] ?? 0) > 1e-9, "seed \(seed): \(rule.key) reported relaxed but met as written")
            }
        }
        // The corpus exercises the relaxed path, not only feasible and hopeless scenarios.
        #expect(relaxedSeen >= 10, "only \(relaxedSeen) relaxed cases")
    }

    @Test func softRulesOnAFeasibleScenarioChangeNothing() throws {
        var compared = 0
        for seed in UInt64(1)...40 {
            var hard = Self.problem(seed: seed)
            hard.requirements.priorities = [:]
            let plain = try TeamOptimizer().solve(hard)
            guard plain.status == .optimal else { continue }
            let soft = try TeamOptimizer().solve(Self.problem(seed: seed))
            #expect(soft.status == .optimal)
            #expect(soft.relaxedRules.isEmpty)
            #expect(soft.vendorSet == plain.vendorSet)
            #expect(abs((soft.objective ?? 0) - (plain.objective ?? 0)) <= 1e-9)
            compared += 1
        }
        #expect(compared >= 5)
    }

    @Test func raisingAPriorityNeverIncreasesItsViolation() throws {
        var compared = 0
        for seed in UInt64(1)...40 {
            let base = Self.problem(seed: seed)
            for key in base.requirements.priorities.keys.sorted() {
                var high = base, low = base
                high.requirements.priorities[key] = 1
                low.requirements.priorities[key] = 3
                let a = try TeamOptimizer().solve(high), b = try TeamOptimizer().solve(low)
                guard a.status.hasTeam, b.status.hasTeam else { continue }
                let va = Self.violations(high, Self.allocation(high, a))[key] ?? 0
                let vb = Self.violations(low, Self.allocation(low, b))[key] ?? 0
                #expect(va <= vb + 1e-6, "seed \(seed) \(key): \(va) at priority 1, \(vb) at 3")
                compared += 1
            }
        }
        #expect(compared >= 20)
    }

    @Test func relaxedValuesTypedBackGiveTheTeamWithNothingRelaxed() throws {
        var checked = 0
        for seed in UInt64(1)...40 {
            let problem = Self.problem(seed: seed)
            let solution = try TeamOptimizer().solve(problem)
            guard solution.status == .relaxed else { continue }
            // The met values, read back from their words, as a hard scenario.
            var typed = problem
            typed.requirements.priorities = [:]
            for rule in solution.relaxedRules {
                let number = Double(rule.met.filter { "0123456789.".contains($0) })!
                switch rule.key {
                case "budget.total": typed.requirements.budget = number
                case "rules.max_share": typed.requirements.maxShare = number / 100
                case "rules.max_vendors": typed.requirements.maxVendors = Int(number)
                case "rules.min_vendors": typed.requirements.minVendors = Int(number)
                case "rules.backups.s0": typed.requirements.skills[0].backups = Int(number)
                case "demand.s0": typed.requirements.skills[0].demand = number
                case "demand.s1": typed.requirements.skills[1].demand = number
                default: Issue.record("unexpected key \(rule.key)")
                }
            }
            let again = try TeamOptimizer().solve(typed)
            #expect(again.status == .optimal, "seed \(seed)")
            #expect(abs((again.objective ?? 0) - (solution.objective ?? 0)) <= 1e-6, "seed \(seed)")
            checked += 1
        }
        #expect(checked >= 5)
    }
}


/// Each soft rule alone, on a hand-built problem no team meets: it is relaxed to its least typeable
/// value — typed back, the team and optimum return with nothing relaxed; one step tighter, no team.
@Suite struct EachSoftRuleTests {
    /// Four vendors in three countries, 2 FTE of one skill, whole FTE.
    static func base() -> TeamProblem {
        let rows: [(id: String, country: String, utility: Double, cost: Double, capacity: Double, overlap: Double)] = [
            ("A", "IN", 0.9, 100, 2, 2), ("B", "IN", 0.8, 120, 2, 3), ("C", "PL", 0.6, 150, 1, 6), ("D", "PT", 0.5, 160, 1, 7),
        ]
        let candidates = rows.enumerated().map { k, r -> TeamCandidate in
            var c = TeamCandidate(id: r.id, poolIndex: k, utility: r.utility, hourlyRate: 50, costPerFTE: r.cost,
                                  capacityFTE: r.capacity, maxFTE: r.capacity, minimumFTE: 1, overlapHours: r.overlap, skills: [0])
            c.country = r.country
            return c
        }
        var r = TeamRequirements(skills: [.init(name: "dev", demand: 2)], budget: nil, fteStep: 1)
        r.growth = 1
        return TeamProblem(candidates: candidates, requirements: r)
    }

    struct Case: Sendable, CustomStringConvertible {
        var key: String
        var make: @Sendable (inout TeamProblem) -> Void
        /// Sets the rule to a value (the number printed as met, in the rule's own notation).
        var set: @Sendable (inout TeamProblem, Double) -> Void
        /// One typeable step tighter than `met`.
        var tighter: @Sendable (Double) -> Double
        var description: String { key }
    }

    static let cases: [Case] = [
        Case(key: "rules.team_overlap_hours", make: { $0.requirements.teamOverlapHours = 8 },
             set: { $0.requirements.teamOverlapHours = $1 }, tighter: { $0 + 0.01 }),
        Case(key: "rules.min_engagement_fte", make: { $0.requirements.minEngagementFTE = 3 },
             set: { $0.requirements.minEngagementFTE = $1 }, tighter: { $0 + 0.01 }),
        Case(key: "rules.growth", make: { $0.requirements.growth = 4 },
             set: { $0.requirements.growth = $1 }, tighter: { $0 + 0.01 }),
        Case(key: "rules.min_countries", make: { $0.requirements.constraints.set(MinCountries(count: 3)) },
             set: { p, v in p.requirements.constraints.set(MinCountries(count: Int(v))) }, tighter: { $0 + 1 }),
        Case(key: "rules.max_country_share", make: { $0.requirements.constraints.set(CountryShares(maxShare: 0.2, maxShareSet: true)) },
             set: { p, v in p.requirements.constraints.set(CountryShares(maxShare: v / 100, maxShareSet: true)) }, tighter: { $0 - 0.01 }),
        Case(key: "rules.max_share", make: { $0.requirements.maxShare = 0.3 },
             set: { $0.requirements.maxShare = $1 / 100 }, tighter: { $0 - 0.01 }),
        Case(key: "budget.total", make: { $0.requirements.budget = 150 },
             set: { $0.requirements.budget = $1 }, tighter: { $0 - 0.01 }),
        Case(key: "min_mean_utility", make: { $0.requirements.minMeanUtility = 0.95 },
             set: { $0.requirements.minMeanUtility = $1 }, tighter: { $0 + 0.0001 }),
    ]

    @Test(arguments: cases)
    func relaxedToTheLeastTypeableValue(_ rule: Case) throws {
        var problem = Self.base()
        rule.make(&problem)
        #expect(try TeamOptimizer().solve(problem).status == .infeasible, "the case must be infeasible as written")
        problem.requirements.priorities = [rule.key: 1]
        let solution = try TeamOptimizer().solve(problem)
        #expect(solution.status == .relaxed)
        let relaxed = try #require(solution.relaxedRules.first)
        #expect(solution.relaxedRules.count == 1 && relaxed.key == rule.key && relaxed.priority == 1)
        let met = try #require(Double(relaxed.met.filter { "0123456789.".contains($0) }))
        var typed = problem
        typed.requirements.priorities = [:]
        rule.set(&typed, met)
        let again = try TeamOptimizer().solve(typed)
        #expect(again.status == .optimal, "typed back: \(relaxed.message)")
        #expect(abs((again.objective ?? -1) - (solution.objective ?? -2)) <= 1e-9)
        var tighter = typed
        rule.set(&tighter, rule.tighter(met))
        #expect(try TeamOptimizer().solve(tighter).status == .infeasible, "one step tighter than \(relaxed.met) still has a team")
    }

    @Test func aPinIsLiftedOnlyWhenNoTeamKeepsIt() throws {
        var problem = Self.base()
        problem.requirements.budget = 250
        problem.requirements.constraints.set(PinnedVendors(ids: ["C", "D"]))   // 150 + 160 > 250
        #expect(try TeamOptimizer().solve(problem).status == .infeasible)
        problem.requirements.priorities = ["rules.include_vendors": 2]
        let solution = try TeamOptimizer().solve(problem)
        #expect(solution.status == .relaxed)
        let relaxed = try #require(solution.relaxedRules.first)
        #expect(relaxed.key == "rules.include_vendors")
        // One pin lifted (two is more than needed): the team keeps the other.
        let kept = solution.vendorSet.filter { ["C", "D"].contains($0) }
        #expect(kept.count == 1)
        #expect(relaxed.met == "[\"\(kept[0])\"]")
        #expect(relaxed.message.contains("no longer pinned"))
    }
}

/// Dominance pruning in the elastic phases is exact: on pools where it removes vendors, every
/// relaxed answer equals the unpruned one.
@Suite struct SoftRulesPruningTests {
    static func problem(seed: UInt64) -> TeamProblem {
        var g = TestRandom(seed: seed &* 0x2545_F491_4F6C_DD1D &+ 11)
        let candidates = (0..<14).map { v -> TeamCandidate in
            let capacity = Double(1 + g.next() % 3)
            return TeamCandidate(id: "V\(v)", poolIndex: v, utility: 0.3 + Double(g.next() % 60) / 100, hourlyRate: 50,
                                 costPerFTE: Double(100 + 20 * (g.next() % 8)), capacityFTE: capacity, maxFTE: capacity,
                                 minimumFTE: 1, overlapHours: Double(2 + g.next() % 6), skills: [0])
        }
        var r = TeamRequirements(skills: [.init(name: "dev", demand: Double(3 + g.next() % 2))], budget: 250,
                                 maxShare: 0.4, maxVendors: 2, fteStep: 1)
        r.growth = 1
        r.teamOverlapHours = 6
        r.priorities = ["budget.total": 1 + Int(g.next() % 2), "rules.max_share": 2, "rules.team_overlap_hours": 1 + Int(g.next() % 3)]
        return TeamProblem(candidates: candidates, requirements: r)
    }

    @Test func prunedPhasesGiveTheUnprunedAnswer() throws {
        var pruned = 0, relaxed = 0
        for seed in UInt64(1)...30 {
            let problem = Self.problem(seed: seed)
            var elastic = problem
            elastic.requirements.elastic = true
            let bound = try #require(DominancePruning.teamSizeBound(elastic.withoutSoftVendorCap))
            if DominancePruning.survivors(elastic, threshold: bound).count < problem.candidates.count { pruned += 1 }
            let on = try SoftRulesTests.optimizer(pruning: true, fixing: false).solve(problem)
            let off = try SoftRulesTests.optimizer(pruning: false, fixing: false).solve(problem)
            #expect(on.status == off.status, "seed \(seed)")
            #expect(abs((on.objective ?? 0) - (off.objective ?? 0)) <= 1e-9, "seed \(seed)")
            #expect(on.relaxedRules.map(\.message) == off.relaxedRules.map(\.message), "seed \(seed)")
            if on.status == .relaxed { relaxed += 1 }
        }
        #expect(pruned >= 10, "pruning removed vendors in only \(pruned) problems")
        #expect(relaxed >= 10, "only \(relaxed) relaxed problems")
    }
}
