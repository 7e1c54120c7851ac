import Mustache
import PartnerMatch

/// The decision report (`partner-match report`): one self-contained HTML document, rendered with
/// hummingbird-project/swift-mustache. Every value from the inputs goes through `{{…}}`, which
/// escapes `&`, `<`, `>`, `"` and `'`; the only unescaped insertions (`{{{chart}}}`,
/// `{{{robustness.chart}}}`, `{{{survival.chart}}}`) are the SVGs that `BudgetChart`, `AcceptabilityChart` and `SurvivalChart` write, which
/// escape their own text. Nothing here computes the model: the numbers
/// come from the library's results, formatted.
public struct HTMLReport {
    public var scored: ScoredPool
    public var shortlist: Shortlist
    public var team: TeamReport
    public var frontier: ScenariosReport
    public var chartSVG: String?
    public var vendorsPath: String
    /// The SMAA-2 analysis of the shortlist, when `--robustness` asked for it.
    public var robustness: ShortlistRobustness? = nil
    /// What each rule costs (docs/MODEL.md, v3): a section and a chart when set.
    public var rulePrices: RulePricesReport? = nil

    public init(scored: ScoredPool, shortlist: Shortlist, team: TeamReport, frontier: ScenariosReport, chartSVG: String?,
                vendorsPath: String, robustness: ShortlistRobustness? = nil) {
        (self.scored, self.shortlist, self.team, self.frontier) = (scored, shortlist, team, frontier)
        (self.chartSVG, self.vendorsPath, self.robustness) = (chartSVG, vendorsPath, robustness)
    }

    private var pool: VendorPool { scored.pool }
    private var scenario: Scenario { scored.scenario }
    private var currency: String { scenario.currency }

    public func render() throws -> String {
        let template = try MustacheTemplate(string: Self.template)
        return template.render(context())
    }

    private func money(_ value: Double) -> String { "\(Format.money(value)) \(currency)" }

    private func vendorName(_ index: Int) -> String { pool.names[index] }

    private func country(_ index: Int) -> String { pool.countries.display[Int(pool.countryIndex[index])] }

    private func list(_ items: [String]) -> String { items.isEmpty ? "none" : items.joined(separator: ", ") }

    private func context() -> [String: Any] {
        [
            "title": "\(scenario.name): partner decision",
            "scenario": scenarioContext(),
            "shortlist": shortlistContext(),
            "excluded": excludedContext(),
            "excludedCount": scored.ineligibleCount,
            "hasExcluded": scored.ineligibleCount > 0,
            "team": teamContext(),
            "alternatives": alternativesContext(),
            "hasAlternatives": team.teams.count > 1,
            "exits": exitsContext(),
            "hasExits": !team.exits.isEmpty,
            "survival": survivalContext(),
            "hasSurvival": team.teams.first?.survives != nil,
            "frontier": frontierContext(),
            "chart": chartSVG.map(Self.inlineSVG) ?? "",
            "hasRobustness": robustness != nil,
            "robustness": robustnessContext(),
            "hasChart": chartSVG != nil,
            "hasRulePrices": rulePrices != nil,
            "rulePrices": rulePricesContext(),
            "glossary": Self.glossary().map { ["term": $0.0, "definition": $0.1] },
            "version": PartnerMatchVersion.string,
        ]
    }

    // MARK: Scenario

