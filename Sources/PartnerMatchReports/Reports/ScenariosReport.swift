import PartnerMatch

/// Renders a budget sweep (`partner-match scenarios`) in each output format. Everything printed
/// comes from `BudgetAnalysis`; nothing here computes the model. No timing is printed, so a
/// parallel and a sequential run print the same bytes.
public struct ScenariosReport: Report {
    public var scored: ScoredPool
    /// The reported team at each budget (kept while materially optimal).
    public var points: [BudgetAnalysis.Point]
    /// The optimal team at each budget (the same budgets).
    public var optimal: [BudgetAnalysis.Point]
    public var minimumBudget: Double?
    public var saturation: (budget: Double, objective: Double)?
    public var breakpoints: [BudgetAnalysis.Breakpoint]
    public var tolerance: Double
    public var materiality: Double
    public var pruning: PruningReport

    public init(scored: ScoredPool, points: [BudgetAnalysis.Point], optimal: [BudgetAnalysis.Point], minimumBudget: Double?,
                saturation: (budget: Double, objective: Double)?, breakpoints: [BudgetAnalysis.Breakpoint], tolerance: Double,
                materiality: Double, pruning: PruningReport) {
        (self.scored, self.points, self.optimal, self.minimumBudget, self.saturation) = (scored, points, optimal, minimumBudget, saturation)
        (self.breakpoints, self.tolerance, self.materiality, self.pruning) = (breakpoints, tolerance, materiality, pruning)
    }

    private var scenario: Scenario { scored.scenario }
    private var currency: String { scenario.currency }
    private var demand: Double { scored.scenario.demand.total }

    /// Vendors joining and leaving at a breakpoint (everyone joins when no team existed before).
    static func joinsAndLeaves(_ b: BudgetAnalysis.Breakpoint) -> (joins: [String], leaves: [String]) {
        guard b.feasibleBefore else { return (b.after, []) }
        return (b.after.filter { !b.before.contains($0) }, b.before.filter { !b.after.contains($0) })
    }

    /// `id (name)` for a vendor of the pool.
    private func name(_ id: String) -> String {
        guard let i = scored.pool.index(ofID: id) else { return id }
        return "\(id) \(scored.pool.names[i])"
    }

    /// The kept-team rule, stated beside every sweep (docs/WHAT-IF.md, "The frontier").
    public var keptTeamRule: String {
        let within = scored.scenario.objective == .cost
            ? "a team is kept while its cost is within \(Format.number(materiality * 100))% of the cheapest"
            : "a team is kept while within \(Format.number(materiality * 100))% of the optimum"
        guard let anchor = anchor else { return within }
        return within + "; anchored at the scenario's budget of \(Money.text(anchor)) \(currency), where the team is optimize's"
    }

    /// The scenario's budget when it lies within the swept range (the frontier is anchored there).
    var anchor: Double? {
        guard scenario.hasBudget, let first = points.first?.budget, let last = points.last?.budget,
              scenario.budget >= first, scenario.budget <= last else { return nil }
        return scenario.budget
    }

    private func meanUtility(_ team: TeamSolution) -> Double? {
        team.meanUtility ?? team.objective.map { $0 / demand }
    }

    // MARK: Table and Markdown

    public func text(_ terminal: Terminal, markdown: Bool) -> String {
        let heading = "\(markdown ? HumanText.markdownInline(scenario.name) : HumanText.inline(scenario.name)): budget sweep, \(points.count) budget\(points.count == 1 ? "" : "s")"
            + (points.count > 1 ? " from \(Format.money(points.first!.budget)) to \(Format.money(points.last!.budget)) \(currency)" : "")
        var out = markdown ? "## \(heading)\n\n" : terminal.bold(heading) + "\n"
        var candidates = "\(scored.pool.count) vendors, \(scored.eligibleCount) eligible"
        if pruning.after < pruning.before { candidates += ", \(pruning.after) left after exact dominance pruning" }
        out += candidates + "\n\n"

        var table = TextTable([
            .init(title: "Budget \(currency)", alignment: .right),
            .init(title: "Status", alignment: .left),
            .init(title: "Objective", alignment: .right),
            .init(title: "Mean utility", alignment: .right),
            .init(title: "Cost \(currency)", alignment: .right),
            .init(title: "Team", alignment: .left, flexible: true, minimumWidth: 12),
        ])
        for point in points {
            let team = point.team
            if team.status.hasTeam {
                table.append([Format.money(point.budget), team.status.rawValue, fixed(team.objective ?? 0, 4),
                              fixed(meanUtility(team) ?? 0, 4), Format.money(team.totalCost ?? 0),
                              team.vendorSet.map(name).joined(separator: ", ")])
            } else {
                table.append([Format.money(point.budget), team.status.rawValue, "", "", "", "no team"])
            }
        }
        out += (markdown ? table.renderMarkdown() : table.render(terminal)) + "\n"

        func line(_ s: String) -> String { (markdown ? "- " : "") + HumanText.inline(s) + "\n" }
        if let m = minimumBudget {
            out += line("Minimum feasible budget: \(Money.text(m)) \(currency) (the cheapest team that meets every other rule, to the cent)")
        } else {
            out += line("Minimum feasible budget: none: no budget makes this scenario feasible")
        }
        if let s = saturation {
            out += line("Saturation budget: \(Format.money(s.budget)) \(currency) (utility \(fixed(s.objective, 4)), mean \(fixed(s.objective / demand, 4)) per FTE): more money buys nothing")
        } else {
            out += line("Saturation budget: none: no team exists at any budget")
        }
        let tol = "\(Format.money(tolerance)) \(currency)"
        let rule = keptTeamRule
        if breakpoints.isEmpty {
            out += line("Team changes: none between the swept budgets (\(rule); located to within \(tol))")
            return out
        }
        out += "\n" + (markdown ? "### Team changes (\(rule); located to within \(tol))\n\n"
            : terminal.bold("Team changes (\(rule); located to within \(tol))") + "\n")
        var changes = TextTable([
            .init(title: "From budget \(currency)", alignment: .right),
            .init(title: "Joins", alignment: .left, flexible: true, minimumWidth: 10),
            .init(title: "Leaves", alignment: .left, flexible: true, minimumWidth: 10),
            .init(title: "Utility gain", alignment: .right),
        ])
        for b in breakpoints {
            let (joins, leaves) = Self.joinsAndLeaves(b)
            changes.append([Format.money(b.budget), (b.feasibleBefore ? "" : "team forms: ") + joins.map(name).joined(separator: ", "),
                            leaves.map(name).joined(separator: ", "), b.utilityGain.map { ($0 >= 0 ? "+" : "") + fixed($0, 4) } ?? ""])
        }
        out += markdown ? changes.renderMarkdown() : changes.render(terminal)
        return out
    }

