import LinearModel
@testable import PartnerMatch

/// A test-only team rule, written by the recipe of docs/ARCHITECTURE.md ("How to add a rule"):
/// `rules.max_onboarding_total` (`L`): the onboarding costs of the selected vendors add up to at
/// most `L`, `Σ_v f_v y_v ≤ L`. This file is all of it; a test registers it with one line,
/// `TeamConstraints.$extra.withValue([MaxOnboardingTotal.self]) { … }`.
struct MaxOnboardingTotal: ScenarioRule {
    /// `L`, in the scenario's currency.
    var limit: Double

    static let rule = TeamRule(key: "rules.max_onboarding_total")
    static let keys = ["max_onboarding_total"]
    static let scenarioDefault: MaxOnboardingTotal? = nil

    static func read(_ rules: [String: ScenarioValue], _ decoder: inout ScenarioDecoder) -> MaxOnboardingTotal? {
        decoder.number(rules["max_onboarding_total"], ["rules", "max_onboarding_total"], "≥ 0", { $0 >= 0 }).map { MaxOnboardingTotal(limit: $0) }
    }

    var entries: [(key: String, value: JSONValue)] { [("max_onboarding_total", .number(limit))] }

    var summary: String? { "onboarding costs of at most \(Format.money(limit)) in total" }

    func poolIssues(_ pool: VendorPool) -> [PoolIssue] { [] }

    func resolved(in scored: ScoredPool) -> MaxOnboardingTotal { self }

    func addRows(to builder: inout TeamModelBuilder) -> [ConstraintReference] {
        let candidates = builder.problem.candidates
        let lhs = LinearExpression(terms: candidates.indices.map { Term(builder.select[$0], candidates[$0].onboardingCost) })
        return [builder.add(lhs <= limit, name: "max_onboarding_total", key: "max_onboarding_total")]
    }

    func rows(at team: TeamView) -> [RuleRow] {
        let total = team.members.reduce(0.0) { $0 + (team.candidate($1)?.onboardingCost ?? 0) }
        return [RuleRow(activity: total, sense: .atMost, bound: limit, scale: total,
                        violation: "the onboarding costs \(total) exceed max_onboarding_total \(limit)",
                        binding: BindingRule(code: "max_onboarding_total", message: "the onboarding costs reach the limit (\(Format.money(limit)))"))]
    }

    func ladders(in problem: TeamProblem) -> [RuleLadder] {
        // Steps of 1,000 up to every candidate's onboarding cost together.
        let current = limit
        let all = problem.candidates.reduce(0.0) { $0 + $1.onboardingCost }
        let steps = Int(((all - current) / 1_000).rounded(.up))
        return [RuleLadder(rule: rule, count: max(0, steps), apply: { k, p in
            p.requirements.constraints.set(MaxOnboardingTotal(limit: current + Double(k) * 1_000))
        }, describe: { k in
            let new = current + Double(k) * 1_000
            return Relaxation(rule: MaxOnboardingTotal.rule, constraint: "rules.max_onboarding_total", current: current, needed: new,
                              size: (new - current) / max(current, 1), message: "allow onboarding costs of \(Format.money(new)) (now \(Format.money(current)))")
        })]
    }

    /// Dominance already asks a dominator for no higher onboarding cost: nothing more.
    func dominance(in problem: TeamProblem) -> DominanceRequirement { DominanceRequirement() }

    /// Loosest: no limit (the rule's own removal: pricing needs nothing else).
    func removals(in problem: TeamProblem) -> [RuleRemoval] {
        [RuleRemoval(constraint: "rules.max_onboarding_total", written: Money.text(limit), without: "none",
                     edit: .problem { $0.requirements.constraints.set(nil as MaxOnboardingTotal?) })]
    }

    func afterExit(of id: String) -> MaxOnboardingTotal? { self }
}
