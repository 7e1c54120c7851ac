import LinearModel

/// `rules.min_countries` (`n_C`): the selected vendors come from at least this many distinct
/// countries: `z_k ≤ Σ_{v in country k} y_v`, `Σ_k z_k ≥ n_C`, `z_k ∈ {0, 1}` (docs/MODEL.md,
/// "Team optimisation").
struct MinCountries: ScenarioRule {
    /// `n_C` ≥ 2 (1, the default, sets no rule).
    var count: Int

    static let rule = TeamRule(key: "rules.min_countries")
    static let keys = ["min_countries"]
    static let scenarioDefault: MinCountries? = nil

    static func read(_ rules: [String: ScenarioValue], _ decoder: inout ScenarioDecoder) -> MinCountries? {
        guard let n = decoder.wholeNumber(rules["min_countries"], ["rules", "min_countries"], atLeast: 1), n > 1 else { return nil }
        return MinCountries(count: n)
    }

    var entries: [(key: String, value: JSONValue)] { [("min_countries", .number(Double(count)))] }

    var summary: String? { "vendors from at least \(count) countries" }

    func poolIssues(_ pool: VendorPool) -> [PoolIssue] {
        let countries = Set(pool.countries.display.map { $0.uppercased() }).count
        guard count > countries, !pool.isEmpty else { return [] }
        return [PoolIssue(severity: .error, path: ["min_countries"], code: "out_of_range",
                          "expected rules.min_countries of at most \(countries), the number of countries in \(pool.source), found \(count); lower it to \(countries) or add vendors from other countries")]
    }

    func resolved(in scored: ScoredPool) -> MinCountries { self }

    func addRows(to builder: inout TeamModelBuilder) -> [ConstraintReference] {
        var rows: [ConstraintReference] = []
        var present = LinearExpression()
        for (country, members) in builder.candidatesByCountry() {
            let z = builder.addColumn("z_\(NameTable.sanitize(country))", key: "z/\(country)", kind: .binary)
            var link = LinearExpression(terms: [Term(z, 1)])
            for v in members { link.add(builder.select[v], -1) }
            rows.append(builder.add(link <= 0, name: "country_present_\(NameTable.sanitize(country))", key: "country_present/\(country)"))
            present.add(z, 1)
        }
        present += builder.slack(MinCountries.rule.rawValue, perUnit: 1, integer: true, upTo: Double(count - 1))
        rows.append(builder.add(present >= Double(count), name: "min_countries", key: "min_countries"))
        return rows
    }

    func rows(at team: TeamView) -> [RuleRow] {
        var countries: [String] = []
        for member in team.members {
            if let country = team.candidate(member)?.country, !countries.contains(country) { countries.append(country) }
        }
        return [RuleRow(activity: Double(countries.count), sense: .atLeast, bound: Double(count), scale: 1,
                        violation: "the team spans fewer than \(count) countries (rules.min_countries)",
                        binding: BindingRule(code: "min_countries",
                                             message: "the team spans exactly the \(count) countries required (\(countries.sorted().joined(separator: ", ")))"))]
    }

    func ladders(in problem: TeamProblem) -> [RuleLadder] {
        let current = count
        return [RuleLadder(rule: rule, count: current - 1, apply: { k, p in
            p.requirements.constraints = p.requirements.constraints.compactMap { c in
                guard var rule = c as? MinCountries else { return c }
                rule.count = current - k
                return rule.count > 1 ? rule : nil
            }
        }, describe: { k in
            let new = current - k
            return Relaxation(rule: .minCountries, constraint: "rules.min_countries", current: Double(current), needed: Double(new),
                              size: Double(k) / Double(current),
                              message: "require at least \(new) \(new == 1 ? "country" : "countries") (now \(current))")
        })]
    }

    func dominance(in problem: TeamProblem) -> DominanceRequirement { DominanceRequirement(sameCountry: true) }

    /// The candidate of best utility in each country, so that every country's `z_k` is a column of
    /// the restricted LPs of reduced-cost fixing.
    func pricingSeeds(in problem: TeamProblem) -> [Int] {
        problem.candidatesByCountry().map { _, members in
            members.max { (problem.candidates[$0].utility, -$0) < (problem.candidates[$1].utility, -$1) }!
        }
    }

    /// Loosest: 1 country.
    func removals(in problem: TeamProblem) -> [RuleRemoval] {
        guard count > 1 else { return [] }
        return [RuleRemoval(constraint: "rules.min_countries", written: "\(count)", without: "1",
                            edit: .problem { $0.requirements.constraints.set(nil as MinCountries?) })]
    }

    /// Soft: the violation is in countries.
    func relaxed(_ key: String, at team: TeamView) -> SoftRelaxation? {
        guard key == MinCountries.rule.rawValue else { return nil }
        let countries = Set(team.members.compactMap { team.candidate($0)?.country }).count
        guard countries < count else { return nil }
        let met = max(1, countries)
        return SoftRelaxation(written: "\(count)", met: "\(met)", unit: "countries",
                              apply: { $0.requirements.constraints.update(MinCountries.self) { $0.count = met } })
    }

    func afterExit(of id: String) -> MinCountries? { self }
}

extension TeamRule {
    public static let minCountries = MinCountries.rule
}
