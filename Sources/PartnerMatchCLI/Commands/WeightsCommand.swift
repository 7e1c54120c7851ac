import ArgumentParser
import Foundation
import PartnerMatch
import PartnerMatchReports

/// `partner-match weights --scenario FILE`: the weights a scenario derives (given, rank order or AHP),
/// with the method and, for AHP, λ_max and the consistency ratio.
struct WeightsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weights",
        abstract: "Show the criterion weights a scenario derives, and how (numbers, a ranking, or AHP).",
        discussion: """
        [weights] holds six numbers, or `order = [...]` (rank-order centroid weights; a nested array is a \
        tie), or `ahp = { "a/b" = 3, ... }` (Saaty's pairwise judgements; weights are the principal \
        eigenvector, and a consistency ratio above 0.10 is an error naming the judgement to revise). \
        Weights are shown normalised to sum 1; see docs/MODEL.md, "Weights". Exit codes: 65 bad input \
        data, 66 the scenario cannot be read.
        """
    )

    @Option(help: "The scenario file (TOML, or JSON with a .json extension).")
    var scenario: String

    @Option(help: "Output format: table, csv, json or markdown.")
    var format: OutputFormat = .table

    func validate() throws {
        if format == .xlsx { throw ValidationError("--format xlsx is for shortlist, optimize, scenarios and compare; weights prints table, csv, json or markdown") }
    }

    func run() throws {
        let parsed = try InputLoading.loadScenario(scenario)
        let weights = parsed.weights
        switch format {
        case .json:
            try writeStandardOutput(JSONValue.object(["scenario": .string(parsed.name), "weights": weights.json]).renderedBytes() + [0x0A])
        case .csv:
            var out = CSV.row(["criterion", "weight", "method"])
            for (c, w) in zip(Criterion.allCases, weights.normalised) {
                out += CSV.row([c.rawValue, JSONValue.numberText(w), weights.method.name])
            }
            try writeStandardOutput(out)
        case .table, .markdown, .xlsx:
            var table = TextTable([
                .init(title: "criterion", alignment: .left),
                .init(title: "weight", alignment: .right),
                .init(title: "what it measures", alignment: .left, flexible: true),
            ])
            for (c, w) in zip(Criterion.allCases, weights.normalised) {
                // The legend reads "abbreviation: sentence"; the criterion's name is in the first column.
                let legend = c.definition.legend
                table.append([c.rawValue, fixed(w, 4), String(legend.split(separator: ":", maxSplits: 1).last ?? Substring(legend)).trimmingCharacters(in: .whitespaces)])
            }
            let terminal = Terminal.current
            let markdown = format == .markdown
            var out = (markdown ? "**\(HumanText.markdownInline(parsed.name))**\n\n" : terminal.bold(HumanText.inline(parsed.name)) + "\n")
            out += "Weights: " + weights.methodLine + "\n\n"
            out += markdown ? table.renderMarkdown() : table.render(terminal)
            try writeStandardOutput(HumanText.document(out, terminal: terminal, markdown: markdown))
        }
    }
}