    private func scenarioContext() -> [String: Any] {
        let demand: String = scenario.demand.skills.isEmpty
            ? "\(Format.number(scenario.demand.total)) FTE in all"
            : scenario.demand.skills.map { "\(Format.number($0.fte)) FTE \($0.display)" }.joined(separator: ", ")
        let rules = scenario.rules
        var facts: [[String: String]] = [
            ["label": "Demand", "value": demand + " for \(Format.number(scenario.months)) months of \(Format.number(scenario.hoursPerMonth)) hours"],
            ["label": "Budget", "value": scenario.hasBudget ? money(scenario.budget) : "none set"],
            ["label": "Client", "value": "\(scenario.client.timeZone), working \(scenario.client.workStart)–\(scenario.client.workEnd)"],
            ["label": "Vendors read", "value": "\(Format.money(Double(pool.count))) from \(vendorsPath), \(Format.money(Double(scored.eligibleCount))) eligible"],
            ["label": "Weights", "value": Criterion.allCases.map { "\(Self.criterionName($0)) \(Format.number(scenario.weights[$0] / scenario.weights.sum * 100, decimals: 1))%" }.joined(separator: ", ")
                + " (\(scenario.weights.methodLine))"],
        ]
        var must: [String] = []
        if rules.minQuality > 0 { must.append("quality at least \(Format.number(rules.minQuality))") }
        if !rules.requiredCertifications.isEmpty { must.append("certified \(rules.requiredCertifications.joined(separator: " and "))") }
        if let maxRate = rules.maxRate { must.append("hourly rate at most \(Format.number(maxRate)) \(currency)") }
        if rules.minOverlapHours > 0 { must.append("at least \(Format.number(rules.minOverlapHours)) working hours a day shared with the client") }
        if !must.isEmpty { facts.append(["label": "Every vendor must have", "value": must.joined(separator: "; ")]) }
        let teamRules = rules.constraints.summaries
        facts.append(["label": "The team must have", "value": teamRules.joined(separator: ", ")])
        if scenario.objective == .cost, let mu = scenario.minMeanUtility {
            facts.append(["label": "Objective", "value": "the cheapest team whose mean utility per FTE reaches \(Format.number(mu))"])
        }
        if scenario.onboardingPerVendor > 0 {
            facts.append(["label": "Onboarding", "value": "\(money(scenario.onboardingPerVendor)) per vendor selected, unless its file gives its own"])
        }
        return ["name": scenario.name, "facts": facts]
    }

    /// The criterion's name in sentences (its definition's label).
    static func criterionName(_ criterion: Criterion) -> String { criterion.definition.label }


    // MARK: Rule prices

    /// One row per priced rule, the plain-words lines of the rules that cost something, and the chart.
    private func rulePricesContext() -> [String: Any] {
        guard let section = rulePrices else { return [:] }
        let rows: [[String: String]] = section.prices.map { price in
            var notes: [String] = []
            if price.free { notes.append("free") }
            if price.rescored { notes.append("re-scored") }
            return ["rule": RulePricesReport.ruleName(price), "current": price.current, "without": price.without,
                    "price": price.price == nil ? "no team"
                        : section.costMode ? money(price.price ?? 0) : fixed(price.meanUtilityGain ?? 0, 4),
                    "cost": price.costChange.map(money) ?? "",
                    "joins": price.joins.map { id in pool.index(ofID: id).map { "\(id) \(vendorName($0))" } ?? id }.joined(separator: ", "),
                    "leaves": price.leaves.map { id in pool.index(ofID: id).map { "\(id) \(vendorName($0))" } ?? id }.joined(separator: ", "),
                    "note": notes.joined(separator: ", ")]
        }
        return [
            "rows": rows,
            "hasRows": !rows.isEmpty,
            "unit": section.costMode ? "Money saved" : "Mean utility gained",
            "sentences": section.prices.filter { !$0.free }.map { ["text": section.sentence($0)] },
            "chart": rows.isEmpty ? "" : Self.inlineSVG(RulePriceChart(prices: section.prices, costMode: section.costMode, currency: currency).svg()),
            "materiality": Format.number(section.materiality * 100, decimals: 3),
        ]
    }

    // MARK: Robustness

