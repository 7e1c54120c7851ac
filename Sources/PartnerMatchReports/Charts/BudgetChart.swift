import Foundation
import PartnerMatch

/// A picture of a budget sweep as a standalone SVG 1.1 document: the mean utility per FTE of the
/// optimal team against the budget, with the infeasible region shaded, the minimum and saturation
/// budgets drawn, and every change of the vendor set marked and labelled with who joins and leaves.
///
/// Presentation only: every number comes from `BudgetAnalysis`. The output is deterministic (fixed
/// number formatting, no dates, no randomness), uses only the generic `sans-serif` font family and
/// no external assets.
public struct BudgetChart: Sendable {
    /// The optimal team's value at one budget.
    public struct Sample: Sendable, Hashable {
        public var budget: Double
        /// Mean utility per FTE (`objective / D`); `nil` when no team exists at this budget.
        public var utility: Double?
        /// Swept budgets get a marker; extra samples (minimum, saturation) only shape the line.
        public var isSweepPoint: Bool

        public init(budget: Double, utility: Double?, isSweepPoint: Bool = true) {
            self.budget = budget
            self.utility = utility
            self.isSweepPoint = isSweepPoint
        }
    }

    /// A change of the vendor set at `budget`.
    public struct Change: Sendable, Hashable {
        public var budget: Double
        public var joins: [String]
        public var leaves: [String]
        /// Whether a team existed below the change (`false`: the first team forms here).
        public var feasibleBefore: Bool

        public init(budget: Double, joins: [String], leaves: [String], feasibleBefore: Bool = true) {
            self.budget = budget
            self.joins = joins
            self.leaves = leaves
            self.feasibleBefore = feasibleBefore
        }
    }

    public var scenarioName: String
    public var currency: String
    public var samples: [Sample]
    public var minimumBudget: Double?
    public var saturationBudget: Double?
    public var changes: [Change]
    /// The bisection tolerance the changes were located to (stated in the subtitle).
    public var tolerance: Double
    /// Width of the picture in pixels (the height follows from the content).
    public var width: Double = 960
    /// Which team the line shows at each budget (the kept-team rule of docs/WHAT-IF.md), stated
    /// under the legend when set.
    public var keptRule: String?

    public init(scenarioName: String, currency: String, samples: [Sample], minimumBudget: Double?,
                saturationBudget: Double?, changes: [Change], tolerance: Double) {
        self.scenarioName = scenarioName
        self.currency = currency
        self.samples = samples.sorted { $0.budget < $1.budget }
        self.minimumBudget = minimumBudget
        self.saturationBudget = saturationBudget
        self.changes = changes.sorted { $0.budget < $1.budget }
        self.tolerance = tolerance
    }

    /// The chart of a sweep's results. `extra` are further samples (e.g. the team at the minimum
    /// budget) that shape the line without a marker; `demand` is `D`, to turn objectives into mean
    /// utility per FTE.
    public init(scenarioName: String, currency: String, demand: Double, points: [BudgetAnalysis.Point],
                extra: [Sample] = [], minimumBudget: Double?,
                saturation: (budget: Double, objective: Double)?, breakpoints: [BudgetAnalysis.Breakpoint],
                tolerance: Double) {
        func utility(_ team: TeamSolution) -> Double? {
            guard team.status.hasTeam else { return nil }
            return team.meanUtility ?? team.objective.map { $0 / demand }
        }
        var samples = points.map { Sample(budget: $0.budget, utility: utility($0.team)) }
        samples += extra.map { Sample(budget: $0.budget, utility: $0.utility, isSweepPoint: false) }
        if let saturation { samples.append(Sample(budget: saturation.budget, utility: saturation.objective / demand, isSweepPoint: false)) }
        let changes = breakpoints.map { b in
            Change(budget: b.budget, joins: b.after.filter { !b.before.contains($0) || !b.feasibleBefore },
                   leaves: b.feasibleBefore ? b.before.filter { !b.after.contains($0) } : [], feasibleBefore: b.feasibleBefore)
        }
        self.init(scenarioName: scenarioName, currency: currency, samples: samples, minimumBudget: minimumBudget,
                  saturationBudget: saturation?.budget, changes: changes, tolerance: tolerance)
    }

    // MARK: Layout constants

    private static let fontSize = 12.0
    private static let labelFontSize = 11.0
    private static let laneRowHeight = 17.0
    private static let plotHeight = 380.0
    private static let marginLeft = 86.0
    private static let marginRight = 30.0
    private static let maximumStaggerRows = 4
    private static let maximumKeyEntries = 240

    private enum Palette {
        static let line = "#1f5fa8"
        static let infeasible = "#c0392b"
        static let infeasibleFill = "#f6dcd8"
        static let change = "#6b6b6b"
        static let minimum = "#1e8449"
        static let saturation = "#ca6f1e"
        static let grid = "#e3e3e3"
        static let axis = "#333333"
        static let text = "#222222"
        static let muted = "#666666"
        static let unsampled = "#9a9a9a"
    }

    // MARK: Rendering

    /// The SVG document.
    public func svg() -> String { render().svg }

