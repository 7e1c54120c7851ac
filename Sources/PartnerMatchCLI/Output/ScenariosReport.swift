import PartnerMatch

/// Renders a budget sweep (`partner-match scenarios`) in each output format. Everything printed
/// comes from `BudgetAnalysis`; nothing here computes the model. No timing is printed, so a
/// parallel and a sequential run print the same bytes.
struct ScenariosReport {
    var scored: ScoredPool
    /// The reported team at each budget (kept while materially optimal).
    var points: [BudgetAnalysis.Point]
    /// The optimal team at each budget (the same budgets).
    var optimal: [BudgetAnalysis.Point]
    var minimumBudget: Double?
    var saturation: (budget: Double, objective: Double)?
    var breakpoints: [BudgetAnalysis.Breakpoint]
    var tolerance: Double
    var materiality: Double
    var pruning: PruningReport

    private var scenario: Scenario { scored.scenario }
    private var currency: String { scenario.currency }
    private var demand: Double { scored.resolved.totalDemand }

    func render(_ format: OutputFormat, terminal: Terminal) -> String {
        switch format {
        case .table: HumanText.document(text(terminal, markdown: false), terminal: terminal, markdown: false)
        case .markdown: HumanText.document(text(terminal, markdown: true), terminal: terminal, markdown: true)
        case .csv: csv()
        case .json, .xlsx: json().rendered()
        }
    }

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

    private func meanUtility(_ team: TeamSolution) -> Double? {
        team.meanUtility ?? team.objective.map { $0 / demand }
    }

    // MARK: Table and Markdown

