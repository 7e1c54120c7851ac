/// Why the solver stopped. Kept apart from whether a feasible point exists (`primalStatus`),
/// because a time limit may come with or without one.
public enum TerminationReason: String, Sendable, Hashable {
    /// Proven optimal (within the solver's tolerances).
    case optimal
    /// Proven to have no feasible point.
    case infeasible
    /// Proven unbounded: feasible, and the objective improves without limit.
    case unbounded
    /// Either infeasible or unbounded; the solver did not decide which (e.g. a MIP whose
    /// relaxation is unbounded).
    case infeasibleOrUnbounded
    /// The time limit was reached.
    case timeLimit
    /// The relative MIP gap tolerance was reached: feasible, not proven optimal.
    case gapLimit
    /// The iteration limit was reached.
    case iterationLimit
    /// The solver was asked to stop.
    case stopped
    /// The solver failed numerically (singular or ill-conditioned basis, or gave up).
    case numericalFailure
}

/// Whether a result holds a point, and what it is.
public enum PrimalStatus: String, Sendable, Hashable {
    /// `values` satisfy every constraint (within tolerances).
    case feasiblePoint
    /// `values` hold the solver's last iterate, which is not feasible.
    case infeasiblePoint
    /// There are no values.
    case noSolution
}

/// What happened to `SolveOptions.initialSolution`.
public enum SeedOutcome: Sendable, Hashable {
    case notGiven
    /// Handed to the solver as its first incumbent.
    case accepted
    /// Not used, and why (infeasible, wrong length, the model is an LP, …).
    case rejected(String)
}

/// The solver's own codes, kept for diagnosis.
public struct RawSolverStatus: Sendable, Hashable, CustomStringConvertible {
    public var solver: String
    /// The routine whose return code this is, e.g. `glp_intopt`.
    public var routine: String
    public var returnCode: Int32
    /// The solution status as the solver reports it (e.g. `glp_mip_status`).
    public var status: Int32
    /// Names of the codes, e.g. `GLP_ETMLIM / GLP_FEAS`.
    public var meaning: String

    public init(solver: String, routine: String, returnCode: Int32, status: Int32, meaning: String) {
        self.solver = solver
        self.routine = routine
        self.returnCode = returnCode
        self.status = status
        self.meaning = meaning
    }

    public var description: String { "\(solver) \(routine): \(meaning) (return \(returnCode), status \(status))" }
}

/// The outcome of one solve. "Infeasible" and "time limit" are answers, not errors.
public struct Solution: Sendable {
    public var termination: TerminationReason
    public var primalStatus: PrimalStatus
    /// Objective at `values` (including the objective's constant), when there are values.
    public var objectiveValue: Double?
    /// The best proven bound on the optimum (MIP: the best open node's bound; equals the objective
    /// when optimal), when known.
    public var bestBound: Double?
    /// `|objective − bound| / (|objective| + ε)`, when both are known.
    public var relativeGap: Double?
    /// One value per variable (empty when `primalStatus == .noSolution`).
    public var values: [Double]
    /// LP only, at an optimal basis: one dual value per constraint (the change of the objective
    /// per unit increase of the constraint's bound).
    public var constraintDuals: [Double]?
    /// LP only, at an optimal basis: one reduced cost per variable.
    public var reducedCosts: [Double]?
    /// Row activities `Σ a_ij x_j` at `values`.
    public var constraintActivities: [Double]
    public var solveSeconds: Double
    public var raw: RawSolverStatus
    public var incumbentSeed: SeedOutcome
    /// The solver's log, when `SolveOptions.log` asked to keep it.
    public var log: String?

    public init(
        termination: TerminationReason, primalStatus: PrimalStatus, objectiveValue: Double?, bestBound: Double?,
        relativeGap: Double?, values: [Double], constraintDuals: [Double]?, reducedCosts: [Double]?,
        constraintActivities: [Double], solveSeconds: Double, raw: RawSolverStatus,
        incumbentSeed: SeedOutcome, log: String?
    ) {
        self.termination = termination
        self.primalStatus = primalStatus
        self.objectiveValue = objectiveValue
        self.bestBound = bestBound
        self.relativeGap = relativeGap
        self.values = values
        self.constraintDuals = constraintDuals
        self.reducedCosts = reducedCosts
        self.constraintActivities = constraintActivities
        self.solveSeconds = solveSeconds
        self.raw = raw
        self.incumbentSeed = incumbentSeed
        self.log = log
    }

    /// Whether `values` hold a feasible point.
    public var hasFeasiblePoint: Bool { primalStatus == .feasiblePoint }

    /// The value of `variable` (requires a point).
    public subscript(variable: Variable) -> Double { values[variable.index] }

    /// The value of an expression at this solution's point.
    public func value(of expression: some LinearExpressionConvertible) -> Double {
        expression.linearExpression.value(at: values)
    }

    /// The dual value of `constraint`, when the solve produced duals.
    public func dual(_ constraint: ConstraintReference) -> Double? { constraintDuals?[constraint.index] }
}
