/// One criterion of docs/MODEL.md ("Criteria"): a value whose `definition` owns everything about it —
/// its scenario weight key and default weight, its score `n_c(v)`, its TOPSIS raw column and
/// direction, its labels (prose, table heading, report bar), its legend and glossary text, the
/// sentence that explains a score, and how robustness samples its score.
///
/// Adding a criterion is its own file (a type conforming to `CriterionDefinition`, plus its static
/// `Criterion` member) and one line in `Criterion.registered` (docs/ARCHITECTURE.md, "How to add a
/// criterion"); a definition missing a part does not compile, and `CriteriaTests` fails for a member
/// that is not registered.
public struct Criterion: Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Position in `allCases`: the column of `ScoredPool.CriterionScores` and the slot of `Scenario.Weights`.
    public let ordinal: Int

    /// The criteria, in the order they are shown. The one registration line per criterion.
    static let registered: [any CriterionDefinition.Type] = [
        CostCriterion.self,
        QualityCriterion.self,
        TimezoneCriterion.self,
        CultureCriterion.self,
        ScalabilityCriterion.self,
        SecurityCriterion.self,
    ]

    /// Criteria added for the current task after the registered ones: how a test registers a
    /// test-only criterion without changing what other tasks, or any user of the library, see.
    @TaskLocal static var extra: [any CriterionDefinition.Type] = []

    /// The registered criteria, then the task's `extra` ones.
    static var definitions: [any CriterionDefinition.Type] {
        let extra = Self.extra
        return extra.isEmpty ? registered : registered + extra
    }

    private static let registeredCases: [Criterion] = registered.indices.map { Criterion(ordinal: $0) }

    public static var allCases: [Criterion] {
        let extra = Self.extra
        return extra.isEmpty ? registeredCases : (0..<(registered.count + extra.count)).map { Criterion(ordinal: $0) }
    }

    /// The criterion defined by `definition`; traps when it is not registered (a programming error,
    /// caught by `CriteriaTests` for every static member).
    public static func of(_ definition: any CriterionDefinition.Type) -> Criterion {
        guard let ordinal = definitions.firstIndex(where: { $0 == definition }) else {
            preconditionFailure("\(definition) is not in Criterion.registered")
        }
        return Criterion(ordinal: ordinal)
    }

    /// The criterion whose scenario key is `rawValue`.
    public init?(rawValue: String) {
        guard let ordinal = Self.definitions.firstIndex(where: { $0.key == rawValue }) else { return nil }
        self.ordinal = ordinal
    }

    private init(ordinal: Int) { self.ordinal = ordinal }

    public var definition: any CriterionDefinition.Type {
        ordinal < Self.registered.count ? Self.registered[ordinal] : Self.extra[ordinal - Self.registered.count]
    }
    /// The scenario key in `[weights]` and the key in every output's `scores` and `weights`.
    public var rawValue: String { definition.key }
    public var description: String { rawValue }
}

/// Everything about one criterion, in one place (docs/MODEL.md, "Criteria").
public protocol CriterionDefinition: Sendable {
    /// The key in the scenario's `[weights]` and in outputs (`cost`, `quality`, …).
    static var key: String { get }
    /// The weight when the scenario gives none (docs/MODEL.md's example).
    static var defaultWeight: Double { get }
    /// A short column heading for tables (`cost`, `qual`, …).
    static var abbreviation: String { get }
    /// A label for prose (`hourly rate`, `delivery quality`, …).
    static var label: String { get }
    /// One sentence for legends and help: what the score measures and how it is scaled.
    static var legend: String { get }
    /// The criterion in the shortlist's legend line, after its column heading (`qual quality`,
    /// `cost (cheaper is higher)`).
    static var legendEntry: String { get }
    /// The one-word label of the criterion's score bar in the HTML report (the glossary spells it out).
    static var reportLabel: String { get }
    /// The HTML report's glossary entry: the term (`Quality score`) and its definition.
    static var glossaryTerm: String { get }
    static var glossaryDefinition: String { get }
    /// Whether larger raw values are better in TOPSIS (`false`: a cost column).
    static var topsisIsBenefit: Bool { get }
    /// The raw value TOPSIS ranks on, for pool vendor `index`.
    static func raw(_ index: Int, in context: CriterionContext) -> Double
    /// The score `n_c(v)` in [0, 1] of pool vendor `index` (eligible or not: `explain` asks about both).
    static func score(_ index: Int, in context: CriterionContext) -> Double
    /// Why vendor `index` scores what it does, in words with its own values.
    static func explanation(_ index: Int, in context: CriterionContext) -> String
    /// How the robustness analysis redraws this criterion's score under the scenario's
    /// `[uncertainty]`; `nil` (the default) when its score is not sampled.
    static func sampling(_ uncertainty: Scenario.Uncertainty, in context: CriterionContext) -> ScoreSampling?
}

extension CriterionDefinition {
    public static func sampling(_ uncertainty: Scenario.Uncertainty, in context: CriterionContext) -> ScoreSampling? { nil }
}

/// How one criterion's score is sampled (docs/ROBUSTNESS.md): each vendor's raw value redrawn
/// uniformly within ± `amount`, clipped to `range`, and scored by the criterion's own rule.
public struct ScoreSampling: Sendable {
    /// The ± half-width of the uniform redraw (> 0).
    public var amount: Double
    /// The raw value's range; a redraw outside it is clipped.
    public var range: ClosedRange<Double>
    /// The nominal raw value of pool vendor `index`.
    public var raw: @Sendable (Int) -> Double
    /// raw value → score; monotone (rising or falling), so the ends of the range bound the samples.
    public var score: @Sendable (Double) -> Double

    public init(amount: Double, range: ClosedRange<Double>, raw: @escaping @Sendable (Int) -> Double,
                score: @escaping @Sendable (Double) -> Double) {
        self.amount = amount
        self.range = range
        self.raw = raw
        self.score = score
    }

    /// The score of `value` clipped to `range`.
    @inline(__always)
    func clippedScore(_ value: Double) -> Double { score(min(range.upperBound, max(range.lowerBound, value))) }
}

/// What the criteria read: the pool, the scenario and the per-vendor values `ScoredPool` derived.
public struct CriterionContext: Sendable {
    public let pool: VendorPool
    public let scenario: Scenario
    /// Mean daily overlap, hours (per pool vendor).
    public let overlapHours: [Double]
    /// `cultural_fit` after the missing-value policy (per pool vendor).
    public let effectiveCulturalFit: [Double]
    /// Certification points held (per pool vendor).
    public let certificationPoints: [Double]
    /// `r̄_v`, the demand-weighted mean rate, converted (per pool vendor).
    public let meanRate: [Double]
    /// `r_min`, `r_max` of `r̄` over the eligible vendors.
    public let rateRange: (min: Double, max: Double)

    /// `g · D`.
    public var growthDemand: Double { scenario.rules.growth * scenario.demand.total }
    /// Hours of the client's working day.
    public var windowHours: Double { scenario.client.windowHours }
}

extension Criterion {
    /// The whole score column of the vendors at `indices` (pool indices).
    /// - Complexity: O(n) for n indices.
    func scores(of indices: [Int32], in context: CriterionContext) -> [Double] {
        let definition = self.definition
        return indices.map { definition.score(Int($0), in: context) }
    }

    /// The whole TOPSIS raw column of the vendors at `indices`.
    func rawValues(of indices: [Int32], in context: CriterionContext) -> [Double] {
        let definition = self.definition
        return indices.map { definition.raw(Int($0), in: context) }
    }
}
