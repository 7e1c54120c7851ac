import Foundation
@testable import PartnerMatch
import Testing

/// Property suites of issue 21 on random pools written as files: a vendor CSV and a scenario TOML,
/// read by the same readers as a user's files. Every suggestion is typed back into the scenario's
/// *text* (its key's line edited as a person would) and the file read, scored and solved again.
@Suite("Suggestions typed back into the file, and one answer per budget")
struct TypedBackPropertyTests {
    static let countries = [("IN", "Asia/Kolkata"), ("PL", "Europe/Warsaw"), ("VN", "Asia/Ho_Chi_Minh")]
    static let skillNames = ["backend", "ios", "qa"]

    /// A random pool (CSV text) and scenario (TOML text), often infeasible.
    static func make(seed: UInt64) -> (csv: String, toml: String) {
        var rng = TestRandom(seed: seed)
        let skillCount = Int.random(in: 2...3, using: &rng)
        var csv = "id,name,country,timezone,hourly_rate,rates,quality,capacity_fte,max_fte,min_fte,skills\n"
        let n = Int.random(in: 4...7, using: &rng)
        for v in 0..<n {
            var offered = (0..<skillCount).filter { _ in Double.random(in: 0..<1, using: &rng) < 0.6 }
            if offered.isEmpty { offered = [Int.random(in: 0..<skillCount, using: &rng)] }
            let (country, zone) = countries[Int.random(in: 0..<countries.count, using: &rng)]
            let rate = Double(Int.random(in: 2_000...6_000, using: &rng)) / 100   // rates with cents
            var rates = ""
            if Bool.random(using: &rng) {
                rates = offered.map { "\(skillNames[$0])=\(Double(Int.random(in: 2_000...6_000, using: &rng)) / 100)" }.joined(separator: ";")
            }
            let capacity = Double(Int.random(in: 2...8, using: &rng)) * 0.5
            let minimum = [0, 0.5, 1][Int.random(in: 0...2, using: &rng)]
            csv += "V\(v),Vendor \(v),\(country),\(zone),\(rate),\(rates),\(Int.random(in: 50...95, using: &rng)),\(capacity),\(capacity * 1.5),\(minimum),"
                + offered.map { skillNames[$0] }.joined(separator: ";") + "\n"
        }
        var demand = ""
        var total = 0.0
        for s in 0..<skillCount {
            let d = Double(Int.random(in: 2...7, using: &rng)) * 0.5
            total += d
            demand += "\(skillNames[s]) = \(d)\n"
        }
        let step = Bool.random(using: &rng)
        var rules = ""
        if Bool.random(using: &rng) { rules += "max_vendors = \(Int.random(in: 1...3, using: &rng))\n" }
        if Bool.random(using: &rng) { rules += "max_share = \([0.5, 0.7][Int.random(in: 0...1, using: &rng)])\n" }
        if Bool.random(using: &rng) { rules += "max_rate = \(Double(Int.random(in: 3_500...5_500, using: &rng)) / 100)\n" }
        if Bool.random(using: &rng) { rules += "min_quality = \(Int.random(in: 60...85, using: &rng))\n" }
        if Bool.random(using: &rng) { rules += "backups = { backend = 2 }\n" }
        if step { rules += "fte_step = 0.5\n" }
        rules += "growth = \(Bool.random(using: &rng) ? 1.0 : 1.3)\n"
        let budget = (total * 40 * 480 * Double.random(in: 0.5...1.2, using: &rng) * 100).rounded() / 100
        let toml = """
            name = "random \(seed)"
            currency = "USD"
            [client]
            timezone = "Europe/Berlin"
            [demand]
            \(demand)[horizon]
            months = 3
            hours_per_month = 160
            [budget]
            total = \(budget)
            [rules]
            \(rules)
            """
        return (csv, toml)
    }

    /// The scenario text with `key` set to `value` (a line edited, or added under `[rules]`, the last table).
    static func set(_ key: String, _ value: String, in text: String) -> String {
        var lines = text.components(separatedBy: "\n")
        let (table, name) = key.hasPrefix("budget.") ? ("budget", "total")
            : key.hasPrefix("demand.") ? ("demand", String(key.dropFirst(7)))
            : ("rules", String(key.dropFirst(6)))
        var current = ""
        for (i, line) in lines.enumerated() {
            if line.hasPrefix("[") { current = String(line.dropFirst().dropLast()); continue }
            if current == table, line.hasPrefix(name + " = ") {
                lines[i] = "\(name) = \(value)"
                return lines.joined(separator: "\n")
            }
        }
        return text + "\(name) = \(value)\n"
    }

