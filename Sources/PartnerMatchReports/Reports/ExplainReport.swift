import PartnerMatch

/// Renders an `Explanation`.
public struct ExplainReport: Sendable {
    public var explanation: Explanation
    public var scored: ScoredPool

    public init(explanation: Explanation, scored: ScoredPool) { (self.explanation, self.scored) = (explanation, scored) }

    public static let rateMethod = "bisection on the rate, re-scoring the cost criterion over the eligible set at each step"
    public static let weightMethod = "one weight at a time, the others fixed; exact breakpoints of the linear inequalities in that weight"

    public func text(_ terminal: Terminal) -> String {
        let e = explanation
        let pool = scored.pool
        var out = terminal.bold(HumanText.inline(e.id)) + (e.name != e.id ? " (\(HumanText.inline(e.name)))" : "") + ": "
        if let rank = e.rank, let utility = e.utility {
            out += "rank \(rank) of \(e.eligibleCount) eligible, utility \(fixed(utility, 3))\n\n"
        } else {
            out += "not eligible (\(e.eligibleCount) vendors are)\n\n"
        }
        var table = TextTable([
            .init(title: "", alignment: .left),
            .init(title: e.id, alignment: .right, flexible: true),
            .init(title: "leader " + (e.leader?.id ?? "—"), alignment: .right, flexible: true),
        ])
        let leaderScores = e.leader?.scores
        table.append(["utility", e.utility.map { fixed($0, 3) } ?? "—", e.leader.map { fixed($0.utility, 3) } ?? "—"])
        // A blank cultural_fit scored with the scenario's missing value is marked, as in the shortlist.
        func mark(_ c: Criterion, _ index: Int?) -> String {
            c == .culture && index.map { pool.culturalFit[$0].isNaN } == true ? "*" : ""
        }
        for (n, c) in Criterion.allCases.enumerated() {
            table.append([
                "\(c.rawValue) (w \(formatNumber(scored.scenario.weights[c])))",
                e.scores.map { fixed($0[n], 2) + mark(c, e.index) } ?? "—",
                leaderScores.map { fixed($0[n], 2) + mark(c, e.leader?.index) } ?? "—",
            ])
        }
        // The rate the cost score uses, r̄ (labelled so where per-skill rates make it differ from hourly_rate).
        let meanRates = scored.billedPerSkill(e.index) || e.leader.map { scored.billedPerSkill($0.index) } == true
        table.append([meanRates ? "rate r̄ (mean of per-skill rates)" : "hourly rate", ScoredPool.rateText(scored.meanRate[e.index]),
                      e.leader.map { ScoredPool.rateText(scored.meanRate[$0.index]) } ?? "—"])
        table.append(["overlap h (worst week)", "\(fixed(e.overlapHours, 1)) (\(fixed(e.worstWeekOverlapHours, 1)))",
                      e.leader.map { "\(fixed($0.overlapHours, 1)) (\(fixed($0.worstWeekOverlapHours, 1)))" } ?? "—"])
        out += table.render(terminal)
        out += terminal.dim("weights: \(scored.scenario.weights.methodLine)") + "\n"
        if pool.culturalFit[e.index].isNaN || e.leader.map({ pool.culturalFit[$0.index].isNaN }) == true {
            out += terminal.dim("* imputed: the vendor left cultural_fit blank, so the scenario's missing value was used") + "\n"
        }

        out += "\nRules failed: "
        if e.reasons.isEmpty { out += "none\n" } else {
            out += "\n"
            for reason in e.reasons { out += "  \(reason.code): \(reason.message)\n" }
        }

        out += "\nTo reach the top \(e.top):\n"
        out += (scored.billedPerSkill(e.index) ? "  rate r̄: " : "  hourly rate: ") + rateText() + "\n"
        out += terminal.dim("    (method: \(Self.rateMethod))") + "\n"
        out += "  one weight:\n"
        for change in e.weightChanges { out += "    " + weightText(change) + "\n" }
        out += terminal.dim("    (method: \(Self.weightMethod))") + "\n"
        return out
    }