    /// Rank acceptabilities (in %) and confidence per vendor, and the acceptability chart.
    private func robustnessContext() -> [String: Any] {
        guard let robustness else { return [:] }
        let summary = RobustnessReport(robustness: robustness).summaryLine
        return [
            "summary": summary,
            "ranks": (1...robustness.top).map { ["rank": "\($0)"] },
            "vendors": robustness.vendors.map { vendor -> [String: Any] in
                ["name": vendorName(vendor.index), "id": vendor.id,
                 // A share that rounds to 0.0% but is not 0 shows as "<0.1".
                 "cells": vendor.rankAcceptability.map { ["value": $0 > 0 && $0 < 0.0005 ? "<0.1" : Format.number($0 * 100, decimals: 1)] },
                 "confidence": vendor.confidence.map { fixed($0, 2) } ?? "—"]
            },
            "chart": Self.inlineSVG(AcceptabilityChart(scenarioName: scenario.name, robustness: robustness).svg()),
        ]
    }

    // MARK: Shortlist and exclusions

    private func shortlistContext() -> [[String: Any]] {
        shortlist.rows.map { row in
            let imputed = pool.culturalFit[row.index].isNaN
            let scores: [[String: Any]] = zip(Criterion.allCases, row.scores).map { criterion, score in
                [
                    "name": criterion.definition.reportLabel, "value": fixed(score, 2),
                    "percent": fixed(max(0, min(1, score)) * 100, 0),
                    "imputed": criterion == .culture && imputed,
                ]
            }
            return [
                "rank": row.rank, "id": row.id, "name": row.name, "country": country(row.index),
                // One rate per vendor: r̄, the rate its cost score uses.
                "rate": grouped(scored.meanRate[row.index], 2) + " " + currency + (scored.billedPerSkill(row.index) ? " (r̄)" : ""),
                "skills": list(pool.skills[row.index].map { pool.skillTokens.display[Int($0)] }),
                "certifications": list(pool.certifications[row.index].map { pool.certificationTokens.display[Int($0)] }),
                "utility": fixed(row.utility, 3), "scores": scores, "imputed": imputed,
            ]
        }
    }

    private func excludedContext() -> [[String: Any]] {
        shortlist.excluded.map { entry in
            [
                "id": pool.ids[entry.index], "name": vendorName(entry.index),
                "reasons": entry.reasons.map(\.message).joined(separator: "; "),
            ]
        }
    }

    // MARK: Team

    private func teamContext() -> [String: Any] {
        let best = team.teams[0]
        var context: [String: Any] = ["status": TeamReport.statusText(best), "hasTeam": best.status.hasTeam]
        guard best.status.hasTeam else {
            // The eligibility part first (a skill nobody eligible offers, then rules that admit vendors),
            // then the team rules' changes, as `optimize` lists them.
            let eligibility = team.eligibility
            context["relaxations"] = (eligibility?.unofferedSkills.map(\.message) ?? []).map { ["text": $0] }
                + (eligibility?.relaxations.map(\.message) ?? []).map { ["text": $0] }
                + best.relaxations.map { ["text": $0.message] }
            return context
        }
        context["relaxedRules"] = best.relaxedRules.map { ["text": $0.message] }
        context["hasRelaxedRules"] = !best.relaxedRules.isEmpty
        let skills = scored.scenario.demand.skills.map(\.display)
        context["skills"] = skills.map { ["name": $0] }
        context["members"] = best.members.map { member -> [String: Any] in
            [
                "id": member.id, "name": vendorName(member.poolIndex), "country": country(member.poolIndex),
                "fte": Format.number(member.fte),
                "skills": skills.map { skill in ["fte": member.skills.first { $0.skill == skill }.map { Format.number($0.fte) } ?? ""] },
                "rate": grouped(member.hourlyRate, 2) + (scored.billedPerSkill(member.poolIndex)
                    ? " (r̄; " + scored.demandedSkillRates(member.poolIndex).map { "\($0.skill) \(ScoredPool.rateText($0.rate))" }.joined(separator: ", ") + ")" : ""),
                "cost": money(member.cost), "utility": fixed(member.utility, 3),
                "onboarding": money(member.onboardingCost),
            ]
        }
        let cost = best.totalCost ?? 0
        context["cost"] = money(cost)
        // Onboarding is part of each member's cost; its column shows only when some vendor has one.
        context["hasOnboarding"] = (best.totalOnboardingCost ?? 0) > 0
        context["onboarding"] = money(best.totalOnboardingCost ?? 0)
        context["budgetText"] = scenario.hasBudget
            ? "\(TeamReport.percent(cost / scenario.budget)) of the budget of \(money(scenario.budget))"
            : "no budget set"
        if scenario.objective == .cost, let mu = scenario.minMeanUtility {
            context["objectiveText"] = "The cheapest team whose mean utility per FTE reaches \(Format.number(mu)) (objective = \"cost\")."
        }
        context["meanUtility"] = fixed(best.meanUtility ?? 0, 3)
        context["binding"] = best.binding.map { ["text": $0.message] }
        context["hasBinding"] = !best.binding.isEmpty
        if scenario.objective == .cost {
            context["moreBudget"] = ""
        } else if let marginal = best.marginalUtilityPerCurrency, marginal > 0 {
            context["moreBudget"] = "Each extra 10,000 \(currency) would add \(fixed(marginal * 10_000, 4)) to the team utility with these vendors."
        } else {
            context["moreBudget"] = "More budget would buy nothing with this team: the budget does not bind."
        }
        return context
    }

