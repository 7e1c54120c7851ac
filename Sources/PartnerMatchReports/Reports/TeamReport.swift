import PartnerMatch

/// Renders team solutions (the optimum, alternatives, exit analysis) in each output format.
/// Everything printed comes from the library's results; nothing here computes the model.
public struct TeamReport: Report {
    public var scored: ScoredPool
    /// The optimum first, then the alternatives.
    public var teams: [TeamSolution]
    /// The alternative-team search, when `--alternatives` asked for more than one team.
    public var search: AlternativeTeams? = nil
    public var exits: [ExitImpact]
    /// When infeasible: the eligibility rules' part of the explanation (listed before the team rules').
    public var eligibility: EligibilityExplanation? = nil
    /// Also print the solver's view (model size, how the budget's marginal value was found).
    public var verbose = false

    public init(scored: ScoredPool, teams: [TeamSolution], search: AlternativeTeams? = nil, exits: [ExitImpact],
                eligibility: EligibilityExplanation? = nil, verbose: Bool = false) {
        (self.scored, self.teams, self.search, self.exits, self.eligibility, self.verbose) = (scored, teams, search, exits, eligibility, verbose)
    }

    private var best: TeamSolution { teams[0] }
    private var scenario: Scenario { scored.scenario }
    private var skillNames: [String] {
        scored.scenario.demand.isPerSkill ? scored.scenario.demand.skills.map(\.display) : ["total"]
    }

    // MARK: Words

    static func statusText(_ team: TeamSolution) -> String {
        switch team.status {
        case .optimal: "optimal team (proven optimal)"
        case .feasible: "team within the requested gap (gap \(percent(team.gap ?? 0)))"
        case .timeLimit: "best team found at the time limit (gap \(percent(team.gap ?? 0)), not proven optimal)"
        case .timeLimitNoSolution: "no team found before the time limit"
        case .infeasible: "no team satisfies this scenario"
        case .relaxed: "no team meets every rule: soft rules relaxed by priority (optimal under the relaxed rules)"
        }
    }

    static func percent(_ x: Double) -> String { fixed(x * 100, x < 0.001 && x > 0 ? 3 : 1) + "%" }

    private func name(_ member: TeamMember) -> String { scored.pool.names[member.poolIndex] }

    /// `id name` of each member: ids for the machine, names for the reader.
    private func vendorList(_ members: [TeamMember]) -> String {
        members.map { "\($0.id) \(name($0))" }.joined(separator: ", ")
    }

    private func fte(_ member: TeamMember, _ skill: String) -> String {
        member.skills.first { $0.skill == skill }.map { Format.number($0.fte) } ?? ""
    }

    private var candidatesLine: String {
        var line = "\(scored.pool.count) vendors, \(scored.eligibleCount) eligible"
        if let pruning = best.pruning, pruning.after < pruning.before {
            line += ", \(pruning.after) left after exact dominance pruning"
        }
        return verbose ? line + "; MILP \(best.rows) rows × \(best.columns) columns" : line
    }

    // MARK: Table and Markdown

