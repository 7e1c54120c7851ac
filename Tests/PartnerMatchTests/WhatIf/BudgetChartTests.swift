import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import PartnerMatch
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

    @Test("Many changes are numbered in place and named in a key, without overlapping labels")
    func manyChanges() throws {
        let changes = (0..<30).map { k in
            BudgetChart.Change(budget: 400_000 + Double(k) * 3_000, joins: ["VENDOR-\(k)"], leaves: ["VENDOR-\(k + 100)"])
        }
        let samples = (0...10).map { BudgetChart.Sample(budget: 350_000 + Double($0) * 15_000, utility: 0.6 + 0.01 * Double($0)) }
        let chart = BudgetChart(scenarioName: "Busy", currency: "USD", samples: samples, minimumBudget: 340_000,
                                saturationBudget: 560_000, changes: changes, tolerance: 100)
        let probe = try #require(SVGProbe.parse(chart.svg()).0)
        #expect(probe.texts.contains("Vendor set changes"))
        #expect(probe.texts.contains("30.  at 487,000 USD:  +VENDOR-29 −VENDOR-129"))
        #expect(probe.texts.contains("1"))
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
        #expect(BudgetChart.fixedText(0.7, 2) == "0.70")
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
