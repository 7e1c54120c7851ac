import PartnerMatch

/// Renders `optimize --rule-prices` (docs/MODEL.md, "What each rule costs"): for every rule in force,
/// what the best team gains without it, the cost difference and who joins or leaves; free rules
/// marked free, re-scored prices marked as such.
public struct RulePricesReport: ReportSection {
    public static let key = "rule_prices"

    public var prices: [RulePrice]
    /// `true`: the scenario minimises cost (`objective = "cost"`), the price is money saved.
    public var costMode: Bool
    public var currency: String
    /// Display names by vendor id.
    public var names: [String: String]
    public var materiality: Double

    public init(prices: [RulePrice], costMode: Bool, currency: String, names: [String: String], materiality: Double) {
        (self.prices, self.costMode, self.currency, self.names, self.materiality) = (prices, costMode, currency, names, materiality)
    }

    /// The report's section for `scored`'s scenario.
    public init(prices: [RulePrice], scored: ScoredPool) {
        var names: [String: String] = [:]
        for price in prices {
            for id in price.joins + price.leaves where names[id] == nil {
                if let i = scored.pool.index(ofID: id) { names[id] = scored.pool.names[i] }
            }
        }
        self.init(prices: prices, costMode: scored.scenario.objective == .cost, currency: scored.scenario.currency,
                  names: names, materiality: scored.scenario.whatIf.materiality)
    }

    private func people(_ ids: [String]) -> String {
        ids.map { id in names[id].map { $0 == id ? id : "\(id) \($0)" } ?? id }.joined(separator: ", ")
    }

    /// The price in a table cell: the mean utility gained (money saved in cost mode), `free`, or `no team`.
    public func cell(_ price: RulePrice) -> String {
        guard let value = price.price else { return "no team" }
        if price.free { return "free" }
        let text = costMode ? Format.money(value) : fixed(price.meanUtilityGain ?? 0, 4)
        return price.rescored ? text + " (re-scored)" : text
    }

    /// The rule and its entry, e.g. `rules.required_certifications ISO27001`.
    static func ruleName(_ price: RulePrice) -> String {
        price.entry.map { "\(price.constraint) \($0)" } ?? price.constraint
    }

    /// The price in plain words, e.g. "rules.max_share 0.4 → 1: costs 0.0123 mean utility (V019 joins)".
    public func sentence(_ price: RulePrice) -> String {
        let change = price.entry.map { "lifting \($0) (\(price.current) → \(price.without))" } ?? "\(price.current) → \(price.without)"
        var out = "\(price.constraint) \(change): "
        guard let value = price.price else {
            return out + "no team without it (\(price.status.rawValue))" + (price.rescored ? "; utilities re-scored" : "")
        }
        if price.free {
            out += "free"
        } else if costMode {
            out += value >= 0 ? "costs \(Format.money(value)) \(currency)" : "saves \(Format.money(-value)) \(currency)"
        } else {
            out += value >= 0 ? "costs \(fixed(price.meanUtilityGain ?? 0, 4)) mean utility"
                : "the best team without it scores \(fixed(-(price.meanUtilityGain ?? 0), 4)) lower in mean utility"
        }
        var moves: [String] = []
        if !price.joins.isEmpty { moves.append("\(people(price.joins)) would join") }
        if !price.leaves.isEmpty { moves.append("\(people(price.leaves)) would leave") }
        if !moves.isEmpty { out += " (" + moves.joined(separator: "; ") + ")" }
        if price.rescored { out += "; re-scored: utilities before and after are on different scales, compare the team and the cost" }
        return out
    }

