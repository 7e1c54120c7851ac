import PartnerMatch

/// What each rule costs as an SVG chart, in the budget chart's style: one horizontal bar per priced
/// rule, its length the price (mean utility per FTE, or money saved in cost mode), blue for a rule
/// that costs, grey for a re-scored price below zero; free rules are listed without a bar.
/// Deterministic bytes: fixed-point coordinates, no dates, no randomness.
public struct RulePriceChart: Sendable {
    public var prices: [RulePrice]
    public var costMode: Bool
    public var currency: String

    public init(prices: [RulePrice], costMode: Bool, currency: String) {
        (self.prices, self.costMode, self.currency) = (prices, costMode, currency)
    }

    static let width = 860.0
    static let labelWidth = 300.0
    static let valueWidth = 110.0
    static let rowHeight = 22.0
    static let top = 56.0

    private func value(_ price: RulePrice) -> Double {
        (costMode ? price.price : price.meanUtilityGain) ?? 0
    }

    private func label(_ price: RulePrice) -> String {
        let name = RulePricesReport.ruleName(price)
        let short = name.hasPrefix("rules.") ? String(name.dropFirst("rules.".count)) : name
        return price.entry == nil ? short + " (\(price.current) → \(price.without))" : short + " lifted"
    }

    private func shown(_ price: RulePrice) -> String {
        guard price.price != nil else { return "no team" }
        if price.free { return "free" }
        return costMode ? Format.money(value(price)) + " " + currency : fixed(value(price), 4)
    }

    private static func n(_ x: Double) -> String { fixed(x, 1) }

    public func svg() -> String {
        let rows = prices
        let height = Self.top + Double(max(rows.count, 1)) * Self.rowHeight + 30
        let largest = max(rows.map { abs(value($0)) }.max() ?? 0, 1e-12)
        let plot = Self.width - Self.labelWidth - Self.valueWidth - 20
        // Bars start at the zero line; negative (re-scored) prices run left of it.
        let hasNegative = rows.contains { value($0) < 0 && !$0.free }
        let zero = Self.labelWidth + (hasNegative ? plot / 2 : 0)
        let scale = (hasNegative ? plot / 2 : plot) / largest
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Self.n(Self.width))" height="\(Self.n(height))" viewBox="0 0 \(Self.n(Self.width)) \(Self.n(height))" font-family="Helvetica, Arial, sans-serif" aria-label="What each rule costs">
        <rect x="0" y="0" width="\(Self.n(Self.width))" height="\(Self.n(height))" fill="#ffffff"/>
        <text x="12.0" y="24.0" font-size="16.0" font-weight="bold" fill="#222222">What each rule costs</text>
        <text x="12.0" y="42.0" font-size="12.0" fill="#666666">\(BudgetChart.escape(costMode ? "money saved without the rule, \(currency)" : "mean utility per FTE gained without the rule"))</text>

        """
        for (k, price) in rows.enumerated() {
            let y = Self.top + Double(k) * Self.rowHeight
            out += "<text x=\"\(Self.n(Self.labelWidth - 8))\" y=\"\(Self.n(y + 15))\" font-size=\"12.0\" text-anchor=\"end\" fill=\"#222222\">\(BudgetChart.escape(label(price)))</text>\n"
            let v = value(price)
            if !price.free, price.price != nil, v != 0 {
                let length = max(1, abs(v) * scale)
                let x = v >= 0 ? zero : zero - length
                out += "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y + 4))\" width=\"\(Self.n(length))\" height=\"\(Self.n(Self.rowHeight - 8))\" fill=\"\(v >= 0 && !price.rescored ? "#1f5fa8" : "#9a9a9a")\"/>\n"
            }
            out += "<text x=\"\(Self.n(Self.width - Self.valueWidth))\" y=\"\(Self.n(y + 15))\" font-size=\"12.0\" fill=\"#666666\">\(BudgetChart.escape(shown(price) + (price.rescored ? " (re-scored)" : "")))</text>\n"
        }
        let bottom = Self.top + Double(max(rows.count, 1)) * Self.rowHeight
        out += "<line x1=\"\(Self.n(zero))\" y1=\"\(Self.n(Self.top))\" x2=\"\(Self.n(zero))\" y2=\"\(Self.n(bottom))\" stroke=\"#333333\" stroke-width=\"1\"/>\n"
        out += "</svg>\n"
        return out
    }
}
