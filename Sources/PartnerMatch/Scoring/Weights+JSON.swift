extension Scenario.Weights {
    /// The `weights` object of every output that shows weights (docs/MODEL.md, "Machine-readable
    /// outputs"): each criterion's weight normalised to sum 1, `method` (`given`, `order`, `ahp`), and
    /// for AHP `lambda_max` and `consistency_ratio`; for `order`, the ranking as given.
    public var json: JSONValue {
        var object: [String: JSONValue] = [:]
        for (c, w) in zip(Criterion.allCases, normalised) { object[c.rawValue] = .number(w) }
        object["method"] = .string(method.name)
        switch method {
        case .given: break
        case .order(let groups):
            object["order"] = .array(groups.map { $0.count == 1 ? .string($0[0].rawValue) : .array($0.map { .string($0.rawValue) }) })
        case .ahp(_, let lambdaMax, let ratio):
            object["lambda_max"] = .number(lambdaMax)
            object["consistency_ratio"] = .number(ratio)
        }
        return .object(object)
    }

    /// `[weights]` as a scenario file gives it: the six numbers, or `order`, or `ahp` (what the
    /// resolved scenario of a run bundle writes, so that reading it back gives the same method).
    public var scenarioJSON: JSONValue {
        switch method {
        case .given:
            return .pairs(Criterion.allCases.map { ($0.rawValue, .number(self[$0])) })
        case .order(let groups):
            return .pairs([("order", .array(groups.map { $0.count == 1 ? .string($0[0].rawValue) : .array($0.map { .string($0.rawValue) }) }))])
        case .ahp(let judgements, _, _):
            return .pairs([("ahp", .pairs(judgements.map { ("\($0.a.rawValue)/\($0.b.rawValue)", .number($0.value)) }))])
        }
    }

    /// One line for people: `method given`, `method ahp, λ_max 3.039, CR 0.033`, `method order (ROC)`.
    public var methodLine: String {
        switch method {
        case .given: "given as numbers"
        case .order(let groups):
            "rank-order centroid of " + groups.map { $0.count == 1 ? $0[0].rawValue : "(" + $0.map(\.rawValue).joined(separator: " = ") + ")" }
                .joined(separator: " > ")
        case .ahp(_, let lambdaMax, let ratio):
            "AHP principal eigenvector, λ_max \(Format.number(lambdaMax, decimals: 3)), CR \(Format.number(ratio, decimals: 3))"
        }
    }
}
