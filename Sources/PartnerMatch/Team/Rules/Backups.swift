import LinearModel

/// `rules.backups` (`k_s`): at least `k_s` selected vendors offer skill `s`,
/// `Σ_{v offers s} y_v ≥ k_s` (docs/MODEL.md, "Team optimisation"). The scenario's value is keyed by
/// skill; in a team problem each `k_s` travels with its skill (`TeamRequirements.Skill.backups`, so
/// that dropping a skill drops its backups), and the rows read it there.
struct Backups: ScenarioRule {
    /// `k_s` keyed by `Token.key` of a demanded skill (the scenario's value).
    var counts: [String: Int] = [:]

    static let rule = TeamRule(key: "rules.backups")
    static let keys = ["backups"]
    static let scenarioDefault: Backups? = Backups()

    static func read(_ rules: [String: ScenarioValue], _ decoder: inout ScenarioDecoder) -> Backups? {
        var value = Backups()
        guard let backups = decoder.table(rules["backups"], ["rules", "backups"]) else { return value }
        let demanded = decoder.writtenSkills ?? []
        for key in backups.keys.sorted(by: { decoder.orderInFile(["rules", "backups", $0], $1) }) {
            let path = ["rules", "backups", key]
            guard let k = decoder.wholeNumber(backups[key], path, atLeast: 0) else { continue }
            if decoder.demandIsTotal {
                decoder.error(path, "inconsistent", "rules.backups.\(key) needs per-skill demand, but the demand is a total")
                continue
            }
            guard decoder.writtenSkills != nil else { continue }
            guard demanded.contains(where: { Token.key($0) == Token.key(key) }) else {
                let names = demanded.joined(separator: ", ")
                decoder.error(path, "unknown_skill", "rules.backups.\(key) is not a demanded skill (demand: \(names))")
                continue
            }
            value.counts[Token.key(key), default: 0] = max(value.counts[Token.key(key)] ?? 0, k)
        }
        return value
    }

    var entries: [(key: String, value: JSONValue)] {
        [("backups", .pairs(counts.sorted { $0.key < $1.key }.map { ($0.key, .number(Double($0.value))) }))]
    }

    var summary: String? {
        let set = counts.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        return set.isEmpty ? nil : set.map { "\($0.value) vendors offering \($0.key)" }.joined(separator: ", ")
    }

    func poolIssues(_ pool: VendorPool) -> [PoolIssue] { [] }

    func resolved(in scored: ScoredPool) -> Backups { self }

    func addRows(to builder: inout TeamModelBuilder) -> [ConstraintReference] {
        var rows: [ConstraintReference] = []
        for (s, skill) in builder.problem.requirements.skills.enumerated() where skill.backups > 0 {
            var lhs = LinearExpression()
            for (v, candidate) in builder.problem.candidates.enumerated() where candidate.skills.contains(s) { lhs.add(builder.select[v], 1) }
            lhs += builder.slack("rules.backups." + skill.name, perUnit: 1, integer: true, upTo: Double(skill.backups - 1))
            rows.append(builder.add(lhs >= Double(skill.backups), name: "backups_\(NameTable.sanitize(skill.name))", key: "backups/\(s)"))
        }
        return rows
    }

    func rows(at team: TeamView) -> [RuleRow] {
        team.problem.requirements.skills.enumerated().filter { $0.element.backups > 0 }.map { s, skill in
            let offering = team.members.filter { team.candidate($0)?.skills.contains(s) ?? false }.count
            return RuleRow(activity: Double(offering), sense: .atLeast, bound: Double(skill.backups), scale: 1,
                           violation: "fewer than \(skill.backups) selected vendors offer \(skill.name)",
                           binding: BindingRule(code: "backups", message: "exactly \(skill.backups) selected vendors offer \(skill.name)"))
        }
    }

    func ladders(in problem: TeamProblem) -> [RuleLadder] {
        problem.requirements.skills.enumerated().filter { $0.element.backups > 0 }.map { s, skill in
            RuleLadder(rule: rule, count: skill.backups, apply: { k, p in
                p.requirements.skills[s].backups = k == RuleLadder.unlimited ? 0 : skill.backups - k
            }, describe: { k in
                let new = skill.backups - k
                return Relaxation(rule: Backups.rule, constraint: "rules.backups.\(skill.name)", skill: skill.name,
                                  current: Double(skill.backups), needed: Double(new), size: Double(k) / Double(skill.backups),
                                  message: "require \(new) selected \(new == 1 ? "vendor" : "vendors") offering \(skill.name) (now \(skill.backups))")
            })
        }
    }

    func dominance(in problem: TeamProblem) -> DominanceRequirement { DominanceRequirement() }

    /// Each skill's entry removed alone.
    func removals(in problem: TeamProblem) -> [RuleRemoval] {
        problem.requirements.skills.enumerated().filter { $0.element.backups > 1 }.map { s, skill in
            RuleRemoval(constraint: "rules.backups.\(skill.name)", written: "\(skill.backups)", without: "none",
                        edit: .problem { $0.requirements.skills[s].backups = 0 })
        }
    }

    /// Soft (`rules.backups.<skill>`): the violation is in vendors.
    func relaxed(_ key: String, at team: TeamView) -> SoftRelaxation? {
        guard key.hasPrefix("rules.backups."),
              let s = team.problem.requirements.skills.firstIndex(where: { "rules.backups." + $0.name == key }) else { return nil }
        let skill = team.problem.requirements.skills[s]
        let offering = team.members.filter { team.candidate($0)?.skills.contains(s) ?? false }.count
        guard offering < skill.backups else { return nil }
        let met = max(1, offering)
        return SoftRelaxation(written: "\(skill.backups)", met: "\(met)", unit: "vendors", apply: { p in
            if let k = p.requirements.skills.firstIndex(where: { $0.name == skill.name }) { p.requirements.skills[k].backups = met }
        })
    }

    func afterExit(of id: String) -> Backups? { self }
}

extension TeamRule {
    public static let backups = Backups.rule
}

extension Scenario.Rules {
    /// `backups` (`k_s`) keyed by `Token.key` of a demanded skill; default none.
    public var backups: [String: Int] {
        get { constraints.first(Backups.self)?.counts ?? [:] }
        set { constraints.set(Backups(counts: newValue)) }
    }
}