    /// A piece of text drawn on the chart, as the box it covers (estimated, generously).
    struct TextBox: Hashable {
        var text: String
        var left: Double
        var right: Double
        var top: Double
        var bottom: Double
        /// Which group it belongs to: boxes of one group must not overlap each other.
        var group: String

        func overlaps(_ other: TextBox) -> Bool {
            left < other.right && other.left < right && top < other.bottom && other.top < bottom
        }
    }

    /// The document, and the boxes of its labels (ticks, markers, change labels, the key), for tests
    /// that check that none overlaps another and none leaves the canvas.
    func render() -> (svg: String, boxes: [TextBox], height: Double) {
        var boxes: [TextBox] = []
        let plotLeft = Self.marginLeft
        let plotRight = width - Self.marginRight
        let plotWidth = plotRight - plotLeft
        let x = xDomain()
        func px(_ budget: Double) -> Double { plotLeft + (budget - x.low) / (x.high - x.low) * plotWidth }
        let inDomain: (Double) -> Bool = { $0 >= x.low - 1e-9 * abs(x.high) && $0 <= x.high + 1e-9 * abs(x.high) }

        // Labels above the plot, staggered into rows so none overlaps another.
        var items: [LaneItem] = []
        if let m = minimumBudget {
            if inDomain(m) {
                items.append(LaneItem(x: px(m), text: "minimum \(Money.text(m))", colour: Palette.minimum, bold: true))
            } else if m > x.high {
                items.append(LaneItem(x: plotRight, text: "minimum \(Money.text(m)) →", colour: Palette.minimum, bold: true, edge: true))
            }
        }
        if let s = saturationBudget {
            if inDomain(s) {
                items.append(LaneItem(x: px(s), text: "saturation \(Format.money(s))", colour: Palette.saturation, bold: true))
            } else if s > x.high {
                items.append(LaneItem(x: plotRight, text: "saturation \(Format.money(s)) →", colour: Palette.saturation, bold: true, edge: true))
            }
        }
        let shownChanges = changes.filter { inDomain($0.budget) }
        var changeItems = shownChanges.map { LaneItem(x: px($0.budget), text: Self.changeLabel($0), colour: Palette.change, bold: false) }
        var numbered = false
        var rows = Self.stagger(&items, with: &changeItems, left: plotLeft, right: width - 6)
        if rows > Self.maximumStaggerRows || (items + changeItems).contains(where: { $0.left < 4 }) {
            // Too many to name in place: one row of numbered markers just above the plot, spread
            // apart without stacking (neighbours merged into ranges such as "12–19" when even
            // numbers do not fit), with leaders to their lines; the changes are named in a table
            // under the chart. The minimum and saturation labels go in the rows above.
            numbered = true
            changeItems = []
            rows = Self.stagger(&items, with: &changeItems, left: plotLeft, right: width - 6) + 1
            for k in items.indices { items[k].row += 1 }
        }
        let markers = numbered ? Self.markers(shownChanges.map { px($0.budget) }, left: plotLeft - 6, right: width - 6) : []
        let laneItems = items + changeItems

        let titleY = 28.0
        let subtitleY = 48.0
        let laneTop = 62.0
        // Numbered markers stand a little above the plot, so their leaders and brackets show.
        let lift = numbered ? 10.0 : 0
        let laneHeight = Double(max(rows, 1)) * Self.laneRowHeight + 8 + lift
        let plotTop = laneTop + laneHeight
        let plotBottom = plotTop + Self.plotHeight
        let y = yDomain()
        func py(_ value: Double) -> Double { plotBottom - (value - y.low) / (y.high - y.low) * Self.plotHeight }
        func rowBaseline(_ row: Int) -> Double { plotTop - 6 - lift - Double(row) * Self.laneRowHeight }

        var body = ""
        // Plot background and the infeasible region.
        body += "<rect x=\"\(n(plotLeft))\" y=\"\(n(plotTop))\" width=\"\(n(plotWidth))\" height=\"\(n(Self.plotHeight))\" fill=\"#ffffff\" stroke=\"none\"/>\n"
        let infeasibleEnd: Double? = {
            guard let m = minimumBudget else { return x.high }
            return m > x.low ? min(m, x.high) : nil
        }()
        if let end = infeasibleEnd {
            let right = px(end)
            body += "<rect x=\"\(n(plotLeft))\" y=\"\(n(plotTop))\" width=\"\(n(right - plotLeft))\" height=\"\(n(Self.plotHeight))\" fill=\"\(Palette.infeasibleFill)\" stroke=\"none\"/>\n"
            let label = minimumBudget == nil ? "infeasible: no team at any budget" : "infeasible"
            let labelWidth = Self.textWidth(label, size: Self.fontSize)
            if right - plotLeft >= labelWidth + 8 {
                body += text(label, x: (plotLeft + right) / 2, y: plotTop + Self.plotHeight / 2, anchor: "middle",
                             size: Self.fontSize, colour: Palette.infeasible, extra: " font-style=\"italic\"")
            } else if right - plotLeft >= 16 {
                let cx = (plotLeft + right) / 2, cy = plotTop + Self.plotHeight / 2
                body += text(label, x: cx, y: cy, anchor: "middle", size: Self.fontSize, colour: Palette.infeasible,
                             extra: " font-style=\"italic\" transform=\"rotate(-90 \(n(cx)) \(n(cy)))\"")
            }
        }

        // Grid and y axis.
        let yTicks = Self.ticks(low: y.low, high: y.high, target: 6)
        let yDecimals = Self.decimals(for: yTicks.step)
        for value in yTicks.values {
            let yy = py(value)
            body += "<line x1=\"\(n(plotLeft))\" y1=\"\(n(yy))\" x2=\"\(n(plotRight))\" y2=\"\(n(yy))\" stroke=\"\(Palette.grid)\" stroke-width=\"1\"/>\n"
            let label = fixed(value, yDecimals)
            body += text(label, x: plotLeft - 8, y: yy + 4, anchor: "end", size: Self.fontSize, colour: Palette.text)
            boxes.append(TextBox(text: label, left: plotLeft - 8 - Self.textWidth(label, size: Self.fontSize), right: plotLeft - 8,
                                 top: yy + 4 - Self.fontSize, bottom: yy + 7, group: "y axis"))
        }
        // X ticks.
        // Only ticks inside the plotted range (a tick rounded out beyond it would be drawn off the
        // axis, its label cut by the canvas edge: the "00,000" of issue 14), and a label only where
        // it fits whole on the canvas without touching the previous one.
        let xTicks = Self.ticks(low: x.low, high: x.high, target: max(3, Int(plotWidth / 110)))
        var lastTickRight = -Double.infinity
        for value in xTicks.values where value >= x.low && value <= x.high {
            let xx = px(value)
            let label = xTicks.step >= 1 ? Format.money(value) : Format.number(value, decimals: Self.decimals(for: xTicks.step))
            let half = Self.textWidth(label, size: Self.fontSize) / 2
            guard xx - half >= 2, xx + half <= width - 2, xx - half >= lastTickRight + 6 else { continue }
            lastTickRight = xx + half
            body += "<line x1=\"\(n(xx))\" y1=\"\(n(plotBottom))\" x2=\"\(n(xx))\" y2=\"\(n(plotBottom + 5))\" stroke=\"\(Palette.axis)\" stroke-width=\"1\"/>\n"
            body += text(label, x: xx, y: plotBottom + 19, anchor: "middle", size: Self.fontSize, colour: Palette.text)
            boxes.append(TextBox(text: label, left: xx - half, right: xx + half, top: plotBottom + 19 - Self.fontSize,
                                 bottom: plotBottom + 22, group: "x axis"))
        }

        // Leaders from the plot up to the labels, then the marker lines in the plot.
        for item in laneItems where !item.edge {
            body += "<line x1=\"\(n(item.x))\" y1=\"\(n(plotTop))\" x2=\"\(n(item.x))\" y2=\"\(n(rowBaseline(item.row) + 3))\" stroke=\"\(item.colour)\" stroke-width=\"0.75\" stroke-opacity=\"0.6\"/>\n"
        }
        for marker in markers {
            // A bracket along the top of the plot over the changes a marker stands for, and a
            // leader from its middle up to the marker.
            let low = marker.from, high = marker.to, mid = (marker.from + marker.to) / 2
            let foot = plotTop - 4, head = rowBaseline(0) + 3
            if high > low {
                body += "<path d=\"M\(n(low)) \(n(plotTop)) L\(n(low)) \(n(foot)) L\(n(high)) \(n(foot)) L\(n(high)) \(n(plotTop))\" fill=\"none\" stroke=\"\(Palette.change)\" stroke-width=\"0.75\"/>\n"
            } else {
                body += "<line x1=\"\(n(low))\" y1=\"\(n(plotTop))\" x2=\"\(n(low))\" y2=\"\(n(foot))\" stroke=\"\(Palette.change)\" stroke-width=\"0.75\"/>\n"
            }
            body += "<line x1=\"\(n(mid))\" y1=\"\(n(foot))\" x2=\"\(n(marker.centre))\" y2=\"\(n(head))\" stroke=\"\(Palette.change)\" stroke-width=\"0.75\" stroke-opacity=\"0.7\"/>\n"
        }
        for change in shownChanges {
            let xx = px(change.budget)
            body += "<line x1=\"\(n(xx))\" y1=\"\(n(plotTop))\" x2=\"\(n(xx))\" y2=\"\(n(plotBottom))\" stroke=\"\(Palette.change)\" stroke-width=\"1\" stroke-dasharray=\"5 4\"/>\n"
        }
        if let m = minimumBudget, inDomain(m) {
            body += "<line x1=\"\(n(px(m)))\" y1=\"\(n(plotTop))\" x2=\"\(n(px(m)))\" y2=\"\(n(plotBottom))\" stroke=\"\(Palette.minimum)\" stroke-width=\"2\"/>\n"
        }
        if let s = saturationBudget, inDomain(s) {
            body += "<line x1=\"\(n(px(s)))\" y1=\"\(n(plotTop))\" x2=\"\(n(px(s)))\" y2=\"\(n(plotBottom))\" stroke=\"\(Palette.saturation)\" stroke-width=\"2\"/>\n"
        }

        // The utility line, broken where no team exists, and its markers.
        // The line joins neighbouring solved budgets only where the sweep sampled densely: a stretch
        // wider than 1.5 sweep steps (e.g. from the last swept budget out to a saturation budget
        // beyond it, or a gap in a list of budgets) is drawn thin, grey and dotted, "not sampled",
        // rather than as a confident straight line. Budgets without a team break it.
        let shown = samples.filter { inDomain($0.budget) }
        let maxGap = sampledGap()
        var path = "", gaps = ""
        var previous: (x: Double, y: Double, budget: Double)? = nil
        for sample in shown {
            guard let u = sample.utility else { previous = nil; continue }
            let point = (x: px(sample.budget), y: py(u), budget: sample.budget)
            if let p = previous {
                if point.budget - p.budget <= maxGap {
                    path += (path.hasSuffix("\(n(p.x)) \(n(p.y))") ? "" : "\(path.isEmpty ? "" : " ")M\(n(p.x)) \(n(p.y))") + " L\(n(point.x)) \(n(point.y))"
                } else {
                    gaps += "\(gaps.isEmpty ? "" : " ")M\(n(p.x)) \(n(p.y)) L\(n(point.x)) \(n(point.y))"
                }
            }
            previous = point
        }
        if !gaps.isEmpty {
            body += "<path d=\"\(gaps)\" fill=\"none\" stroke=\"\(Palette.unsampled)\" stroke-width=\"1.5\" stroke-dasharray=\"2 4\"/>\n"
        }
        if !path.isEmpty {
            body += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(Palette.line)\" stroke-width=\"2.25\" stroke-linejoin=\"round\"/>\n"
        }
        let sweep = shown.filter(\.isSweepPoint)
        let radius = sweep.count <= 150 ? 3.5 : (sweep.count <= 400 ? 2.0 : 0)
        for sample in sweep {
            let xx = px(sample.budget)
            if let u = sample.utility {
                if radius > 0 {
                    body += "<circle cx=\"\(n(xx))\" cy=\"\(n(py(u)))\" r=\"\(n(radius))\" fill=\"#ffffff\" stroke=\"\(Palette.line)\" stroke-width=\"1.5\"/>\n"
                }
            } else {
                let yy = plotBottom - 10, d = 4.0
                body += "<path d=\"M\(n(xx - d)) \(n(yy - d)) L\(n(xx + d)) \(n(yy + d)) M\(n(xx - d)) \(n(yy + d)) L\(n(xx + d)) \(n(yy - d))\" stroke=\"\(Palette.infeasible)\" stroke-width=\"1.75\"/>\n"
            }
        }

        // Axes.
        body += "<line x1=\"\(n(plotLeft))\" y1=\"\(n(plotBottom))\" x2=\"\(n(plotRight))\" y2=\"\(n(plotBottom))\" stroke=\"\(Palette.axis)\" stroke-width=\"1.25\"/>\n"
        body += "<line x1=\"\(n(plotLeft))\" y1=\"\(n(plotTop))\" x2=\"\(n(plotLeft))\" y2=\"\(n(plotBottom))\" stroke=\"\(Palette.axis)\" stroke-width=\"1.25\"/>\n"
        body += text("Budget for the whole horizon (\(currency))", x: plotLeft + plotWidth / 2, y: plotBottom + 42,
                     anchor: "middle", size: 13, colour: Palette.text)
        let yTitleX = 22.0, yTitleY = plotTop + Self.plotHeight / 2
        body += text("Mean utility per FTE (team objective ÷ demand)", x: yTitleX, y: yTitleY, anchor: "middle", size: 13,
                     colour: Palette.text, extra: " transform=\"rotate(-90 \(n(yTitleX)) \(n(yTitleY)))\"")

        // Lane labels on white, so leaders passing behind them do not cross the text.
        for item in laneItems {
            let baseline = rowBaseline(item.row)
            body += "<rect x=\"\(n(item.left - 2))\" y=\"\(n(baseline - 11))\" width=\"\(n(item.width + 4))\" height=\"14\" fill=\"#ffffff\"/>\n"
            body += text(item.text, x: item.anchorX, y: baseline, anchor: item.anchor, size: Self.labelFontSize, colour: item.colour,
                         extra: item.bold ? " font-weight=\"bold\"" : "")
            boxes.append(TextBox(text: item.text, left: item.left, right: item.left + item.width, top: baseline - 11, bottom: baseline + 3,
                                 group: "lane"))
        }
        for marker in markers {
            let baseline = rowBaseline(0)
            body += "<rect x=\"\(n(marker.centre - marker.width / 2 - 2))\" y=\"\(n(baseline - 11))\" width=\"\(n(marker.width + 4))\" height=\"14\" fill=\"#ffffff\" stroke=\"\(Palette.change)\" stroke-width=\"0.5\"/>\n"
            body += text(marker.text, x: marker.centre, y: baseline, anchor: "middle", size: Self.labelFontSize, colour: Palette.text)
            boxes.append(TextBox(text: marker.text, left: marker.centre - marker.width / 2 - 2, right: marker.centre + marker.width / 2 + 2,
                                 top: baseline - 11, bottom: baseline + 3, group: "lane"))
        }

        // Legend, wrapped to the width.
        var legendY = plotBottom + 66
        var legendX = plotLeft
        var legend = ""
        for entry in legendEntries(hasInfeasible: infeasibleEnd != nil || sweep.contains { $0.utility == nil },
                                   hasChanges: !shownChanges.isEmpty, hasGaps: !gaps.isEmpty) {
            let entryWidth = 30 + Self.textWidth(entry.label, size: Self.labelFontSize) + 18
            if legendX + entryWidth > width - 10, legendX > plotLeft {
                legendX = plotLeft
                legendY += 20
            }
            legend += entry.swatch(legendX, legendY - 4)
            legend += text(entry.label, x: legendX + 30, y: legendY, anchor: "start", size: Self.labelFontSize, colour: Palette.text)
            legendX += entryWidth
        }
        body += legend
        var height = legendY + 20
        if let keptRule {
            let note = Self.fit("Team shown: " + keptRule, width: width - plotLeft - 10, size: Self.labelFontSize)
            body += text(note, x: plotLeft, y: height, anchor: "start", size: Self.labelFontSize, colour: Palette.muted)
            boxes.append(TextBox(text: note, left: plotLeft, right: plotLeft + Self.textWidth(note, size: Self.labelFontSize),
                                 top: height - Self.labelFontSize, bottom: height + 3, group: "key"))
            height += 20
        }

        // The table of numbered changes, in as many columns as fit, filled down then across.
        if numbered {
            height += 6
            let header = "Vendor set changes (budget in \(currency); + joins, − leaves)"
            body += text(header, x: plotLeft, y: height, anchor: "start", size: Self.fontSize, colour: Palette.text,
                         extra: " font-weight=\"bold\"")
            boxes.append(TextBox(text: header, left: plotLeft, right: plotLeft + Self.textWidth(header, size: Self.fontSize * 1.06),
                                 top: height - Self.fontSize, bottom: height + 3, group: "key"))
            let listed = Array(shownChanges.prefix(Self.maximumKeyEntries))
            // Each entry: its number and budget right-aligned, then who joins and leaves.
            let size = Self.labelFontSize
            let numbers = listed.indices.map { "\($0 + 1)." }
            let amounts = listed.map { Format.money($0.budget) }
            let numberWidth = numbers.map { Self.textWidth($0, size: size) }.max() ?? 0
            let amountWidth = amounts.map { Self.textWidth($0, size: size) }.max() ?? 0
            let labelOffset = numberWidth + 8 + amountWidth + 12
            var labels = listed.map { Self.changeLabel($0, limit: 3) }
            let available = width - plotLeft - 10
            let gutter = 28.0
            let widest = labelOffset + (labels.map { Self.textWidth($0, size: size) }.max() ?? 0)
            let columns = max(1, min(4, Int((available + gutter) / (min(widest, available) + gutter))))
            let columnWidth = (available + gutter) / Double(columns) - gutter
            labels = labels.map { Self.fit($0, width: columnWidth - labelOffset, size: size) }
            let perColumn = (listed.count + columns - 1) / columns
            for k in listed.indices {
                let column = k / perColumn, line = k % perColumn
                let ex = plotLeft + Double(column) * (columnWidth + gutter), ey = height + 16 * Double(line + 1)
                body += text(numbers[k], x: ex + numberWidth, y: ey, anchor: "end", size: size, colour: Palette.muted)
                body += text(amounts[k], x: ex + numberWidth + 8 + amountWidth, y: ey, anchor: "end", size: size, colour: Palette.text)
                body += text(labels[k], x: ex + labelOffset, y: ey, anchor: "start", size: size, colour: Palette.text)
                boxes.append(TextBox(text: "\(numbers[k]) \(amounts[k]) \(labels[k])", left: ex,
                                     right: ex + labelOffset + Self.textWidth(labels[k], size: size),
                                     top: ey - size, bottom: ey + 3, group: "key"))
            }
            height += 16 * Double(perColumn)
            if shownChanges.count > listed.count {
                height += 16
                body += text("… and \(shownChanges.count - listed.count) more (see --format json)", x: plotLeft, y: height, anchor: "start",
                             size: Self.labelFontSize, colour: Palette.muted)
            }
            height += 14
        }

        let sweptCount = samples.filter(\.isSweepPoint).count
        let swept = samples.filter(\.isSweepPoint).map(\.budget)
        var subtitle = "Team at \(sweptCount) budget\(sweptCount == 1 ? "" : "s")"
        if let first = swept.first, let last = swept.last, last > first {
            subtitle += " from \(Format.money(first)) to \(Format.money(last)) \(currency)"
        } else if let first = swept.first {
            subtitle += " (\(Format.money(first)) \(currency))"
        }
        // Whole amounts with thousands separators (2,900), fractions as they are (0.5).
        let tol = tolerance == tolerance.rounded() ? Format.money(tolerance) : Format.number(tolerance, decimals: 2)
        subtitle += "; team changes located to within \(tol) \(currency)"

        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\" font-family=\"sans-serif\">\n"
        out += "<title>\(Self.escape(scenarioName)): mean utility per FTE against budget</title>\n"
        out += "<desc>\(Self.escape(subtitle))</desc>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#fafafa\"/>\n"
        let title = Self.fit("\(scenarioName): what each budget buys", width: width - plotLeft - 10, size: 18 * 1.06)
        out += text(title, x: plotLeft, y: titleY, anchor: "start", size: 18, colour: Palette.text, extra: " font-weight=\"bold\"")
        let shortSubtitle = Self.fit(subtitle, width: width - plotLeft - 10, size: Self.fontSize)
        out += text(shortSubtitle, x: plotLeft, y: subtitleY, anchor: "start", size: Self.fontSize, colour: Palette.muted)
        boxes.append(TextBox(text: title, left: plotLeft, right: plotLeft + Self.textWidth(title, size: 18 * 1.06), top: titleY - 18,
                             bottom: titleY + 4, group: "title"))
        boxes.append(TextBox(text: shortSubtitle, left: plotLeft, right: plotLeft + Self.textWidth(shortSubtitle, size: Self.fontSize),
                             top: subtitleY - Self.fontSize, bottom: subtitleY + 3, group: "title"))
        out += body
        out += "</svg>\n"
        return (out, boxes, height)
    }

