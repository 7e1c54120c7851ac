import GLPKSolver
import LinearModel

/// How much of the demand a team can still supply when some of its vendors leave (docs/MODEL.md,
/// "Teams that survive an exit"): for each leaving vendor (and each country whose selected vendors
/// all leave at once), the largest `ρ ≤ 1` such that the remaining selected vendors, each within its
/// ceiling after growth (`max_fte`, else `capacity_fte`) and its own skills, can supply `ρ · d_s` of
/// every demanded skill `s`.
///
/// The largest such `ρ` is the recourse LP's optimum `max ρ` s.t. `Σ_w x'_{w,s} ≥ ρ·d_s`,
/// `Σ_s x'_{w,s} ≤ M_w`. By Gale's supply–demand theorem (max-flow min-cut on the vendor–skill
/// graph) it equals `min_T M(N(T)) / d(T)` over the non-empty sets `T` of demanded skills, where
/// `N(T)` are the remaining vendors offering a skill of `T`: that is how it is computed for up to
/// `enumerationLimit` skills (exact, no solver tolerance); beyond, the LP is solved in exact
/// arithmetic.
public struct Resilience: Sendable, Hashable {
    /// One leaving group: a vendor, or the selected vendors of one country.
    public struct Leaver: Sendable, Hashable {
        /// The vendor's id, or the country's code.
        public var name: String
        /// The ids of the vendors that leave.
        public var vendors: [String]
        /// The largest share (≤ 1) of every skill's demand the rest of the team can still supply.
        public var coverage: Double
        /// A set of skills that limits `coverage` (what the rest falls short on first), by name.
        public var limitingSkills: [String]
        /// Why the level is unknown: the recourse LP (more than `enumerationLimit` skills) was not
        /// solved. `coverage` is then 0, a lower bound (what a rule check may rely on), never a level
        /// to report: reports read `level`.
        public var failure: String? = nil
        /// `coverage`, or `nil` when it is unknown (`failure`).
        public var level: Double? { failure == nil ? coverage : nil }
        /// The level without the cap at 1 (the rest may carry more than the whole demand): whether
        /// a required `ρ` binds. Capped at 1 where the LP computes it (more than 14 skills).
        var uncapped: Double = 0
    }

    /// Each selected vendor leaving alone, in team order.
    public var vendorExits: [Leaver]
    /// Each country of the team losing all its selected vendors, countries in order of first appearance.
    public var countryLosses: [Leaver]

    /// The largest `ρ` the team survives for any one vendor leaving (0 for a team of one).
    public var vendorExit: Double { vendorExits.map(\.coverage).min() ?? 0 }
    /// The largest `ρ` the team survives for any one country's vendors leaving (0 for a one-country team).
    public var countryLoss: Double { countryLosses.map(\.coverage).min() ?? 0 }

    /// `vendorExit`, or `nil` when a leaver's level is unknown (the solver failed: `Leaver.failure`).
    public var vendorExitLevel: Double? { vendorExits.contains { $0.failure != nil } ? nil : vendorExit }
    /// `countryLoss`, or `nil` when a leaver's level is unknown.
    public var countryLossLevel: Double? { countryLosses.contains { $0.failure != nil } ? nil : countryLoss }
    /// Whether every level is known.
    public var isComplete: Bool { (vendorExits + countryLosses).allSatisfy { $0.failure == nil } }

    /// How the recourse LP is solved beyond `enumerationLimit` skills: GLPK, in exact arithmetic. A
    /// task-local so a test can make the solver fail (an iteration limit, an error) and see what the
    /// levels and the reports say.
    @TaskLocal static var recourseSolver: @Sendable (Model, SolveOptions) throws -> Solution = { model, options in
        try GLPKSolver().solve(model, options: options)
    }

    /// Up to this many demanded skills, coverage is computed by enumerating skill sets (2^k − 1).
    static let enumerationLimit = 14