    private func text(_ terminal: Terminal, markdown: Bool) -> String {
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
            out += line("Minimum feasible budget: \(Format.money(m)) \(currency) (the cheapest team that meets every other rule)")
        } else {
            out += line("Minimum feasible budget: none: no budget makes this scenario feasible")
        }
        if let s = saturation {
            out += line("Saturation budget: \(Format.money(s.budget)) \(currency) (utility \(fixed(s.objective, 4)), mean \(fixed(s.objective / demand, 4)) per FTE): more money buys nothing")
        } else {
            out += line("Saturation budget: none: no team exists at any budget")
        }
        let tol = "\(Format.money(tolerance)) \(currency)"
        let rule = "a team is kept while within \(Format.number(materiality * 100))% of the optimum"
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
                            leaves.map(name).joined(separator: ", "), b.utilityGain.map { "+" + fixed($0, 4) } ?? ""])
        }
        out += markdown ? changes.renderMarkdown() : changes.render(terminal)
        return out
    }

    // MARK: CSV

    /// One table: a row per swept budget (`point`), then the `minimum`, `saturation` and each
    /// `breakpoint`; a kind leaves the columns it has no value for empty.
    private func csv() -> String {
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

    func json() -> JSONValue {
        .object([
            "scenario": .string(scenario.name),
            "currency": .string(currency),
            "tolerance": .number(tolerance),
            "materiality": .number(materiality),
            "points": .array(zip(points, optimal).map { point, best in
                .object([
                    "budget": .number(point.budget), "status": .string(point.team.status.rawValue),
                    "objective": number(point.team.objective), "mean_utility": number(meanUtility(point.team)),
                    "total_cost": number(point.team.totalCost), "team": ids(point.team.vendorSet),
                    "best_objective": number(best.team.objective),
                ])
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

// MARK: - Scenario batches

/// Renders a `ScenarioComparison` (`partner-match compare`): one row per scenario in input order,
/// then which vendor is in which team, and the vendors common to every team.
struct ComparisonReport {
    var comparison: ScenarioComparison

    private var entries: [ScenarioComparison.Entry] { comparison.entries }

    func render(_ format: OutputFormat, terminal: Terminal) -> String {
        switch format {
        case .table: HumanText.document(text(terminal, markdown: false), terminal: terminal, markdown: false)
        case .markdown: HumanText.document(text(terminal, markdown: true), terminal: terminal, markdown: true)
        case .csv: csv()
        case .json, .xlsx: json().rendered()
        }
    }

    private func fileName(_ source: String) -> String {
        source.split(separator: "/").last.map(String.init) ?? source
    }

    private func text(_ terminal: Terminal, markdown: Bool) -> String {
        let heading = "\(entries.count) scenarios on \(entries.first?.scored.pool.count ?? 0) vendors"
        var out = markdown ? "## \(heading)\n\n" : terminal.bold(heading) + "\n\n"
        var table = TextTable([
            .init(title: "#", alignment: .right),
            .init(title: "Scenario", alignment: .left, flexible: true, minimumWidth: 10),
            .init(title: "Status", alignment: .left),
            .init(title: "Budget", alignment: .right),
            .init(title: "Cost", alignment: .right),
            .init(title: "Utility", alignment: .right),
            .init(title: "Mean", alignment: .right),
            .init(title: "Team", alignment: .left, flexible: true, minimumWidth: 10),
        ])
        for (k, entry) in entries.enumerated() {
            let team = entry.team
            let name = "\(entry.scenario.name) (\(fileName(entry.source)))"
            // objective = "cost" may leave the budget out.
            let budget = entry.scenario.hasBudget ? Format.money(entry.scenario.budget) + " " + entry.scenario.currency : "none"
            if team.status.hasTeam {
                table.append([String(k + 1), name, team.status.rawValue, budget, Format.money(team.totalCost ?? 0),
                              fixed(team.objective ?? 0, 4), fixed(team.meanUtility ?? 0, 4), team.vendorSet.joined(separator: ", ")])
            } else {
                table.append([String(k + 1), name, team.status.rawValue, budget, "", "", "", "no team"])
            }
        }
        out += (markdown ? table.renderMarkdown() : table.render(terminal)) + "\n"

        let matrix = comparison.vendorMatrix
        if !matrix.isEmpty {
            out += markdown ? "### FTE by vendor and scenario\n\n" : terminal.bold("FTE by vendor and scenario") + "\n"
            var grid = TextTable([.init(title: "Vendor", alignment: .left, flexible: true, minimumWidth: 10)]
                + entries.indices.map { .init(title: "#\($0 + 1)", alignment: .right) }
                + [.init(title: "In", alignment: .right)])
            let pool = entries[0].scored.pool
            for row in matrix {
                let name = pool.index(ofID: row.id).map { pool.names[$0] } ?? ""
                let count = row.fte.compactMap { $0 }.count
                grid.append(["\(row.id) \(name)"] + row.fte.map { $0.map { Format.number($0) } ?? "" } + ["\(count)/\(entries.count)"])
            }
            out += (markdown ? grid.renderMarkdown() : grid.render(terminal)) + "\n"
        }

        func line(_ s: String) -> String { (markdown ? "- " : "") + HumanText.inline(s) + "\n" }
        let withTeam = entries.count - comparison.withoutTeam.count
        if withTeam == 0 {
            out += line("Common to all teams: no scenario has a team")
        } else {
            let scope = comparison.withoutTeam.isEmpty ? "all teams" : "all \(withTeam) teams"
            out += line("Common to \(scope): " + (comparison.commonVendors.isEmpty ? "none" : comparison.commonVendors.joined(separator: ", ")))
        }
        out += markdown ? "\n### Binding rules\n\n" : "\n" + terminal.bold("Binding rules") + "\n"
        for (k, entry) in entries.enumerated() {
            let team = entry.team
            if team.status.hasTeam {
                let rules = team.binding.map(\.code)
                out += line("#\(k + 1) \(entry.scenario.name): " + (rules.isEmpty ? "none" : rules.joined(separator: ", ")))
            } else if let first = team.relaxations.first {
                out += line("#\(k + 1) \(entry.scenario.name): \(team.status.rawValue); e.g. \(first.message)")
            } else {
                out += line("#\(k + 1) \(entry.scenario.name): \(team.status.rawValue)")
            }
        }
        return out
    }

    private func csv() -> String {
        var out = CSV.row(["index", "file", "scenario", "status", "budget", "total_cost", "objective", "mean_utility",
                           "team", "binding", "common"])
        let common = Set(comparison.commonVendors)
        for (k, entry) in entries.enumerated() {
            let team = entry.team
            func number(_ x: Double?, _ d: Int) -> String { x.map { Format.number($0, decimals: d) } ?? "" }
            out += CSV.row([String(k + 1), entry.source, entry.scenario.name, team.status.rawValue,
                            entry.scenario.hasBudget ? number(entry.scenario.budget, 2) : "", number(team.totalCost, 2), number(team.objective, 6),
                            number(team.meanUtility, 6), team.vendorSet.joined(separator: ";"),
                            team.binding.map(\.code).joined(separator: ";"),
                            team.vendorSet.filter(common.contains).joined(separator: ";")])
        }
        return out
    }

    private func number(_ x: Double?) -> JSONValue { x.map(JSONValue.number) ?? .null }

    func json() -> JSONValue {
        .object([
            "vendors": .integer(entries.first?.scored.pool.count ?? 0),
            "common_vendors": .array(comparison.commonVendors.map(JSONValue.string)),
            "scenarios": .array(entries.enumerated().map { k, entry in
                let team = entry.team
                var object: [String: JSONValue] = [
                    "index": .integer(k + 1), "file": .string(entry.source), "name": .string(entry.scenario.name),
                    "currency": .string(entry.scenario.currency), "budget": entry.scenario.hasBudget ? .number(entry.scenario.budget) : .null,
                    "status": .string(team.status.rawValue), "objective": number(team.objective),
                    "mean_utility": number(team.meanUtility), "total_cost": number(team.totalCost),
                    "eligible": .integer(entry.scored.eligibleCount),
                    "team": .array(team.members.map { member in
                        .object(["id": .string(member.id), "fte": .number(member.fte), "cost": .number(member.cost),
                                 "utility": .number(member.utility)])
                    }),
                    "binding": .array(team.binding.map { .object(["code": .string($0.code), "message": .string($0.message)]) }),
                ]
                if team.status == .infeasible {
                    object["relaxations"] = .array(team.relaxations.map {
                        .object(["constraint": .string($0.constraint), "needed": .number($0.needed), "message": .string($0.message)])
                    })
                }
                return .object(object)
            }),
        ])
    }
}