    /// The advice is on `r̄`, the rate the cost score uses: for a vendor billed per skill, lowering
    /// `hourly_rate` alone would change nothing, so the advice names the per-skill rates to lower.
    func rateText() -> String {
        let index = explanation.index
        let current = ScoredPool.rateText(scored.meanRate[index])
        switch explanation.rateChange {
        case .alreadyInTop(let rank): return "no change needed (rank \(rank))"
        case .lowerTo(let rate, let rank) where scored.billedPerSkill(index):
            let rates = scored.demandedSkillRates(index).map { "\($0.skill) \(ScoredPool.rateText($0.rate))" }.joined(separator: ", ")
            return "lower its demand-weighted mean rate r̄ from \(current) to \(fixed(rate, 2)) or less (rank \(rank) at \(fixed(rate, 2))): "
                + "r̄ is the mean of its per-skill rates on the demand (\(rates)), so lower those in its `rates` cell; hourly_rate alone does not change it"
        case .lowerTo(let rate, let rank): return "lower it from \(current) to \(fixed(rate, 2)) or less (rank \(rank) at \(fixed(rate, 2)))"
        case .impossible(let why): return "no rate helps: \(why)"
        }
    }

    func weightText(_ change: Explanation.WeightChange) -> String {
        let name = change.criterion.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
        if explanation.rank.map({ $0 <= explanation.top }) == true { return "\(name)no change needed" }
        if explanation.rank == nil { return "\(name)no weight helps: weights do not change eligibility" }
        guard let target = change.target, let rank = change.rank else { return "\(name)no value of this weight helps" }
        let up = target > change.current
        let verb = change.strict ? (up ? "above" : "below") : "to"
        return "\(name)\(formatNumber(change.current)) → \(verb) \(formatNumber((target * 1e6).rounded() / 1e6)) (rank \(rank))"
    }

    public func json() -> JSONValue {
        let e = explanation
        // `current` is r̄, the rate the advice changes (the hourly rate unless per-skill rates apply).
        var rate: [String: JSONValue] = ["method": .string(Self.rateMethod), "current": .number(scored.meanRate[e.index]),
                                         "hourly_rate": .number(scored.pool.hourlyRate[e.index]), "rate_is_mean": .bool(scored.billedPerSkill(e.index))]
        switch e.rateChange {
        case .alreadyInTop(let rank): rate["outcome"] = "already_in_top"; rate["rank"] = .integer(rank)
        case .lowerTo(let r, let rank): rate["outcome"] = "lower_to"; rate["rate"] = .number(r); rate["rank"] = .integer(rank)
        case .impossible(let why): rate["outcome"] = "impossible"; rate["message"] = .string(why)
        }
        func scores(_ values: [Double]?) -> JSONValue {
            guard let values else { return .null }
            return .object(Dictionary(uniqueKeysWithValues: zip(Criterion.allCases.map(\.rawValue), values.map(JSONValue.number))))
        }
        return .object([
            "id": .string(e.id), "name": .string(e.name), "top": .integer(e.top),
            "rank": e.rank.map { .integer($0) } ?? .null,
            "eligible_count": .integer(e.eligibleCount),
            "utility": e.utility.map { .number($0) } ?? .null,
            "scores": scores(e.scores),
            "weights": scored.scenario.weights.json,
            "overlap_hours": .number(e.overlapHours),
            "worst_week_overlap_hours": .number(e.worstWeekOverlapHours),
            "leader": e.leader.map { .object(["id": .string($0.id), "utility": .number($0.utility), "scores": scores($0.scores)]) } ?? .null,
            "reasons": .array(e.reasons.map { .object(["code": .string($0.code), "message": .string($0.message)]) }),
            "rate_change": .object(rate),
            "weight_changes": .object([
                "method": .string(Self.weightMethod),
                // The same verdict as the table: a vendor already in the top N needs no change.
                "outcome": .string(e.rank.map { $0 <= e.top } == true ? "already_in_top" : e.rank == nil ? "ineligible" : "changes"),
                "changes": .array(e.weightChanges.map { change in
                    .object([
                        "criterion": .string(change.criterion.rawValue), "current": .number(change.current),
                        "target": change.target.map { .number($0) } ?? .null, "strict": .bool(change.strict),
                        "rank": change.rank.map { .integer($0) } ?? .null,
                    ])
                }),
            ]),
        ])
    }
}