    /// The resilience of `members` in `problem` (members that are not candidates are left out).
    public init(members: [TeamMember], problem: TeamProblem) {
        let view = TeamView(problem: problem, members: members)
        let positions = members.compactMap { view.position($0) }
        let engine = RecourseCoverage(problem: problem)
        vendorExits = positions.map { v in
            let (coverage, limiting, uncapped, failure) = engine.coverage(of: positions.filter { $0 != v })
            let c = problem.candidates[v]
            return Leaver(name: c.id, vendors: [c.id], coverage: coverage, limitingSkills: limiting, failure: failure, uncapped: uncapped)
        }
        var countries: [String] = []
        for v in positions where !countries.contains(problem.candidates[v].country) { countries.append(problem.candidates[v].country) }
        countryLosses = countries.map { country in
            let leaving = positions.filter { problem.candidates[$0].country == country }
            let (coverage, limiting, uncapped, failure) = engine.coverage(of: positions.filter { problem.candidates[$0].country != country })
            return Leaver(name: country, vendors: leaving.map { problem.candidates[$0].id }, coverage: coverage, limitingSkills: limiting,
                          failure: failure, uncapped: uncapped)
        }
    }
}

/// The recourse coverage of vendor sets of one problem: `min(1, min_T M(N(T)) / d(T))`.
struct RecourseCoverage {
    let problem: TeamProblem
    /// Demanded skills with a positive demand, as indices into `requirements.skills`.
    let skills: [Int]
    let demand: [Double]

    init(problem: TeamProblem) {
        self.problem = problem
        let all = problem.requirements.skills
        skills = all.indices.filter { all[$0].demand > 0 }
        demand = skills.map { all[$0].demand }
    }

    /// `M_w`: the vendor's ceiling after growth (its `max_fte`, never below its capacity).
    static func ceiling(_ candidate: TeamCandidate) -> Double { max(candidate.maxFTE, candidate.capacityFTE) }

    /// Bit `j` set when the candidate offers `skills[j]`.
    func mask(_ v: Int) -> Int {
        var m = 0
        for (j, s) in skills.enumerated() where problem.candidates[v].skills.contains(s) { m |= 1 << j }
        return m
    }

    /// The largest `ρ ≤ 1` the vendors at `remaining` (positions in `problem.candidates`) can supply
    /// of every skill, with the names of a skill set that limits it (empty when `ρ = 1`) and the
    /// level without the cap; when the recourse LP is not solved, level 0 (a lower bound) and why.
    func coverage(of remaining: [Int]) -> (Double, [String], Double, String?) {
        guard !skills.isEmpty else { return (1, [], .infinity, nil) }
        if skills.count <= Resilience.enumerationLimit {
            let (ratio, worst) = worstSet(remaining)
            return ratio >= 1 ? (1, [], ratio, nil) : (ratio, names(worst), ratio, nil)
        }
        switch Self.level(Result { try Resilience.recourseSolver(recourseModel(remaining), Self.recourseOptions) }) {
        case .success(let level): return (level, [], level, nil)
        case .failure(let failure): return (0, [], 0, failure.reason)
        }
    }

    /// Why a recourse LP gave no level.
    struct Unsolved: Error, Equatable {
        var reason: String
    }

    /// The level (in [0, 1]) of the recourse LP's answer: its optimum, verified optimal. Any other
    /// answer (a limit, a numerical failure, "infeasible" where `ρ = 0` is always feasible, an error)
    /// is a failure that says what GLPK answered.
    static func level(_ answer: Result<Solution, any Error>) -> Result<Double, Unsolved> {
        switch answer {
        case .success(let solution):
            guard solution.termination == .optimal, let value = solution.objectiveValue, value.isFinite else {
                return .failure(Unsolved(reason: "GLPK did not solve the recourse LP: it ended with \(solution.termination.rawValue)"))
            }
            return .success(min(1, max(0, value)))
        case .failure(let error):
            return .failure(Unsolved(reason: "GLPK did not solve the recourse LP: \(error)"))
        }
    }