    public func text(_ terminal: Terminal, markdown: Bool) -> String {
        var out = markdown ? "## \(HumanText.markdownInline(scenario.name)): \(TeamReport.statusText(best))\n\n"
            : terminal.bold("\(HumanText.inline(scenario.name)): \(TeamReport.statusText(best))") + "\n"
        out += candidatesLine + "\n\n"
        guard best.status.hasTeam else { return out + relaxationsText(markdown: markdown) }
        // What was relaxed comes first: it is what the buyer must accept for this team.
        if !best.relaxedRules.isEmpty {
            out += line(markdown, "Relaxed rules (1 = most important):")
            for rule in best.relaxedRules { out += "  - " + HumanText.inline(rule.message) + "\n" }
            out += "\n"
        }

        var table = TextTable([
            .init(title: "Vendor", alignment: .left),
            .init(title: "Name", alignment: .left, flexible: true, minimumWidth: 10),
            .init(title: "FTE", alignment: .right),
        ] + skillNames.map { .init(title: $0, alignment: .right) } + [
            .init(title: scored.rateTitle, alignment: .right),
            .init(title: "Cost \(scenario.currency)", alignment: .right),
            .init(title: "Utility", alignment: .right),
            .init(title: "Overlap h", alignment: .right),
        ])
        for member in best.members {
            let country = scored.pool.countries.display[Int(scored.pool.countryIndex[member.poolIndex])]
            table.append([member.id, "\(name(member)) (\(country))", Format.number(member.fte)]
                + skillNames.map { fte(member, $0) }
                + [grouped(member.hourlyRate, 2), Format.money(member.cost), fixed(member.utility, 3), fixed(member.overlapHours, 2)])
        }
        out += (markdown ? table.renderMarkdown() : table.render(terminal)) + "\n"
        // Where per-skill rates apply, what each member is billed per skill beside its r̄.
        if let legend = scored.rateLegend { out += line(markdown, legend) }
        for member in best.members where scored.billedPerSkill(member.poolIndex) {
            let rates = scored.demandedSkillRates(member.poolIndex).map { "\($0.skill) \(ScoredPool.rateText($0.rate))" }
            out += line(markdown, "\(member.id) is billed per skill: \(rates.joined(separator: ", ")) \(scenario.currency)/h (r̄ \(ScoredPool.rateText(member.hourlyRate)))")
        }

        let cost = best.totalCost ?? 0
        let budget = scenario.budget
        if scenario.hasBudget {
            out += line(markdown, "Total cost: \(Format.money(cost)) \(scenario.currency) of a budget of \(Format.money(budget)) \(scenario.currency) (\(TeamReport.percent(cost / budget)))")
        } else {
            out += line(markdown, "Total cost: \(Format.money(cost)) \(scenario.currency) (no budget set)")
        }
        if let onboarding = best.totalOnboardingCost, onboarding > 0 {
            let parts = best.members.filter { $0.onboardingCost > 0 }.map { "\($0.id) \(Format.money($0.onboardingCost))" }
            out += line(markdown, "Onboarding: \(Format.money(onboarding)) \(scenario.currency) of the total cost (\(parts.joined(separator: ", ")))")
        }
        if scenario.objective == .cost, let mu = scenario.minMeanUtility {
            out += line(markdown, "Objective: the cheapest team whose mean utility per FTE reaches \(Format.number(mu)) (min_mean_utility)")
        }
        out += line(markdown, "Team utility: \(fixed(best.objective ?? 0, 4)) (each member's utility times its FTE, summed); mean utility per FTE: \(fixed(best.meanUtility ?? 0, 4))")
        if best.status != .optimal, best.status != .relaxed { out += line(markdown, "MIP gap: \(TeamReport.percent(best.gap ?? 0))") }
        if let marginal = best.marginalUtilityPerCurrency {
            out += line(markdown, marginal > 0
                ? "More budget: each extra 10,000 \(scenario.currency) would add \(fixed(marginal * 10_000, 4)) to the team utility with these vendors"
                    + (verbose ? " (LP with this team fixed)" : "")
                : "More budget: would buy nothing with this team (the budget does not bind)")
        }
        if best.binding.isEmpty {
            out += line(markdown, "Binding rules: none")
        } else {
            out += line(markdown, "Binding rules:")
            for rule in best.binding {
                // Nested under "Binding rules" in Markdown too (two spaces), so the list keeps its shape.
                out += (markdown ? "  - " : "  - ") + HumanText.inline("\(rule.message) (\(rule.code))") + "\n"
            }
        }
        if let survives = best.survives { out += line(markdown, TeamReport.survivalText(survives)) }
        if let note = alternativesNote {
            out += "\n" + note + "\n"
        }
        if teams.count > 1 {
            out += "\n" + (markdown ? "### Alternative teams\n\n" : terminal.bold("Alternative teams") + "\n")
            var alternatives = TextTable([
                .init(title: "#", alignment: .right), .init(title: "Utility", alignment: .right),
                // The cheapest good-enough team ranks alternatives by cost: the gap to the best is money.
                .init(title: scenario.objective == .cost ? "extra cost" : "vs best", alignment: .right),
                .init(title: "Cost \(scenario.currency)", alignment: .right),
                // The share of every skill the rest carries when one vendor / one country leaves (as in `compare`).
                .init(title: "Vendor exit", alignment: .right),
                .init(title: "Country loss", alignment: .right),
                .init(title: "Vendors", alignment: .left, flexible: true, minimumWidth: 12),
            ])
            for (k, team) in teams.enumerated() {
                alternatives.append([String(k + 1), fixed(team.objective ?? 0, 4),
                                     k == 0 ? "" : scenario.objective == .cost
                                        ? "+" + Format.money((team.totalCost ?? 0) - (best.totalCost ?? 0))
                                        : fixed((team.objective ?? 0) - (best.objective ?? 0), 4),
                                     Format.money(team.totalCost ?? 0),
                                     team.survives.map { TeamReport.percent($0.vendorExitLevel) } ?? "",
                                     team.survives.map { TeamReport.percent($0.countryLossLevel) } ?? "",
                                     vendorList(team.members)])
            }
            out += (markdown ? alternatives.renderMarkdown() : alternatives.render(terminal))
            if teams.contains(where: { $0.survives != nil }) {
                out += (markdown ? "\n" : "") + "Vendor exit, Country loss: the share of every skill's demand the rest of the team can still supply when any one vendor, or any one country's vendors, leave.\n"
            }
        }
        if !exits.isEmpty {
            out += "\n" + (markdown ? "### Exit analysis\n\n" : terminal.bold("Exit analysis: if one vendor leaves") + "\n")
            var table = TextTable([
                .init(title: "Leaves", alignment: .left, flexible: true, minimumWidth: 12), .init(title: "Utility change", alignment: .right),
                .init(title: "Cost change \(scenario.currency)", alignment: .right),
                .init(title: "Rest carries", alignment: .right),
                .init(title: "Replacement team", alignment: .left, flexible: true, minimumWidth: 16),
            ])
            for impact in exits {
                let carries = recourseText(impact)
                if impact.hasReplacement {
                    table.append([leaver(impact), fixed(impact.utilityChange ?? 0, 4), Format.money(impact.costChange ?? 0), carries,
                                  vendorList(impact.replacement.members)])
                } else {
                    table.append([leaver(impact), "", "", carries, "no replacement exists: the scenario becomes infeasible"])
                }
            }
            out += (markdown ? table.renderMarkdown() : table.render(terminal))
            out += line(markdown, "Note: each replacement team is the best without the vendor who leaves; every other vendor keeps its scores (the cost score's range is not recomputed without the leaver). Rest carries: the share of every skill's demand the rest of this team can still supply, each within its max_fte and skills.")
        }
        return out
    }

