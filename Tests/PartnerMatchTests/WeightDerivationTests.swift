import Testing
@testable import PartnerMatch

private let base = """
    [client]
    timezone = "Europe/Berlin"

    [demand]
    total = 5

    [horizon]
    months = 6

    [budget]
    total = 300000

    [weights]

    """

private func weights(_ lines: String) throws -> Scenario.Weights {
    try ScenarioReader.parse(base + lines, file: "w.toml").weights
}

private func errors(_ lines: String) -> [String] {
    do {
        _ = try ScenarioReader.parse(base + lines, file: "w.toml")
        return []
    } catch {
        return error.diagnostics.map(\.description)
    }
}

@Suite("Weights a buyer can defend")
struct WeightDerivationTests {
    // Closed form of w_k = (1/n) Σ_{i=k}^{n} 1/i, over a common denominator.
    static let rocClosedForm: [Int: [Double]] = [
        2: [3.0 / 4, 1.0 / 4],
        3: [11.0 / 18, 5.0 / 18, 2.0 / 18],
        4: [25.0 / 48, 13.0 / 48, 7.0 / 48, 3.0 / 48],
        5: [137.0 / 300, 77.0 / 300, 47.0 / 300, 27.0 / 300, 12.0 / 300],
        6: [147.0 / 360, 87.0 / 360, 57.0 / 360, 37.0 / 360, 22.0 / 360, 10.0 / 360],
    ]

    @Test("Rank-order centroid weights equal the closed form for n = 2 ... 6", arguments: 2...6)
    func rocClosedForm(n: Int) throws {
        let criteria = Array(Criterion.allCases.reversed().prefix(n))   // any order: security first
        let derived = RankOrderCentroid.weights(criteria.map { [$0] })
        for (k, c) in criteria.enumerated() {
            #expect(abs(derived[c] - Self.rocClosedForm[n]![k]) < 1e-15)
        }
        #expect(abs(derived.sum - 1) < 1e-15)
        #expect(Criterion.allCases.filter { !criteria.contains($0) }.allSatisfy { derived[$0] == 0 })
    }