    /// `min_T M(N(T)) / d(T)` and a set `T` (bit mask over `skills`) attaining it.
    func worstSet(_ remaining: [Int]) -> (Double, Int) {
        let masks = remaining.map(mask)
        let ceilings = remaining.map { RecourseCoverage.ceiling(problem.candidates[$0]) }
        var best = Double.infinity
        var worst = 0
        for t in 1..<(1 << skills.count) {
            var need = 0.0
            for j in skills.indices where t & (1 << j) != 0 { need += demand[j] }
            var have = 0.0
            for k in masks.indices where masks[k] & t != 0 { have += ceilings[k] }
            let ratio = have / need
            if ratio < best { best = ratio; worst = t }
        }
        return (best, worst)
    }

    /// The skill sets `T` (bit masks over `skills`) whose Gale row the remaining vendors break for
    /// level `rho`: `M(N(T)) < ρ·d(T)` (at most `limit`, most violated first).
    func violatedSets(_ remaining: [Int], rho: Double, limit: Int = 3) -> [Int] {
        guard skills.count <= Resilience.enumerationLimit else { return [] }
        let masks = remaining.map(mask)
        let ceilings = remaining.map { RecourseCoverage.ceiling(problem.candidates[$0]) }
        var found: [(Double, Int)] = []
        for t in 1..<(1 << skills.count) {
            var need = 0.0
            for j in skills.indices where t & (1 << j) != 0 { need += demand[j] }
            var have = 0.0
            for k in masks.indices where masks[k] & t != 0 { have += ceilings[k] }
            let gap = rho * need - have
            if gap > 1e-9 * max(1, rho * need) { found.append((gap / need, t)) }
        }
        return found.sorted { ($0.0, -$0.1) > ($1.0, -$1.1) }.prefix(limit).map(\.1)
    }

    func names(_ t: Int) -> [String] {
        skills.indices.filter { t & (1 << $0) != 0 }.map { problem.requirements.skills[skills[$0]].name }
    }

    /// `d(T)`.
    func demand(of t: Int) -> Double {
        skills.indices.filter { t & (1 << $0) != 0 }.reduce(0) { $0 + demand[$1] }
    }

    /// `a_{w,T} = min(M_w, ρ·d(T ∩ S_w))`: the most candidate `v` can supply of the skills in `T` at
    /// level `rho` (0 when it offers none of them). Every recourse flow at level `ρ` can be taken to
    /// supply exactly `ρ·d_s` of each skill, so no vendor supplies more than that to `T`.
    func contribution(_ v: Int, to t: Int, rho: Double) -> Double {
        let common = mask(v) & t
        guard common != 0 else { return 0 }
        return min(RecourseCoverage.ceiling(problem.candidates[v]), rho * demand(of: common))
    }

    /// Exact arithmetic: the level has no solver tolerance.
    static var recourseOptions: SolveOptions {
        var settings = SolveOptions()
        settings.exactArithmetic = true
        return settings
    }

    /// The recourse LP `max ρ` (ρ ≤ 1) over the vendors at `remaining`.
    func recourseModel(_ remaining: [Int]) -> Model {
        var model = Model(name: "recourse", sense: .maximize)
        let rho = model.addVariable("rho", lowerBound: 0, upperBound: 1)
        var supply = [LinearExpression](repeating: LinearExpression(), count: skills.count)
        for v in remaining {
            var own = LinearExpression()
            for (j, s) in skills.enumerated() where problem.candidates[v].skills.contains(s) {
                let x = model.addVariable("x\(v)_\(j)", lowerBound: 0)
                supply[j].add(x, 1)
                own.add(x, 1)
            }
            if !own.terms.isEmpty { model.addConstraint(own <= RecourseCoverage.ceiling(problem.candidates[v])) }
        }
        for j in skills.indices {
            var row = supply[j]
            row.add(rho, -demand[j])
            model.addConstraint(row >= 0)
        }
        model.objective = LinearExpression(rho)
        return model
    }
}
