import GLPKSolver
import LinearModel
@testable import PartnerMatch

/// Random problems with the rules a buyer sets (pins, country limits, onboarding costs, per-skill
/// rates, the cost objective) on top of `RandomTeamProblems`, and an independent optimum for them:
/// every vendor subset, its subset-level rules checked here, and an LP over its FTE written from
/// docs/MODEL.md ("Team optimisation") without the production model builder.
enum RandomRuleProblems {
    static let countries = ["IN", "PL", "VN"]

    /// What a problem sets beyond the base rules, read back for the brute force.
    struct Rules {
        var pins: [String] = []
        var maxCountryShare: Double = 1
        var countryShare: [String: Double] = [:]
        var minCountries = 1
    }

    /// `RandomTeamProblems.make(seed:)` with v2 rules switched on at random (`only`: just that one).
    static func make(seed: UInt64, only: String? = nil) -> (TeamProblem, Rules) {
        var problem = RandomTeamProblems.make(seed: seed)
        var rng = TestRandom(seed: seed &* 7919 &+ 17)
        func on(_ name: String, _ chance: Double = 0.5) -> Bool {
            let draw = Double.random(in: 0..<1, using: &rng)
            return only.map { $0 == name } ?? (draw < chance)
        }
        for v in problem.candidates.indices {
            problem.candidates[v].country = countries[Int.random(in: 0..<countries.count, using: &rng)]
        }
        var rules = Rules()
        if on("onboarding") {
            for v in problem.candidates.indices {
                problem.candidates[v].onboardingCost = Double(Int.random(in: 0...6, using: &rng)) * 5_000
            }
        }
        if on("rates") {
            for v in problem.candidates.indices where Bool.random(using: &rng) {
                let base = problem.candidates[v].costPerFTE
                problem.candidates[v].skillCostPerFTE = problem.candidates[v].skills.map { _ in
                    (base * Double.random(in: 0.6...1.4, using: &rng)).rounded()
                }
            }
        }
        if on("pins", 0.35) {
            let pinned = problem.candidates[Int.random(in: 0..<problem.candidates.count, using: &rng)].id
            rules.pins = [pinned]
            problem.requirements.constraints.items.append(PinnedVendors(ids: [pinned]))
        }
        if on("countryShare", 0.4) {
            var value = CountryShares()
            if Bool.random(using: &rng) || only == "countryShare" {
                value.maxShare = [0.4, 0.5, 0.7][Int.random(in: 0...2, using: &rng)]
                value.maxShareSet = true
                rules.maxCountryShare = value.maxShare
            }
            if Bool.random(using: &rng) {
                let code = countries[Int.random(in: 0..<countries.count, using: &rng)]
                let share = [0.3, 0.6][Int.random(in: 0...1, using: &rng)]
                value.shares = [(code, share)]
                rules.countryShare[code] = share
            }
            if value.maxShareSet || !value.shares.isEmpty { problem.requirements.constraints.items.append(value) }
        }
        if on("minCountries", 0.35) {
            rules.minCountries = Int.random(in: 2...3, using: &rng)
            problem.requirements.constraints.items.append(MinCountries(count: rules.minCountries))
        }
        if on("cost", 0.3) {
            problem.requirements.minMeanUtility = [0.4, 0.55, 0.7][Int.random(in: 0...2, using: &rng)]
        }
        return (problem, rules)
    }
}

enum BruteForceRules {
    /// The rules a problem sets, read from its values' data (the pinned ids, the shares, the count).
    static func rules(of problem: TeamProblem) -> RandomRuleProblems.Rules {
        var rules = RandomRuleProblems.Rules()
        for item in problem.requirements.constraints.items {
            if let pins = item as? PinnedVendors { rules.pins = pins.ids }
            if let shares = item as? CountryShares {
                rules.maxCountryShare = shares.maxShare
                for (country, share) in shares.shares { rules.countryShare[country] = share }
            }
            if let countries = item as? MinCountries { rules.minCountries = countries.count }
        }
        return rules
    }

    static func optimum(_ problem: TeamProblem) throws -> Double? { try optimum(problem, rules(of: problem)) }

    /// Every admissible vendor subset with its best objective value (utility, or cost under
    /// `min_mean_utility`) and its members.
    static func teams(_ problem: TeamProblem, _ rules: RandomRuleProblems.Rules) throws -> [(members: [Int], value: Double)] {
        var found: [(members: [Int], value: Double)] = []
        let c = problem.candidates
        for members in BruteForceTeam.admissibleSubsets(problem) {
            let ids = Set(members.map { c[$0].id })
            guard rules.pins.allSatisfy(ids.contains) else { continue }
            guard Set(members.map { c[$0].country }).count >= rules.minCountries else { continue }
            if let value = try subsetOptimum(problem, rules, members) { found.append((members, value)) }
        }
        return found
    }

