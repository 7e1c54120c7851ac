import LinearModel

/// A rule of the team model, named after the scenario key that sets it (`budget.total`,
/// `rules.max_vendors`, `demand`): what explanations, binding lists and the model's row table call
/// it. Each rule declares its own name in its file; lists follow the order of
/// `TeamConstraints.registered` (docs/ARCHITECTURE.md, "How to add a rule").
public struct TeamRule: Hashable, Sendable, CustomStringConvertible {
    /// The scenario key, e.g. `rules.max_vendors`.
    public let rawValue: String

    init(key: String) { rawValue = key }

    public var description: String { rawValue }
}

/// A rule of the team model as one value that owns every part of itself (docs/TEAM-MODEL.md,
/// "Rules as values"): its name, its rows in the MILP (and what they say about the columns), its
/// rows evaluated at a reported team (what verification and "binding rules" read), how an
/// infeasibility explanation relaxes it, what dominance pruning and reduced-cost fixing must respect
/// for them to stay exact, and what becomes of it when a vendor leaves (exit analysis).
///
/// The rules the scenario's `[rules]` table sets are `ScenarioRule`s (they also read and write their
/// keys). Adding a rule is its own file plus one line in `TeamConstraints.registered`.
protocol TeamConstraint: Sendable {
    /// The rule's name in explanations, binding lists and `TeamModel.rows`.
    static var rule: TeamRule { get }
    /// The rule in plain words, for reports ("IN supplies at most 40% of the work"); `nil` when the
    /// rule asks nothing beyond the model's own (e.g. `min_vendors = 1`).
    var summary: String? { get }
    /// What the rule says about every candidate's columns before any row exists (FTE steps, the
    /// largest FTE one vendor may take, the least a selected one receives).
    func bound(_ bounds: inout ColumnBounds, in problem: TeamProblem)
    /// Whether the rule's team rows come before every candidate's rows (the demand's: they give the
    /// columns their meaning); `false` by default.
    static var leadsRows: Bool { get }
    /// The rule's rows over the whole team (and any columns of its own). Every such row is priced by
    /// reduced-cost fixing: add it with `TeamModelBuilder.add(_:name:key:)`, keyed so that the same
    /// row of a model over fewer candidates has the same key.
    func addRows(to builder: inout TeamModelBuilder) -> [ConstraintReference]
    /// The rule's rows about candidate `v` alone. They must bound `v`'s own columns from above (their
    /// dual is 0 in pricing) or be its engagement row; see `TeamOptimizer.relaxation`.
    func addCandidateRows(_ v: Int, to builder: inout TeamModelBuilder) -> [ConstraintReference]
    /// The rule's rows evaluated at a team: verification checks them, binding rules read the tight ones.
    func rows(at team: TeamView) -> [RuleRow]
    /// The ways an infeasibility explanation may loosen the rule, each a ladder of typeable values.
    func ladders(in problem: TeamProblem) -> [RuleLadder]
    /// What dominance pruning must respect so that removing a dominated vendor stays exact.
    func dominance(in problem: TeamProblem) -> DominanceRequirement
    /// Candidates the restricted LPs of reduced-cost fixing must start with (pinned vendors, one per
    /// country), so that the rule's rows and columns exist there.
    func pricingSeeds(in problem: TeamProblem) -> [Int]
    /// The rule once vendor `id` has left the pool (exit analysis); `nil` when nothing is left of it.
    func afterExit(of id: String) -> Self?
    /// The most FTE one candidate may take under the rule (`nil`: none; the default, in
    /// TeamConstraint+Ceiling.swift).
    func vendorCeiling(_ candidate: TeamCandidate, in problem: TeamProblem) -> Double?
    /// Rows that cut off a selection breaking the rule (none by default; SurvivalRows.swift).
    func lazyCuts(_ selection: Set<Int>, in teamModel: TeamModel) -> [LinearConstraint]

    /// Soft key `key` as `team` (the elastic programme's) meets it (docs/MODEL.md, "Soft rules
    /// with priorities"), rounded outward onto what the reader accepts typed back; `nil` when `key`
    /// is not this rule's (the default, in SoftRules.swift) or the team meets it as written.
    func relaxed(_ key: String, at team: TeamView) -> SoftRelaxation?