    /// `text` cut with "…" to fit `width` at `size`.
    static func fit(_ text: String, width: Double, size: Double) -> String {
        guard textWidth(text, size: size) > width else { return text }
        var cut = text
        while !cut.isEmpty, textWidth(cut + "…", size: size) > width { cut.removeLast() }
        return cut + "…"
    }

    /// The widest gap between neighbouring solved budgets that counts as sampled: 1.5 times the
    /// median gap between neighbouring swept budgets (0 when fewer than two were swept).
    func sampledGap() -> Double {
        let swept = samples.filter(\.isSweepPoint).map(\.budget)
        guard swept.count >= 2 else { return 0 }
        let gaps = zip(swept.dropFirst(), swept).map { $0 - $1 }.sorted()
        return 1.5 * gaps[gaps.count / 2] * (1 + 1e-9)
    }

    /// A numbered marker standing for changes `first...last` (1-based), drawn at `centre`, its
    /// bracket spanning the changes' positions `from...to`.
    struct Marker: Hashable {
        var first: Int
        var last: Int
        var from: Double
        var to: Double
        var centre = 0.0
        var width = 0.0
        var text: String { first == last ? String(first) : "\(first)–\(last)" }
    }

    /// Markers for changes at pixel positions `xs` (ascending), in one row between `left` and
    /// `right`: each as close to its change as it can be without touching a neighbour, in order
    /// (the least-squares placement of ordered boxes, by merging blocks). When even that does not
    /// fit, the closest neighbours are merged into ranges ("12–19") until it does.
    static func markers(_ xs: [Double], left: Double, right: Double) -> [Marker] {
        guard !xs.isEmpty else { return [] }
        let gap = 4.0, pad = 4.0
        var groups = xs.enumerated().map { Marker(first: $0.offset + 1, last: $0.offset + 1, from: $0.element, to: $0.element) }
        func widthOf(_ m: Marker) -> Double { textWidth(m.text, size: labelFontSize) + pad }
        func mergeNarrowestPair() {
            var best = 0
            for k in 0..<(groups.count - 1) where groups[k + 1].to - groups[k].from < groups[best + 1].to - groups[best].from { best = k }
            groups[best].last = groups[best + 1].last
            groups[best].to = groups[best + 1].to
            groups.remove(at: best + 1)
        }
        func total() -> Double { groups.reduce(0) { $0 + widthOf($1) } + gap * Double(groups.count - 1) }
        while groups.count > 1, total() > right - left { mergeNarrowestPair() }
        // Then merge on while some marker would sit more than `maximumShift` from its changes, so
        // a marker always stands next to what it numbers.
        while true {
            place(&groups, left: left, right: right, gap: gap, pad: pad)
            guard groups.count > 1,
                  groups.contains(where: { abs($0.centre - ($0.from + $0.to) / 2) > maximumShift + ($0.to - $0.from) / 2 }) else { break }
            mergeNarrowestPair()
        }
        return groups
    }

