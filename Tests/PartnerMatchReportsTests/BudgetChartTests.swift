import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import PartnerMatchReports
import PartnerMatch
import Testing

/// Collects what an XML parse saw: the root element, its attributes, and all text content.
private final class SVGProbe: NSObject, XMLParserDelegate {
    var root: String?
    var rootAttributes: [String: String] = [:]
    var texts: [String] = []
    var elements: [String: Int] = [:]
    private var current = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if root == nil { (root, rootAttributes) = (name, attributes) }
        elements[name, default: 0] += 1
        current = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" || name == "title" { texts.append(current) }
        current = ""
    }

    /// Parses `svg`; `nil` with the parser's error when it is not well-formed XML.
    static func parse(_ svg: String) -> (SVGProbe?, String?) {
        let parser = XMLParser(data: Data(svg.utf8))
        let probe = SVGProbe()
        parser.delegate = probe
        guard parser.parse() else { return (nil, parser.parserError.map { "\($0)" } ?? "parse failed") }
        return (probe, nil)
    }
}

@Suite("Budget sweep chart (SVG)")
struct BudgetChartTests {
    /// A sweep with an infeasible start, two team changes and a saturation point.
    private func chart(name: String = "Mobile app rebuild") -> BudgetChart {
        BudgetChart(
            scenarioName: name, currency: "EUR",
            samples: [
                .init(budget: 300_000, utility: nil), .init(budget: 400_000, utility: 0.70),
                .init(budget: 500_000, utility: 0.74), .init(budget: 600_000, utility: 0.77),
                .init(budget: 700_000, utility: 0.77), .init(budget: 560_000, utility: 0.77, isSweepPoint: false),
            ],
            minimumBudget: 352_500, saturationBudget: 560_000,
            changes: [
                .init(budget: 352_600, joins: ["V1", "V2"], leaves: [], feasibleBefore: false),
                .init(budget: 455_000, joins: ["V3"], leaves: ["V2"]),
                .init(budget: 530_000, joins: ["V<4>"], leaves: ["V1"]),
            ],
            tolerance: 400)
    }

    @Test("The SVG is well-formed XML with an svg root, the SVG namespace, a viewBox and a size")
    func wellFormed() throws {
        let (probe, error) = SVGProbe.parse(chart().svg())
        let svg = try #require(probe, "\(error ?? "")")
        #expect(svg.root == "svg")
        #expect(svg.rootAttributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(svg.rootAttributes["version"] == "1.1")
        #expect(svg.rootAttributes["viewBox"]?.hasPrefix("0 0 960 ") == true)
        #expect(svg.rootAttributes["width"] == "960")
        #expect(Double(svg.rootAttributes["height"] ?? "") ?? 0 > 400)
        #expect((svg.elements["path"] ?? 0) >= 2, "the utility line and at least one infeasible marker")
        #expect((svg.elements["circle"] ?? 0) >= 4, "one marker per feasible sweep point")
    }

    @Test("The labels name the minimum and saturation budgets, each change, the axes and the scenario")
    func labels() throws {
        let svg = try #require(SVGProbe.parse(chart().svg()).0)
        let texts = svg.texts
        #expect(texts.contains("minimum 352,500"))
        #expect(texts.contains("saturation 560,000"))
        #expect(texts.contains("+V1 +V2"))
        #expect(texts.contains("+V3 −V2"))
        #expect(texts.contains("+V<4> −V1"), "escaped in the file, the original text once parsed")
        #expect(texts.contains("infeasible"))
        #expect(texts.contains("Budget for the whole horizon (EUR)"))
        #expect(texts.contains { $0.hasPrefix("Mean utility per FTE") })
        #expect(texts.contains("Mobile app rebuild: what each budget buys"))
        #expect(texts.contains { $0.contains("located to within 400 EUR") })
        // Round ticks with thousands separators.
        #expect(texts.contains("400,000"))
        #expect(texts.contains("600,000"))
    }