    /// The scenario text with one change typed in as printed; `nil` when the test cannot type it.
    static func typeBack(_ change: Relaxation, value: Double? = nil, into text: String) -> String? {
        let v = Format.number(value ?? change.needed, decimals: 6)
        if change.dropsSkill && value == nil, let skill = change.skill {
            // Drop the demand line, and the skill's backups entry (the reader refuses it otherwise).
            var lines = text.components(separatedBy: "\n").filter { !$0.hasPrefix(skill + " = ") }
            lines = lines.compactMap { line in
                guard line.hasPrefix("backups = ") else { return line }
                return line.contains(skill) ? nil : line
            }
            return lines.joined(separator: "\n")
        }
        if change.constraint.hasPrefix("rules.backups."), let skill = change.skill {
            let n = Int(value ?? change.needed)
            let lines = text.components(separatedBy: "\n").map { line in
                line.hasPrefix("backups = ") ? (n == 0 ? "" : "backups = { \(skill) = \(n) }") : line
            }
            return lines.joined(separator: "\n")
        }
        if change.constraint == "rules.include_vendors" || change.constraint.hasPrefix("rules.country_share") { return nil }
        return set(change.constraint, v, in: text)
    }

    static func run(_ csv: String, _ toml: String) throws -> ScoredPool? {
        let scenario = try ScenarioReader.read(bytes: Array(toml.utf8), path: "scenario.toml")
        let read = try VendorCSVReader.read(bytes: Array(csv.utf8), source: "vendors.csv",
                                            options: VendorReadOptions(currency: scenario.currency, fx: scenario.fx))
        return ScoredPool(pool: read.pool, scenario: scenario)
    }

    static func hasTeam(_ csv: String, _ toml: String) throws -> Bool {
        guard let scored = try run(csv, toml) else { return false }
        return try TeamOptimizer().solve(TeamProblem(scored: scored)).status.hasTeam
    }

    /// One ladder step closer to the scenario's value than `change` (nil: no step in between).
    static func oneStepCloser(_ change: Relaxation, step: Double) -> Double? {
        switch change.rule {
        case .budget: return nil   // checked below against the least cost
        case .demand: return change.dropsSkill ? step : change.needed + step
        default: return InfeasibilityExplanationTests.oneStepLess(change, TeamProblem(candidates: [], requirements: TeamRequirements(skills: [], budget: nil)))
        }
    }

    @Test("Every printed suggestion, typed back into the file text, gives a team; one ladder step closer does not",
          arguments: [UInt64(21_000), 22_000])
    func suggestionsTypedBack(from: UInt64) throws {
        var infeasible = 0, typed = 0
        for seed in from..<(from + 60) {
            let (csv, toml) = Self.make(seed: seed)
            guard let scored = try Self.run(csv, toml) else { continue }
            let problem = TeamProblem(scored: scored)
            let optimizer = TeamOptimizer()
            let best = try optimizer.solve(problem)
            guard best.status == .infeasible else { continue }
            infeasible += 1
            let changes = try TypedBackCheck(optimizer: optimizer).checked(best.relaxations, scored: scored, problem: problem)
            let step = problem.requirements.fteStep ?? 0.01
            for group in Dictionary(grouping: changes, by: \.group).values {
                var text = toml
                var typeable = true
                for change in group {
                    guard let edited = Self.typeBack(change, into: text) else { typeable = false; break }
                    text = edited
                }
                guard typeable else { continue }
                typed += 1
                #expect(try Self.hasTeam(csv, text), "seed \(seed): \(group.map(\.message)) typed back has no team\n\(text)")
                guard group.count == 1, let change = group.first else { continue }
                if change.rule == .budget {
                    // To the cent: no team costs a cent less than the suggestion (beyond the half cent).
                    var free = problem
                    free.requirements.budget = nil
                    let least = try #require(try BudgetAnalysis(problem: free).minimumBudget())
                    #expect(least == change.needed, "seed \(seed): least cost \(least), suggested \(change.needed)")
                } else if let closer = Self.oneStepCloser(change, step: step), let edited = Self.typeBack(change, value: closer, into: toml) {
                    #expect(try !Self.hasTeam(csv, edited), "seed \(seed): \(change.message), yet one step closer (\(closer)) works")
                }
            }
            // Eligibility changes, typed back as printed.
            let eligibility = try EligibilityExplainer(optimizer: optimizer).explain(scored)
            for change in eligibility.relaxations {
                guard case .number(let x) = change.needed else { continue }
                let text = Self.set(change.constraint, Format.number(x, decimals: 6), in: toml)
                #expect(try Self.hasTeam(csv, text), "seed \(seed): \(change.message) typed back has no team")
                typed += 1
                // One hundredth closer to the scenario's value admits fewer vendors: no team.
                let closer = change.rule == .maxRate ? x - 0.01 : x + 0.01
                let tighter = Self.set(change.constraint, Format.number(closer, decimals: 6), in: toml)
                #expect(try !Self.hasTeam(csv, tighter), "seed \(seed): \(change.message), yet \(closer) works")
            }
        }
        #expect(infeasible > 10, "\(infeasible) infeasible scenarios")
        #expect(typed > 10, "\(typed) suggestions typed back")
    }

