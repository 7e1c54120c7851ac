/// How to solve a model. Solver-neutral names; a backend maps each to its own parameters and
/// documents the ones it ignores.
public struct SolveOptions: Sendable {
    /// Wall-clock limit for the whole solve, in seconds (`nil`: none).
    public var timeLimit: Double?
    /// Stop branch-and-bound once `|incumbent − bound| / (|incumbent| + ε)` is at most this (0: prove optimality).
    public var relativeGap: Double = 0
    /// Let the solver simplify the model before solving.
    public var presolve: Bool = true
    public var cuts = Cuts()
    public var branching: BranchingRule = .driebeckTomlin
    public var backtracking: BacktrackingRule = .bestLocalBound
    /// The feasibility-pump primal heuristic.
    public var feasibilityPump: Bool = false
    /// The proximity-search primal heuristic, with its own time limit in seconds.
    public var proximitySearch: Bool = false
    public var proximitySearchTimeLimit: Double = 60
    /// A starting point (one value per variable). Used as the first incumbent of a MIP when it is
    /// feasible; an infeasible one is reported as rejected in `Solution.incumbentSeed`.
    public var initialSolution: [Double]?
    /// How far from an integer a value of an integer variable may be and still count as integral
    /// (`nil`: the solver's default; GLPK's is 1e-5). A tighter value keeps a binary that is "0"
    /// from carrying a fraction of a continuous variable it bounds.
    public var integralityTolerance: Double?
    /// For an LP: after the floating-point simplex, re-solve from its basis in exact rational
    /// arithmetic, so the point satisfies every row without the solver's feasibility tolerance.
    /// Meant for small LPs (it is far slower than the floating-point simplex on large ones).
    public var exactArithmetic: Bool = false
    /// Simplex iteration limit (`nil`: none).
    public var iterationLimit: Int?
    public var log: LogMode = .silent

    public init() {}

    public struct Cuts: Sendable, Hashable {
        public var gomory = false
        public var mixedIntegerRounding = false
        public var cover = false
        public var clique = false

        public init(gomory: Bool = false, mixedIntegerRounding: Bool = false, cover: Bool = false, clique: Bool = false) {
            self.gomory = gomory
            self.mixedIntegerRounding = mixedIntegerRounding
            self.cover = cover
            self.clique = clique
        }

        public static let all = Cuts(gomory: true, mixedIntegerRounding: true, cover: true, clique: true)
        public static let none = Cuts()
    }

    public enum BranchingRule: String, Sendable, CaseIterable {
        case firstFractional, lastFractional, mostFractional, driebeckTomlin, hybridPseudocost
    }

    public enum BacktrackingRule: String, Sendable, CaseIterable {
        case depthFirst, breadthFirst, bestLocalBound, bestProjection
    }

    public enum LogMode: Sendable, Hashable {
        /// Nothing printed, nothing kept.
        case silent
        /// Kept in `Solution.log`.
        case capture
        /// Echoed to standard error as the solver writes it (and kept).
        case standardError
    }
}
