import LinearModel

/// `[demand]` (`d_s`): the team supplies exactly the FTE demanded of each skill,
/// `Σ_v x_{v,s} = d_s` (docs/MODEL.md, "Team optimisation"). Its rows come first in the model: they
/// give the columns their meaning. Its ladders lower one skill's demand a step at a time, down to one
/// step, then drop the skill (when others remain); they are not combined with other rules, as
/// feasibility is not monotone in the demand.
struct Demand: TeamConstraint {
    static let rule = TeamRule(key: "demand")
    static let leadsRows = true

    var summary: String? { nil }

    func addRows(to builder: inout TeamModelBuilder) -> [ConstraintReference] {
        var rows: [ConstraintReference] = []
        for (s, skill) in builder.problem.requirements.skills.enumerated() {
            var lhs = LinearExpression()
            for xs in builder.assign { for x in xs where x.skill == s { lhs.add(x.variable, builder.scale) } }
            // Soft: supplied short by at most the demand less one step (a demand is never dropped).
            let step = builder.problem.requirements.fteStep ?? 0.01
            lhs += builder.slack(Demand.key(skill.name, in: builder.problem.requirements), perUnit: 1, upTo: skill.demand - step)
            rows.append(builder.add(lhs == skill.demand, name: "demand_\(NameTable.sanitize(skill.name))", key: "demand/\(s)"))
        }
        return rows
    }

    func rows(at team: TeamView) -> [RuleRow] {
        let skills = team.problem.requirements.skills
        var rows: [RuleRow] = []
        var perSkill = [Double](repeating: 0, count: skills.count)
        var scale = perSkill
        for member in team.members {
            guard let c = team.candidate(member) else { continue }
            for part in member.skills {
                guard let s = skills.firstIndex(where: { $0.name == part.skill }), c.skills.contains(s) else {
                    rows.append(RuleRow(activity: 1, sense: .atMost, bound: 0, scale: 1,
                                        violation: "\(member.id) is given \(part.skill), which it does not offer"))
                    continue
                }
                rows.append(RuleRow(activity: part.fte, sense: .atLeast, bound: 0, scale: 0,
                                    violation: "\(member.id) has negative FTE of \(part.skill)", tight: false))
                perSkill[s] += part.fte
                scale[s] += abs(part.fte)
            }
        }
        for (s, skill) in skills.enumerated() {
            rows.append(RuleRow(activity: perSkill[s], sense: .equal, bound: skill.demand, scale: scale[s],
                                violation: "the \(skill.name) demand is not met exactly (\(perSkill[s]) of \(skill.demand))"))
        }
        return rows
    }

    func ladders(in problem: TeamProblem) -> [RuleLadder] {
        let r = problem.requirements
        let q = r.fteStep ?? 0.01
        var ladders: [RuleLadder] = []
        for (s, skill) in r.skills.enumerated() {
            // One step less each time, down to one step; then the skill dropped (when others remain).
            // At most 10^6 steps: a finer ladder than that is searched no more exactly (bisection
            // over it costs 20 solves) and its count must fit an Int.
            let steps = Int(min(1e6, (skill.demand / q - 1e-9).rounded(.up))) - 1
            let drop = r.skills.count > 1 ? 1 : 0
            guard steps + drop >= 1 else { continue }
            let key = skill.name == "total" && r.skills.count == 1 ? "demand.total" : "demand.\(skill.name)"
            var ladder = RuleLadder(rule: rule, count: steps + drop, apply: { k, p in
                if k > steps { p = p.droppingSkills([s]) } else { p.requirements.skills[s].demand = InfeasibilityExplainer.snap(skill.demand - Double(k) * q, to: q) }
            }, describe: { k in
                guard k <= steps else {
                    var change = Relaxation(rule: Demand.rule, constraint: key, skill: skill.name, current: skill.demand, needed: 0,
                                            size: 1, message: "drop skill \(skill.name) from the demand (now \(Format.number(skill.demand)) FTE)")
                    change.dropsSkill = true
                    return change
                }
                let new = InfeasibilityExplainer.snap(skill.demand - Double(k) * q, to: q)
                return Relaxation(rule: Demand.rule, constraint: key, skill: skill.name, current: skill.demand, needed: new,
                                  size: abs(new - skill.demand) / max(skill.demand, 1e-12),
                                  message: "lower the \(skill.name) demand to \(Format.number(new)) FTE (now \(Format.number(skill.demand)))")
            })
            ladder.combines = false
            ladders.append(ladder)
        }
        return ladders
    }

    func dominance(in problem: TeamProblem) -> DominanceRequirement { DominanceRequirement() }

    /// The demand is what the buyer buys, not a rule to price.
    func removals(in problem: TeamProblem) -> [RuleRemoval] { [] }

    /// The `[priorities]` key of a skill's demand: `demand.<skill>`, or `demand.total`.
    static func key(_ skill: String, in requirements: TeamRequirements) -> String {
        skill == "total" && requirements.skills.count == 1 ? "demand.total" : "demand.\(skill)"
    }

    /// Soft: the violation is in FTE short; as met, what the team supplies (on the FTE grid, or
    /// rounded down to the hundredth when FTE are continuous).
    func relaxed(_ key: String, at team: TeamView) -> SoftRelaxation? {
        let r = team.problem.requirements
        guard let s = r.skills.indices.first(where: { Demand.key(r.skills[$0].name, in: r) == key }) else { return nil }
        let skill = r.skills[s]
        let supplied = team.members.reduce(0.0) { total, member in total + team.parts(member).filter { $0.skill == s }.reduce(0) { $0 + $1.fte } }
        let met = r.fteStep.map { q in max(q, SoftGrid.down(supplied / q, per: 1) * q) } ?? max(0.01, SoftGrid.down(supplied, per: 100))
        guard met < skill.demand - 1e-9 else { return nil }
        return SoftRelaxation(written: "\(Format.number(skill.demand)) FTE", met: "\(Format.number(met)) FTE", unit: "FTE",
                              apply: { p in
                                  if let k = p.requirements.skills.firstIndex(where: { $0.name == skill.name }) { p.requirements.skills[k].demand = met }
                              })
    }

    func afterExit(of id: String) -> Demand? { self }
}

extension TeamRule {
    public static let demand = Demand.rule
}
