import LinearModel

/// `rules.survive_country_loss` (`ρ` in (0, 1]): whichever country's selected vendors all leave at
/// once, the others can supply `ρ·d_s` of every demanded skill, each within its ceiling after growth
/// and its own skills (docs/MODEL.md, "Teams that survive an exit"). An exact condition on the team.
///
/// Rows (docs/TEAM-MODEL.md, "Teams that survive an exit"): for each skill set `T` of
/// `SurvivalRows.upfrontSets`, a column `s_T = Σ_{w ∈ N(T)} a_{w,T} y_w` and, for every country `k`
/// with a candidate offering a skill of `T`, `s_T − Σ_{w ∈ N(T) in k} a_{w,T} y_w ≥ ρ·d(T)`. The row
/// needs no indicator of `k` being in the team: without `k` it says the whole team can supply
/// `ρ·d(T)`, which every team meeting the demand within its capacities can. Any other set a solved
/// team breaks is cut lazily, with the same row for that country and set.
struct SurviveCountryLoss: ScenarioRule {
    /// `ρ`.
    var rho: Double

    static let rule = TeamRule(key: "rules.survive_country_loss")
    static let keys = ["survive_country_loss"]
    static let scenarioDefault: SurviveCountryLoss? = nil

    static func read(_ rules: [String: ScenarioValue], _ decoder: inout ScenarioDecoder) -> SurviveCountryLoss? {
        decoder.number(rules["survive_country_loss"], ["rules", "survive_country_loss"],
                       "in (0, 1] (the share of every skill's demand the other countries must carry: 0.5 for 50%)",
                       { $0 > 0 && $0 <= 1 }).map { SurviveCountryLoss(rho: $0) }
    }

    var entries: [(key: String, value: JSONValue)] { [("survive_country_loss", .number(rho))] }

    var summary: String? { "whichever country is lost, the rest can carry \(Format.number(rho * 100))% of every skill" }

    /// A pool of one country cannot meet the rule: a warning here, and the scenario's infeasibility
    /// is explained (the data, not the file, is the cause).
    func poolIssues(_ pool: VendorPool) -> [PoolIssue] {
        let countries = Set(pool.countries.display.map { $0.uppercased() })
        guard countries.count == 1, let only = countries.first else { return [] }
        return [PoolIssue(severity: .warning, path: ["survive_country_loss"], code: "one_country",
                          "every vendor in \(pool.source) is in \(only): no team survives losing it, so rules.survive_country_loss = \(Format.number(rho)) leaves no team; remove it or add vendors from other countries")]
    }

    func resolved(in scored: ScoredPool) -> SurviveCountryLoss { self }

    func addRows(to builder: inout TeamModelBuilder) -> [ConstraintReference] {
        let coverage = RecourseCoverage(problem: builder.problem)
        let countries = builder.candidatesByCountry()
        let select = builder.select
        var rows: [ConstraintReference] = []
        for t in SurvivalRows.upfrontSets(coverage) {
            let total = SurvivalRows.supply(t, rho: rho, coverage, select: select)
            let sum = builder.addColumn("loss_s_\(SurvivalRows.name(t))", key: "survive_country_loss/s/\(t)", kind: .continuous,
                                        lowerBound: 0, upperBound: .infinity)   // a bound summed in another order could cut off the team exactly at it
            var definition = total
            definition.add(sum, -1)
            rows.append(builder.add(definition == 0, name: "loss_sum_\(SurvivalRows.name(t))", key: "survive_country_loss/sum/\(t)"))
            let need = SurvivalRows.need(t, rho: rho, coverage)
            rows.append(builder.add(LinearExpression(sum) >= need, name: "survive_loss_all_\(SurvivalRows.name(t))", key: "survive_country_loss/all/\(t)"))
            for (country, members) in countries {
                var lhs = LinearExpression(terms: [Term(sum, 1)])
                for v in members {
                    let a = coverage.contribution(v, to: t, rho: rho)
                    if a > 0 { lhs.add(select[v], -a) }
                }
                guard lhs.terms.count > 1 else { continue }   // no contribution to T: the row above
                rows.append(builder.add(lhs >= need, name: "survive_loss_\(NameTable.sanitize(country))_\(SurvivalRows.name(t))",
                                        key: "survive_country_loss/\(country)/\(t)"))
            }
        }
        return rows
    }

    func lazyCuts(_ selection: Set<Int>, in teamModel: TeamModel) -> [LinearConstraint] {
        let problem = teamModel.problem
        let coverage = RecourseCoverage(problem: problem)
        let team = selection.sorted()
        var countries: [String] = []
        for v in team where !countries.contains(problem.candidates[v].country) { countries.append(problem.candidates[v].country) }
        var cuts: [LinearConstraint] = []
        for country in countries {
            let rest = team.filter { problem.candidates[$0].country != country }
            for t in coverage.violatedSets(rest, rho: rho) {
                let lhs = SurvivalRows.supply(t, rho: rho, coverage, select: teamModel.select,
                                              where: { problem.candidates[$0].country != country })
                cuts.append(lhs >= SurvivalRows.need(t, rho: rho, coverage))
            }
        }
        return cuts
    }

    func rows(at team: TeamView) -> [RuleRow] {
        let resilience = Resilience(members: team.members, problem: team.problem)
        return resilience.countryLosses.map { leaver in
            SurvivalRows.row(leaver, rho: rho, key: "rules.survive_country_loss", code: "survive_country_loss",
                             what: "\(leaver.name) (\(leaver.vendors.joined(separator: ", ")))")
        }
    }

    func ladders(in problem: TeamProblem) -> [RuleLadder] {
        [SurvivalRows.ladder(rule: rule, key: "rules.survive_country_loss", rho: rho,
                             words: "whichever country is lost, the rest carry") { new, p in
            p.requirements.constraints.set(new.map { SurviveCountryLoss(rho: $0) })
        }]
    }

    /// A dominator must be of the same country: swapping it in then leaves every country's
    /// remaining team no weaker (docs/TEAM-MODEL.md, "Teams that survive an exit").
    func dominance(in problem: TeamProblem) -> DominanceRequirement { DominanceRequirement(sameCountry: true) }

    /// Loosest: not required (the price of resilience: utility given up for it).
    func removals(in problem: TeamProblem) -> [RuleRemoval] {
        [RuleRemoval(constraint: "rules.survive_country_loss", written: Format.number(rho), without: "none",
                     edit: .problem { $0.requirements.constraints.set(nil as SurviveCountryLoss?) })]
    }

    func afterExit(of id: String) -> SurviveCountryLoss? { self }
}

extension TeamRule {
    public static let surviveCountryLoss = SurviveCountryLoss.rule
}

extension Scenario.Rules {
    /// `survive_country_loss` (`ρ`) in (0, 1]; `nil`: not required.
    public var surviveCountryLoss: Double? {
        get { constraints.first(SurviveCountryLoss.self)?.rho }
        set { constraints.set(newValue.map { SurviveCountryLoss(rho: $0) }) }
    }
}

extension TeamRequirements {
    /// `survive_country_loss` (`ρ`); `nil`: not required.
    public var surviveCountryLoss: Double? {
        get { constraints.first(SurviveCountryLoss.self)?.rho }
        set { constraints.set(newValue.map { SurviveCountryLoss(rho: $0) }) }
    }
}
