import PartnerMatch

/// Renders a shortlist robustness analysis (`shortlist --robustness`) in each output format.
public struct RobustnessReport: ReportSection {
    public static let key = "robustness"

    public var robustness: ShortlistRobustness

    public init(robustness: ShortlistRobustness) { self.robustness = robustness }

    var summaryLine: String {
        let u = robustness.uncertainty
        var scoresText: [String] = []
        if u.quality > 0 { scoresText.append("quality ±\(Format.number(u.quality))") }
        if u.culturalFit > 0 { scoresText.append("cultural fit ±\(Format.number(u.culturalFit))") }
        if u.overlapHours > 0 { scoresText.append("overlap ±\(Format.number(u.overlapHours)) h") }
        return "Robustness (SMAA-2): \(Format.money(Double(robustness.samples))) samples, seed \(robustness.seed), weights \(u.weights.rawValue)"
            + (u.weights == .spread ? " ±\(Format.number(u.spread * 100))%" : "")
            + (scoresText.isEmpty ? "" : ", scores " + scoresText.joined(separator: ", "))
            + "; \(robustness.candidateCount) of \(robustness.eligibleCount) eligible vendors sampled "
            + "(the others are dominated criterion-wise by at least \(robustness.top) and never reach the top \(robustness.top))"
    }

    func table() -> TextTable {
        var columns: [TextTable.Column] = [
            .init(title: "id", alignment: .left, flexible: true, minimumWidth: 6),
            .init(title: "name", alignment: .left, flexible: true, minimumWidth: 4),
        ]
        columns += (1...robustness.top).map { .init(title: "b\($0) %", alignment: .right) }
        columns.append(.init(title: "conf", alignment: .right))
        columns += Criterion.allCases.map { .init(title: "w·" + $0.definition.abbreviation, alignment: .right) }
        var table = TextTable(columns)
        for v in robustness.vendors {
            var cells = [v.id, v.name]
            // A share that rounds to 0.0 but is not 0 shows as "<0.1", as in the report.
            cells += v.rankAcceptability.map { $0 > 0 && $0 < 0.0005 ? "<0.1" : fixed($0 * 100, 1) }
            cells.append(v.confidence.map { fixed($0, 2) } ?? "—")
            cells += v.centralWeights.map { $0.map { fixed($0, 2) } } ?? Array(repeating: "—", count: Criterion.allCases.count)
            table.append(cells)
        }
        return table
    }

    var legend: String {
        "b<r> %: share of samples at rank r; conf: confidence factor (share of score samples in which the vendor "
            + "ranks first at its central weights); w·<criterion>: central weights (mean weights where it ranks first)"
    }

    public func text(_ terminal: Terminal, markdown: Bool) -> String {
        markdown ? self.markdown() : text(terminal)
    }

    public func text(_ terminal: Terminal) -> String {
        "\n" + terminal.bold(summaryLine) + "\n" + table().render(terminal) + terminal.dim(legend) + "\n"
    }

    public func markdown() -> String {
        "\n**\(HumanText.markdownInline(summaryLine))**\n\n" + table().renderMarkdown() + "\n" + HumanText.markdownInline(legend) + "\n"
    }

    public func csv() -> String {
        var header = ["id", "name"] + (1...robustness.top).map { "rank_\($0)" } + ["confidence"]
        header += Criterion.allCases.map { "central_\($0.rawValue)" }
        var out = CSV.row(header)
        for v in robustness.vendors {
            var fields = [v.id, v.name] + v.rankAcceptability.map(JSONValue.numberText)
            fields.append(v.confidence.map(JSONValue.numberText) ?? "")
            fields += v.centralWeights.map { $0.map(JSONValue.numberText) } ?? Array(repeating: "", count: Criterion.allCases.count)
            out += CSV.row(fields)
        }
        return out
    }

    /// The `robustness` object (keys of docs/MODEL.md, "Machine-readable outputs").
    public func json() -> JSONValue {
        let u = robustness.uncertainty
        var scores: [String: JSONValue] = [:]
        if u.quality > 0 { scores["quality"] = .number(u.quality) }
        if u.culturalFit > 0 { scores["cultural_fit"] = .number(u.culturalFit) }
        if u.overlapHours > 0 { scores["overlap_hours"] = .number(u.overlapHours) }
        var object: [String: JSONValue] = [
            "samples": .integer(robustness.samples),
            "seed": .integer(Int(clamping: robustness.seed)),
            "weights": .string(u.weights.rawValue),
            "top": .integer(robustness.top),
            "eligible_count": .integer(robustness.eligibleCount),
            "sampled_count": .integer(robustness.candidateCount),
            "score_uncertainty": .object(scores),
            "vendors": .array(robustness.vendors.map { v in
                var entry: [String: JSONValue] = [
                    "id": .string(v.id),
                    "rank_acceptability": .array(v.rankAcceptability.map { .number($0) }),
                    "central_weights": v.centralWeights.map { w in
                        .object(Dictionary(uniqueKeysWithValues: zip(Criterion.allCases.map(\.rawValue), w.map { JSONValue.number($0) })))
                    } ?? .null,
                    "confidence": v.confidence.map { .number($0) } ?? .null,
                ]
                entry["name"] = .string(v.name)
                return .object(entry)
            }),
        ]
        if u.weights == .spread { object["spread"] = .number(u.spread) }
        return .object(object)
    }
}