    /// The share of every skill's demand the rest of the reported team can supply when `impact`'s vendor leaves.
    private func recourse(_ impact: ExitImpact) -> Double? {
        best.survives?.vendorExits.first { $0.name == impact.memberID }?.level
    }

    /// The text of `recourse(impact)`: empty without levels, `unknown` where the solver failed.
    private func recourseText(_ impact: ExitImpact) -> String {
        guard let leaver = best.survives?.vendorExits.first(where: { $0.name == impact.memberID }) else { return "" }
        return TeamReport.percent(leaver.level)
    }

    /// "Survives: …" in words (docs/MODEL.md, "Teams that survive an exit").
    static func survivalText(_ r: Resilience) -> String {
        func worst(_ leavers: [Resilience.Leaver]) -> String {
            guard let w = leavers.min(by: { ($0.coverage, $0.name) < ($1.coverage, $1.name) }), w.coverage < 1 else { return "" }
            let skills = w.limitingSkills.isEmpty ? "" : " of \(w.limitingSkills.joined(separator: " + "))"
            return " (weakest: without \(w.name) the rest carries \(percent(w.coverage))\(skills))"
        }
        let vendor = r.vendorExits.count < 2 ? "no vendor can leave (a team of one)"
            : r.vendorExitLevel == nil ? "any one vendor leaving at an unknown share of the demand" + unknown(r.vendorExits)
            : "any one vendor leaving at \(percent(r.vendorExit)) of every skill's demand" + worst(r.vendorExits)
        let country = r.countryLosses.count < 2 ? "no country can be lost (one country)"
            : r.countryLossLevel == nil ? "any one country lost at an unknown share" + unknown(r.countryLosses)
            : "any one country lost at \(percent(r.countryLoss))" + worst(r.countryLosses)
        return "Survives: \(vendor); \(country)"
    }