    private func names(_ members: [TeamMember]) -> String {
        members.map { "\(vendorName($0.poolIndex)) (\($0.id))" }.joined(separator: ", ")
    }

    private func alternativesContext() -> [[String: Any]] {
        let best = team.teams[0].objective ?? 0
        return team.teams.enumerated().map { k, option in
            [
                "rank": k + 1, "utility": fixed(option.objective ?? 0, 4),
                // With objective = "cost" alternatives rank by cost: the gap to the best is money.
                "versus": k == 0 ? "best" : scenario.objective == .cost
                    ? "+" + money((option.totalCost ?? 0) - (team.teams[0].totalCost ?? 0))
                    : fixed((option.objective ?? 0) - best, 4),
                "cost": money(option.totalCost ?? 0), "vendors": names(option.members),
            ]
        }
    }

    private func exitsContext() -> [[String: Any]] {
        team.exits.map { impact in
            let leaver = team.teams[0].members.first { $0.id == impact.memberID }
            return [
                "leaves": leaver.map { "\(vendorName($0.poolIndex)) (\($0.id))" } ?? impact.memberID,
                "hasReplacement": impact.hasReplacement,
                "utility": impact.utilityChange.map { fixed($0, 4) } ?? "",
                "cost": impact.costChange.map(money) ?? "",
                "team": names(impact.replacement.members),
            ]
        }
    }

    /// "If one leaves": the team's levels in words and its chart (docs/MODEL.md, "Teams that survive an exit").
    private func survivalContext() -> [String: Any] {
        guard let best = team.teams.first, let survives = best.survives else { return [:] }
        let names = Dictionary(best.members.map { ($0.id, vendorName($0.poolIndex)) }, uniquingKeysWith: { a, _ in a })
        let chart = SurvivalChart(scenarioName: scenario.name, survives: survives,
                                  vendorExitRequired: scenario.rules.surviveVendorExit, countryLossRequired: scenario.rules.surviveCountryLoss,
                                  names: names)
        return ["text": TeamReport.survivalText(survives), "chart": Self.inlineSVG(chart.svg())]
    }

    // MARK: Budget frontier

