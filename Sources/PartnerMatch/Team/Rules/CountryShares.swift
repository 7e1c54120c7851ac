import LinearModel

/// `rules.max_country_share` and `rules.country_share`: the most of the demand any one country may
/// supply, `Σ_{v in country k} X_v ≤ β_k · D`, with `β_k` from `country_share` for the countries
/// it names and `max_country_share` for the others (docs/MODEL.md, "Team optimisation"). An exit
/// strategy that survives a country's crisis, not only a vendor's.
struct CountryShares: ScenarioRule {
    /// `max_country_share` (`β`), in (0, 1]; 1 when only `country_share` is set.
    var maxShare: Double = 1
    /// Whether the scenario wrote `max_country_share` (it is written back only then).
    var maxShareSet = false
    /// `country_share`: ISO 3166-1 alpha-2 code → `β_k`, in file order.
    var shares: [(country: String, share: Double)] = []

    static let rule = TeamRule(key: "rules.country_share")
    static let keys = ["max_country_share", "country_share"]
    static let scenarioDefault: CountryShares? = nil

    /// `β_k` of `country`.
    func share(of country: String) -> Double {
        shares.first { $0.country == country }?.share ?? maxShare
    }

    static func read(_ rules: [String: ScenarioValue], _ decoder: inout ScenarioDecoder) -> CountryShares? {
        var value = CountryShares()
        let limit = "in (0, 1] (a share of the demand: 0.4 for 40%)"
        if let v = decoder.number(rules["max_country_share"], ["rules", "max_country_share"], limit, { $0 > 0 && $0 <= 1 }) {
            value.maxShare = v
            value.maxShareSet = true
        }
        if let table = decoder.table(rules["country_share"], ["rules", "country_share"]) {
            for key in table.keys.sorted(by: { decoder.orderInFile(["rules", "country_share", $0], $1) }) {
                let path = ["rules", "country_share", key]
                guard let code = decoder.countries([key], path).first else { continue }
                guard let share = decoder.number(table[key], path, limit, { $0 > 0 && $0 <= 1 }) else { continue }
                if value.shares.contains(where: { $0.country == code }) {
                    decoder.error(path, "duplicate_key", "expected each country once in rules.country_share, found \(code) again (as '\(key)'); keep one entry")
                    continue
                }
                value.shares.append((code, share))
            }
        }
        return value.maxShareSet || !value.shares.isEmpty ? value : nil
    }

    var entries: [(key: String, value: JSONValue)] {
        var out: [(key: String, value: JSONValue)] = []
        if maxShareSet { out.append(("max_country_share", .number(maxShare))) }
        if !shares.isEmpty { out.append(("country_share", .pairs(shares.map { ($0.country, .number($0.share)) }))) }
        return out
    }

    var summary: String? {
        var parts: [String] = []
        if maxShareSet { parts.append("no country above \(Format.number(maxShare * 100))% of the work") }
        parts += shares.map { "\($0.country) at most \(Format.number($0.share * 100))%" }
        return parts.joined(separator: ", ")
    }

    func poolIssues(_ pool: VendorPool) -> [PoolIssue] {
        let present = Set(pool.countries.display.map { $0.uppercased() })
        return shares.filter { !present.contains($0.country) }.map {
            PoolIssue(severity: .warning, path: ["country_share", $0.country], code: "country_not_in_pool",
                      "rules.country_share names \($0.country), but no vendor in \(pool.source) is in that country: the limit has no effect")
        }
    }

    func resolved(in scored: ScoredPool) -> CountryShares { self }

    /// A vendor never takes more than its country's share: `X_v ≤ β_k · D`.
    func vendorCeiling(_ candidate: TeamCandidate, in problem: TeamProblem) -> Double? {
        // Soft, the share moves: it bounds nothing before its elastic row.
        guard !problem.requirements.isElastic(key(of: candidate.country)) else { return nil }
        return share(of: candidate.country) * problem.requirements.totalDemand
    }

    func addRows(to builder: inout TeamModelBuilder) -> [ConstraintReference] {
        let D = builder.problem.requirements.totalDemand
        var rows: [ConstraintReference] = []
        for (country, members) in builder.candidatesByCountry() {
            let beta = share(of: country)
            // A limit at or above the whole demand, or above what the country's vendors can supply, is no limit.
            let supply = members.reduce(0.0) { $0 + builder.problem.candidates[$1].capacityFTE }
            // (Not in the elastic programme: a share of a relaxed demand may bind where `β·D` did not.)
            guard beta < 1, beta * D < supply || builder.problem.requirements.elastic else { continue }
            var lhs = LinearExpression()
            for v in members { lhs += builder.fte(v) }
            lhs -= builder.slack(key(of: country), perUnit: D / 100, upTo: (1 - beta) * 100)
            // In the elastic programme the share is of the FTE supplied (`demanded`).
            let row = builder.problem.requirements.elastic ? lhs - beta * builder.demanded <= 0 : lhs <= beta * D
            rows.append(builder.add(row, name: "country_share_\(NameTable.sanitize(country))", key: "country_share/\(country)"))
        }
        return rows
    }