    @Test("optimize at the minimum budget, and at the cent above, always has a team", arguments: [UInt64(23_000), 24_000])
    func minimumBudgetHasATeam(from: UInt64) throws {
        var checked = 0
        for seed in from..<(from + 50) {
            let (csv, toml) = Self.make(seed: seed)
            guard let scored = try Self.run(csv, toml) else { continue }
            let analysis = BudgetAnalysis(problem: TeamProblem(scored: scored))
            guard let minimum = try analysis.minimumBudget() else { continue }
            #expect(minimum == Money.roundedUpToCent(minimum), "seed \(seed): \(minimum) is not in cents")
            for budget in [minimum, minimum + 0.01] {
                let text = Self.set("budget.total", Format.number(budget, decimals: 2), in: toml)
                #expect(try Self.hasTeam(csv, text), "seed \(seed): no team at \(budget)")
            }
            checked += 1
        }
        #expect(checked > 10)
    }

    @Test("The sweep's team at the scenario's budget is optimize's team", arguments: [UInt64(25_000)])
    func sweepAgreesWithOptimize(from: UInt64) throws {
        var checked = 0
        for seed in from..<(from + 90) {
            let (csv, toml) = Self.make(seed: seed)
            guard let scored = try Self.run(csv, toml) else { continue }
            let problem = TeamProblem(scored: scored)
            let team = try TeamOptimizer().solve(problem)
            guard team.status.hasTeam, let budget = problem.requirements.budget else { continue }
            let analysis = BudgetAnalysis(problem: problem)
            // Budgets around B, B itself not among them (the anchor holds whether or not B is swept).
            let budgets = [0.6, 0.8, 0.95, 1.05, 1.3].map { ($0 * budget).rounded() }
            let optimal = try analysis.sweep(budgets)
            let frontier = try analysis.frontier(optimal, tolerance: 1, materiality: 0.001, minimumBudget: try analysis.minimumBudget(),
                                                 anchor: budget)
            #expect(frontier.points.count == budgets.count)
            // The kept team at each swept budget is feasible there and materially optimal.
            for (point, best) in zip(frontier.points, optimal) {
                #expect(point.team.status.hasTeam == best.team.status.hasTeam, "seed \(seed) at \(point.budget)")
                if let u = point.team.objective, let b = best.team.objective {
                    #expect(u >= 0.999 * b - 1e-7 * max(1, b), "seed \(seed) at \(point.budget)")
                    #expect(Money.fits(point.team.totalCost ?? .infinity, within: point.budget))
                }
            }
            // At B itself: the swept frontier with B among the budgets shows optimize's team.
            let withB = (budgets + [budget]).sorted()
            let anchored = try analysis.frontier(try analysis.sweep(withB), tolerance: 1, materiality: 0.001,
                                                 minimumBudget: try analysis.minimumBudget(), anchor: budget)
            let atB = try #require(anchored.points.first { $0.budget == budget })
            #expect(atB.team.vendorSet == team.vendorSet, "seed \(seed): sweep \(atB.team.vendorSet), optimize \(team.vendorSet)")
            checked += 1
        }
        #expect(checked > 12)
    }
}
