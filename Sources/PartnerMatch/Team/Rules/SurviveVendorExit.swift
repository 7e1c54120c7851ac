import LinearModel

/// `rules.survive_vendor_exit` (`ρ` in (0, 1]): whichever selected vendor leaves, the other selected
/// vendors, each within its ceiling after growth and its own skills, can supply `ρ·d_s` of every
/// demanded skill (docs/MODEL.md, "Teams that survive an exit"). An exact condition on the team.
///
/// Rows (docs/TEAM-MODEL.md, "Teams that survive an exit"): for each skill set `T` of
/// `SurvivalRows.upfrontSets`, a column `z_T ≥ a_{v,T} y_v` for every candidate `v` offering a skill
/// of `T` (the largest contribution to `T` that can leave) and `Σ_{w ∈ N(T)} a_{w,T} y_w − z_T ≥ ρ·d(T)`.
/// Any other set a solved team breaks is cut lazily: `Σ_{w ∈ N(T), w ≠ v} a_{w,T} y_w ≥ ρ·d(T)·y_v`.
struct SurviveVendorExit: ScenarioRule {
    /// `ρ`.
    var rho: Double

    static let rule = TeamRule(key: "rules.survive_vendor_exit")
    static let keys = ["survive_vendor_exit"]
    static let scenarioDefault: SurviveVendorExit? = nil

    static func read(_ rules: [String: ScenarioValue], _ decoder: inout ScenarioDecoder) -> SurviveVendorExit? {
        decoder.number(rules["survive_vendor_exit"], ["rules", "survive_vendor_exit"],
                       "in (0, 1] (the share of every skill's demand the rest must carry: 0.8 for 80%)",
                       { $0 > 0 && $0 <= 1 }).map { SurviveVendorExit(rho: $0) }
    }

    var entries: [(key: String, value: JSONValue)] { [("survive_vendor_exit", .number(rho))] }

    var summary: String? { "whichever vendor leaves, the rest can carry \(Format.number(rho * 100))% of every skill" }

    func poolIssues(_ pool: VendorPool) -> [PoolIssue] { [] }

    func resolved(in scored: ScoredPool) -> SurviveVendorExit { self }

    func addRows(to builder: inout TeamModelBuilder) -> [ConstraintReference] {
        let coverage = RecourseCoverage(problem: builder.problem)
        let candidates = builder.problem.candidates
        let select = builder.select
        var rows: [ConstraintReference] = []
        for t in SurvivalRows.upfrontSets(coverage) {
            let contributions = candidates.indices.map { coverage.contribution($0, to: t, rho: rho) }
            let z = builder.addColumn("exit_z_\(SurvivalRows.name(t))", key: "survive_vendor_exit/z/\(t)", kind: .continuous,
                                      lowerBound: 0, upperBound: .infinity)
            for (v, a) in contributions.enumerated() where a > 0 {
                let link = LinearExpression(terms: [Term(z, 1), Term(select[v], -a)])
                rows.append(builder.add(link >= 0, name: "exit_link_\(SurvivalRows.name(t))_\(NameTable.sanitize(candidates[v].id))",
                                        key: "survive_vendor_exit/link/\(t)/\(candidates[v].poolIndex)"))
            }
            var lhs = SurvivalRows.supply(t, rho: rho, coverage, select: select)
            lhs.add(z, -1)
            rows.append(builder.add(lhs >= SurvivalRows.need(t, rho: rho, coverage), name: "survive_exit_\(SurvivalRows.name(t))", key: "survive_vendor_exit/\(t)"))
        }
        return rows
    }

    func lazyCuts(_ selection: Set<Int>, in teamModel: TeamModel) -> [LinearConstraint] {
        let coverage = RecourseCoverage(problem: teamModel.problem)
        var cuts: [LinearConstraint] = []
        let team = selection.sorted()
        for v in team {
            for t in coverage.violatedSets(team.filter { $0 != v }, rho: rho) {
                var lhs = SurvivalRows.supply(t, rho: rho, coverage, select: teamModel.select, where: { $0 != v })
                lhs.add(teamModel.select[v], -SurvivalRows.need(t, rho: rho, coverage))
                cuts.append(lhs >= 0)
            }
        }
        return cuts
    }

    func rows(at team: TeamView) -> [RuleRow] {
        Resilience(members: team.members, problem: team.problem).vendorExits.map { leaver in
            SurvivalRows.row(leaver, rho: rho, key: "rules.survive_vendor_exit", code: "survive_vendor_exit", what: leaver.name)
        }
    }

    func ladders(in problem: TeamProblem) -> [RuleLadder] {
        [SurvivalRows.ladder(rule: rule, key: "rules.survive_vendor_exit", rho: rho,
                             words: "whichever vendor leaves, the rest carry") { new, p in
            p.requirements.constraints.set(new.map { SurviveVendorExit(rho: $0) })
        }]
    }

    /// A dominator is at least as good a substitute in every recourse: `max_fte` (so its ceiling)
    /// and skills are already among the coefficients dominance compares (docs/TEAM-MODEL.md).
    func dominance(in problem: TeamProblem) -> DominanceRequirement { DominanceRequirement() }

    /// Loosest: not required (the price of resilience: utility given up for it).
    func removals(in problem: TeamProblem) -> [RuleRemoval] {
        [RuleRemoval(constraint: "rules.survive_vendor_exit", written: Format.number(rho), without: "none",
                     edit: .problem { $0.requirements.constraints.set(nil as SurviveVendorExit?) })]
    }

    func afterExit(of id: String) -> SurviveVendorExit? { self }
}

extension TeamRule {
    public static let surviveVendorExit = SurviveVendorExit.rule
}

extension Scenario.Rules {
    /// `survive_vendor_exit` (`ρ`) in (0, 1]; `nil`: not required.
    public var surviveVendorExit: Double? {
        get { constraints.first(SurviveVendorExit.self)?.rho }
        set { constraints.set(newValue.map { SurviveVendorExit(rho: $0) }) }
    }
}

extension TeamRequirements {
    /// `survive_vendor_exit` (`ρ`); `nil`: not required.
    public var surviveVendorExit: Double? {
        get { constraints.first(SurviveVendorExit.self)?.rho }
        set { constraints.set(newValue.map { SurviveVendorExit(rho: $0) }) }
    }
}
