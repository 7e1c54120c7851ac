import LinearModel

/// What `survive_vendor_exit` and `survive_country_loss` share (docs/TEAM-MODEL.md, "Teams that
/// survive an exit"): the skill sets whose recourse rows the MILP holds from the start, the rows
/// themselves, the ladder that lowers `ρ` in hundredths, and the words of a check.
///
/// The recourse LP after a group `L` leaves the team `S` is feasible at level `ρ` iff, for every
/// non-empty set `T` of demanded skills, `Σ_{w ∈ N(T) ∩ S \ L} a_{w,T} ≥ ρ·d(T)` (Gale's theorem,
/// with the coefficient `a_{w,T} = min(M_w, ρ·d(T ∩ S_w))` of `RecourseCoverage.contribution`): the
/// condition is linear in the selection `y` for each (leaver, `T`).
enum SurvivalRows {
    /// Up to this many demanded skills every skill set's rows are in the MILP from the start;
    /// with more, the singletons, the sets of all skills but one and the set of all skills are, and
    /// the verification loop adds the others as a team breaks them (`lazyCuts`).
    static let upfrontSkills = 5

    /// The skill sets (bit masks over `coverage.skills`) whose rows the MILP starts with.
    static func upfrontSets(_ coverage: RecourseCoverage) -> [Int] {
        let k = coverage.skills.count
        guard k > 0 else { return [] }
        let full = (1 << k) - 1
        if k <= upfrontSkills { return Array(1...full) }
        var sets = (0..<k).map { 1 << $0 } + (0..<k).map { full & ~(1 << $0) }
        sets.append(full)
        return sets
    }

    /// `Σ_{w ∈ N(T), keep(w)} a_{w,T} y_w` over the builder's candidates.
    static func supply(_ t: Int, rho: Double, _ coverage: RecourseCoverage, select: [Variable],
                       where keep: (Int) -> Bool = { _ in true }) -> LinearExpression {
        var lhs = LinearExpression()
        for v in coverage.problem.candidates.indices where keep(v) {
            let a = coverage.contribution(v, to: t, rho: rho)
            if a > 0 { lhs.add(select[v], a) }
        }
        return lhs
    }

    /// The right-hand side `ρ·d(T)` of a recourse row, less one part in a billion: the rows are
    /// solved in exact arithmetic when a selection is settled, and a team that survives at exactly
    /// `ρ` must not fail on the rounding of `0.8 × 7` against `0.8 × 3 + 0.8 × 4`. Verification
    /// (`rows(at:)`) then judges the team at `ρ` itself, within `TeamProblem.relativeTolerance`.
    static func need(_ t: Int, rho: Double, _ coverage: RecourseCoverage) -> Double {
        rho * coverage.demand(of: t) * (1 - 1e-9)
    }

    /// A name for set `t` in row names.
    static func name(_ t: Int) -> String { "T\(t)" }

    /// The ladder that lowers `ρ` to each hundredth below it; its last position (and `unlimited`)
    /// drops the rule (`ρ` must stay above 0 to be typed back).
    static func ladder(rule: TeamRule, key: String, rho: Double, words: String,
                       set: @escaping @Sendable (Double?, inout TeamProblem) -> Void) -> RuleLadder {
        let first = Int((rho * 100 - 1e-7).rounded(.up))
        return RuleLadder(rule: rule, count: max(1, first), apply: { k, p in
            set(k >= first ? nil : Double(first - k) / 100, &p)
        }, describe: { k in
            guard k < first else {
                return Relaxation(rule: rule, constraint: key, current: rho, needed: 0, size: 1,
                                  message: "remove \(key) (now \(Format.number(rho * 100))%): no team meets it at any level")
            }
            let new = Double(first - k) / 100
            return Relaxation(rule: rule, constraint: key, current: rho, needed: new, size: abs(rho - new) / rho,
                              message: "lower \(key) to \(Format.number(new)): \(words) \(Format.number(new * 100))% of every skill (now \(Format.number(rho * 100))%)")
        })
    }

    /// The check of one leaving group at level `rho`, as a row of the team.
    static func row(_ leaver: Resilience.Leaver, rho: Double, key: String, code: String, what: String) -> RuleRow {
        let short = leaver.limitingSkills.isEmpty ? "" : " of \(leaver.limitingSkills.joined(separator: " + "))"
        return RuleRow(activity: leaver.coverage, sense: .atLeast, bound: rho, scale: 1,
                       violation: "if \(what) leaves, the rest can supply only \(Format.number(leaver.coverage * 100))%\(short) (\(key) asks \(Format.number(rho * 100))%)",
                       binding: BindingRule(code: code, message: "if \(what) leaves, the rest can supply exactly the \(Format.number(rho * 100))%\(short) that \(key) asks"),
                       tight: abs(leaver.uncapped - rho) <= 1e-6 * max(1, rho))
    }
}

extension TeamConstraint {
    /// Rows that cut off the selection at `selection` (positions in `teamModel.problem.candidates`)
    /// when it breaks the rule, valid for every team that meets it; none by default. The verification
    /// loop adds them and solves again (`TeamOptimizer.solve`).
    func lazyCuts(_ selection: Set<Int>, in teamModel: TeamModel) -> [LinearConstraint] { [] }
}