    @Test("weights.order: a tie shares the mean of its positions' weights, an unlisted criterion gets 0")
    func orderWithTie() throws {
        let w = try weights(#"order = ["quality", ["cost", "timezone"], "culture"]"#)
        // n = 4: 25/48, (13 + 7)/2/48 twice, 3/48.
        #expect(abs(w[.quality] - 25.0 / 48) < 1e-15)
        #expect(abs(w[.cost] - 10.0 / 48) < 1e-15 && w[.cost] == w[.timezone])
        #expect(abs(w[.culture] - 3.0 / 48) < 1e-15)
        #expect(w[.scalability] == 0 && w[.security] == 0)
        #expect(w.method == .order([[.quality], [.cost, .timezone], [.culture]]))
    }

    // The 3×3 example matrix (1, 3, 5; 1/3, 1, 3; 1/5, 1/3, 1) reproduced throughout the AHP
    // literature from Saaty, T. L. (1980), "The Analytic Hierarchy Process", McGraw-Hill: priorities
    // 0.637, 0.258, 0.105, λ_max = 3.039, CR = 0.033 (RI_3 = 0.58), to the three decimals published.
    @Test("A published AHP example gives its published weights, λ_max and CR")
    func publishedAHPExample() throws {
        let w = try weights(#"ahp = { "quality/cost" = 3, "quality/timezone" = 5, "cost/timezone" = 3 }"#)
        #expect(Format.number(w[.quality], decimals: 3) == "0.637")
        #expect(Format.number(w[.cost], decimals: 3) == "0.258")
        #expect(Format.number(w[.timezone], decimals: 3) == "0.105")
        #expect(w[.culture] == 0 && w[.scalability] == 0 && w[.security] == 0)
        guard case .ahp(_, let lambda, let cr) = w.method else { Issue.record("method is \(w.method)"); return }
        #expect(Format.number(lambda, decimals: 3) == "3.039")
        #expect(Format.number(cr, decimals: 3) == "0.033")
        #expect(abs(w.sum - 1) < 1e-12)
    }

    @Test("Reverse judgements may be written as \"1/3\", 1/3 as a decimal, or as the reversed key")
    func reverseJudgements() throws {
        let a = try weights(#"ahp = { "quality/cost" = 3 }"#)
        let b = try weights(#"ahp = { "cost/quality" = "1/3" }"#)
        let c = try weights(#"ahp = { "cost/quality" = 0.3333333333333333 }"#)
        #expect(abs(a[.quality] - 0.75) < 1e-12 && abs(a[.cost] - 0.25) < 1e-12)
        #expect(abs(b[.quality] - 0.75) < 1e-12 && abs(c[.quality] - 0.75) < 1e-12)
        guard case .ahp(_, _, let cr) = a.method else { Issue.record("not ahp"); return }
        #expect(cr == 0)   // two criteria are always consistent
    }

    @Test("An inconsistent matrix is rejected naming the judgement whose revision lowers CR most, with that value")
    func inconsistentMatrix() {
        // quality > cost > timezone > security, except "cost/security" = 1/5 (should be about 3).
        // Revising each judgement to w_a/w_b in turn (numpy, eigenvalues): cost/security → 0.64
        // gives CR 0.119, the lowest of the six; the matrix has λ_max 5.032 and CR 0.382.
        let found = errors(#"ahp = { "quality/cost" = 2, "quality/timezone" = 3, "quality/security" = 4, "cost/timezone" = 2, "cost/security" = 0.2, "timezone/security" = 2 }"#)
        #expect(found == [
            "w.toml:14:98: weights.ahp is inconsistent: expected a consistency ratio ≤ 0.10, found 0.382 (λ_max 5.032); "
                + "revise \"cost/security\" from 0.2 to 0.64 (the derived w_cost/w_security), the one change that lowers it most (to 0.119)",
        ])
    }

    @Test("The run bundle's resolved scenario keeps order, ahp and [uncertainty], and reads back to the same scenario")
    func resolvedScenarioRoundTrip() throws {
        for lines in [
            #"order = ["quality", ["cost", "timezone"], "culture"]"#,
            #"ahp = { "quality/cost" = 3, "quality/timezone" = "5", "timezone/cost" = "1/2" }"#,
            "cost = 1\nquality = 2\n[uncertainty]\nweights = \"spread\"\nspread = 0.3\nquality = 4\nsamples = 777\nseed = 42",
        ] {
            let scenario = try ScenarioReader.parse(base + lines, file: "w.toml")
            let json = String(decoding: RunBundle.resolvedScenarioJSON(scenario), as: UTF8.self)
            let again = try ScenarioReader.parse(json, file: "resolved.json", format: .json)
            #expect(again == scenario, "\(json)")
            #expect(again.weights.method.name == scenario.weights.method.name)
        }
    }

    @Test("Bad weights input is a located error", arguments: [
        (#"order = ["quality", "price"]"#, "w.toml:14:1: weights.order names an unknown criterion \"price\" (criteria: cost, quality, timezone, culture, scalability, security)"),
        (#"order = ["quality", ["cost", "quality"]]"#, "w.toml:14:1: weights.order names \"quality\" more than once: list each criterion once (tied criteria in one nested array)"),
        (#"order = []"#, "w.toml:14:1: weights.order must be an array of criteria, most important first, with a nested array for a tie (e.g. [\"quality\", [\"cost\", \"timezone\"]]), found []"),
        ("order = [\"quality\"]\ncost = 0.5", "w.toml:15:1: weights.cost cannot be combined with weights.order: remove the numbers or the order"),
        ("order = [\"quality\"]\nahp = { \"quality/cost\" = 3 }", "w.toml:15:1: weights.order and weights.ahp cannot be combined: keep one way of giving the weights"),
        (#"ahp = { "quality/cost" = 3, "quality/timezone" = 5 }"#, "w.toml:14:1: weights.ahp needs one judgement per pair of the criteria it names (quality, cost, timezone); missing: \"cost/timezone\""),
        (#"ahp = { "quality/cost" = 10 }"#, "w.toml:14:9: weights.ahp.\"quality/cost\" must be between 1/9 and 9, found 10"),
        (#"ahp = { "quality/cost" = 0.1 }"#, "w.toml:14:9: weights.ahp.\"quality/cost\" must be between 1/9 and 9, found 0.1"),
        (#"ahp = { "quality/cost" = "lots" }"#, "w.toml:14:9: weights.ahp.\"quality/cost\" must be a number on Saaty's 1–9 scale (or \"1/3\" for the reverse), found \"lots\""),
        (#"ahp = { "quality/cots" = 3 }"#, "w.toml:14:9: weights.ahp.\"quality/cots\" names an unknown criterion \"cots\"; did you mean 'cost'?"),
        (#"ahp = { "quality/cost" = 3, "cost/quality" = 3 }"#, "w.toml:14:29: weights.ahp.\"cost/quality\" judges the same pair as \"quality/cost\": keep one"),
        (#"ahp = { "quality" = 3 }"#, "w.toml:14:9: weights.ahp keys must be \"a/b\" with two criteria (a is the value times as important as b), found \"quality\""),
    ])
    func badInput(line: String, message: String) {
        #expect(errors(line) == [message])
    }
}
