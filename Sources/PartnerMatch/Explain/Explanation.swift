/// Why a vendor ranks where it does (weighted method): its scores next to the leader's, the rules it
/// fails, and the smallest change of its rate (`r̄`, `ScoredPool.meanRate`), or of one weight, that brings it into the top N.
///
/// Methods (also in docs/MODEL-NOTES.md):
/// - **Rate**: lowering a vendor's rate never lowers its own cost score and never raises anyone
///   else's (it can only lower `r_min`, or `r_max` when it was the dearest), and lower rates also win
///   ties, so its rank is monotone in its rate. The largest rate that reaches the top N is found by
///   bisection with the full cost re-normalisation (`r_min`, `r_max` over the eligible set including
///   the vendor at the new rate) at every step, then rounded down to a cent and re-checked.
/// - **Weight**: with the other weights fixed, `u_o − u_v = (a_o + b_o·w) / (W′ + w)` for every other
///   vendor `o`, so whether `o` ranks before `v` changes only where `a_o + b_o·w = 0`. Sweeping these
///   breakpoints up and down from the current weight gives the nearest weight (exact, or just past a
///   breakpoint) at which fewer than N vendors rank before `v`. Scores do not depend on weights.
public struct Explanation: Sendable {
    public var index: Int
    public var id: String
    public var name: String
    public var top: Int
    /// Eligible vendors in the pool.
    public var eligibleCount: Int
    /// Rank among the eligible vendors (weighted method); `nil` when ineligible.
    public var rank: Int?
    public var utility: Double?
    /// The six scores (`Criterion.allCases` order); `nil` when ineligible.
    public var scores: [Double]?
    /// Why it scores what it does, one sentence per criterion (`Criterion.allCases` order; also when ineligible).
    public var scoreBasis: [String]
    public var overlapHours: Double
    public var worstWeekOverlapHours: Double
    public var reasons: [IneligibilityReason]
    public var leader: Shortlist.Row?
    public var rateChange: RateChange
    public var weightChanges: [WeightChange]

    public enum RateChange: Sendable, Equatable {
        /// Already in the top N: nothing to change.
        case alreadyInTop(rank: Int)
        /// The highest hourly rate (rounded down to a cent) at which the vendor is in the top N.
        case lowerTo(rate: Double, rank: Int)
        /// No rate > 0 brings it into the top N (or other rules than `max_rate` exclude it).
        case impossible(String)
    }

    public struct WeightChange: Sendable, Equatable {
        public var criterion: Criterion
        public var current: Double
        /// The nearest weight that brings the vendor into the top N, if any.
        public var target: Double?
        /// Whether `target` is a boundary the weight must pass (strictly above / below), not reach.
        public var strict: Bool
        /// The rank at `target` (or just past it when strict).
        public var rank: Int?

        public var change: Double? { target.map { $0 - current } }
    }
}

extension Explanation {
    /// Explains vendor `index` of `scored` against the top `top`.
    /// - Complexity: O(m log m) for m eligible vendors (a sort of breakpoints per weight) plus
    ///   O(m) per bisection step for the rate (about 50 steps).
    public init(_ scored: ScoredPool, index: Int, top: Int) {
        let pool = scored.pool
        let shortlist = Shortlist(scored, method: .weighted, limit: 1)
        self.index = index
        self.id = pool.ids[index]
        self.name = pool.names[index]
        self.top = top
        self.eligibleCount = scored.eligibleCount
        self.leader = shortlist.rows.first
        self.overlapHours = scored.overlapHours[index]
        self.worstWeekOverlapHours = scored.worstWeekOverlapHours[index]
        self.reasons = scored.reasons(for: index)
        self.scoreBasis = Criterion.allCases.map { $0.definition.explanation(index, in: scored.criterionContext) }
        let position = scored.eligiblePosition(of: index)
        if let position {
            rank = shortlist.rank(ofPosition: position)
            utility = scored.utility[position]
            scores = scored.scores.row(position)
        } else {
            rank = nil
            utility = nil
            scores = nil
        }
        let analysis = RankAnalysis(scored: scored, index: index)
        rateChange = analysis.rateChange(top: top, currentRank: rank)
        // Ineligible, or already in the top N: no weight to change (the rate change says which).
        let inTop = rank.map { $0 <= top } ?? false
        weightChanges = position == nil || inTop ? Criterion.allCases.map {
            WeightChange(criterion: $0, current: scored.scenario.weights[$0], target: nil, strict: false, rank: nil)
        } : Criterion.allCases.map { analysis.weightChange($0, top: top, position: position!) }
    }
}

