import Foundation

/// The swept points a walk reads, by position in the walk's list: given, or solved when first read.
struct PointSource {
    let count: Int
    let read: (Int) throws(TeamOptimizationError) -> BudgetAnalysis.Point

    init(count: Int, read: @escaping (Int) throws(TeamOptimizationError) -> BudgetAnalysis.Point) {
        (self.count, self.read) = (count, read)
    }

    init(_ points: [BudgetAnalysis.Point]) {
        self.init(count: points.count) { k in points[k] }
    }
}

/// The optimal team at each swept budget, solved once, by whichever thread asks for it first; a
/// thread asking for a point another thread is solving waits for it. Every solve is deterministic,
/// so who solves a point does not change it.
final class LazyPoints: @unchecked Sendable {
    let budgets: [Double]
    private let solve: @Sendable (Double) throws(TeamOptimizationError) -> TeamSolution
    private var results: [Result<TeamSolution, TeamOptimizationError>?]
    private var started: [Bool]
    private let condition = NSCondition()

    init(budgets: [Double], solve: @escaping @Sendable (Double) throws(TeamOptimizationError) -> TeamSolution) {
        self.budgets = budgets
        self.solve = solve
        results = Array(repeating: nil, count: budgets.count)
        started = Array(repeating: false, count: budgets.count)
    }

    /// Records a team already solved at budget `k` (the scenario's own budget, when swept).
    func seed(_ k: Int, _ team: TeamSolution) {
        condition.lock(); defer { condition.unlock() }
        guard !started[k] else { return }
        started[k] = true
        results[k] = .success(team)
    }

    /// The point at budget `k`: solved here unless another thread has started it.
    func point(_ k: Int) throws(TeamOptimizationError) -> BudgetAnalysis.Point {
        condition.lock()
        while started[k] && results[k] == nil { condition.wait() }
        if let result = results[k] {
            condition.unlock()
            return BudgetAnalysis.Point(budget: budgets[k], team: try result.get())
        }
        started[k] = true
        condition.unlock()
        let result = compute(k)
        return BudgetAnalysis.Point(budget: budgets[k], team: try result.get())
    }

    /// Solves, in `order`, the points no thread has started (a thread whose walk is done helps the other).
    func prefetch(_ order: [Int]) {
        for k in order {
            condition.lock()
            let free = !started[k]
            started[k] = true
            condition.unlock()
            if free { _ = compute(k) }
        }
    }

    private func compute(_ k: Int) -> Result<TeamSolution, TeamOptimizationError> {
        let result: Result<TeamSolution, TeamOptimizationError>
        do throws(TeamOptimizationError) { result = .success(try solve(budgets[k])) } catch { result = .failure(error) }
        condition.lock()
        results[k] = result
        condition.broadcast()
        condition.unlock()
        return result
    }
}

/// Counts the points the walks have passed, for a progress callback.
private final class WalkProgress: @unchecked Sendable {
    private var done = 0
    private let lock = NSLock()
    let total: Int
    let report: (@Sendable (Int, Int) -> Void)?

    init(total: Int, report: (@Sendable (Int, Int) -> Void)?) { (self.total, self.report) = (total, report) }

    func tick() {
        lock.lock()
        done += 1
        let now = done
        lock.unlock()
        report?(now, total)
    }
}

extension BudgetAnalysis {
    /// The optimal team at each of `budgets` and the frontier over them (`frontier(_:…)` of
    /// `sweep(_:)`), computed together. Anchored at the scenario's budget, the downward and the upward
    /// walk are independent: they run at once, each solving its own budgets as it reaches them, and
    /// a walk that ends first solves the other's remaining budgets from the far end. The solves are
    /// the ones `sweep` and `frontier` make, each deterministic, and each walk reads its points in its
    /// own order, so the result equals theirs, whatever the scheduling. Without an anchor inside the
    /// range (or with `parallel` off) it is `sweep` then `frontier`. `progress` counts the budgets
    /// solved by `sweep`, `locating` the budgets the walks have passed.
    public func sweepAndFrontier(_ budgets: [Double], tolerance: Double, materiality: Double, minimumBudget: Double?,
                                 anchor: Double?, parallel: Bool = true,
                                 progress: (@Sendable (Int, Int) -> Void)? = nil,
                                 locating: (@Sendable (Int, Int) -> Void)? = nil) throws(TeamOptimizationError) -> (optimal: [Point], frontier: Frontier) {
        func separately() throws(TeamOptimizationError) -> (optimal: [Point], frontier: Frontier) {
            let optimal = try sweep(budgets, parallel: parallel, progress: progress)
            return (optimal, try frontier(optimal, tolerance: tolerance, materiality: materiality, minimumBudget: minimumBudget, anchor: anchor,
                                          progress: locating))
        }
        guard parallel, let anchor, let first = budgets.first, let last = budgets.last, anchor >= first, anchor <= last,
              budgets == budgets.sorted() else { return try separately() }
        let anchorTeam = try solve(at: anchor)
        guard anchorTeam.status.hasTeam else { return try separately() }
        let lazy = LazyPoints(budgets: budgets) { [self] budget throws(TeamOptimizationError) in try solve(at: budget) }
        if let k = budgets.firstIndex(of: anchor) { lazy.seed(k, anchorTeam) }
        let below = budgets.indices.filter { budgets[$0] < anchor }
        let above = budgets.indices.filter { budgets[$0] > anchor }
        let anchorPoint = Point(budget: anchor, team: anchorTeam)
        let swept = budgets.contains(anchor)
        let counter = WalkProgress(total: budgets.count + (swept ? 0 : 1), report: locating)
        let walks = try parallelMap(count: 2, parallel: true) { [self] side throws(TeamOptimizationError) -> Frontier in
            if side == 0 {
                let source = PointSource(count: below.count) { k throws(TeamOptimizationError) in try lazy.point(below[k]) }
                let down = try walkDown(source, from: anchorPoint, tolerance: tolerance, materiality: materiality,
                                        minimumBudget: minimumBudget, progress: { counter.tick() })
                lazy.prefetch(above.reversed())
                return down
            }
            let source = PointSource(count: above.count + 1) { k throws(TeamOptimizationError) in
                k == 0 ? anchorPoint : try lazy.point(above[k - 1])
            }
            var up = try walkUp(source, kept: anchorTeam, tolerance: tolerance, materiality: materiality, minimumBudget: minimumBudget,
                                progress: { _, _ in counter.tick() }, done: 0, total: above.count + 1)
            // As `frontier`: the walk's first point is the anchor's, reported only when it is swept.
            if !swept { up.points.removeFirst() }
            lazy.prefetch(below)
            return up
        }
        let (down, up) = (walks[0], walks[1])
        var optimal: [Point] = []
        for k in budgets.indices { optimal.append(try lazy.point(k)) }
        return (optimal, Frontier(points: down.points + up.points, changes: down.changes + up.changes, materiality: materiality,
                                  tolerance: tolerance))
    }
}