    /// Which leavers' levels are unknown, and why (the first reason; they share a cause).
    private static func unknown(_ leavers: [Resilience.Leaver]) -> String {
        let failed = leavers.filter { $0.failure != nil }
        guard let reason = failed.first?.failure else { return "" }
        return " (not computed without \(failed.map(\.name).joined(separator: ", ")): \(reason))"
    }

    /// A level as a percentage, or `unknown`.
    static func percent(_ level: Double?) -> String { level.map { percent($0) } ?? "unknown" }

    /// `id name` of the vendor who leaves.
    private func leaver(_ impact: ExitImpact) -> String {
        guard let member = best.members.first(where: { $0.id == impact.memberID }) else { return impact.memberID }
        return "\(impact.memberID) \(name(member))"
    }

    /// Says when fewer distinct teams exist than `--alternatives` asked for.
    private var alternativesNote: String? {
        guard let search, search.teams.count < search.requested else { return nil }
        let found = search.teams.count
        let teamsWord = found == 1 ? "1 distinct team" : "\(found) distinct teams"
        if search.searchLimitReached {
            return "Alternatives: \(search.requested) requested; \(teamsWord) found before the search limit (teams that differ only by vendors given no work count once)."
        }
        return "Alternatives: \(search.requested) requested, but only \(teamsWord) \(found == 1 ? "exists" : "exist") under these rules."
    }

    private func line(_ markdown: Bool, _ text: String) -> String { (markdown ? "- " : "") + HumanText.inline(text) + "\n" }

    private func relaxationsText(markdown: Bool) -> String {
        guard best.status == .infeasible else { return "" }
        let unoffered = (eligibility?.unofferedSkills ?? []).map { line(markdown, $0.message.prefix(1).uppercased() + $0.message.dropFirst() + ".") }.joined()
        let admitting = eligibility?.relaxations ?? []
        guard !best.relaxations.isEmpty || !admitting.isEmpty else {
            if !unoffered.isEmpty { return unoffered }
            // What the eligible vendors can deliver at most, before pointing at the eligibility rules.
            var capacity = "What the eligible vendors can deliver at most (their capacity, each within the max share; no other rule counted):\n"
            for skill in TeamProblem(scored: scored).capacity() {
                capacity += (markdown ? "- " : "  - ") + HumanText.inline(skill.message) + (skill.short ? " (short)" : "") + "\n"
            }
            if best.relaxationsExhausted {
                return capacity + "No change of the budget or team rules makes it feasible with these vendors, even all of them at once (checked by a solve), and no change of one skill's demand does: the eligible vendors cannot meet this demand; check the eligibility rules (`partner-match shortlist --show-excluded`).\n"
            }
            return capacity + "No change of the budget, demand or team rules was found that makes it feasible: check the eligibility rules (`partner-match shortlist --show-excluded`).\n"
        }
        // A skill the eligible vendors cannot supply even before any other rule is said first.
        let short = TeamProblem(scored: scored).capacity().filter(\.short)
        let shortText = short.map { (markdown ? "- " : "") + HumanText.inline($0.message.prefix(1).uppercased() + $0.message.dropFirst()) + ".\n" }.joined()
        var out = unoffered + (unoffered.isEmpty ? "" : "\n") + shortText + (shortText.isEmpty ? "" : "\n")
            + "Smallest changes that make it feasible (each verified by a solve):\n"
        for (number, change) in admitting.enumerated() {
            out += (markdown ? "\(number + 1). " : "  \(number + 1). ") + HumanText.inline(change.message) + "\n"
        }
        let groups = Dictionary(grouping: best.relaxations, by: \.group).sorted { $0.key < $1.key }
        for (number, group) in groups {
            let text = HumanText.inline(group.map(\.message).joined(separator: "; and "))
            out += (markdown ? "\(number + admitting.count). " : "  \(number + admitting.count). ") + (group.count > 1 ? "together: " : "") + text + "\n"
        }
        if eligibility?.truncated == true {
            out += "(Only the first \(EligibilityExplainer.listEntryLimit) entries of each list rule were tried: docs/LIMITS.md.)\n"
        }
        return out
    }