    /// How rule pricing removes the rule (docs/MODEL.md, "What each rule costs"): each removal sets
    /// the rule, or one entry of it, to its loosest value; none when the rule asks nothing beyond
    /// its loosest value (or is not a buyer's rule: the demand, a vendor's capacity).
    func removals(in problem: TeamProblem) -> [RuleRemoval]
}

extension TeamConstraint {
    var rule: TeamRule { Self.rule }
    /// Whether the rule's team rows come before every candidate's rows (the demand's: they give the
    /// columns their meaning).
    static var leadsRows: Bool { false }
    func bound(_ bounds: inout ColumnBounds, in problem: TeamProblem) {}
    func addRows(to builder: inout TeamModelBuilder) -> [ConstraintReference] { [] }
    func addCandidateRows(_ v: Int, to builder: inout TeamModelBuilder) -> [ConstraintReference] { [] }
    func pricingSeeds(in problem: TeamProblem) -> [Int] { [] }
}

/// A team rule the scenario's `[rules]` table sets: it reads, checks against the pool and writes
/// back its own keys. Every requirement is required: a rule that forgets one does not compile.
protocol ScenarioRule: TeamConstraint {
    /// The `[rules]` keys the rule reads (the reader's unknown-key check and did-you-mean use them).
    static var keys: [String] { get }
    /// The rule as the scenario's `[rules]` table sets it; `nil` when it is not set (or set to its
    /// neutral value). Errors are reported to `decoder`, located at the key.
    static func read(_ rules: [String: ScenarioValue], _ decoder: inout ScenarioDecoder) -> Self?
    /// The value a scenario that does not write the rule has (`nil`: none, the rule is not set).
    static var scenarioDefault: Self? { get }
    /// The `[rules]` entries that read back as this value (the resolved scenario of a run bundle).
    var entries: [(key: String, value: JSONValue)] { get }
    /// Values the pool contradicts (a pinned id not in the pool, more countries than it has): each a
    /// located error or warning at `path` under `[rules]`.
    func poolIssues(_ pool: VendorPool) -> [PoolIssue]
    /// The rule with what it needs from the scored pool (e.g. why a pinned vendor is ineligible).
    func resolved(in scored: ScoredPool) -> Self
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
    /// Every team rule, one line each, in the order lists show them (rows, ladders, binding rules,
    /// the `[rules]` entries a run bundle writes).
    static let registered: [any TeamConstraint.Type] = [
        Budget.self,
        Demand.self,
        MinVendors.self,
        MaxVendors.self,
        MaxShare.self,
        VendorCapacity.self,
        Growth.self,
        Backups.self,
        TeamOverlap.self,
        MinEngagement.self,
        FTEStep.self,
        UtilityFloor.self,
        PinnedVendors.self,
        CountryShares.self,
        MinCountries.self,
        SurviveVendorExit.self,
        SurviveCountryLoss.self,
    ]

    /// Rules registered for the current task only (a test's own rule): `$extra.withValue([MyRule.self]) { … }`
    /// reads, models and explains them after the registered ones, without changing the registry
    /// other tasks see.
    @TaskLocal static var extra: [any TeamConstraint.Type] = []

    /// The registered rules and this task's extra ones.
    static var all: [any TeamConstraint.Type] { extra.isEmpty ? registered : registered + extra }

    /// The rules the scenario's `[rules]` table sets.
    static var scenarioRules: [any ScenarioRule.Type] { all.compactMap { $0 as? any ScenarioRule.Type } }

    /// The `[rules]` keys of the team rules.
    static var keys: [String] { scenarioRules.flatMap { $0.keys } }

    /// The `[rules]` keys of the registered team rules (without a task's extra ones).
    static var registeredKeys: [String] { registered.compactMap { $0 as? any ScenarioRule.Type }.flatMap { $0.keys } }

    /// The team rules a scenario that writes none of them has (their defaults).
    static var scenarioDefaults: TeamConstraints {
        var rules = TeamConstraints()
        rules.items = scenarioRules.compactMap { $0.scenarioDefault }
        return rules
    }