    @Test("Text is XML-escaped")
    func escaping() throws {
        let svg = chart(name: "R&D <core> \"north\" 'team'").svg()
        #expect(svg.contains("R&amp;D &lt;core&gt; &quot;north&quot; &apos;team&apos;: what each budget buys"))
        #expect(svg.contains("+V&lt;4&gt;"))
        let probe = try #require(SVGProbe.parse(svg).0)
        #expect(probe.texts.contains("R&D <core> \"north\" 'team': what each budget buys"))
        #expect(BudgetChart.escape("a\u{1}b") == "ab", "control characters XML 1.0 forbids are dropped")
    }

    @Test("The same chart gives the same bytes")
    func deterministic() {
        #expect(chart().svg() == chart().svg())
        var shuffled = chart()
        shuffled = BudgetChart(scenarioName: shuffled.scenarioName, currency: shuffled.currency, samples: shuffled.samples.reversed(),
                               minimumBudget: shuffled.minimumBudget, saturationBudget: shuffled.saturationBudget,
                               changes: shuffled.changes.reversed(), tolerance: shuffled.tolerance)
        #expect(shuffled.svg() == chart().svg(), "input order does not matter")
    }

    @Test("Many changes are numbered in place and named in a table, without overlapping labels")
    func manyChanges() throws {
        let changes = (0..<30).map { k in
            BudgetChart.Change(budget: 400_000 + Double(k) * 3_000, joins: ["VENDOR-\(k)"], leaves: ["VENDOR-\(k + 100)"])
        }
        let samples = (0...10).map { BudgetChart.Sample(budget: 350_000 + Double($0) * 15_000, utility: 0.6 + 0.01 * Double($0)) }
        let chart = BudgetChart(scenarioName: "Busy", currency: "USD", samples: samples, minimumBudget: 340_000,
                                saturationBudget: 560_000, changes: changes, tolerance: 100)
        let probe = try #require(SVGProbe.parse(chart.svg()).0)
        #expect(probe.texts.contains("Vendor set changes (budget in USD; + joins, − leaves)"))
        let row = try #require(probe.texts.firstIndex(of: "30."), "numbered 30 in the table")
        #expect(Array(probe.texts[row...].prefix(3)) == ["30.", "487,000", "+VENDOR-29 −VENDOR-129"])
        #expect(probe.texts.contains { $0 == "1" || $0.hasPrefix("1–") }, "the first marker numbers change 1")
        try expectReadable(chart)
    }

