import PartnerMatch

/// "If one leaves": for each member of a team, and each country of it, the share of every skill's
/// demand the rest of the team can still supply (docs/MODEL.md, "Teams that survive an exit"), as one
/// horizontal bar each, in the acceptability chart's style; a dashed line at each required level.
/// Deterministic bytes: fixed-point coordinates, no dates, no randomness.
public struct SurvivalChart: Sendable {
    public var scenarioName: String
    public var survives: Resilience
    /// The required `ρ` for a vendor exit and a country loss (`nil`: not required).
    public var vendorExitRequired: Double?
    public var countryLossRequired: Double?
    /// Display names by vendor id.
    public var names: [String: String]

    public init(scenarioName: String, survives: Resilience, vendorExitRequired: Double?, countryLossRequired: Double?,
                names: [String: String]) {
        self.scenarioName = scenarioName
        self.survives = survives
        self.vendorExitRequired = vendorExitRequired
        self.countryLossRequired = countryLossRequired
        self.names = names
    }

    static let width = 640.0
    static let labelWidth = 220.0
    static let rowHeight = 20.0
    static let top = 66.0

    public func svg() -> String {
        // A level the solver did not compute (`Resilience.Leaver.failure`) is drawn as "unknown", no bar.
        let rows: [(label: String, level: Double?, required: Double?)] =
            survives.vendorExits.map { ("without \($0.name) \(names[$0.name] ?? "")", $0.level, vendorExitRequired) }
            + survives.countryLosses.map { ("without \($0.name) (\($0.vendors.count) \($0.vendors.count == 1 ? "vendor" : "vendors"))", $0.level, countryLossRequired) }
        let plotLeft = Self.labelWidth, plotRight = Self.width - 60, plotWidth = plotRight - plotLeft
        let bottom = Self.top + Double(rows.count) * Self.rowHeight
        let height = bottom + 30
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(n(Self.width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(Self.width)) \(n(height))\" font-family=\"sans-serif\">\n"
        out += "<title>\(BudgetChart.escape(scenarioName)): if one leaves</title>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(n(Self.width))\" height=\"\(n(height))\" fill=\"#fafafa\"/>\n"
        out += text("If one leaves: what the rest can carry", x: 16, y: 26, anchor: "start", size: 16, extra: " font-weight=\"bold\"")
        out += text("share of every skill's demand the rest of the team can supply, within each vendor's max FTE and skills",
                    x: 16, y: 46, anchor: "start", size: 11, colour: "#666666")
        for step in 0...4 {
            let x = plotLeft + plotWidth * Double(step) / 4
            out += "<line x1=\"\(n(x))\" y1=\"\(n(Self.top - 4))\" x2=\"\(n(x))\" y2=\"\(n(bottom))\" stroke=\"#e3e3e3\" stroke-width=\"1\"/>\n"
            out += text("\(step * 25)%", x: x, y: bottom + 16, anchor: "middle", size: 11, colour: "#666666")
        }
        for (k, row) in rows.enumerated() {
            let y = Self.top + Double(k) * Self.rowHeight
            out += text(String(row.label.prefix(34)), x: plotLeft - 8, y: y + 13, anchor: "end", size: 12)
            guard let coverage = row.level else {
                out += text("unknown: the solver did not compute it", x: plotLeft + 4, y: y + 13, anchor: "start", size: 11, colour: "#666666")
                continue
            }
            let row = (label: row.label, coverage: coverage, required: row.required)
            let short = row.required.map { row.coverage < $0 - 1e-9 } ?? false
            out += "<rect x=\"\(n(plotLeft))\" y=\"\(n(y + 3))\" width=\"\(n(plotWidth * row.coverage))\" height=\"\(n(Self.rowHeight - 6))\" fill=\"\(short ? "#b03a2e" : "#1f5fa8")\">"
            out += "<title>\(BudgetChart.escape(row.label)): \(fixed(row.coverage * 100, 1))%</title></rect>\n"
            out += text("\(fixed(row.coverage * 100, 0))%", x: plotLeft + plotWidth * row.coverage + 4, y: y + 13, anchor: "start", size: 11)
            if let required = row.required {
                let x = plotLeft + plotWidth * required
                out += "<line x1=\"\(n(x))\" y1=\"\(n(y + 1))\" x2=\"\(n(x))\" y2=\"\(n(y + Self.rowHeight - 1))\" stroke=\"#333333\" stroke-width=\"1.5\" stroke-dasharray=\"3,2\"/>\n"
            }
        }
        out += "<line x1=\"\(n(plotLeft))\" y1=\"\(n(bottom))\" x2=\"\(n(plotRight))\" y2=\"\(n(bottom))\" stroke=\"#333333\" stroke-width=\"1\"/>\n"
        out += "</svg>\n"
        return out
    }

    private func text(_ content: String, x: Double, y: Double, anchor: String, size: Double, colour: String = "#222222", extra: String = "") -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" fill=\"\(colour)\" text-anchor=\"\(anchor)\"\(extra)>\(BudgetChart.escape(content))</text>\n"
    }
}

/// Fixed-point coordinates: at most two decimals, no trailing zeros (deterministic bytes).
private func n(_ value: Double) -> String { Format.number(value, decimals: 2) }