    var items: [any TeamConstraint] = []

    public init() {}

    /// Whether no rule is set.
    public var isEmpty: Bool { items.isEmpty }

    /// The rule of type `T`, when set.
    func first<T: TeamConstraint>(_ type: T.Type) -> T? {
        for item in items { if let value = item as? T { return value } }
        return nil
    }

    /// Sets (or, with `nil`, removes) the rule of type `T`, keeping registration order.
    mutating func set<T: TeamConstraint>(_ value: T?) {
        if let value { replace(with: value) } else { items.removeAll { $0 is T } }
    }

    /// Sets `value` in place of the rule of its type, or inserts it in registration order.
    mutating func replace(with value: any TeamConstraint) {
        let type = Swift.type(of: value)
        if let k = items.firstIndex(where: { Swift.type(of: $0) == type }) {
            items[k] = value
            return
        }
        let order = TeamConstraints.all
        func rank(_ t: any TeamConstraint.Type) -> Int { order.firstIndex { $0 == t } ?? order.count }
        let mine = rank(type)
        let at = items.firstIndex { rank(Swift.type(of: $0)) > mine } ?? items.count
        items.insert(value, at: at)
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

    /// Every rule set that asks something, in plain words (for reports).
    public var summaries: [String] { items.compactMap(\.summary) }

    /// The `[rules]` entries of every rule set, in registration order.
    var entries: [(key: String, value: JSONValue)] { items.flatMap { ($0 as? any ScenarioRule)?.entries ?? [] } }

    /// Two values are equal when they hold the same rules with the same values (a scenario's rules:
    /// when they write the same file).
    private var signature: String {
        items.map { item in
            guard let written = item as? any ScenarioRule else { return String(describing: item) }
            return String(decoding: JSONValue.pairs(written.entries.map { ($0.key, $0.value) }).renderedBytes(), as: UTF8.self)
        }.joined(separator: "\n")
    }

    public static func == (a: TeamConstraints, b: TeamConstraints) -> Bool { a.signature == b.signature }
    public func hash(into hasher: inout Hasher) { hasher.combine(signature) }
}

/// What the rules say about every candidate's columns (`TeamConstraint.bound`).
struct ColumnBounds: Sendable {
    /// `q`: FTE are bought in multiples of this (`nil`: continuous).
    var step: Double?
    /// The most FTE one vendor may take (`α · D`; infinite: no such rule).
    var perVendor = Double.infinity
    /// The least FTE a selected vendor receives, per candidate (`m_v = max(min_fte_v, e)`).
    var minimum: [Double]
    /// The most FTE each candidate can take under every rule (docs/TEAM-MODEL.md, "Why
    /// branch-and-bound could not close country shares"): its capacity, `perVendor`, each rule's own
    /// `vendorCeiling` (a country's share), on the FTE grid. Valid for every team, and what lets the
    /// LP relaxation see that a few vendors cannot cover the demand.
    var ceiling: [Double] = []

    /// The bounds of `problem`: every rule's say, in registration order. `ceilings: false` leaves
    /// `ceiling` empty — what a `TeamView` needs (it reads `minimum` and `perVendor`): the ceilings
    /// ask every rule about every candidate, and a sweep's bisection builds a view for each team it
    /// evaluates (with the view's member-only positions, the hard 100k sweep of BENCHMARKS.md went
    /// from 8.6 s to 5.1 s of CPU).
    init(_ problem: TeamProblem, ceilings: Bool = true) {
        minimum = problem.candidates.map(\.minimumFTE)
        let items = problem.requirements.constraints.items
        for constraint in items { constraint.bound(&self, in: problem) }
        guard ceilings else { return }
        ceiling = problem.candidates.map { [perVendor, step] candidate in
            var u = min(candidate.capacityFTE, perVendor)
            for constraint in items {
                if let own = constraint.vendorCeiling(candidate, in: problem) { u = min(u, own) }
            }
            return step.map { $0 * (u / $0 + 1e-9).rounded(.down) } ?? u
        }
    }
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
    /// What the rules say about the columns.
    let bounds: ColumnBounds
    /// The team rows by key (what reduced-cost fixing prices).
    var keyedRows: [String: ConstraintReference] = [:]
    /// The rules' own columns by key.
    var keyedColumns: [String: Variable] = [:]
    /// The violation columns of the elastic programme (`slack`), in the order they were made.
    var softColumns: [SoftColumn] = []