    /// The best value over all subsets (`nil`: infeasible).
    static func optimum(_ problem: TeamProblem, _ rules: RandomRuleProblems.Rules) throws -> Double? {
        let values = try teams(problem, rules).map(\.value)
        return problem.requirements.minMeanUtility == nil ? values.max() : values.min()
    }

    static func subsetOptimum(_ problem: TeamProblem, _ rules: RandomRuleProblems.Rules, _ members: [Int]) throws -> Double? {
        let c = problem.candidates
        let r = problem.requirements
        let D = r.totalDemand
        let q = r.fteStep ?? 1
        let minimizeCost = r.minMeanUtility != nil
        var model = Model(sense: minimizeCost ? .minimize : .maximize)
        var x: [Int: [Int: Variable]] = [:]
        for v in members {
            for s in c[v].skills {
                x[v, default: [:]][s] = model.addVariable(kind: r.fteStep == nil ? .continuous : .integer, lowerBound: 0)
            }
        }
        func total(_ v: Int) -> LinearExpression { (x[v] ?? [:]).values.map { q * $0 }.sum() }
        func rate(_ v: Int, _ s: Int) -> Double {
            guard let costs = c[v].skillCostPerFTE, let k = c[v].skills.firstIndex(of: s) else { return c[v].costPerFTE }
            return costs[k]
        }
        for s in r.skills.indices {
            model.addConstraint(members.compactMap { x[$0]?[s] }.map { q * $0 }.sum() == r.skills[s].demand)
        }
        for v in members {
            model.addConstraint(total(v) <= c[v].capacityFTE)
            model.addConstraint(total(v) >= max(c[v].minimumFTE, r.minEngagementFTE))   // m_v = max(min_fte_v, e)
            model.addConstraint(total(v) <= r.maxShare * D)
        }
        var cost = LinearExpression()
        var onboarding = 0.0
        for v in members {
            for (s, variable) in x[v] ?? [:] { cost += q * rate(v, s) * variable }
            onboarding += c[v].onboardingCost
        }
        if let budget = r.budget { model.addConstraint(cost <= budget + 0.005 - onboarding) }   // to the half cent
        if let h = r.teamOverlapHours, h > 0 {
            model.addConstraint(members.map { (c[$0].overlapHours - h) * total($0) }.sum() >= 0)
        }
        for country in RandomRuleProblems.countries {
            let share = rules.countryShare[country] ?? rules.maxCountryShare
            let inCountry = members.filter { c[$0].country == country }
            guard share < 1, !inCountry.isEmpty else { continue }
            model.addConstraint(inCountry.map { total($0) }.sum() <= share * D)
        }
        let utility = members.map { c[$0].utility * total($0) }.sum()
        if let mu = r.minMeanUtility { model.addConstraint(utility >= mu * D) }
        model.objective = minimizeCost ? cost : utility
        var options = SolveOptions()
        options.integralityTolerance = 1e-9
        options.presolve = false
        let solution = try GLPKSolver().solve(model, options: options)
        guard solution.termination == .optimal, let value = solution.objectiveValue else { return nil }
        return minimizeCost ? value + onboarding : value
    }

    /// The rules a reported team breaks, checked here from the numbers it reports.
    static func check(_ team: TeamSolution, _ problem: TeamProblem, _ rules: RandomRuleProblems.Rules) -> [String] {
        var problems: [String] = []
        let D = problem.requirements.totalDemand
        let byID = Dictionary(problem.candidates.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let ids = Set(team.members.map(\.id))
        for pin in rules.pins where !ids.contains(pin) { problems.append("pinned \(pin) missing") }
        var perCountry: [String: Double] = [:]
        for member in team.members { perCountry[byID[member.id]!.country, default: 0] += member.fte }
        for (country, fte) in perCountry {
            let share = rules.countryShare[country] ?? rules.maxCountryShare
            if fte > share * D + 1e-7 { problems.append("\(country) has \(fte) FTE over \(share)") }
        }
        if perCountry.count < rules.minCountries { problems.append("only \(perCountry.count) countries") }
        var total = 0.0
        for member in team.members {
            let candidate = byID[member.id]!
            var work = 0.0
            for part in member.skills {
                let s = problem.requirements.skills.firstIndex { $0.name == part.skill }!
                let k = candidate.skills.firstIndex(of: s)!
                work += part.fte * (candidate.skillCostPerFTE?[k] ?? candidate.costPerFTE)
            }
            let expected = work + candidate.onboardingCost
            if abs(expected - member.cost) > 1e-6 * max(1, expected) { problems.append("\(member.id) cost \(member.cost) ≠ \(expected)") }
            if member.onboardingCost != candidate.onboardingCost { problems.append("\(member.id) onboarding") }
            total += expected
        }
        if let budget = problem.requirements.budget, total > budget + 0.005 { problems.append("cost \(total) over \(budget)") }
        if let mu = problem.requirements.minMeanUtility {
            let utility = team.members.reduce(0) { $0 + $1.utility * $1.fte }
            if utility < mu * D * (1 - 1e-9) { problems.append("utility \(utility) below floor \(mu * D)") }
        }
        return problems
    }
}