    private func frontierContext() -> [String: Any] {
        var facts: [[String: String]] = []
        if let minimum = frontier.minimumBudget {
            facts.append(["label": "Minimum feasible budget", "value": "\(Money.text(minimum)) \(currency): the cheapest team that meets every other rule"])
        } else {
            facts.append(["label": "Minimum feasible budget", "value": "none: no budget makes this scenario feasible"])
        }
        if let saturation = frontier.saturation {
            facts.append(["label": "Saturation budget", "value": money(saturation.budget) + ": beyond it, more money buys nothing"])
        }
        // The kept-team rule beside the sweep: the table's team at the scenario's budget is the recommended one.
        facts.append(["label": "Team shown", "value": frontier.keptTeamRule])
        let names = VendorNames(pool, ids: frontier.breakpoints.flatMap { $0.before + $0.after } + frontier.points.flatMap(\.team.vendorSet))
        let changes: [[String: String]] = frontier.breakpoints.map { b in
            let (joins, leaves) = ScenariosReport.joinsAndLeaves(b)
            func named(_ ids: [String]) -> String {
                ids.map { id in names[id].map { "\($0) (\(id))" } ?? id }.joined(separator: ", ")
            }
            return [
                "budget": money(b.budget), "joins": (b.feasibleBefore ? "" : "team forms: ") + named(joins),
                "leaves": named(leaves), "gain": b.utilityGain.map { ($0 >= 0 ? "+" : "") + fixed($0, 4) } ?? "",
            ]
        }
        let points: [[String: String]] = frontier.points.map { point in
            let option = point.team
            return [
                "budget": money(point.budget),
                "status": option.status.hasTeam ? "team" : "no team",
                "utility": option.meanUtility.map { fixed($0, 3) } ?? "",
                "cost": option.totalCost.map(money) ?? "",
                "vendors": option.status.hasTeam ? option.vendorSet.map { id in names[id] ?? id }.joined(separator: ", ") : "",
            ]
        }
        return ["facts": facts, "changes": changes, "hasChanges": !changes.isEmpty, "points": points]
    }