    public func text(_ terminal: Terminal, markdown: Bool) -> String {
        let title = "What each rule costs: the best team without it, one rule at a time"
        guard !prices.isEmpty else {
            let none = "What each rule costs: no rule to price (no team, or no rule set beyond its loosest value)."
            return "\n" + (markdown ? "**\(none)**\n" : terminal.bold(none) + "\n")
        }
        var table = TextTable([
            .init(title: "Rule", alignment: .left, flexible: true, minimumWidth: 12),
            .init(title: "Now", alignment: .left, flexible: true, minimumWidth: 4),
            .init(title: "Without", alignment: .left),
            .init(title: costMode ? "Saved \(currency)" : "Mean utility +", alignment: .right),
            .init(title: "Cost change \(currency)", alignment: .right),
            .init(title: "Joins", alignment: .left, flexible: true, minimumWidth: 6),
            .init(title: "Leaves", alignment: .left, flexible: true, minimumWidth: 6),
            .init(title: "Note", alignment: .left),
        ])
        for price in prices {
            let shown: String
            if let value = price.price {
                shown = costMode ? Format.money(value) : fixed(price.meanUtilityGain ?? 0, 4)
            } else {
                shown = "no team"
            }
            var notes: [String] = []
            if price.free { notes.append("free") }
            if price.rescored { notes.append("re-scored") }
            table.append([RulePricesReport.ruleName(price), price.current, price.without, shown,
                          price.costChange.map(Format.money) ?? "", price.joins.joined(separator: ", "),
                          price.leaves.joined(separator: ", "), notes.joined(separator: ", ")])
        }
        let note = "Free: below the materiality \(Format.number(materiality * 100, decimals: 3))% of the optimum. "
            + "Re-scored: removing the rule changed the scores (eligibility moves the cost range, growth moves scalability), "
            + "so utilities before and after are on different scales; the team and the cost change are the comparable part."
        let words = prices.filter { !$0.free }.map(sentence)
        if markdown {
            return "\n### \(title)\n\n" + table.renderMarkdown() + "\n" + words.map { "- " + HumanText.markdownInline($0) + "\n" }.joined()
                + "\n" + HumanText.markdownInline(note) + "\n"
        }
        return "\n" + terminal.bold(title) + "\n" + table.render(terminal) + words.map { HumanText.inline($0) + "\n" }.joined()
            + terminal.dim(note) + "\n"
    }

    public func csv() -> String {
        var out = CSV.row(["constraint", "entry", "current", "without", "status", "price", "utility_gain", "mean_utility_gain",
                           "cost_change", "joins", "leaves", "free", "rescored"])
        for price in prices {
            out += CSV.row([price.constraint, price.entry ?? "", price.current, price.without, price.status.rawValue,
                            price.price.map { Format.number($0, decimals: costMode ? 2 : 6) } ?? "",
                            price.utilityGain.map { Format.number($0, decimals: 6) } ?? "",
                            price.meanUtilityGain.map { Format.number($0, decimals: 6) } ?? "",
                            price.costChange.map { Format.number($0, decimals: 2) } ?? "",
                            price.joins.joined(separator: ";"), price.leaves.joined(separator: ";"),
                            price.free ? "true" : "false", price.rescored ? "true" : "false"])
        }
        return out
    }

    /// The `rule_prices` array of docs/MODEL.md, "Machine-readable outputs".
    public func json() -> JSONValue {
        .array(prices.map { price in
            func number(_ x: Double?) -> JSONValue { x.map(JSONValue.number) ?? .null }
            return .object([
                "constraint": .string(price.constraint),
                "entry": price.entry.map(JSONValue.string) ?? .null,
                "current": .string(price.current),
                "without": .string(price.without),
                "status": .string(price.status.rawValue),
                "price": number(price.price),
                "price_unit": .string(costMode ? currency : "utility"),
                "utility_gain": number(price.utilityGain),
                "mean_utility_gain": number(price.meanUtilityGain),
                "cost_change": number(price.costChange),
                "joins": .array(price.joins.map(JSONValue.string)),
                "leaves": .array(price.leaves.map(JSONValue.string)),
                "free": .bool(price.free),
                "rescored": .bool(price.rescored),
                "message": .string(sentence(price)),
            ])
        })
    }
}
