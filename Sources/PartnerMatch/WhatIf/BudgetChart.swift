import Foundation

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
    private static let maximumKeyLines = 40

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
    }

    // MARK: Rendering

    /// The SVG document.
    public func svg() -> String {
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
                items.append(LaneItem(x: px(m), text: "minimum \(Format.money(m))", colour: Palette.minimum, bold: true))
            } else if m > x.high {
                items.append(LaneItem(x: plotRight, text: "minimum \(Format.money(m)) →", colour: Palette.minimum, bold: true, edge: true))
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
        if rows > Self.maximumStaggerRows {
            // Too many to name in place: number them, and name them in a key under the chart.
            numbered = true
            changeItems = shownChanges.enumerated().map { n, change in
                LaneItem(x: px(change.budget), text: String(n + 1), colour: Palette.change, bold: false)
            }
            rows = Self.stagger(&items, with: &changeItems, left: plotLeft, right: width - 6)
        }
        let laneItems = items + changeItems

        let titleY = 28.0
        let subtitleY = 48.0
        let laneTop = 62.0
        let laneHeight = Double(max(rows, 1)) * Self.laneRowHeight + 8
        let plotTop = laneTop + laneHeight
        let plotBottom = plotTop + Self.plotHeight
        let y = yDomain()
        func py(_ value: Double) -> Double { plotBottom - (value - y.low) / (y.high - y.low) * Self.plotHeight }
        func rowBaseline(_ row: Int) -> Double { plotTop - 6 - Double(row) * Self.laneRowHeight }

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
            body += text(Self.fixedText(value, yDecimals), x: plotLeft - 8, y: yy + 4, anchor: "end", size: Self.fontSize, colour: Palette.text)
        }
        // X ticks.
        let xTicks = Self.ticks(low: x.low, high: x.high, target: max(3, Int(plotWidth / 110)))
        for value in xTicks.values {
            let xx = px(value)
            body += "<line x1=\"\(n(xx))\" y1=\"\(n(plotBottom))\" x2=\"\(n(xx))\" y2=\"\(n(plotBottom + 5))\" stroke=\"\(Palette.axis)\" stroke-width=\"1\"/>\n"
            let label = xTicks.step >= 1 ? Format.money(value) : Format.number(value, decimals: Self.decimals(for: xTicks.step))
            body += text(label, x: xx, y: plotBottom + 19, anchor: "middle", size: Self.fontSize, colour: Palette.text)
        }

        // Leaders from the plot up to the labels, then the marker lines in the plot.
        for item in laneItems where !item.edge {
            body += "<line x1=\"\(n(item.x))\" y1=\"\(n(plotTop))\" x2=\"\(n(item.x))\" y2=\"\(n(rowBaseline(item.row) + 3))\" stroke=\"\(item.colour)\" stroke-width=\"0.75\" stroke-opacity=\"0.6\"/>\n"
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
        let shown = samples.filter { inDomain($0.budget) }
        var path = ""
        var drawing = false
        for sample in shown {
            guard let u = sample.utility else { drawing = false; continue }
            path += (drawing ? " L" : (path.isEmpty ? "M" : " M")) + "\(n(px(sample.budget))) \(n(py(u)))"
            drawing = true
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
        }

        // Legend, wrapped to the width.
        var legendY = plotBottom + 66
        var legendX = plotLeft
        var legend = ""
        for entry in legendEntries(hasInfeasible: infeasibleEnd != nil || sweep.contains { $0.utility == nil },
                                   hasChanges: !shownChanges.isEmpty) {
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

        // The key of numbered changes.
        if numbered {
            height += 6
            body += text("Vendor set changes", x: plotLeft, y: height, anchor: "start", size: Self.fontSize, colour: Palette.text,
                         extra: " font-weight=\"bold\"")
            for (k, change) in shownChanges.enumerated() {
                if k == Self.maximumKeyLines {
                    height += 16
                    body += text("… and \(shownChanges.count - k) more (see --format json)", x: plotLeft, y: height, anchor: "start",
                                 size: Self.labelFontSize, colour: Palette.muted)
                    break
                }
                height += 16
                body += text("\(k + 1).  at \(Format.money(change.budget)) \(currency):  \(Self.changeLabel(change, limit: 6))",
                             x: plotLeft, y: height, anchor: "start", size: Self.labelFontSize, colour: Palette.text)
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
        subtitle += "; team changes located to within \(Format.number(tolerance, decimals: 2)) \(currency)"

        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\" font-family=\"sans-serif\">\n"
        out += "<title>\(Self.escape(scenarioName)): mean utility per FTE against budget</title>\n"
        out += "<desc>\(Self.escape(subtitle))</desc>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#fafafa\"/>\n"
        out += text("\(scenarioName): what each budget buys", x: plotLeft, y: titleY, anchor: "start", size: 18, colour: Palette.text,
                    extra: " font-weight=\"bold\"")
        out += text(subtitle, x: plotLeft, y: subtitleY, anchor: "start", size: Self.fontSize, colour: Palette.muted)
        out += body
        out += "</svg>\n"
        return out
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

    private func legendEntries(hasInfeasible: Bool, hasChanges: Bool) -> [LegendEntry] {
        var entries: [LegendEntry] = [
            LegendEntry(label: "mean utility per FTE of the reported team") { x, y in
                "<line x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x + 24))\" y2=\"\(n(y))\" stroke=\"\(Palette.line)\" stroke-width=\"2.25\"/>\n"
                    + "<circle cx=\"\(n(x + 12))\" cy=\"\(n(y))\" r=\"3.5\" fill=\"#ffffff\" stroke=\"\(Palette.line)\" stroke-width=\"1.5\"/>\n"
            },
        ]
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

    /// `value` with exactly `decimals` decimals, the same bytes on every machine.
    static func fixedText(_ value: Double, _ decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        var digits = String(Int64(scaled))
        if decimals > 0 {
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return (value < 0 && scaled > 0 ? "-" : "") + digits
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