    /// `X_v`, the FTE of candidate `v`.
    func fte(_ v: Int) -> LinearExpression {
        LinearExpression(terms: assign[v].map { Term($0.variable, scale) })
    }

    /// Adds a team row; `key` names it the same way in every model of the problem (over any subset
    /// of its candidates), e.g. `rules.country_share/IN`.
    mutating func add(_ constraint: LinearConstraint, name: @autoclosure () -> String, key: String) -> ConstraintReference {
        let row = model.addConstraint(constraint, name: names.unique(name()))
        keyedRows[key] = row
        return row
    }

    /// Adds a column of the rule's own, keyed like a team row.
    mutating func addColumn(_ name: @autoclosure () -> String, key: String, kind: VariableKind,
                            lowerBound: Double = 0, upperBound: Double = 1) -> Variable {
        let column = model.addVariable(names.unique(name()), kind: kind, lowerBound: lowerBound, upperBound: upperBound)
        keyedColumns[key] = column
        return column
    }

    /// Candidate positions grouped by country, countries in order of first appearance.
    func candidatesByCountry() -> [(country: String, candidates: [Int])] {
        problem.candidatesByCountry()
    }

    /// The violation of soft key `key` (part `part`) in the rule's own unit times `perUnit` (how far
    /// one unit moves the row), to loosen a row by: `row − slack ≤ b` or `row + slack ≥ b`
    /// (docs/MODEL.md, "Soft rules with priorities"). Empty unless the model is elastic and `key` has
    /// a priority. Rows of one key and part share one column: the rule moves as one value.
    mutating func slack(_ key: String, part: String = "", perUnit: Double, integer: Bool = false,
                        upTo upper: Double = .infinity) -> LinearExpression {
        guard problem.requirements.elastic, let level = problem.requirements.priorities[key], perUnit > 0 else { return LinearExpression() }
        if let known = softColumns.first(where: { $0.key == key && $0.part == part }) {
            return LinearExpression(terms: [Term(known.column, perUnit)])
        }
        let column = model.addVariable(names.unique("soft_\(NameTable.sanitize(key + part))"), kind: integer ? .integer : .continuous,
                                       lowerBound: 0, upperBound: max(0, upper))
        softColumns.append(SoftColumn(key: key, part: part, level: level, column: column))
        return LinearExpression(terms: [Term(column, perUnit)])
    }
}

extension TeamModelBuilder {
    /// The demand that shares, growth and the utility floor are of: the constant `D`, or in the
    /// elastic programme with a soft demand the FTE the team supplies (`Σ x`), so that a relaxed
    /// demand carries the shares with it as the relaxed problem's own demand will.
    var demanded: LinearExpression {
        let r = problem.requirements
        guard r.elastic, r.priorities.keys.contains(where: { $0.hasPrefix("demand.") }) else { return LinearExpression(r.totalDemand) }
        var total = LinearExpression()
        for xs in assign { for x in xs { total.add(x.variable, scale) } }
        return total
    }
}

/// One violation column of the elastic programme.
struct SoftColumn: Sendable {
    var key: String
    var part: String
    var level: Int
    var column: Variable
}

extension TeamProblem {
    /// Candidate positions grouped by country, countries in order of first appearance.
    func candidatesByCountry() -> [(country: String, candidates: [Int])] {
        var order: [String] = []
        var groups: [String: [Int]] = [:]
        for (v, candidate) in candidates.enumerated() {
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
    /// What the rules say about the columns (`minimum` and `perVendor`; no ceilings).
    let bounds: ColumnBounds
    private let byPool: [Int: Int]

    init(problem: TeamProblem, members: [TeamMember]) {
        self.problem = problem
        self.members = members
        bounds = ColumnBounds(problem, ceilings: false)
        // Positions of the members only: a team has a handful, the problem thousands of candidates.
        let wanted = Set(members.map(\.poolIndex))
        var byPool: [Int: Int] = [:]
        for (v, candidate) in problem.candidates.enumerated() where wanted.contains(candidate.poolIndex) && byPool[candidate.poolIndex] == nil {
            byPool[candidate.poolIndex] = v
        }
        self.byPool = byPool
    }

    /// The candidate a member stands for (`nil`: not a candidate of the problem).
    func candidate(_ member: TeamMember) -> TeamCandidate? { position(member).map { problem.candidates[$0] } }

    /// The member's position in `problem.candidates` (`nil`: not a candidate, or not a member).
    func position(_ member: TeamMember) -> Int? { byPool[member.poolIndex] }

    /// The member's FTE per required skill it offers (parts naming another skill left out).
    func parts(_ member: TeamMember) -> [(skill: Int, fte: Double)] {
        guard let c = candidate(member) else { return [] }
        let skills = problem.requirements.skills
        return member.skills.compactMap { part in
            guard let s = skills.firstIndex(where: { $0.name == part.skill }), c.skills.contains(s) else { return nil }
            return (s, part.fte)
        }
    }
}

/// One row of a rule evaluated at a team: the one checker of reported teams.
struct RuleRow {
    enum Sense { case atMost, atLeast, equal }
    var activity: Double
    var sense: Sense
    var bound: Double
    /// The size the row's tolerance is relative to (`max(1, |bound|, Σ|terms|)` is used).
    var scale: Double
    /// What a violated row means, in words.
    var violation: String
    /// The binding rule a tight row stands for (`nil`: the row is never reported as binding).
    var binding: BindingRule?
    /// Whether the row is tight, when the rule judges it itself (else `isTight`'s default).
    var tight: Bool? = nil
    /// Whether the row compares money: then it holds to the half cent (`Money`), with no relative
    /// tolerance (docs/MODEL.md, "Money to the cent").
    var money = false

    init(activity: Double, sense: Sense, bound: Double, scale: Double, money: Bool = false, violation: String,
         binding: BindingRule? = nil, tight: Bool? = nil) {
        self.activity = activity
        self.sense = sense
        self.bound = bound
        self.scale = scale
        self.money = money
        self.violation = violation
        self.binding = binding
        self.tight = tight
    }

    /// Whether the team meets the row (within `TeamProblem.relativeTolerance`, relative to its size).
    var holds: Bool {
        let slack = money ? Money.halfCent : TeamProblem.relativeTolerance * max(1, abs(bound), scale)
        switch sense {
        case .atMost: return activity <= bound + slack
        case .atLeast: return activity >= bound - slack
        case .equal: return abs(activity - bound) <= slack
        }
    }

    /// Whether the row holds with equality (to one part in a million): more room would matter.
    var isTight: Bool { tight ?? (abs(activity - bound) <= 1e-6 * max(1, abs(bound))) }
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
    /// ladders of one rule combine). `RuleLadder.unlimited` means as loose as the rule goes.
    var apply: @Sendable (Int, inout TeamProblem) -> Void
    /// The change position `k` stands for, in the scenario's own words and values.
    var describe: @Sendable (Int) -> Relaxation
    /// For a ladder searched exactly (the budget): the least workable position, from one solve of
    /// the problem (with the other steps applied) by the optimiser given; `nil`: none works.
    var exact: (@Sendable (TeamProblem, TeamOptimizer) throws(TeamOptimizationError) -> Int?)? = nil
    /// Whether combinations of rules may use it (the demand: feasibility is not monotone in it).
    var combines = true

    /// A position meaning "as loose as the rule goes" for ladders found exactly.
    static let unlimited = Int.max
}

extension Relaxation {
    /// A change a `TeamConstraint` states; `size` is the relative change (for ranking).
    init(rule: TeamRule, constraint: String, skill: String? = nil, current: Double, needed: Double, size: Double, message: String) {
        self.init(rule: rule, constraint: constraint, skill: skill, current: current, needed: needed, message: message,
                  size: size, group: 0)
    }
}
