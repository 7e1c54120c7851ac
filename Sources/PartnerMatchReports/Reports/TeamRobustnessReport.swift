import PartnerMatch

/// Renders `optimize --robustness N` (the team under sampled weights).
public struct TeamRobustnessReport: ReportSection {
    public static let key = "robustness"

    public var robustness: TeamRobustness
    public var names: [String: String]

    public init(robustness: TeamRobustness, names: [String: String]) { (self.robustness, self.names) = (robustness, names) }

    var summaryLine: String {
        "Team robustness: \(Format.money(Double(robustness.samples))) samples, seed \(robustness.seed), weights \(robustness.uncertainty.weights.rawValue); "
            + "the nominal team is within \(Format.number(robustness.materiality * 100, decimals: 3))% of the optimum in "
            + "\(fixed(robustness.nominalTeamShare * 100, 1))% of samples; \(robustness.sampledCandidates) candidates after the pruning that lasts across weights"
            + (robustness.noTeamShare > 0 ? "; no team reaches min_mean_utility in \(fixed(robustness.noTeamShare * 100, 1))% of samples" : "")
    }

    public func text(_ terminal: Terminal, markdown: Bool) -> String {
        var shares = TextTable([
            .init(title: "id", alignment: .left, flexible: true, minimumWidth: 6),
            .init(title: "name", alignment: .left, flexible: true, minimumWidth: 4),
            .init(title: "selected %", alignment: .right),
        ])
        for entry in robustness.selectionShare { shares.append([entry.id, names[entry.id] ?? entry.id, fixed(entry.share * 100, 1)]) }
        var teams = TextTable([
            .init(title: "share %", alignment: .right),
            .init(title: "team", alignment: .left, flexible: true),
        ])
        for team in robustness.teams.prefix(10) { teams.append([fixed(team.share * 100, 1), team.vendors.joined(separator: ", ")]) }
        let more = robustness.teams.count > 10 ? "(\(robustness.teams.count - 10) more distinct teams; --format json lists all)\n" : ""
        if markdown {
            return "\n**\(HumanText.markdownInline(summaryLine))**\n\n" + shares.renderMarkdown() + "\nDistinct teams:\n\n" + teams.renderMarkdown() + more
        }
        return "\n" + terminal.bold(summaryLine) + "\n" + shares.render(terminal) + "\nDistinct teams:\n" + teams.render(terminal) + terminal.dim(more)
    }

    public func csv() -> String {
        var out = CSV.row(["id", "name", "selection_share"])
        for entry in robustness.selectionShare { out += CSV.row([entry.id, names[entry.id] ?? entry.id, JSONValue.numberText(entry.share)]) }
        return out
    }

    /// The `robustness` object of docs/MODEL.md, "Machine-readable outputs".
    public func json() -> JSONValue {
        .object([
            "samples": .integer(robustness.samples),
            "seed": .integer(Int(clamping: robustness.seed)),
            "weights": .string(robustness.uncertainty.weights.rawValue),
            "materiality": .number(robustness.materiality),
            "selection_share": .object(Dictionary(uniqueKeysWithValues: robustness.selectionShare.map { ($0.id, JSONValue.number($0.share)) })),
            "teams": .array(robustness.teams.map { .object(["vendors": .array($0.vendors.map { .string($0) }), "share": .number($0.share)]) }),
            "nominal_team_share": .number(robustness.nominalTeamShare),
            "no_team_share": .number(robustness.noTeamShare),
            "sampled_count": .integer(robustness.sampledCandidates),
        ])
    }
}