/// The arithmetic behind `Explanation`, on the per-eligible columns of a `ScoredPool`.
struct RankAnalysis {
    let scored: ScoredPool
    let index: Int
    let weights: Scenario.Weights
    let weightSum: Double

    init(scored: ScoredPool, index: Int) {
        self.scored = scored
        self.index = index
        self.weights = scored.scenario.weights
        self.weightSum = weights.sum
    }

    /// The scores other than cost of any vendor (eligible or not), as `ScoredPool` computes them.
    func nonCostScores(_ i: Int) -> [(Criterion, Double)] {
        Criterion.allCases.filter { $0 != .cost }.map { ($0, $0.definition.score(i, in: scored.criterionContext)) }
    }

    /// Whether (key a, rate a, index a) ranks before (key b, rate b, index b).
    func precedes(_ ua: Double, _ ra: Double, _ ia: Int, _ ub: Double, _ rb: Double, _ ib: Int) -> Bool {
        if abs(ua - ub) > Shortlist.tolerance { return ua > ub }
        if ra != rb { return ra < rb }
        return scored.pool.ids.lexicographicallyPrecedes(ia, ib)
    }

    // MARK: Rate

    /// How many eligible vendors rank before the vendor if it charged `rate`.
    func rankBefore(rate: Double) -> Int {
        let others = scored.eligible.indices.filter { Int(scored.eligible[$0]) != index }
        var lo = rate, hi = rate
        let rates = scored.meanRate
        for k in others { let r = rates[Int(scored.eligible[k])]; lo = min(lo, r); hi = max(hi, r) }
        let own = nonCostScores(index)
        var mine = weights.cost * ScoredPool.costScore(rate: rate, min: lo, max: hi)
        for (c, s) in own { mine += weights[c] * s }
        mine /= weightSum
        var count = 0
        for k in others {
            let i = Int(scored.eligible[k])
            let u = scored.utility[k] + weights.cost / weightSum
                * (ScoredPool.costScore(rate: rates[i], min: lo, max: hi) - scored.scores[.cost][k])
            if precedes(u, rates[i], i, mine, rate, index) { count += 1 }
        }
        return count
    }

    func rateChange(top: Int, currentRank: Int?) -> Explanation.RateChange {
        if let currentRank, currentRank <= top { return .alreadyInTop(rank: currentRank) }
        let failed = scored.failures[index].subtracting(.maxRate)
        if !failed.isEmpty {
            return .impossible("it fails rules other than max_rate (\(failed.codes.joined(separator: ", "))), which no rate change fixes")
        }
        var hi = scored.meanRate[index]
        if let maxRate = scored.scenario.rules.maxRate { hi = min(hi, maxRate) }
        let floor = 0.01
        guard hi >= floor, rankBefore(rate: floor) < top else {
            return .impossible("even at a rate of 0.01 it would not reach the top \(top)")
        }
        if rankBefore(rate: hi) < top {   // only max_rate kept it out
            let rate = (hi * 100).rounded(.down) / 100
            return .lowerTo(rate: rate, rank: rankBefore(rate: rate) + 1)
        }
        var lo = floor   // lo reaches the top N, hi does not
        for _ in 0..<60 where hi - lo > 1e-7 {
            let mid = (lo + hi) / 2
            if rankBefore(rate: mid) < top { lo = mid } else { hi = mid }
        }
        // In whole cents: down from the bisection's answer until it reaches the top N, then up while
        // the next cent still does. Bisection ends just below a tie it reaches only at equality (the
        // shortlist breaks a utility tie by the lower rate), so the cent at the tie is checked too.
        var cents = (lo * 100).rounded(.down)
        while cents > 1, rankBefore(rate: cents / 100) >= top { cents -= 1 }
        while (cents + 1) / 100 <= hi, rankBefore(rate: (cents + 1) / 100) < top { cents += 1 }
        let rate = max(floor, cents / 100)
        return .lowerTo(rate: rate, rank: rankBefore(rate: rate) + 1)
    }

    // MARK: Weights

    /// How many eligible vendors rank before eligible vendor `position` with weight `w` on `criterion`.
    func rankBefore(criterion: Criterion, weight w: Double, position: Int) -> Int {
        var changed = weights
        changed[criterion] = w
        let sum = changed.sum
        guard sum > 0 else { return Int.max }
        let rates = scored.meanRate
        func utility(_ k: Int) -> Double {
            var u = 0.0
            for c in Criterion.allCases { u += changed[c] * scored.scores[c][k] }
            return u / sum
        }
        let mine = utility(position)
        var count = 0
        for k in scored.eligible.indices where k != position {
            let i = Int(scored.eligible[k])
            if precedes(utility(k), rates[i], i, mine, rates[index], index) { count += 1 }
        }
        return count
    }

