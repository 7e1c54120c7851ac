import LinearModel

/// `rules.include_vendors`: vendors that must be in the team (incumbents, signed contracts):
/// `y_v = 1` for each (docs/MODEL.md, "Team optimisation").
///
/// A pinned id that is not in the pool is an input error; a pinned vendor that is ineligible makes
/// the scenario infeasible, and the explanation names the rules that exclude it. A pinned vendor is
/// never pruned, and leaving (exit analysis) lifts its pin.
struct PinnedVendors: ScenarioRule {
    /// The pinned ids, in file order, without repeats.
    var ids: [String]
    /// Why each pinned vendor that is not a candidate is not one (from the scored pool).
    var exclusions: [String: String] = [:]

    static let rule = TeamRule(key: "rules.include_vendors")
    static let keys = ["include_vendors"]
    static let scenarioDefault: PinnedVendors? = nil

    static func read(_ rules: [String: ScenarioValue], _ decoder: inout ScenarioDecoder) -> PinnedVendors? {
        guard let listed = decoder.strings(rules["include_vendors"], ["rules", "include_vendors"]) else { return nil }
        var ids: [String] = []
        for id in listed where !ids.contains(id) { ids.append(id) }
        return ids.isEmpty ? nil : PinnedVendors(ids: ids)
    }

    var entries: [(key: String, value: JSONValue)] { [("include_vendors", .array(ids.map(JSONValue.string)))] }

    var summary: String? { "\(ids.joined(separator: ", ")) in the team (include_vendors)" }

    func poolIssues(_ pool: VendorPool) -> [PoolIssue] {
        ids.filter { pool.index(ofID: $0) == nil }.map { id in
            let near = closestMatch(to: id, in: pool.indices.lazy.map { pool.ids[$0] })
            return PoolIssue(severity: .error, path: ["include_vendors"], code: "unknown_vendor",
                             "expected a vendor id of the pool in rules.include_vendors, found '\(id)', which is not in \(pool.source)\(near.map { "; did you mean '\($0)'?" } ?? "")")
        }
    }

    func resolved(in scored: ScoredPool) -> PinnedVendors {
        var copy = self
        for id in ids {
            guard let index = scored.pool.index(ofID: id) else { continue }
            let reasons = scored.reasons(for: index)
            if !reasons.isEmpty { copy.exclusions[id] = reasons.map(\.message).joined(separator: "; ") }
        }
        return copy
    }

    func addRows(to builder: inout TeamModelBuilder) -> [ConstraintReference] {
        var rows: [ConstraintReference] = []
        for id in ids {
            let name = builder.names.unique("pin_\(NameTable.sanitize(id))")
            if let v = builder.problem.candidates.firstIndex(where: { $0.id == id }) {
                let lift = builder.slack(PinnedVendors.rule.rawValue, part: id, perUnit: 1, integer: true, upTo: 1)
                rows.append(builder.add(LinearExpression(terms: [Term(builder.select[v], 1)]) + lift >= 1, name: name, key: "pin/\(id)"))
            } else {
                // Not a candidate (ineligible, or removed): no team exists. A column fixed at 0 that
                // must reach 1 says so in the model itself, where an export shows it.
                let absent = builder.model.addVariable(builder.names.unique("pinned_absent_\(NameTable.sanitize(id))"),
                                                       kind: .continuous, lowerBound: 0, upperBound: 0)
                let lift = builder.slack(PinnedVendors.rule.rawValue, part: id, perUnit: 1, integer: true, upTo: 1)
                rows.append(builder.add(LinearExpression(terms: [Term(absent, 1)]) + lift >= 1, name: name, key: "pin/\(id)"))
            }
        }
        return rows
    }

    func rows(at team: TeamView) -> [RuleRow] {
        ids.map { id in
            let present = team.members.contains { $0.id == id }
            return RuleRow(activity: present ? 1 : 0, sense: .atLeast, bound: 1, scale: 1,
                           violation: "\(id) is pinned by include_vendors but not in the team",
                           binding: BindingRule(code: "include_vendors", message: "\(id) is in the team because include_vendors pins it"))
        }
    }

    func ladders(in problem: TeamProblem) -> [RuleLadder] {
        ids.map { id in
            let rest = ids.filter { $0 != id }
            let why = exclusions[id].map { " (it is not eligible: \($0))" } ?? ""
            return RuleLadder(rule: rule, count: 1, apply: { _, p in
                p.requirements.constraints = p.requirements.constraints.compactMap { c in
                    guard var pins = c as? PinnedVendors else { return c }
                    pins.ids.removeAll { $0 == id }
                    return pins.ids.isEmpty ? nil : pins
                }
            }, describe: { _ in
                var change = Relaxation(rule: .pinnedVendors, constraint: "rules.include_vendors", current: Double(ids.count),
                                        needed: Double(rest.count), size: 1, message: "unpin \(id): remove it from include_vendors\(why)")
                change.neededList = rest
                return change
            })
        }
    }

    func dominance(in problem: TeamProblem) -> DominanceRequirement { DominanceRequirement(keep: Set(ids)) }

    /// The pinned candidates: the restricted LPs of reduced-cost fixing have a team only with them.
    func pricingSeeds(in problem: TeamProblem) -> [Int] {
        let pinned = Set(ids)
        return problem.candidates.indices.filter { pinned.contains(problem.candidates[$0].id) }
    }

    /// Each pin lifted alone.
    func removals(in problem: TeamProblem) -> [RuleRemoval] {
        ids.map { id in
            let rest = ids.filter { $0 != id }
            return RuleRemoval(constraint: "rules.include_vendors", entry: id, written: ids.joined(separator: ", "),
                               without: rest.isEmpty ? "none" : rest.joined(separator: ", "),
                               edit: .problem { p in
                                   p.requirements.constraints = p.requirements.constraints.compactMap { c in
                                       guard var pins = c as? PinnedVendors else { return c }
                                       pins.ids.removeAll { $0 == id }
                                       return pins.ids.isEmpty ? nil : pins
                                   }
                               })
        }
    }

    /// Soft: each pin is lifted on its own (the violation counts the vendors lifted).
    func relaxed(_ key: String, at team: TeamView) -> SoftRelaxation? {
        guard key == PinnedVendors.rule.rawValue else { return nil }
        let inTeam = Set(team.members.map(\.id))
        let lifted = ids.filter { !inTeam.contains($0) }
        guard !lifted.isEmpty else { return nil }
        let kept = ids.filter { inTeam.contains($0) }
        func list(_ ids: [String]) -> String { "[" + ids.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
        return SoftRelaxation(written: list(ids), met: list(kept), unit: "vendors",
                              apply: { p in
                                  if kept.isEmpty {
                                      p.requirements.constraints.set(PinnedVendors?.none)
                                  } else {
                                      p.requirements.constraints.update(PinnedVendors.self) { $0.ids = kept }
                                  }
                              },
                              words: "include_vendors relaxed: \(lifted.joined(separator: ", ")) no longer pinned")
    }

    func afterExit(of id: String) -> PinnedVendors? {
        var copy = self
        copy.ids.removeAll { $0 == id }
        return copy.ids.isEmpty ? nil : copy
    }
}

extension TeamRule {
    public static let pinnedVendors = PinnedVendors.rule
}
