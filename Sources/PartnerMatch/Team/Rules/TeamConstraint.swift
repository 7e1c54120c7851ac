import LinearModel

/// A rule of the team model, named: what explanations, binding lists and the model's row table
/// call it. The built-in rules are declared here; a rule written as a `TeamConstraint` declares
/// its own next to it (docs/TEAM-MODEL.md, "Rules as values").
public struct TeamRule: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// A stable name, e.g. `budget`, `countryShare`.
    public let rawValue: String
    /// Where the rule comes in lists: built-in rules first, in the order below.
    let order: Int

    init(_ rawValue: String, order: Int) {
        self.rawValue = rawValue
        self.order = order
    }

    public static func == (a: TeamRule, b: TeamRule) -> Bool { a.rawValue == b.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
    public static func < (a: TeamRule, b: TeamRule) -> Bool { (a.order, a.rawValue) < (b.order, b.rawValue) }
    public var description: String { rawValue }

    public static let budget = TeamRule("budget", order: 0)
    public static let demand = TeamRule("demand", order: 1)
    public static let maxVendors = TeamRule("maxVendors", order: 2)
    public static let minVendors = TeamRule("minVendors", order: 3)
    public static let maxShare = TeamRule("maxShare", order: 4)
    public static let growth = TeamRule("growth", order: 5)
    public static let backups = TeamRule("backups", order: 6)
    public static let teamOverlap = TeamRule("teamOverlap", order: 7)
    public static let minEngagement = TeamRule("minEngagement", order: 8)
    /// `min_mean_utility` of the cheapest good-enough team (`objective = "cost"`).
    public static let utilityFloor = TeamRule("utilityFloor", order: 9)

    /// The rules `TeamModel` builds itself (every other rule is a `TeamConstraint`).
    public static let builtIn: [TeamRule] = [.budget, .demand, .maxVendors, .minVendors, .maxShare, .growth,
                                             .backups, .teamOverlap, .minEngagement, .utilityFloor]
}

/// A rule of the team model as one value that owns every part of itself (docs/TEAM-MODEL.md,
/// "Rules as values"): its scenario keys (read, checked against the pool, written back), its rows in
/// the MILP, its rows evaluated at a reported team (what verification and "binding rules" read), how
/// an infeasibility explanation relaxes it, what dominance pruning must respect for it to stay exact,
/// and what becomes of it when a vendor leaves (exit analysis).
///
/// Every requirement is required: a rule that forgets one does not compile. Adding a rule is its own
/// file plus one line in `TeamConstraints.registered`.
protocol TeamConstraint: Sendable {
    /// The `[rules]` keys the rule reads (the reader's unknown-key check and did-you-mean use them).
    static var keys: [String] { get }
    /// The rule as the scenario's `[rules]` table sets it; `nil` when it is not set (or set to its
    /// neutral value). Errors are reported to `decoder`, located at the key.
    static func read(_ rules: [String: ScenarioValue], _ decoder: inout ScenarioDecoder) -> Self?
    /// The `[rules]` entries that read back as this value (the resolved scenario of a run bundle).
    var entries: [(key: String, value: JSONValue)] { get }
    /// The rule in plain words, for reports ("IN supplies at most 40% of the work").
    var summary: String { get }
    /// Values the pool contradicts (a pinned id not in the pool, more countries than it has): each a
    /// located error or warning at `path` under `[rules]`.
    func poolIssues(_ pool: VendorPool) -> [PoolIssue]
    /// The rule with what it needs from the scored pool (e.g. why a pinned vendor is ineligible).
    func resolved(in scored: ScoredPool) -> Self

    /// The rule's name in explanations, binding lists and `TeamModel.rows`.
    var rule: TeamRule { get }
    /// Adds the rule's rows (and any variables of its own) to the model being built.
    func addRows(to builder: inout TeamModelBuilder) -> [ConstraintReference]
    /// The rule's rows evaluated at a team: verification checks them, binding rules read the tight ones.
    func rows(at team: TeamView) -> [RuleRow]
    /// The ways an infeasibility explanation may loosen the rule, each a ladder of typeable values.
    func ladders(in problem: TeamProblem) -> [RuleLadder]
    /// What dominance pruning must respect so that removing a dominated vendor stays exact.
    func dominance(in problem: TeamProblem) -> DominanceRequirement
    /// The rule once vendor `id` has left the pool (exit analysis); `nil` when nothing is left of it.
    func afterExit(of id: String) -> Self?
    /// The most FTE one candidate may take under the rule (`nil`: none; the default, in
    /// TeamConstraint+Ceiling.swift).
    func vendorCeiling(_ candidate: TeamCandidate, in problem: TeamProblem) -> Double?
}

/// A value a scenario sets that the pool contradicts.
struct PoolIssue: Sendable {
    var severity: Diagnostic.Severity
    /// The key under `[rules]`, e.g. `["include_vendors"]`.
    var path: [String]
    var code: String
    var message: String

    init(severity: Diagnostic.Severity, path: [String], code: String, _ message: String) {
        self.severity = severity
        self.path = path
        self.code = code
        self.message = message
    }
}

/// The registered rules, and the rules one scenario or problem sets.
public struct TeamConstraints: Sendable, Hashable {
    /// Every rule written as a `TeamConstraint`: one line each.
    static let registered: [any TeamConstraint.Type] = [
        PinnedVendors.self,
        CountryShares.self,
        MinCountries.self,
    ]

    /// The `[rules]` keys of the registered rules.
    static var keys: [String] { registered.flatMap { $0.keys } }

    var items: [any TeamConstraint] = []

    public init() {}

    /// Whether no such rule is set.
    public var isEmpty: Bool { items.isEmpty }