    private static func text(_ value: EligibilityValue) -> String {
        switch value {
        case .number(let x): Format.number(x, decimals: 6)
        case .list(let items): items.joined(separator: ";")
        }
    }

    private static func json(_ value: EligibilityValue) -> JSONValue {
        switch value {
        case .number(let x): .number(x)
        case .list(let items): .array(items.map(JSONValue.string))
        }
    }

    // MARK: CSV

    /// The team alone as plain CSV; with `--alternatives` or `--exit-analysis`, every part in its own
    /// section: a `# team`, `# alternatives` or `# exit_analysis` line, the part's header and rows,
    /// and a blank line between parts (read one part with e.g. `awk '/^# alternatives/,/^$/'`).
    public func csv() -> String {
        let parts = [("team", teamCSV())]
            + (best.relaxedRules.isEmpty ? [] : [("relaxed_rules", relaxedRulesCSV())])
            + (teams.count > 1 || search != nil ? [("alternatives", alternativesCSV())] : [])
            + (exits.isEmpty ? [] : [("exit_analysis", exitsCSV())])
        guard parts.count > 1 else { return parts[0].1 }
        return parts.map { "# \($0.0)\n" + $0.1 }.joined(separator: "\n")
    }

    private func relaxedRulesCSV() -> String {
        var out = CSV.row(["key", "priority", "written", "met", "violation", "unit", "message"])
        for rule in best.relaxedRules {
            out += CSV.row([rule.key, String(rule.priority), rule.written, rule.met, Format.number(rule.violation, decimals: 6), rule.unit, rule.message])
        }
        return out
    }

    /// The relaxed soft rules as JSON (docs/MODEL.md, "Soft rules with priorities").
    static func relaxedRulesJSON(_ rules: [RelaxedRule]) -> JSONValue {
        .array(rules.map { rule in
            .object(["key": .string(rule.key), "priority": .integer(rule.priority), "written": .string(rule.written),
                     "met": .string(rule.met), "violation": .number(rule.violation), "unit": .string(rule.unit),
                     "message": .string(rule.message)])
        })
    }

    private func alternativesCSV() -> String {
        var out = CSV.row(["rank", "status", "utility", "utility_vs_best", "mean_utility", "cost", "vendor_ids", "vendor_names",
                           "survives_vendor_exit", "survives_country_loss"])
        for (k, team) in teams.enumerated() {
            out += CSV.row([String(k + 1), team.status.rawValue, Format.number(team.objective ?? 0, decimals: 6),
                            Format.number((team.objective ?? 0) - (best.objective ?? 0), decimals: 6),
                            Format.number(team.meanUtility ?? 0, decimals: 6), Format.number(team.totalCost ?? 0, decimals: 2),
                            team.members.map(\.id).joined(separator: ";"), team.members.map(name).joined(separator: ";"),
                            team.survives.map { TeamReport.csvLevel($0.vendorExitLevel) } ?? "",
                            team.survives.map { TeamReport.csvLevel($0.countryLossLevel) } ?? ""])
        }
        return out
    }

    private func exitsCSV() -> String {
        var out = CSV.row(["leaves_id", "leaves_name", "replacement_status", "utility_change", "cost_change",
                           "replacement_ids", "replacement_names", "rest_carries"])
        for impact in exits {
            let leaverName = best.members.first { $0.id == impact.memberID }.map(name) ?? ""
            out += CSV.row([impact.memberID, leaverName, impact.replacement.status.rawValue,
                            impact.utilityChange.map { Format.number($0, decimals: 6) } ?? "",
                            impact.costChange.map { Format.number($0, decimals: 2) } ?? "",
                            impact.replacement.members.map(\.id).joined(separator: ";"),
                            impact.replacement.members.map(name).joined(separator: ";"),
                            best.survives?.vendorExits.first { $0.name == impact.memberID }.map { TeamReport.csvLevel($0.level) } ?? ""])
        }
        return out
    }

