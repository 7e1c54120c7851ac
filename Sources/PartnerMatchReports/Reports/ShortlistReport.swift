import Dispatch
import Foundation
import PartnerMatch

/// The vendor facts `--columns` can add to the shortlist table, in the order they are shown.
public enum ShortlistColumn: String, CaseIterable, Sendable {
    case rate, country, skills, certifications

    public static let defaults: [ShortlistColumn] = [.rate, .country]
}

/// Renders a shortlist in each output format.
public struct ShortlistReport: Report {
    public var shortlist: Shortlist
    public var showExcluded: Bool
    /// The vendor facts beside the scores (table and markdown; CSV and JSON carry them always).
    public var columns: [ShortlistColumn] = ShortlistColumn.defaults

    public init(shortlist: Shortlist, showExcluded: Bool, columns: [ShortlistColumn] = ShortlistColumn.defaults) {
        (self.shortlist, self.showExcluded, self.columns) = (shortlist, showExcluded, columns)
    }

    public var scored: ScoredPool { shortlist.scored }
    var isTOPSIS: Bool { shortlist.method == .topsis }

    /// The aligned table, or the Markdown document.
    public func text(_ terminal: Terminal, markdown: Bool) -> String {
        markdown ? self.markdown() : table(terminal)
    }

    var countsLine: String {
        "\(scored.pool.count) vendors, \(scored.eligibleCount) eligible, \(scored.ineligibleCount) excluded; "
            + "ranked by \(isTOPSIS ? "TOPSIS closeness" : "utility")"
    }

    var summaryLine: String { "\(scored.scenario.name): " + countsLine }

    /// Whether vendor `index`'s cultural fit was blank and the scenario's missing value was used.
    func culturalFitImputed(_ index: Int) -> Bool { scored.pool.culturalFit[index].isNaN }

    /// The currency the rates are in (every amount was converted to the scenario's).
    var currency: String { scored.scenario.currency }

    func rankedTable() -> TextTable {
        let pool = scored.pool
        var columns: [TextTable.Column] = [
            .init(title: "#", alignment: .right),
            .init(title: "id", alignment: .left, flexible: true, minimumWidth: 6),
            // The country goes with the name, as in `optimize`'s table: "Pune Platform Labs (IN)".
            .init(title: self.columns.contains(.country) ? "name (country)" : "name", alignment: .left, flexible: true, minimumWidth: 4),
        ]
        for column in self.columns {
            switch column {
            // One rate per vendor: r̄, the rate the cost score uses (labelled r̄ where per-skill rates apply).
            case .rate: columns.append(.init(title: scored.rateTitle, alignment: .right))
            case .country: break
            case .skills: columns.append(.init(title: "skills", alignment: .left, flexible: true, minimumWidth: 8))
            case .certifications: columns.append(.init(title: "certs", alignment: .left, flexible: true, minimumWidth: 6))
            }
        }
        if isTOPSIS { columns.append(.init(title: "close", alignment: .right)) }
        columns += [
            .init(title: "util", alignment: .right),
        ]
        columns += Criterion.allCases.map { .init(title: $0.definition.abbreviation, alignment: .right) }
        columns += [.init(title: "ovl h", alignment: .right)]
        var table = TextTable(columns)
        let cultureColumn = Criterion.allCases.firstIndex(of: .culture)
        for row in shortlist.rows {
            let country = pool.countries.display[Int(pool.countryIndex[row.index])]
            var cells = [String(row.rank), row.id, self.columns.contains(.country) ? "\(row.name) (\(country))" : row.name]
            for column in self.columns {
                switch column {
                case .rate: cells.append(grouped(scored.meanRate[row.index], 2))
                case .country: break
                case .skills: cells.append(pool.skills[row.index].map { pool.skillTokens.display[Int($0)] }.joined(separator: ", "))
                case .certifications: cells.append(pool.certifications[row.index].map { pool.certificationTokens.display[Int($0)] }.joined(separator: ", "))
                }
            }
            if isTOPSIS { cells.append(fixed(row.closeness ?? 0, 3)) }
            cells.append(fixed(row.utility, 3))
            cells += row.scores.enumerated().map { n, score in
                fixed(score, 2) + (n == cultureColumn && culturalFitImputed(row.index) ? "*" : "")
            }
            cells.append(fixed(row.overlapHours, 1))
            table.append(cells)
        }
        return table
    }