    /// How far a marker may sit from the middle of its changes (beyond half their spread), in pixels.
    private static let maximumShift = 40.0

    /// Places markers in order, each as near its changes as the others allow (the least-squares
    /// placement of ordered boxes: touching boxes merge into blocks centred on what they want).
    private static func place(_ groups: inout [Marker], left: Double, right: Double, gap: Double, pad: Double) {
        for k in groups.indices { groups[k].width = textWidth(groups[k].text, size: labelFontSize) }
        // Blocks of touching markers: each block's left edge is the mean of what its members want.
        struct Block { var start: Int; var end: Int; var left: Double; var width: Double; var wantSum: Double }
        var blocks: [Block] = []
        for (k, m) in groups.enumerated() {
            let w = m.width + pad
            var block = Block(start: k, end: k, left: 0, width: w, wantSum: (m.from + m.to) / 2 - w / 2)
            func place(_ b: inout Block) {
                let count = Double(b.end - b.start + 1)
                b.left = min(max(b.wantSum / count, left), right - b.width)
            }
            place(&block)
            while let last = blocks.last, last.left + last.width + gap > block.left {
                blocks.removeLast()
                // Members of the merged block want left edges shifted by the widths before them.
                var offset = last.width + gap
                var wantSum = last.wantSum
                for j in block.start...block.end {
                    let mw = groups[j].width + pad
                    wantSum += (groups[j].from + groups[j].to) / 2 - mw / 2 - offset
                    offset += mw + gap
                }
                block = Block(start: last.start, end: block.end, left: 0, width: offset - gap, wantSum: wantSum)
                place(&block)
            }
            blocks.append(block)
        }
        for b in blocks {
            var x = b.left
            for j in b.start...b.end {
                let w = groups[j].width + pad
                groups[j].centre = x + w / 2
                x += w + gap
            }
        }
    }