    /// The chart's SVG without its XML declaration (not allowed inside HTML), sized by the page.
    static func inlineSVG(_ svg: String) -> String {
        var text = Substring(svg)
        if text.hasPrefix("<?xml"), let end = text.range(of: "?>") { text = text[end.upperBound...] }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "<svg ", with: "<svg class=\"chart\" role=\"img\" ", options: .anchored)
    }

    // MARK: Glossary

    /// The glossary: the criteria's own entries (each criterion's `glossaryTerm` and
    /// `glossaryDefinition`, in registered order) between the report's terms.
    static func glossary() -> [(String, String)] {
        let criteria = Criterion.allCases.map(\.definition), count = Format.cardinal(criteria.count)
        return [
            ("Eligible", "A vendor that meets every rule of the scenario (quality, certifications, countries, rate, working-hours overlap). Only eligible vendors are ranked or chosen."),
            ("Score", "A number from 0 (worst) to 1 (best) for one criterion. The \(count) criteria follow; the shortlist's bars call them \(Format.andList(criteria.map { $0.reportLabel }))."),
        ] + criteria.map { ($0.glossaryTerm, $0.glossaryDefinition) } + glossaryAfterCriteria(count)
    }

    private static func glossaryAfterCriteria(_ count: String) -> [(String, String)] { [
        ("Utility", "The weighted mean of the \(count) scores, with the scenario's weights: 0 to 1, higher is better."),
        ("FTE", "Full-time equivalent: one person working full time for the whole horizon."),
        ("Team utility", "Each member's utility times the FTE it supplies, summed. The optimal team has the highest team utility within the budget and the team rules."),
        ("Binding rule", "A rule the optimal team meets exactly: loosening it could give a better team."),
        ("Alternative team", "The next-best teams with a different set of vendors, for comparison."),
        ("Exit analysis", "For each member, the best team without it: what it would cost in utility and money if that vendor left."),
        ("Minimum feasible budget", "The cost of the cheapest team that meets every rule other than the budget."),
        ("Saturation budget", "The cheapest cost at which the team utility reaches its best without any budget limit: beyond it, more money buys nothing."),
        ("Team change", "A budget at which the chosen vendors change, located by bisection."),
    ] }

    // MARK: Template

    static let template = #"""
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}}</title>
    <style>
    :root { --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --accent: #2f6fb2; --soft: #f0f4f8; }
    * { box-sizing: border-box; }
    body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); margin: 0 auto; padding: 24px 32px; max-width: 1200px; }
    h1 { font-size: 24px; margin: 0 0 4px; }
    h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
    p, dd { overflow-wrap: anywhere; }
    .muted { color: var(--muted); }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0; }
    dl.facts dt { font-weight: 600; }
    dl.facts dd { margin: 0; }
    table { width: 100%; border-collapse: collapse; margin: 8px 0; table-layout: auto; }
    th, td { text-align: left; vertical-align: top; padding: 4px 6px; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
    th { background: var(--soft); font-weight: 600; overflow-wrap: normal; }
    td.num, th.num { text-align: right; white-space: nowrap; }
    .bars { display: grid; grid-template-columns: repeat(3, minmax(84px, 1fr)); gap: 2px 10px; min-width: 270px; }
    .bar { font-size: 11px; color: var(--muted); overflow-wrap: normal; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .bar .track { display: block; height: 6px; background: var(--line); border-radius: 3px; }
    .bar .fill { display: block; height: 6px; background: var(--accent); border-radius: 3px; }
    .imputed { color: #b44d12; font-weight: 600; }
    svg.chart { display: block; width: 100%; max-width: 960px; height: auto; margin: 8px 0; }
    ul.plain { padding-left: 20px; }
    footer { margin-top: 32px; font-size: 12px; color: var(--muted); }
    @page { size: A4; margin: 12mm; }
    @media print {
      body { padding: 0; max-width: none; font-size: 9pt; }
      h2 { break-after: avoid; }
      tr, .bars, dl.facts, svg.chart { break-inside: avoid; }
      th, td { padding: 2px 4px; }
      .bars { min-width: 150px; grid-template-columns: repeat(2, minmax(72px, 1fr)); gap: 1px 6px; }
      .bar { font-size: 8pt; }
      svg.chart { max-width: 100%; }
    }
    </style>
    </head>
    <body>
    <header>
    <h1>{{scenario.name}}</h1>
    <p class="muted">Partner decision report: who to shortlist, which team to hire, and what each budget buys.</p>
    </header>

    <section id="scenario">
    <h2>The scenario</h2>
    <dl class="facts">
    {{#scenario.facts}}<dt>{{label}}</dt><dd>{{value}}</dd>
    {{/scenario.facts}}
    </dl>
    </section>

    <section id="team">
    <h2>Recommended team</h2>
    <p><strong>{{team.status}}</strong></p>
    {{#team.hasTeam}}
    {{#team.hasRelaxedRules}}<p>Relaxed rules (1 = most important):</p><ul class="plain">{{#team.relaxedRules}}<li>{{text}}</li>{{/team.relaxedRules}}</ul>{{/team.hasRelaxedRules}}
    <table id="team-table">
    <thead><tr><th>Vendor</th><th>Country</th><th class="num">FTE</th>{{#team.skills}}<th class="num">{{name}}</th>{{/team.skills}}<th class="num">Rate per hour</th><th class="num">Cost</th>{{#team.hasOnboarding}}<th class="num">of which onboarding</th>{{/team.hasOnboarding}}<th class="num">Utility</th></tr></thead>
    <tbody>
    {{#team.members}}<tr><td>{{name}} <span class="muted">{{id}}</span></td><td>{{country}}</td><td class="num">{{fte}}</td>{{#skills}}<td class="num">{{fte}}</td>{{/skills}}<td class="num">{{rate}}</td><td class="num">{{cost}}</td>{{#team.hasOnboarding}}<td class="num">{{onboarding}}</td>{{/team.hasOnboarding}}<td class="num">{{utility}}</td></tr>
    {{/team.members}}
    </tbody>
    </table>
    <p>{{#team.objectiveText}}{{team.objectiveText}} {{/team.objectiveText}}Total cost <strong>{{team.cost}}</strong>{{#team.hasOnboarding}} (of which onboarding {{team.onboarding}}){{/team.hasOnboarding}}, {{team.budgetText}}. Mean utility per FTE: {{team.meanUtility}}. {{team.moreBudget}}</p>
    <h3>Rules that bind the choice</h3>
    {{#team.hasBinding}}<ul class="plain">{{#team.binding}}<li>{{text}}</li>{{/team.binding}}</ul>{{/team.hasBinding}}
    {{^team.hasBinding}}<p>None: no rule is met exactly.</p>{{/team.hasBinding}}
    {{/team.hasTeam}}
    {{^team.hasTeam}}
    <ul class="plain">{{#team.relaxations}}<li>{{text}}</li>{{/team.relaxations}}</ul>
    {{/team.hasTeam}}
    </section>

    {{#hasAlternatives}}
    <section id="alternatives">
    <h2>Alternative teams</h2>
    <table id="alternatives-table">
    <thead><tr><th class="num">#</th><th class="num">Team utility</th><th class="num">Against the best</th><th class="num">Cost</th><th>Vendors</th></tr></thead>
    <tbody>
    {{#alternatives}}<tr><td class="num">{{rank}}</td><td class="num">{{utility}}</td><td class="num">{{versus}}</td><td class="num">{{cost}}</td><td>{{vendors}}</td></tr>
    {{/alternatives}}
    </tbody>
    </table>
    </section>
    {{/hasAlternatives}}

    {{#hasSurvival}}
    <section id="survival">
    <h2>If one leaves: what the rest can carry</h2>
    <p>{{survival.text}}</p>
    <figure id="survival-chart">{{{survival.chart}}}</figure>
    </section>
    {{/hasSurvival}}

    {{#hasExits}}
    <section id="exit-analysis">
    <h2>If one vendor leaves</h2>
    <table id="exit-table">
    <thead><tr><th>Leaves</th><th class="num">Utility change</th><th class="num">Cost change</th><th>Best team without it</th></tr></thead>
    <tbody>
    {{#exits}}<tr><td>{{leaves}}</td>{{#hasReplacement}}<td class="num">{{utility}}</td><td class="num">{{cost}}</td><td>{{team}}</td>{{/hasReplacement}}{{^hasReplacement}}<td></td><td></td><td>No replacement exists: the scenario becomes infeasible.</td>{{/hasReplacement}}</tr>
    {{/exits}}
    </tbody>
    </table>
    </section>
    {{/hasExits}}

    {{#hasRulePrices}}
    <section id="rule-prices">
    <h2>What each rule costs</h2>
    {{#rulePrices.hasRows}}
    <p>For every rule in force, the best team with that one rule removed (set to its loosest value), each a verified re-solve. A rule is free when the best team gains less than {{rulePrices.materiality}}% without it. Re-scored: removing the rule changed the scores (eligibility moves the cost range, growth moves scalability), so utilities before and after are on different scales; compare the team and the cost.</p>
    <figure id="rule-price-chart">{{{rulePrices.chart}}}</figure>
    <table id="rule-price-table">
    <thead><tr><th>Rule</th><th>Now</th><th>Without</th><th class="num">{{rulePrices.unit}}</th><th class="num">Cost change</th><th>Joins</th><th>Leaves</th><th>Note</th></tr></thead>
    <tbody>
    {{#rulePrices.rows}}<tr><td>{{rule}}</td><td>{{current}}</td><td>{{without}}</td><td class="num">{{price}}</td><td class="num">{{cost}}</td><td>{{joins}}</td><td>{{leaves}}</td><td>{{note}}</td></tr>
    {{/rulePrices.rows}}
    </tbody>
    </table>
    <ul>
    {{#rulePrices.sentences}}<li>{{text}}</li>
    {{/rulePrices.sentences}}
    </ul>
    {{/rulePrices.hasRows}}
    {{^rulePrices.hasRows}}<p>No rule to price: no team, or no rule set beyond its loosest value.</p>{{/rulePrices.hasRows}}
    </section>
    {{/hasRulePrices}}

    <section id="budgets">
    <h2>What each budget buys</h2>
    <dl class="facts">
    {{#frontier.facts}}<dt>{{label}}</dt><dd>{{value}}</dd>
    {{/frontier.facts}}
    </dl>
    {{#hasChart}}<figure id="chart">{{{chart}}}</figure>{{/hasChart}}
    <table id="budget-table">
    <thead><tr><th class="num">Budget</th><th>Outcome</th><th class="num">Mean utility per FTE</th><th class="num">Cost</th><th>Vendors</th></tr></thead>
    <tbody>
    {{#frontier.points}}<tr><td class="num">{{budget}}</td><td>{{status}}</td><td class="num">{{utility}}</td><td class="num">{{cost}}</td><td>{{vendors}}</td></tr>
    {{/frontier.points}}
    </tbody>
    </table>
    {{#frontier.hasChanges}}
    <h3>Where the team changes</h3>
    <table id="changes-table">
    <thead><tr><th class="num">From budget</th><th>Joins</th><th>Leaves</th><th class="num">Utility gain</th></tr></thead>
    <tbody>
    {{#frontier.changes}}<tr><td class="num">{{budget}}</td><td>{{joins}}</td><td>{{leaves}}</td><td class="num">{{gain}}</td></tr>
    {{/frontier.changes}}
    </tbody>
    </table>
    {{/frontier.hasChanges}}
    </section>

    <section id="shortlist">
    <h2>Shortlist</h2>
    <table id="shortlist-table">
    <thead><tr><th class="num">#</th><th>Vendor</th><th>Country</th><th class="num">Rate per hour</th><th>Skills</th><th>Certifications</th><th class="num">Utility</th><th>Scores (0 to 1)</th></tr></thead>
    <tbody>
    {{#shortlist}}<tr><td class="num">{{rank}}</td><td>{{name}} <span class="muted">{{id}}</span></td><td>{{country}}</td><td class="num">{{rate}}</td><td>{{skills}}</td><td>{{certifications}}</td><td class="num">{{utility}}</td><td><div class="bars">{{#scores}}<span class="bar" title="{{name}}">{{name}} {{value}}{{#imputed}}<span class="imputed">*</span>{{/imputed}}<span class="track"><span class="fill" style="width: {{percent}}%"></span></span></span>{{/scores}}</div></td></tr>
    {{/shortlist}}
    </tbody>
    </table>
    <p class="muted">* imputed: the vendor left cultural fit blank, so the scenario's missing value was used.</p>
    </section>

    {{#hasRobustness}}
    <section id="robustness">
    <h2>How sure is the ranking</h2>
    <p>{{robustness.summary}}.</p>
    <table id="robustness-table">
    <thead><tr><th>Vendor</th>{{#robustness.ranks}}<th class="num">rank {{rank}}</th>{{/robustness.ranks}}<th class="num">Confidence</th></tr></thead>
    <tbody>
    {{#robustness.vendors}}<tr><td>{{name}} <span class="muted">{{id}}</span></td>{{#cells}}<td class="num">{{value}}%</td>{{/cells}}<td class="num">{{confidence}}</td></tr>
    {{/robustness.vendors}}
    </tbody>
    </table>
    <p class="muted">Each cell is the share of weight samples in which the vendor takes that rank; confidence is the share of score samples in which it ranks first at its own central weights.</p>
    <figure id="robustness-chart">{{{robustness.chart}}}</figure>
    </section>
    {{/hasRobustness}}

    {{#hasExcluded}}
    <section id="excluded">
    <h2>Excluded vendors ({{excludedCount}})</h2>
    <table id="excluded-table">
    <thead><tr><th>Vendor</th><th>Why</th></tr></thead>
    <tbody>
    {{#excluded}}<tr><td>{{name}} <span class="muted">{{id}}</span></td><td>{{reasons}}</td></tr>
    {{/excluded}}
    </tbody>
    </table>
    </section>
    {{/hasExcluded}}

    <section id="glossary">
    <h2>Glossary</h2>
    <dl class="facts">
    {{#glossary}}<dt>{{term}}</dt><dd>{{definition}}</dd>
    {{/glossary}}
    </dl>
    </section>

    <footer>Made by partner-match {{version}}. The same inputs give the same report, byte for byte.</footer>
    </body>
    </html>

    """#
}