    /// What the score columns mean, printed under every score table.
    var legend: String {
        let criteria = Criterion.allCases.map(\.definition)
        var text = "util: weighted mean of the \(Format.cardinal(criteria.count)) scores (0 to 1, higher is better): "
            + criteria.map { $0.legendEntry }.joined(separator: ", ") + "; "
            + "ovl h: overlapping working hours per weekday"
        if isTOPSIS { text += "; close: TOPSIS closeness to the ideal vendor" }
        if columns.contains(.rate), let rates = scored.rateLegend { text += "; " + rates }
        if shortlist.rows.contains(where: { culturalFitImputed($0.index) }) {
            text += ". * imputed: the vendor left cultural_fit blank, so the scenario's missing value was used"
        }
        return text + "."
    }

    func excludedLines() -> [String] {
        shortlist.excluded.map { entry in
            "\(scored.pool.ids[entry.index]) (\(scored.pool.names[entry.index])): " + entry.reasons.map(\.message).joined(separator: "; ")
        }
    }

    public func table(_ terminal: Terminal) -> String {
        var out = terminal.bold(HumanText.inline(scored.scenario.name)) + "\n" + countsLine + "\n\n"
        if scored.eligibleCount == 0 {
            out += "No vendor meets every rule of the scenario.\n"
        } else {
            out += rankedTable().render(terminal)
            out += terminal.dim(wrapped(legend, width: terminal.isTTY ? terminal.width : 100)) + "\n"
            if shortlist.order.count < scored.eligibleCount {
                out += terminal.dim("(top \(shortlist.order.count) of \(scored.eligibleCount); --top 0 shows all)") + "\n"
            }
        }
        if scored.ineligibleCount > 0 {
            if showExcluded {
                out += "\nExcluded (\(scored.ineligibleCount)):\n"
                for line in excludedLines() { out += "  " + HumanText.inline(line) + "\n" }
            } else {
                out += "\n\(scored.ineligibleCount) vendor\(scored.ineligibleCount == 1 ? "" : "s") excluded by the scenario's rules; "
                    + "see why with --show-excluded.\n"
            }
        }
        return out
    }

    public func markdown() -> String {
        var out = "**\(HumanText.markdownInline(summaryLine))**\n\n"
        out += rankedTable().renderMarkdown()
        out += "\n" + HumanText.markdownInline(legend) + "\n"
        if showExcluded, scored.ineligibleCount > 0 {
            out += "\nExcluded:\n\n"
            for line in excludedLines() { out += "- " + HumanText.markdownInline(line) + "\n" }
        } else if scored.ineligibleCount > 0 {
            out += "\n\(scored.ineligibleCount) excluded (--show-excluded lists them).\n"
        }
        return out
    }

    public func csv() -> String {
        let pool = scored.pool
        var header = ["rank", "id", "name", "utility"]
        if isTOPSIS { header.append("closeness") }
        header += Criterion.allCases.map(\.rawValue) + ["overlap_hours", "worst_week_overlap_hours"]
        if showExcluded { header.append("excluded_reasons") }
        header += pool.extraColumns
        var out = CSV.row(header)
        for row in shortlist.rows {
            var fields = [String(row.rank), row.id, row.name, JSONValue.numberText(row.utility)]
            if isTOPSIS { fields.append(JSONValue.numberText(row.closeness ?? 0)) }
            fields += row.scores.map(JSONValue.numberText)
            fields += [JSONValue.numberText(row.overlapHours), JSONValue.numberText(row.worstWeekOverlapHours)]
            if showExcluded { fields.append("") }
            fields += pool.extraValues.map { $0[row.index] }
            out += CSV.row(fields)
        }
        if showExcluded {
            for entry in shortlist.excluded {
                var fields = ["", pool.ids[entry.index], pool.names[entry.index], ""]
                if isTOPSIS { fields.append("") }
                fields += Array(repeating: "", count: Criterion.allCases.count + 2)   // scores, overlap, worst week
                fields.append(entry.reasons.map(\.code).joined(separator: ";"))
                fields += pool.extraValues.map { $0[entry.index] }
                out += CSV.row(fields)
            }
        }
        return out
    }
}