    // MARK: Domains and ticks

    /// The budgets shown: the sweep's range, widened to take in the minimum and saturation budgets
    /// when they lie at most half the sweep's width outside it.
    private func xDomain() -> (low: Double, high: Double) {
        let swept = samples.filter(\.isSweepPoint).map(\.budget)
        var low = swept.min() ?? samples.map(\.budget).min() ?? 0
        var high = swept.max() ?? samples.map(\.budget).max() ?? 1
        let span = high - low
        for extra in [minimumBudget, saturationBudget].compactMap({ $0 }) {
            if extra < low, span > 0, low - extra <= span / 2 { low = extra }
            if extra > high, span > 0, extra - high <= span / 2 { high = extra }
        }
        if high - low <= 0 {
            let centre = high
            let half = max(abs(centre) * 0.1, 1)
            (low, high) = (centre - half, centre + half)
        }
        // A little air at both ends so markers are not cut by the axes.
        let pad = (high - low) * 0.03
        return (low - pad, high + pad)
    }

    /// The utilities shown, padded and rounded out to tick values.
    private func yDomain() -> (low: Double, high: Double) {
        let values = samples.compactMap(\.utility)
        guard var low = values.min(), var high = values.max() else { return (0, 1) }
        if high - low < 0.01 {
            let centre = (low + high) / 2
            (low, high) = (centre - 0.005, centre + 0.005)
        }
        let pad = (high - low) * 0.08
        let ticks = Self.ticks(low: low - pad, high: high + pad, target: 6)
        return (ticks.values.first!, ticks.values.last!)
    }

