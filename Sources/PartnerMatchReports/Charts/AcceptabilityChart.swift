import PartnerMatch

/// The rank acceptabilities of a shortlist robustness analysis as an SVG chart, in the budget chart's
/// style (`BudgetChart`): one horizontal stacked bar per vendor, a segment per rank 1 … R whose length
/// is `b_v^r`, darker for better ranks; the rest of the bar (ranks beyond R) left empty.
/// Deterministic bytes: fixed-point coordinates, no dates, no randomness.
public struct AcceptabilityChart: Sendable {
    public var scenarioName: String
    public var robustness: ShortlistRobustness
    /// At most this many vendors are drawn (the best by acceptability); the subtitle says how many more.
    public static let maximumVendors = 40

    public init(scenarioName: String, robustness: ShortlistRobustness) {
        self.scenarioName = scenarioName
        self.robustness = robustness
    }

    static let width = 860.0
    static let labelWidth = 190.0
    static let rowHeight = 20.0
    static let top = 78.0
    static let fontSize = 12.0
    static let text = "#222222"
    static let muted = "#666666"
    static let grid = "#e3e3e3"
    static let axis = "#333333"

    /// The colour of rank `r` of `R`: the budget chart's blue (#1f5fa8) for rank 1, lighter for later ranks.
    static func colour(rank r: Int, of count: Int) -> String {
        let t = count <= 1 ? 0 : Double(r) / Double(count - 1) * 0.8
        func channel(_ base: Double) -> String {
            let v = Int((base + (255 - base) * t).rounded())
            let hex = String(v, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }
        return "#" + channel(0x1f) + channel(0x5f) + channel(0xa8)
    }

    public func svg() -> String {
        let shown = Array(robustness.vendors.prefix(Self.maximumVendors))
        let r = robustness.top
        let plotLeft = Self.labelWidth, plotRight = Self.width - 30, plotWidth = plotRight - plotLeft
        let legendY = Self.top + Double(shown.count) * Self.rowHeight + 40
        let height = legendY + 20 + 20 * Double((r + 9) / 10)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(n(Self.width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(Self.width)) \(n(height))\" font-family=\"sans-serif\">\n"
        let more = robustness.vendors.count - shown.count
        var subtitle = "\(Format.money(Double(robustness.samples))) weight samples (\(robustness.uncertainty.weights.rawValue)), seed \(robustness.seed); "
            + "share of samples in which each vendor takes ranks 1–\(r)"
        if more > 0 { subtitle += "; \(more) more vendors not drawn" }
        out += "<title>\(BudgetChart.escape(scenarioName)): rank acceptability</title>\n"
        out += "<desc>\(BudgetChart.escape(subtitle))</desc>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(n(Self.width))\" height=\"\(n(height))\" fill=\"#fafafa\"/>\n"
        out += text("\(scenarioName): how sure is the shortlist?", x: plotLeft, y: 30, anchor: "start", size: 18, colour: Self.text, extra: " font-weight=\"bold\"")
        out += text(subtitle, x: plotLeft, y: 50, anchor: "start", size: Self.fontSize, colour: Self.muted)
        // Grid at 0, 25, 50, 75, 100 %.
        let bottom = Self.top + Double(shown.count) * Self.rowHeight
        for step in 0...4 {
            let x = plotLeft + plotWidth * Double(step) / 4
            out += "<line x1=\"\(n(x))\" y1=\"\(n(Self.top - 4))\" x2=\"\(n(x))\" y2=\"\(n(bottom))\" stroke=\"\(Self.grid)\" stroke-width=\"1\"/>\n"
            out += text("\(step * 25)%", x: x, y: bottom + 16, anchor: "middle", size: 11, colour: Self.muted)
        }
        for (row, vendor) in shown.enumerated() {
            let y = Self.top + Double(row) * Self.rowHeight
            let label = vendor.name == vendor.id ? vendor.id : "\(vendor.id) \(vendor.name)"
            out += text(String(label.prefix(28)), x: plotLeft - 8, y: y + 13, anchor: "end", size: Self.fontSize, colour: Self.text)
            var x = plotLeft
            for (rank, b) in vendor.rankAcceptability.enumerated() where b > 0 {
                let w = plotWidth * b
                out += "<rect x=\"\(n(x))\" y=\"\(n(y + 2))\" width=\"\(n(w))\" height=\"\(n(Self.rowHeight - 4))\" fill=\"\(Self.colour(rank: rank, of: r))\">"
                out += "<title>\(BudgetChart.escape(vendor.id)) rank \(rank + 1): \(fixed(b * 100, 1))%</title></rect>\n"
                x += w
            }
        }
        out += "<line x1=\"\(n(plotLeft))\" y1=\"\(n(bottom))\" x2=\"\(n(plotRight))\" y2=\"\(n(bottom))\" stroke=\"\(Self.axis)\" stroke-width=\"1\"/>\n"
        // Legend: one swatch per rank, ten a row.
        for rank in 0..<r {
            let x = plotLeft + Double(rank % 10) * 62, y = legendY + Double(rank / 10) * 20
            out += "<rect x=\"\(n(x))\" y=\"\(n(y - 10))\" width=\"14\" height=\"12\" fill=\"\(Self.colour(rank: rank, of: r))\"/>\n"
            out += text("rank \(rank + 1)", x: x + 18, y: y, anchor: "start", size: 11, colour: Self.text)
        }
        out += "</svg>\n"
        return out
    }

    private func text(_ content: String, x: Double, y: Double, anchor: String, size: Double, colour: String, extra: String = "") -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" fill=\"\(colour)\" text-anchor=\"\(anchor)\"\(extra)>\(BudgetChart.escape(content))</text>\n"
    }
}

/// Fixed-point coordinates: at most two decimals, no trailing zeros (deterministic bytes).
private func n(_ value: Double) -> String { Format.number(value, decimals: 2) }