    /// Every label inside the canvas, and no two labels of the lane, the axes or the table overlapping.
    private func expectReadable(_ chart: BudgetChart, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let (svg, boxes, height) = chart.render()
        #expect(SVGProbe.parse(svg).1 == nil, sourceLocation: sourceLocation)
        for box in boxes {
            #expect(box.left >= 0 && box.right <= chart.width && box.top >= 0 && box.bottom <= height,
                    "'\(box.text)' leaves the canvas: \(box)", sourceLocation: sourceLocation)
        }
        for (i, a) in boxes.enumerated() {
            for b in boxes[(i + 1)...] where a.overlaps(b) {
                Issue.record("'\(a.text)' overlaps '\(b.text)'", sourceLocation: sourceLocation)
            }
        }
    }

    /// A stress case: `count` changes, bunched where near-tied teams flip (as in issue 14's 75
    /// changes), over a sweep that stops well short of saturation.
    static func crowded(count: Int, seed: UInt64 = 14) -> BudgetChart {
        var random = SeededGenerator(seed: seed)
        var budgets: [Double] = []
        for k in 0..<count {
            // Three clusters and a scatter, like the flips between near-tied teams.
            let centre = [1_050_000.0, 1_210_000, 1_400_000][k % 3]
            let spread = k % 5 == 4 ? 200_000.0 : 12_000
            budgets.append(max(905_000, (centre + Double.random(in: -spread...spread, using: &random)).rounded()))
        }
        let changes = budgets.enumerated().map { k, b in
            BudgetChart.Change(budget: b, joins: ["BK-\(1000 + k)", "BK-\(2000 + k)", "BK-\(3000 + k)"], leaves: ["BK-\(4000 + k)"])
        }
        var samples = stride(from: 900_000.0, through: 1_480_000, by: 20_000).map {
            BudgetChart.Sample(budget: $0, utility: 0.55 + 0.2 * (1 - exp(-($0 - 900_000) / 250_000)))
        }
        samples.append(.init(budget: 1_700_000, utility: 0.76, isSweepPoint: false))
        return BudgetChart(scenarioName: "Bank platform (40 FTE)", currency: "EUR", samples: samples, minimumBudget: 905_000,
                           saturationBudget: 1_700_000, changes: changes, tolerance: 580)
    }

    @Test("50 to 80 crowded changes: markers in one row, none overlapping, none off the canvas, each change in the table",
          arguments: [50, 64, 80, 300])
    func crowdedChanges(count: Int) throws {
        let chart = Self.crowded(count: count)
        try expectReadable(chart)
        let (svg, boxes, _) = chart.render()
        let probe = try #require(SVGProbe.parse(svg).0)
        let listed = min(count, 240)
        for k in 1...listed {
            #expect(probe.texts.contains("\(k)."), "change \(k) is in the table")
        }
        if count > listed { #expect(probe.texts.contains("… and \(count - listed) more (see --format json)")) }
        // The markers cover every change exactly once, in order.
        let markers = boxes.filter { $0.group == "lane" && $0.text.first?.isNumber == true }
        var next = 1
        for marker in markers.sorted(by: { $0.left < $1.left }) {
            let ends = marker.text.split(separator: "–").compactMap { Int($0) }
            #expect(ends.first == next, "marker \(marker.text) continues at \(next): \(markers.map(\.text))")
            next = (ends.last ?? next) + 1
        }
        #expect(next == count + 1)
        if let path = ProcessInfo.processInfo.environment["PM_CHART_STRESS_SVG"], count == 80 {
            try BudgetChart.write(svg, to: path)   // docs/images/budget-sweep-stress-80.svg (docs/WHAT-IF.md)
        }
    }

    @Test("Regression: a tick rounded out beyond the plotted range was drawn off the canvas, its label cut to '00,000'")
    func tickLabelsInsideTheCanvas() throws {
        // Ranges whose round ticks fall outside the padded domain at one end or both.
        for (low, high) in [(1_480_000.0, 2_500_000.0), (12_345.0, 98_765.0), (999_999.0, 1_000_001.0), (1.0, 3.0)] {
            let samples = (0...10).map { BudgetChart.Sample(budget: low + (high - low) * Double($0) / 10, utility: 0.5 + 0.01 * Double($0)) }
            let chart = BudgetChart(scenarioName: "Ticks", currency: "EUR", samples: samples, minimumBudget: nil,
                                    saturationBudget: nil, changes: [], tolerance: 1)
            try expectReadable(chart)
            let labels = chart.render().boxes.filter { $0.group == "x axis" }
            #expect(labels.count >= 3, "\(low)...\(high): \(labels.map(\.text))")
        }
    }

    @Test("The line is solid only between neighbouring sampled budgets; a stretch out to an unsampled saturation budget is dotted grey")
    func unsampledStretch() throws {
        let samples = [1_000_000.0, 1_100_000, 1_200_000, 1_300_000, 1_480_000].map { BudgetChart.Sample(budget: $0, utility: 0.6) }
            + [BudgetChart.Sample(budget: 1_700_000, utility: 0.7, isSweepPoint: false)]
        let chart = BudgetChart(scenarioName: "Gap", currency: "EUR", samples: samples, minimumBudget: nil,
                                saturationBudget: 1_700_000, changes: [], tolerance: 1)
        let svg = chart.svg()
        let paths = svg.split(separator: "\n").filter { $0.hasPrefix("<path d=\"M") && $0.contains("fill=\"none\"") }
        let solid = try #require(paths.first { $0.contains("stroke-width=\"2.25\"") })
        let dotted = try #require(paths.first { $0.contains("stroke-dasharray=\"2 4\"") })
        // 100k steps: 1.3M → 1.48M (180k) is more than 1.5 steps, and so is 1.48M → 1.7M.
        #expect(solid.components(separatedBy: " L").count - 1 == 3, "\(solid)")
        #expect(dotted.components(separatedBy: " L").count - 1 == 2, "\(dotted)")
        #expect(SVGProbe.parse(svg).0?.texts.contains("not sampled (no budget solved in between)") == true)
        #expect(chart.sampledGap() > 150_000 && chart.sampledGap() < 150_001)
    }

    @Test("Markers keep their order and stay within bounds, merging into ranges only when they cannot fit")
    func markerPlacement() throws {
        let spread = BudgetChart.markers([100, 200, 300], left: 0, right: 1000)
        #expect(spread.map(\.text) == ["1", "2", "3"])
        #expect(spread.map(\.centre) == [100, 200, 300], "room enough: each sits over its change")
        let bunched = BudgetChart.markers((0..<10).map { 500 + Double($0) }, left: 0, right: 1000)
        let apart = zip(bunched, bunched.dropFirst()).allSatisfy { (a: BudgetChart.Marker, b: BudgetChart.Marker) -> Bool in
            a.centre + a.width / 2 + 4 <= b.centre - b.width / 2 + 1e-9
        }
        #expect(apart)
        #expect(bunched.count > 1 && bunched.count < 10, "ten changes in ten pixels: some merged, not all: \(bunched.map(\.text))")
        for marker in bunched {
            #expect(abs(marker.centre - (marker.from + marker.to) / 2) <= 40 + (marker.to - marker.from) / 2, "\(marker) stays near its changes")
        }
        let edge = BudgetChart.markers([0, 1, 2], left: 10, right: 1000)
        let firstLeft = try #require(edge.first).centre - (edge.first?.width ?? 0) / 2
        #expect(firstLeft >= 10)
        let tight = BudgetChart.markers((0..<100).map { Double($0) }, left: 0, right: 200)
        #expect(tight.count < 100 && tight.first?.first == 1 && tight.last?.last == 100)
        let consecutive = zip(tight, tight.dropFirst()).allSatisfy { (a: BudgetChart.Marker, b: BudgetChart.Marker) -> Bool in a.last + 1 == b.first }
        #expect(consecutive, "ranges are consecutive")
    }

    @Test("A scenario infeasible at every budget is shaded and says so")
    func neverFeasible() throws {
        let chart = BudgetChart(scenarioName: "Impossible", currency: "USD",
                                samples: [.init(budget: 100, utility: nil), .init(budget: 200, utility: nil)],
                                minimumBudget: nil, saturationBudget: nil, changes: [], tolerance: 1)
        let probe = try #require(SVGProbe.parse(chart.svg()).0)
        #expect(probe.texts.contains("infeasible: no team at any budget"))
    }

    @Test("Ticks are round numbers covering the range")
    func ticks() {
        let t = BudgetChart.ticks(low: 312_345, high: 987_654, target: 7)
        #expect(t.step == 100_000)
        #expect(t.values.first == 300_000 && t.values.last == 1_000_000)
        #expect(BudgetChart.ticks(low: 0.68, high: 0.79, target: 6).step == 0.02)
        #expect(BudgetChart.decimals(for: 0.025) == 3)
        #expect(fixed(0.7, 2) == "0.70")   // the tick labels' text
    }

    @Test("Writing replaces a regular file atomically and writes a device such as /dev/null in place")
    func writing() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pm-chart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("chart.svg").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        let svg = chart().svg()
        try BudgetChart.write(svg, to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == svg)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["chart.svg"], "no temporary file left")

        try BudgetChart.write(svg, to: "/dev/null")
        let type = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial, "/dev/null is still the device")

        #expect(throws: OutputFileError.self) { try BudgetChart.write(svg, to: directory.appendingPathComponent("missing/chart.svg").path) }
    }
}