    func weightChange(_ criterion: Criterion, top: Int, position: Int) -> Explanation.WeightChange {
        let w0 = weights[criterion]
        var result = Explanation.WeightChange(criterion: criterion, current: w0, target: nil, strict: false, rank: nil)
        let pool = scored.pool
        let rates = scored.meanRate
        let column = scored.scores[criterion]
        let restSum = weightSum - w0
        func rest(_ k: Int) -> Double {
            var s = 0.0
            for c in Criterion.allCases where c != criterion { s += weights[c] * scored.scores[c][k] }
            return s
        }
        let restV = rest(position), nV = column[position], rateV = rates[index]
        // Per other vendor: g(w) = a + b·w (> 0: it ranks before), its breakpoint, its tie-break.
        struct Line { var a: Double; var b: Double; var tieBefore: Bool }
        var lines: [Line] = []
        lines.reserveCapacity(scored.eligible.count)
        for k in scored.eligible.indices where k != position {
            let i = Int(scored.eligible[k])
            let r = rates[i]
            let tie = r != rateV ? r < rateV : pool.ids.lexicographicallyPrecedes(i, index)
            lines.append(Line(a: rest(k) - restV, b: column[k] - nV, tieBefore: tie))
        }
        func status(_ l: Line, _ w: Double) -> Bool {
            let g = l.a + l.b * w
            return g > 0 || (g == 0 && l.tieBefore)
        }
        let current = lines.reduce(0) { $0 + (status($1, w0) ? 1 : 0) }
        // Breakpoints t = −a/b ≥ 0 of the lines that change.
        var events: [(t: Double, line: Int)] = []
        for (n, l) in lines.enumerated() where l.b != 0 {
            let t = -l.a / l.b
            if t >= 0, t.isFinite { events.append((t, n)) }
        }
        events.sort { $0.t < $1.t }
        func valid(_ w: Double) -> Bool { w >= 0 && restSum + w > 0 }
        var candidates: [(w: Double, strict: Bool)] = []

        // Upwards from w0.
        var count = current
        var e = events.firstIndex { $0.t >= w0 } ?? events.count
        while e < events.count, candidates.isEmpty {
            let t = events[e].t
            var at = count, after = count
            while e < events.count, events[e].t == t {
                let l = lines[events[e].line]
                let before = t == w0 ? status(l, w0) : l.b < 0
                let atStatus = t == w0 ? before : l.tieBefore
                at += (atStatus ? 1 : 0) - (before ? 1 : 0)
                after += (l.b > 0 ? 1 : 0) - (before ? 1 : 0)
                e += 1
            }
            if at < top, t != w0, valid(t) { candidates.append((t, false)) }
            else if after < top { candidates.append((t, true)) }
            count = after
        }
        // Downwards from w0.
        count = current
        var d = (events.lastIndex { $0.t <= w0 }).map { $0 } ?? -1
        var down: (w: Double, strict: Bool)? = nil
        while d >= 0, down == nil {
            let t = events[d].t
            var at = count, below = count
            while d >= 0, events[d].t == t {
                let l = lines[events[d].line]
                let above = t == w0 ? status(l, w0) : l.b > 0
                let atStatus = t == w0 ? above : l.tieBefore
                at += (atStatus ? 1 : 0) - (above ? 1 : 0)
                below += (l.b < 0 ? 1 : 0) - (above ? 1 : 0)
                d -= 1
            }
            if at < top, t != w0, valid(t) { down = (t, false) }
            else if below < top, t > 0 { down = (t, true) }
            count = below
        }
        if let down { candidates.append(down) }
        // Nearest candidate; verify with a full recount just past it.
        guard let best = candidates.min(by: { abs($0.w - w0) < abs($1.w - w0) }) else { return result }
        let direction: Double = best.w >= w0 ? 1 : -1
        let probe = best.strict ? best.w + direction * max(1e-9, abs(best.w) * 1e-9) : best.w
        let rank = rankBefore(criterion: criterion, weight: probe, position: position) + 1
        guard rank <= top else { return result }
        result.target = best.w
        result.strict = best.strict
        result.rank = rank
        return result
    }
}