    private func teamCSV() -> String {
        guard best.status.hasTeam else {
            var out = CSV.row(["group", "constraint", "current", "needed", "message"])
            let admitting = eligibility?.relaxations ?? []
            for (k, r) in admitting.enumerated() {
                out += CSV.row([String(k + 1), r.constraint, Self.text(r.current), Self.text(r.needed), r.message])
            }
            for r in best.relaxations {
                out += CSV.row([String(r.group + admitting.count), r.constraint, Format.number(r.current, decimals: 6), Format.number(r.needed, decimals: 6), r.message])
            }
            return out
        }
        let pool = scored.pool
        var out = CSV.row(["id", "name", "fte"] + skillNames.map { "fte_\($0)" } + ["cost", "utility", "overlap_hours", "hourly_rate"] + pool.extraColumns
                          + ["rest_carries_if_leaves"])
        for member in best.members {
            out += CSV.row([member.id, name(member), Format.number(member.fte, decimals: 6)]
                + skillNames.map { fte(member, $0) }
                + [Format.number(member.cost, decimals: 2), Format.number(member.utility, decimals: 6),
                   Format.number(member.overlapHours, decimals: 4), Format.number(member.hourlyRate, decimals: 2)]
                + pool.extraValues.map { $0[member.poolIndex] }
                + [best.survives?.vendorExits.first { $0.name == member.id }.map { TeamReport.csvLevel($0.level) } ?? ""])
        }
        return out
    }

    // MARK: JSON (docs/MODEL.md, "Machine-readable outputs")

    /// `hourly_rate` and `mean_rate` are both `r̄`, the rate the scores use (the team's one rate per
    /// vendor); `skill_rates` the demanded skills' own rates where the vendor is billed per skill.
    private func teamJSON(_ team: TeamSolution) -> JSONValue {
        .array(team.members.map { member in
            var object: [String: JSONValue] = [
                "id": .string(member.id), "name": .string(name(member)), "fte": .number(member.fte),
                "skills": .object(Dictionary(uniqueKeysWithValues: member.skills.map { ($0.skill, JSONValue.number($0.fte)) })),
                "cost": .number(member.cost), "onboarding_cost": .number(member.onboardingCost), "utility": .number(member.utility),
                "overlap_hours": .number(member.overlapHours), "hourly_rate": .number(member.hourlyRate),
                "mean_rate": .number(member.hourlyRate),
            ]
            if scored.billedPerSkill(member.poolIndex) {
                object["skill_rates"] = .object(Dictionary(scored.demandedSkillRates(member.poolIndex).map { ($0.skill, JSONValue.number($0.rate)) },
                                                           uniquingKeysWith: { a, _ in a }))
            }
            return .object(object)
        })
    }

    private func number(_ x: Double?) -> JSONValue { x.map(JSONValue.number) ?? .null }

    /// `survives`: `{vendor_exit, country_loss}` (the largest ρ the team survives) and per leaver.
    /// A level unknown for a solver failure is `null`, with the reason in `unknown_because`.
    static func survivalJSON(_ r: Resilience) -> JSONValue {
        func leavers(_ list: [Resilience.Leaver]) -> JSONValue {
            .array(list.map { leaver in
                var object: [String: JSONValue] = ["leaves": .string(leaver.name), "vendors": .array(leaver.vendors.map(JSONValue.string)),
                                                   "rest_carries": leaver.level.map(JSONValue.number) ?? .null,
                                                   "limiting_skills": .array(leaver.limitingSkills.map(JSONValue.string))]
                if let failure = leaver.failure { object["unknown_because"] = .string(failure) }
                return .object(object)
            })
        }
        return .object(["vendor_exit": r.vendorExitLevel.map(JSONValue.number) ?? .null,
                        "country_loss": r.countryLossLevel.map(JSONValue.number) ?? .null,
                        "vendor_exits": leavers(r.vendorExits), "country_losses": leavers(r.countryLosses)])
    }

    /// A level in CSV: six decimals, `unknown` when the solver failed.
    static func csvLevel(_ level: Double?) -> String { level.map { Format.number($0, decimals: 6) } ?? "unknown" }