    func rows(at team: TeamView) -> [RuleRow] {
        let D = team.problem.requirements.totalDemand
        var fte: [String: Double] = [:]
        var order: [String] = []
        for member in team.members {
            guard let country = team.candidate(member)?.country else { continue }
            if fte[country] == nil { order.append(country) }
            fte[country, default: 0] += member.fte
        }
        return order.compactMap { country in
            let beta = share(of: country)
            guard beta < 1 else { return nil }
            let key = shares.contains { $0.country == country } ? "rules.country_share.\(country)" : "rules.max_country_share"
            return RuleRow(activity: fte[country]!, sense: .atMost, bound: beta * D, scale: fte[country]!,
                           violation: "\(country) supplies more than \(Format.number(beta * 100))% of the demand (\(key))",
                           binding: BindingRule(code: "country_share",
                                                message: "\(country) supplies the largest share allowed (\(Format.number(beta * 100))% of the demand, \(Format.number(beta * D)) FTE)"))
        }
    }

    func ladders(in problem: TeamProblem) -> [RuleLadder] {
        var ladders: [RuleLadder] = []
        // Whole percent steps up to 100% (each value one the reader accepts).
        func steps(from beta: Double) -> (first: Int, count: Int) {
            let first = Int((beta * 100 + 1e-7).rounded(.down))
            return (first, 100 - first)
        }
        if maxShareSet, maxShare < 1 {
            let (first, count) = steps(from: maxShare)
            let current = maxShare
            ladders.append(RuleLadder(rule: rule, count: count, apply: { k, p in
                p.requirements.constraints.update(CountryShares.self) { $0.maxShare = Double(first + k) / 100 }
            }, describe: { k in
                let new = Double(first + k) / 100
                return Relaxation(rule: .countryShare, constraint: "rules.max_country_share", current: current, needed: new,
                                  size: (new - current) / current,
                                  message: "let one country supply up to \(Format.number(new * 100))% of the demand (now \(Format.number(current * 100))%)")
            }))
        }
        for (country, beta) in shares where beta < 1 {
            let (first, count) = steps(from: beta)
            ladders.append(RuleLadder(rule: rule, count: count, apply: { k, p in
                p.requirements.constraints.update(CountryShares.self) { value in
                    if let i = value.shares.firstIndex(where: { $0.country == country }) { value.shares[i].share = Double(first + k) / 100 }
                }
            }, describe: { k in
                let new = Double(first + k) / 100
                return Relaxation(rule: .countryShare, constraint: "rules.country_share.\(country)", current: beta, needed: new,
                                  size: (new - beta) / beta,
                                  message: "let \(country) supply up to \(Format.number(new * 100))% of the demand (now \(Format.number(beta * 100))%)")
            }))
        }
        return ladders
    }

    func dominance(in problem: TeamProblem) -> DominanceRequirement { DominanceRequirement(sameCountry: true) }

    /// `max_country_share` and each `country_share` entry set to 1, each alone.
    func removals(in problem: TeamProblem) -> [RuleRemoval] {
        var out: [RuleRemoval] = []
        if maxShareSet, maxShare < 1 {
            out.append(RuleRemoval(constraint: "rules.max_country_share", written: Format.number(maxShare, decimals: 4), without: "1",
                                   edit: .problem { $0.requirements.constraints.update(CountryShares.self) { $0.maxShare = 1 } }))
        }
        for (country, beta) in shares where beta < 1 {
            out.append(RuleRemoval(constraint: "rules.country_share.\(country)", written: Format.number(beta, decimals: 4), without: "1",
                                   edit: .problem { p in
                                       p.requirements.constraints.update(CountryShares.self) { value in
                                           if let i = value.shares.firstIndex(where: { $0.country == country }) { value.shares[i].share = 1 }
                                       }
                                   }))
        }
        return out
    }

    /// The `[priorities]` key that governs `country`'s share: its own entry, else the common limit.
    func key(of country: String) -> String {
        shares.contains { $0.country == country } ? "rules.country_share." + country : "rules.max_country_share"
    }

    /// Soft: the violation is in percentage points of the demand; as met, the largest share of the
    /// team's FTE among the countries the key governs, rounded up to a hundredth of a point.
    func relaxed(_ key: String, at team: TeamView) -> SoftRelaxation? {
        let written: Double
        if key == "rules.max_country_share", maxShareSet {
            written = maxShare
        } else if key.hasPrefix("rules.country_share."), let own = shares.first(where: { "rules.country_share." + $0.country == key }) {
            written = own.share
        } else {
            return nil
        }
        let total = team.members.reduce(0) { $0 + $1.fte }
        var byCountry: [String: Double] = [:]
        for member in team.members {
            guard let c = team.candidate(member), self.key(of: c.country) == key else { continue }
            byCountry[c.country, default: 0] += member.fte
        }
        let met = min(1, SoftGrid.up((byCountry.values.max() ?? 0) / max(total, 1e-12), per: 10_000))
        guard met > written + 1e-9 else { return nil }
        return SoftRelaxation(written: Format.number(written * 100) + "%", met: Format.number(met * 100) + "%", unit: "percentage points",
                              apply: { p in
                                  p.requirements.constraints.update(CountryShares.self) { rule in
                                      if let k = rule.shares.firstIndex(where: { "rules.country_share." + $0.country == key }) {
                                          rule.shares[k].share = met
                                      } else {
                                          rule.maxShare = met
                                      }
                                  }
                              })
    }

    func afterExit(of id: String) -> CountryShares? { self }
}

extension TeamRule {
    public static let countryShare = CountryShares.rule
}