    /// Round tick values covering `[low, high]` (1, 2, 2.5 or 5 times a power of ten apart).
    static func ticks(low: Double, high: Double, target: Int) -> (values: [Double], step: Double) {
        let span = max(high - low, 1e-12)
        let raw = span / Double(max(target, 1))
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2.0, 2.5, 5.0, 10.0].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        let first = (low / step).rounded(.down)
        let last = (high / step).rounded(.up)
        guard last - first < 1_000 else { return ([low, high], span) }
        let values = stride(from: first, through: last, by: 1).map { $0 * step }
        return (values, step)
    }

    /// Decimals needed to print multiples of `step` exactly.
    static func decimals(for step: Double) -> Int {
        var d = 0
        var scaled = step
        while d < 6, abs(scaled - scaled.rounded()) > 1e-9 * max(1, abs(scaled)) {
            scaled *= 10
            d += 1
        }
        return d
    }

    // MARK: Labels

    /// `+A +B −C` with at most `limit` names a side (then `+n more`).
    static func changeLabel(_ change: Change, limit: Int = 2) -> String {
        func side(_ ids: [String], _ sign: String) -> [String] {
            var parts = ids.prefix(limit).map { sign + $0 }
            if ids.count > limit { parts.append("\(sign)\(ids.count - limit) more") }
            return parts
        }
        let parts = side(change.joins, "+") + side(change.leaves, "−")
        return parts.isEmpty ? "team changes" : parts.joined(separator: " ")
    }

    private struct LaneItem {
        var x: Double
        var text: String
        var colour: String
        var bold: Bool
        var edge = false
        var row = 0
        /// Where the text starts and how wide it is (set by `stagger`).
        var left = 0.0
        var width = 0.0
        var anchor = "start"
        var anchorX = 0.0
    }

    /// Assigns each item the lowest row where it overlaps nothing; returns the rows used.
    /// Items are placed in budget order; text runs right of its line, or left when it would leave the picture.
    private static func stagger(_ fixed: inout [LaneItem], with changes: inout [LaneItem], left: Double, right: Double) -> Int {
        var all = fixed.map { ($0, true) } + changes.map { ($0, false) }
        // Stable order: by x, the minimum and saturation labels first at equal x.
        let order = all.indices.sorted { all[$0].0.x != all[$1].0.x ? all[$0].0.x < all[$1].0.x : $0 < $1 }
        var rowEnds: [[(Double, Double)]] = []
        for k in order {
            var item = all[k].0
            let size = item.bold ? labelFontSize * 1.06 : labelFontSize
            item.width = textWidth(item.text, size: size)
            if item.edge || item.x + 3 + item.width > right {
                item.anchor = "end"
                item.anchorX = item.edge ? right : item.x - 3
                item.left = item.anchorX - item.width
            } else {
                item.anchor = "start"
                item.anchorX = item.x + 3
                item.left = item.anchorX
            }
            let span = (item.left - 4, item.left + item.width + 4)
            var row = 0
            while row < rowEnds.count, rowEnds[row].contains(where: { $0.0 < span.1 && span.0 < $0.1 }) { row += 1 }
            if row == rowEnds.count { rowEnds.append([]) }
            rowEnds[row].append(span)
            item.row = row
            all[k].0 = item
        }
        fixed = all.filter(\.1).map(\.0)
        changes = all.filter { !$0.1 }.map(\.0)
        return rowEnds.count
    }

    private struct LegendEntry {
        var label: String
        var swatch: (Double, Double) -> String
    }

    private func legendEntries(hasInfeasible: Bool, hasChanges: Bool, hasGaps: Bool) -> [LegendEntry] {
        var entries: [LegendEntry] = [
            LegendEntry(label: "mean utility per FTE of the reported team") { x, y in
                "<line x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x + 24))\" y2=\"\(n(y))\" stroke=\"\(Palette.line)\" stroke-width=\"2.25\"/>\n"
                    + "<circle cx=\"\(n(x + 12))\" cy=\"\(n(y))\" r=\"3.5\" fill=\"#ffffff\" stroke=\"\(Palette.line)\" stroke-width=\"1.5\"/>\n"
            },
        ]
        if hasGaps {
            entries.append(LegendEntry(label: "not sampled (no budget solved in between)") { x, y in
                "<line x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x + 24))\" y2=\"\(n(y))\" stroke=\"\(Palette.unsampled)\" stroke-width=\"1.5\" stroke-dasharray=\"2 4\"/>\n"
            })
        }
        if hasInfeasible {
            entries.append(LegendEntry(label: "no feasible team") { x, y in
                "<rect x=\"\(n(x))\" y=\"\(n(y - 6))\" width=\"24\" height=\"12\" fill=\"\(Palette.infeasibleFill)\"/>\n"
                    + "<path d=\"M\(n(x + 8)) \(n(y - 4)) L\(n(x + 16)) \(n(y + 4)) M\(n(x + 8)) \(n(y + 4)) L\(n(x + 16)) \(n(y - 4))\" stroke=\"\(Palette.infeasible)\" stroke-width=\"1.75\"/>\n"
            })
        }
        if hasChanges {
            entries.append(LegendEntry(label: "vendor set changes (+ joins, − leaves)") { x, y in
                "<line x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x + 24))\" y2=\"\(n(y))\" stroke=\"\(Palette.change)\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/>\n"
            })
        }
        if minimumBudget != nil {
            entries.append(LegendEntry(label: "minimum feasible budget") { x, y in
                "<line x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x + 24))\" y2=\"\(n(y))\" stroke=\"\(Palette.minimum)\" stroke-width=\"2.5\"/>\n"
            })
        }
        if saturationBudget != nil {
            entries.append(LegendEntry(label: "saturation: more buys nothing") { x, y in
                "<line x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x + 24))\" y2=\"\(n(y))\" stroke=\"\(Palette.saturation)\" stroke-width=\"2.5\"/>\n"
            })
        }
        return entries
    }

    // MARK: Text

    /// An estimate of the rendered width of `text` in a sans-serif font (no font metrics at hand;
    /// generous, so labels placed apart stay apart).
    static func textWidth(_ text: String, size: Double) -> Double {
        var em = 0.0
        for ch in text {
            switch ch {
            case "i", "l", "j", "I", ".", ",", ":", ";", "'", "!", "|": em += 0.3
            case "f", "t", "r", " ", "(", ")", "-": em += 0.38
            case "m", "w", "M", "W": em += 0.9
            case "A"..."Z": em += 0.7
            default: em += 0.6
            }
        }
        return em * size
    }

    private func text(_ content: String, x: Double, y: Double, anchor: String, size: Double, colour: String, extra: String = "") -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" fill=\"\(colour)\" text-anchor=\"\(anchor)\"\(extra)>\(Self.escape(content))</text>\n"
    }

    /// XML text with `&`, `<`, `>`, `"` and `'` escaped, and characters XML 1.0 forbids dropped.
    public static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case let c where c.value < 0x20 || c.value == 0xFFFE || c.value == 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    // MARK: Writing

    /// Writes `svg` to `path` so that the file appears whole or not at all (a temporary file in the
    /// same directory, renamed over `path`); a device such as `/dev/null` or a FIFO is written in
    /// place, and a symbolic link is kept while its target is replaced (see `AtomicFileWriter`).
    public static func write(_ svg: String, to path: String) throws(OutputFileError) {
        try AtomicFileWriter.write(svg.utf8, to: path)
    }
}

/// Fixed-point coordinates: at most two decimals, no trailing zeros (deterministic bytes).
private func n(_ value: Double) -> String { Format.number(value, decimals: 2) }