    /// The rule of type `T`, when set.
    func first<T: TeamConstraint>(_ type: T.Type) -> T? {
        items.lazy.compactMap { $0 as? T }.first
    }

    /// Changes the rule of type `T` in place (nothing when it is not set).
    mutating func update<T: TeamConstraint>(_ type: T.Type, _ change: (inout T) -> Void) {
        guard let k = items.firstIndex(where: { $0 is T }), var value = items[k] as? T else { return }
        change(&value)
        items[k] = value
    }

    /// Every rule mapped by `transform` (rules it maps to `nil` are dropped).
    func compactMap(_ transform: (any TeamConstraint) -> (any TeamConstraint)?) -> TeamConstraints {
        var copy = TeamConstraints()
        copy.items = items.compactMap(transform)
        return copy
    }

    /// Every rule set, in plain words (for reports).
    public var summaries: [String] { items.map(\.summary) }

    /// The `[rules]` entries of every rule set, in registration order.
    var entries: [(key: String, value: JSONValue)] { items.flatMap(\.entries) }

    /// The rules as they would be written: two values are equal when they write the same file.
    private var signature: String {
        String(decoding: JSONValue.pairs(entries.map { ($0.key, $0.value) }).renderedBytes(), as: UTF8.self)
    }

    public static func == (a: TeamConstraints, b: TeamConstraints) -> Bool { a.signature == b.signature }
    public func hash(into hasher: inout Hasher) { hasher.combine(signature) }
}

/// The model under construction, as a `TeamConstraint` sees it: the candidates' columns and a
/// place to add rows and columns of its own.
struct TeamModelBuilder {
    var model: Model
    var names: NameTable
    let problem: TeamProblem
    /// `y_v` per candidate.
    let select: [Variable]
    /// Per candidate, `(skill index, x variable)` for each required skill it offers.
    let assign: [[(skill: Int, variable: Variable)]]
    /// FTE per unit of an `x` variable.
    let scale: Double

    /// `X_v`, the FTE of candidate `v`.
    func fte(_ v: Int) -> LinearExpression {
        LinearExpression(terms: assign[v].map { Term($0.variable, scale) })
    }

    /// Candidate positions grouped by country, countries in order of first appearance.
    func candidatesByCountry() -> [(country: String, candidates: [Int])] {
        var order: [String] = []
        var groups: [String: [Int]] = [:]
        for (v, candidate) in problem.candidates.enumerated() {
            if groups[candidate.country] == nil { order.append(candidate.country) }
            groups[candidate.country, default: []].append(v)
        }
        return order.map { ($0, groups[$0]!) }
    }
}

/// A reported team as rules read it.
struct TeamView {
    let problem: TeamProblem
    let members: [TeamMember]
    private let byPool: [Int: TeamCandidate]

    init(problem: TeamProblem, members: [TeamMember]) {
        self.problem = problem
        self.members = members
        byPool = Dictionary(problem.candidates.map { ($0.poolIndex, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The candidate a member stands for (`nil`: not a candidate of the problem).
    func candidate(_ member: TeamMember) -> TeamCandidate? { byPool[member.poolIndex] }
}

/// One row of a rule evaluated at a team.
struct RuleRow {
    enum Sense { case atMost, atLeast }
    var activity: Double
    var sense: Sense
    var bound: Double
    /// The size the row's tolerance is relative to (`max(1, |bound|, Σ|terms|)` is used).
    var scale: Double
    /// What a violated row means, in words.
    var violation: String
    /// The binding rule a tight row stands for.
    var binding: BindingRule

    /// Whether the team meets the row (within `TeamProblem.relativeTolerance`, relative to its size).
    var holds: Bool {
        let slack = TeamProblem.relativeTolerance * max(1, abs(bound), scale)
        return sense == .atMost ? activity <= bound + slack : activity >= bound - slack
    }

    /// Whether the row holds with equality (to one part in a million): more room would matter.
    var isTight: Bool { abs(activity - bound) <= 1e-6 * max(1, abs(bound)) }
}

/// What dominance pruning must respect (docs/TEAM-MODEL.md, "Rules as values").
struct DominanceRequirement: Sendable {
    /// A vendor may be replaced only by one of the same country (country rules count per country).
    var sameCountry = false
    /// Vendors that are never removed (pinned), by id.
    var keep: Set<String> = []

    mutating func formUnion(_ other: DominanceRequirement) {
        sameCountry = sameCountry || other.sameCountry
        keep.formUnion(other.keep)
    }

    /// What every rule of `problem` requires.
    static func of(_ problem: TeamProblem) -> DominanceRequirement {
        var requirement = DominanceRequirement()
        for constraint in problem.requirements.constraints.items { requirement.formUnion(constraint.dominance(in: problem)) }
        return requirement
    }
}

/// A ladder of typeable values a `TeamConstraint` offers an infeasibility explanation: positions
/// 1…count, each one step looser than the one before; position 0 is the scenario's value.
struct RuleLadder {
    var rule: TeamRule
    var count: Int
    /// Sets position `k` in `problem` (reading the rule's current value there, so that several
    /// ladders of one rule combine).
    var apply: @Sendable (Int, inout TeamProblem) -> Void
    /// The change position `k` stands for, in the scenario's own words and values.
    var describe: @Sendable (Int) -> Relaxation
}

extension Relaxation {
    /// A change a `TeamConstraint` states; `size` is the relative change (for ranking).
    init(rule: TeamRule, constraint: String, current: Double, needed: Double, size: Double, message: String) {
        self.init(rule: rule, constraint: constraint, skill: nil, current: current, needed: needed, message: message,
                  size: size, group: 0)
    }
}