    public func json() -> JSONValue {
        var object: [String: JSONValue] = [
            "scenario": .string(scenario.name), "currency": .string(scenario.currency),
            "status": .string(best.status.rawValue), "budget": scenario.hasBudget ? .number(scenario.budget) : .null,
            // With objective = "cost" the objective is the team's cost (docs/MODEL.md, "Team optimisation").
            "objective": scenario.objective == .cost ? number(best.totalCost) : number(best.objective),
            "objective_kind": .string(scenario.objective.rawValue),
            "utility": number(best.objective),
            "mean_utility": number(best.meanUtility),
            "total_cost": number(best.totalCost), "total_onboarding_cost": number(best.totalOnboardingCost),
            "gap": best.status == .optimal ? .number(0) : number(best.gap),
            "team": teamJSON(best),
            "binding": .array(best.binding.map { .object(["code": .string($0.code), "message": .string($0.message)]) }),
            "marginal_utility_per_currency": number(best.marginalUtilityPerCurrency),
            "candidates": .object([
                "pool": .integer(scored.pool.count), "eligible": .integer(scored.eligibleCount),
                "after_pruning": .integer(best.pruning?.after ?? best.candidates),
            ]),
            "model": .object(["rows": .integer(best.rows), "columns": .integer(best.columns)]),
        ]
        if let survives = best.survives { object["survives"] = TeamReport.survivalJSON(survives) }
        if best.status == .relaxed || !best.relaxedRules.isEmpty { object["relaxed_rules"] = TeamReport.relaxedRulesJSON(best.relaxedRules) }
        if best.status == .infeasible {
            // Eligibility changes first (groups 1…k), then the team rules' (their groups after k).
            let admitting = eligibility?.relaxations ?? []
            object["relaxations"] = .array(admitting.enumerated().map { k, r in
                .object(["constraint": .string(r.constraint), "needed": Self.json(r.needed), "current": Self.json(r.current),
                         "message": .string(r.message), "group": .integer(k + 1), "drops_skill": .bool(false),
                         "admits": .array(r.admits.map { .string(scored.pool.ids[$0]) })])
            } + best.relaxations.map {
                .object(["constraint": .string($0.constraint),
                         "needed": $0.neededList.map { .array($0.map(JSONValue.string)) } ?? .number($0.needed), "current": .number($0.current),
                         "message": .string($0.message), "group": .integer($0.group + admitting.count), "drops_skill": .bool($0.dropsSkill)])
            })
            object["eligibility_entries_truncated"] = .bool(eligibility?.truncated ?? false)
            object["unoffered_skills"] = .array((eligibility?.unofferedSkills ?? []).map { skill in
                .object(["skill": .string(skill.skill), "message": .string(skill.message), "offered_by_count": .integer(skill.offeredByCount),
                         "offered_by": .array(skill.offeredBy.map { .string(scored.pool.ids[$0]) })])
            })
            object["relaxations_exhausted"] = .bool(best.relaxationsExhausted)
            // What the eligible vendors can deliver at most (docs/MODEL.md, "Infeasible for want of capacity").
            object["capacity"] = .array(TeamProblem(scored: scored).capacity().map { skill in
                .object(["skill": .string(skill.skill), "vendors": .integer(skill.vendors), "most_fte": .number(skill.most),
                         "demand": .number(skill.demand), "short": .bool(skill.short), "message": .string(skill.message)])
            })
        }
        if teams.count > 1 || search != nil {
            object["alternatives"] = .array(teams.enumerated().map { k, team in
                .object(["rank": .integer(k + 1), "status": .string(team.status.rawValue), "objective": number(team.objective),
                         "mean_utility": number(team.meanUtility), "total_cost": number(team.totalCost), "team": teamJSON(team),
                         "survives": team.survives.map(TeamReport.survivalJSON) ?? .null])
            })
        }
        if let search {
            object["alternatives_found"] = .object([
                "requested": .integer(search.requested), "found": .integer(search.teams.count),
                "no_more_exist": .bool(search.exhausted), "search_limit_reached": .bool(search.searchLimitReached),
            ])
        }
        if !exits.isEmpty {
            object["exit_analysis"] = .array(exits.map { impact in
                .object(["id": .string(impact.memberID), "replacement_status": .string(impact.replacement.status.rawValue),
                         "utility_change": number(impact.utilityChange), "cost_change": number(impact.costChange),
                         "joining": .array(impact.joining.map(JSONValue.string)),
                         "rest_carries": number(recourse(impact)),
                         "team": .array(impact.replacement.members.map { .string($0.id) })])
            })
            object["exit_analysis_note"] = .string("each replacement team is the best without the vendor who leaves; every other vendor keeps its scores")
        }
        return .object(object)
    }
}