    // MARK: CSV

    /// One table: a row per swept budget (`point`), then the `minimum`, `saturation` and each
    /// `breakpoint`; a kind leaves the columns it has no value for empty.
    public func csv() -> String {
        var out = CSV.row(["kind", "budget", "status", "objective", "mean_utility", "total_cost", "team", "joins", "leaves", "utility_gain"])
        func number(_ x: Double?, _ decimals: Int) -> String { x.map { Format.number($0, decimals: decimals) } ?? "" }
        for point in points {
            let team = point.team
            out += CSV.row(["point", number(point.budget, 2), team.status.rawValue, number(team.objective, 6),
                            number(meanUtility(team), 6), number(team.totalCost, 2), team.vendorSet.joined(separator: ";"), "", "", ""])
        }
        if let m = minimumBudget { out += CSV.row(["minimum", number(m, 2), "", "", "", "", "", "", "", ""]) }
        if let s = saturation {
            out += CSV.row(["saturation", number(s.budget, 2), "", number(s.objective, 6), number(s.objective / demand, 6), "", "", "", "", ""])
        }
        for b in breakpoints {
            let (joins, leaves) = Self.joinsAndLeaves(b)
            out += CSV.row(["breakpoint", number(b.budget, 2), "", "", "", "", b.after.joined(separator: ";"),
                            joins.joined(separator: ";"), leaves.joined(separator: ";"), number(b.utilityGain, 6)])
        }
        return out
    }

    // MARK: JSON (docs/MODEL.md, "Machine-readable outputs")

    private func number(_ x: Double?) -> JSONValue { x.map(JSONValue.number) ?? .null }
    private func ids(_ list: [String]) -> JSONValue { .array(list.map(JSONValue.string)) }

    public func json() -> JSONValue {
        .object([
            "scenario": .string(scenario.name),
            "currency": .string(currency),
            "tolerance": .number(tolerance),
            "materiality": .number(materiality),
            // The budget the frontier is anchored at (the scenario's, when swept over), and the rule in words.
            "anchor_budget": number(anchor),
            "kept_team_rule": .string(keptTeamRule),
            "points": .array(zip(points, optimal).map { point, best in
                var object: [String: JSONValue] = [
                    "budget": .number(point.budget), "status": .string(point.team.status.rawValue),
                    "objective": number(point.team.objective), "mean_utility": number(meanUtility(point.team)),
                    "total_cost": number(point.team.totalCost), "team": ids(point.team.vendorSet),
                    "best_objective": number(best.team.objective),
                ]
                if !point.team.relaxedRules.isEmpty { object["relaxed_rules"] = TeamReport.relaxedRulesJSON(point.team.relaxedRules) }
                return .object(object)
            }),
            "min_budget": number(minimumBudget),
            "saturation_budget": number(saturation?.budget),
            "saturation_objective": number(saturation?.objective),
            "breakpoints": .array(breakpoints.map { b in
                let (joins, leaves) = Self.joinsAndLeaves(b)
                return .object([
                    "budget": .number(b.budget), "last_before": .number(b.lastBefore),
                    "before": b.feasibleBefore ? ids(b.before) : .null, "after": ids(b.after),
                    "feasible_before": .bool(b.feasibleBefore), "joins": ids(joins), "leaves": ids(leaves),
                    "utility_gain": number(b.utilityGain),
                ])
            }),
            "changes": .array(breakpoints.map { b in
                let (joins, leaves) = Self.joinsAndLeaves(b)
                return .object(["budget": .number(b.budget), "joins": ids(joins), "leaves": ids(leaves),
                                "utility_gain": number(b.utilityGain)])
            }),
            "candidates": .object([
                "pool": .integer(scored.pool.count), "eligible": .integer(scored.eligibleCount),
                "after_pruning": .integer(pruning.after),
            ]),
        ])
    }
}
