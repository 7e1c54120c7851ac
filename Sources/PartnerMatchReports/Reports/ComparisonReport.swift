import PartnerMatch

/// Renders a `ScenarioComparison` (`partner-match compare`): one row per scenario in input order,
/// then which vendor is in which team, and the vendors common to every team.
public struct ComparisonReport: Report {
    public var comparison: ScenarioComparison
    /// With `compare --rule-prices`: each scenario's rule prices, in scenario order.
    public var rulePrices: [RulePricesReport]?

    public init(comparison: ScenarioComparison, rulePrices: [RulePricesReport]? = nil) {
        self.comparison = comparison
        self.rulePrices = rulePrices
    }

    private var entries: [ScenarioComparison.Entry] { comparison.entries }

    private func fileName(_ source: String) -> String {
        source.split(separator: "/").last.map(String.init) ?? source
    }

    public func text(_ terminal: Terminal, markdown: Bool) -> String {
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
            // The largest share of every skill the rest carries when one vendor / one country leaves.
            .init(title: "Vendor exit", alignment: .right),
            .init(title: "Country loss", alignment: .right),
            .init(title: "Team", alignment: .left, flexible: true, minimumWidth: 10),
        ])
        for (k, entry) in entries.enumerated() {
            let team = entry.team
            let name = "\(entry.scenario.name) (\(fileName(entry.source)))"
            // objective = "cost" may leave the budget out.
            let budget = entry.scenario.hasBudget ? Format.money(entry.scenario.budget) + " " + entry.scenario.currency : "none"
            if team.status.hasTeam {
                table.append([String(k + 1), name, team.status.rawValue, budget, Format.money(team.totalCost ?? 0),
                              fixed(team.objective ?? 0, 4), fixed(team.meanUtility ?? 0, 4),
                              team.survives.map { TeamReport.percent($0.vendorExitLevel) } ?? "",
                              team.survives.map { TeamReport.percent($0.countryLossLevel) } ?? "",
                              team.vendorSet.joined(separator: ", ")])
            } else {
                table.append([String(k + 1), name, team.status.rawValue, budget, "", "", "", "", "", "no team"])
            }
        }
        out += (markdown ? table.renderMarkdown() : table.render(terminal))
        if entries.contains(where: { $0.team.survives != nil }) {
            out += (markdown ? "\n" : "") + "Vendor exit, Country loss: the share of every skill's demand the rest of the team can still supply when any one vendor, or any one country's vendors, leave.\n"
        }
        out += "\n"

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
                for relaxed in team.relaxedRules { out += line("#\(k + 1) \(entry.scenario.name): \(relaxed.message)") }
            } else if let first = team.relaxations.first {
                out += line("#\(k + 1) \(entry.scenario.name): \(team.status.rawValue); e.g. \(first.message)")
            } else {
                out += line("#\(k + 1) \(entry.scenario.name): \(team.status.rawValue)")
            }
        }
        if let rulePrices { out += pricesSideBySide(rulePrices, terminal: terminal, markdown: markdown) }
        return out
    }

    /// Each rule's price in every scenario, one column per scenario (`—`: the rule is not in force there).
    private func pricesSideBySide(_ reports: [RulePricesReport], terminal: Terminal, markdown: Bool) -> String {
        var rules: [String] = []
        var cells: [String: [String]] = [:]
        for (k, report) in reports.enumerated() {
            for price in report.prices {
                let rule = RulePricesReport.ruleName(price)
                if cells[rule] == nil {
                    rules.append(rule)
                    cells[rule] = Array(repeating: "—", count: reports.count)
                }
                cells[rule]![k] = report.cell(price)
            }
        }
        let title = "What each rule costs, side by side (the best team without it, one rule at a time)"
        var table = TextTable([.init(title: "Rule", alignment: .left, flexible: true, minimumWidth: 12)]
            + reports.indices.map { .init(title: "#\($0 + 1)", alignment: .right) })
        for rule in rules { table.append([rule] + cells[rule]!) }
        let note = "Each cell: the mean utility the best team gains without the rule (in cost mode: the money it saves); "
            + "free: below the scenario's materiality; no team: the scenario has none without it; —: not in force there. "
            + "Scenarios relaxed by [priorities] or without a team are not priced."
        if markdown { return "\n### \(title)\n\n" + table.renderMarkdown() + "\n" + HumanText.markdownInline(note) + "\n" }
        return "\n" + terminal.bold(title) + "\n" + table.render(terminal) + terminal.dim(note) + "\n"
    }

    public func csv() -> String {
        guard let rulePrices else { return scenariosCSV() }
        var prices = CSV.row(["index", "constraint", "entry", "current", "without", "status", "price", "free", "rescored"])
        for (k, report) in rulePrices.enumerated() {
            for price in report.prices {
                prices += CSV.row([String(k + 1), price.constraint, price.entry ?? "", price.current, price.without, price.status.rawValue,
                                   price.price.map { Format.number($0, decimals: report.costMode ? 2 : 6) } ?? "",
                                   price.free ? "true" : "false", price.rescored ? "true" : "false"])
            }
        }
        return "# scenarios\n" + scenariosCSV() + "\n# rule_prices\n" + prices
    }

    private func scenariosCSV() -> String {
        var out = CSV.row(["index", "file", "scenario", "status", "budget", "total_cost", "objective", "mean_utility",
                           "team", "binding", "common", "survives_vendor_exit", "survives_country_loss"])
        let common = Set(comparison.commonVendors)
        for (k, entry) in entries.enumerated() {
            let team = entry.team
            func number(_ x: Double?, _ d: Int) -> String { x.map { Format.number($0, decimals: d) } ?? "" }
            out += CSV.row([String(k + 1), entry.source, entry.scenario.name, team.status.rawValue,
                            entry.scenario.hasBudget ? number(entry.scenario.budget, 2) : "", number(team.totalCost, 2), number(team.objective, 6),
                            number(team.meanUtility, 6), team.vendorSet.joined(separator: ";"),
                            team.binding.map(\.code).joined(separator: ";"),
                            team.vendorSet.filter(common.contains).joined(separator: ";"),
                            team.survives.map { TeamReport.csvLevel($0.vendorExitLevel) } ?? "",
                            team.survives.map { TeamReport.csvLevel($0.countryLossLevel) } ?? ""])
        }
        return out
    }

    private func number(_ x: Double?) -> JSONValue { x.map(JSONValue.number) ?? .null }

    public func json() -> JSONValue {
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
                    "survives": team.survives.map(TeamReport.survivalJSON) ?? .null,
                ]
                if !team.relaxedRules.isEmpty { object["relaxed_rules"] = TeamReport.relaxedRulesJSON(team.relaxedRules) }
                if let rulePrices { object["rule_prices"] = rulePrices[k].json() }
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
