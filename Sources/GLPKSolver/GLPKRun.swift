import CGLPKShim
import LinearModel

/// One solve of a loaded problem: parameters in, GLPK's codes mapped faithfully out.
struct GLPKRun {
    let problem: GLPKProblem
    let model: Model
    let options: SolveOptions
    let clock: ContinuousClock
    let start: ContinuousClock.Instant

    /// Milliseconds left of the time limit (GLPK's unit), or `Int32.max` for none.
    private var remainingMilliseconds: Int32 {
        guard let limit = options.timeLimit else { return Int32.max }
        let used = clock.now - start
        let usedMs = Double(used.components.seconds) * 1000 + Double(used.components.attoseconds) * 1e-15
        return GLPKRun.milliseconds(limit * 1000 - usedMs)
    }

    /// `ms` as GLPK's `int` milliseconds, at least 1; too large, infinite or NaN means no limit
    /// (`Int32.max`) instead of trapping in a conversion to an integer.
    static func milliseconds(_ ms: Double) -> Int32 {
        guard ms < Double(Int32.max) else { return Int32.max }
        return Int32(max(1, ms.rounded(.down)))
    }

    private func simplexParameters(presolve: Bool) -> glp_smcp {
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = options.log == .silent ? GLP_MSG_ERR : GLP_MSG_ON
        parameters.presolve = presolve ? GLP_ON : GLP_OFF
        parameters.tm_lim = remainingMilliseconds
        if let limit = options.iterationLimit { parameters.it_lim = Int32(clamping: limit) }
        return parameters
    }

    private func simplex(presolve: Bool) throws(SolverError) -> Int32 {
        var parameters = simplexParameters(presolve: presolve)
        var code: Int32 = 0
        try problem.call { pm_simplex($0, &parameters, &code) }
        return code
    }

    // MARK: LP

    func solveLP() throws(SolverError) -> Solution {
        var code = try simplex(presolve: options.presolve)
        if options.presolve, code == GLP_ENOPFS || code == GLP_ENODFS {
            // The presolver cannot tell infeasible from unbounded: solve again without it to know.
            code = try simplex(presolve: false)
        }
        if options.exactArithmetic, code == 0 {
            // glp_exact starts from the basis the floating-point simplex left (it needs one: the
            // presolver, when on, leaves none, so the simplex above ran it and restored a basis).
            var parameters = simplexParameters(presolve: false)
            try problem.call { pm_exact($0, &parameters, &code) }
        }
        let m = model.constraints.count, n = model.variables.count
        var status: Int32 = 0, primal: Int32 = 0, objective = 0.0
        var rowPrimal = [Double](repeating: 0, count: m + 1), rowDual = rowPrimal
        var colPrimal = [Double](repeating: 0, count: n + 1), colDual = colPrimal
        try problem.call { pm_lp_solution($0, &status, &primal, &objective, &rowPrimal, &rowDual, &colPrimal, &colDual) }

        let raw = GLPKCodes.raw("glp_simplex", code, status)
        guard let termination = GLPKCodes.simplexTermination(code: code, status: status) else { throw .solverRejected(raw) }
        let hasPoint = code == 0 || code == GLP_ETMLIM || code == GLP_EITLIM || code == GLP_EOBJLL || code == GLP_EOBJUL
        let primalStatus: PrimalStatus =
            !hasPoint || termination == .infeasible ? .noSolution : (primal == GLP_FEAS ? .feasiblePoint : .infeasiblePoint)
        let optimal = termination == .optimal
        return Solution(
            termination: termination, primalStatus: primalStatus,
            objectiveValue: primalStatus == .noSolution ? nil : objective,
            bestBound: optimal ? objective : nil, relativeGap: optimal ? 0 : nil,
            values: primalStatus == .noSolution ? [] : Array(colPrimal.dropFirst()),
            constraintDuals: optimal ? Array(rowDual.dropFirst()) : nil,
            reducedCosts: optimal ? Array(colDual.dropFirst()) : nil,
            constraintActivities: primalStatus == .noSolution ? [] : Array(rowPrimal.dropFirst()),
            solveSeconds: 0, raw: raw,
            incumbentSeed: options.initialSolution == nil ? .notGiven : .rejected("the model is an LP: a starting incumbent is used by MIPs only"),
            log: nil)
    }

    // MARK: MIP

    func solveMIP() throws(SolverError) -> Solution {
        // A starting incumbent is handed to GLPK through glp_ios_heur_sol, which works on the
        // original columns only, so it needs intopt's presolver off, which in turn needs an
        // optimal LP relaxation first. GLPK also accepts an infeasible seed and may then call it
        // optimal: the seed is checked here first, and dropped with a reason when it fails.
        var seed: [Double]? = nil
        var seedOutcome = SeedOutcome.notGiven
        if let initial = options.initialSolution {
            if let problem = model.violation(of: initial) {
                seedOutcome = .rejected("the starting solution is not feasible: \(problem)")
            } else {
                seed = [0] + initial
            }
        }
        let relaxationFirst = seed != nil || !options.presolve
        if relaxationFirst {
            let code = try simplex(presolve: options.presolve)
            var status: Int32 = 0
            try problem.call { pm_lp_solution($0, &status, nil, nil, nil, nil, nil, nil) }
            if code != 0 || status != GLP_OPT {
                // An unbounded relaxation leaves the MIP itself infeasible or unbounded; a code GLPK
                // raises for a refused model ends the solve as a numerical failure, with its codes kept.
                let relaxation = GLPKCodes.simplexTermination(code: code, status: status) ?? .numericalFailure
                let termination: TerminationReason = relaxation == .unbounded ? .infeasibleOrUnbounded : relaxation
                let raw = GLPKCodes.raw("glp_simplex (LP relaxation)", code, status)
                if seed != nil { seedOutcome = .rejected("the solve ended in the LP relaxation, before any incumbent was used") }
                return noPoint(termination, raw: raw, seed: seedOutcome)
            }
        }

        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.msg_lev = options.log == .silent ? GLP_MSG_ERR : GLP_MSG_ON
        parameters.presolve = relaxationFirst ? GLP_OFF : GLP_ON
        parameters.tm_lim = remainingMilliseconds
        parameters.mip_gap = options.relativeGap
        // GLPK raises a fatal error for a tolerance outside [0, 1): such a value keeps the default.
        if let tolerance = options.integralityTolerance, tolerance > 0, tolerance < 1 { parameters.tol_int = tolerance }
        parameters.gmi_cuts = options.cuts.gomory ? GLP_ON : GLP_OFF
        parameters.mir_cuts = options.cuts.mixedIntegerRounding ? GLP_ON : GLP_OFF
        parameters.cov_cuts = options.cuts.cover ? GLP_ON : GLP_OFF
        parameters.clq_cuts = options.cuts.clique ? GLP_ON : GLP_OFF
        parameters.br_tech = GLPKCodes.branching(options.branching)
        parameters.bt_tech = GLPKCodes.backtracking(options.backtracking)
        parameters.fp_heur = options.feasibilityPump ? GLP_ON : GLP_OFF
        parameters.ps_heur = options.proximitySearch ? GLP_ON : GLP_OFF
        parameters.ps_tm_lim = GLPKRun.milliseconds(options.proximitySearchTimeLimit * 1000)

        var progress = pm_mip_progress()
        var code: Int32 = 0
        if var seed {
            try problem.call { pm_intopt($0, &parameters, &seed, &progress, &code) }
        } else {
            try problem.call { pm_intopt($0, &parameters, nil, &progress, &code) }
        }
        if seed != nil {
            seedOutcome = progress.seed_accepted != 0 ? .accepted
                : progress.seed_offered != 0 ? .rejected("GLPK already had an incumbent at least as good")
                : .rejected("GLPK finished before it asked for a heuristic solution")
        }

        let m = model.constraints.count, n = model.variables.count
        var status: Int32 = 0, objective = 0.0
        var rows = [Double](repeating: 0, count: m + 1), cols = [Double](repeating: 0, count: n + 1)
        try problem.call { pm_mip_solution($0, &status, &objective, &rows, &cols) }
        let raw = GLPKCodes.raw("glp_intopt", code, status)

        guard let termination = GLPKCodes.intoptTermination(code: code, status: status) else { throw .solverRejected(raw) }
        let feasible = status == GLP_OPT || status == GLP_FEAS
        guard feasible else {
            // A search stopped before any incumbent still proved a bound: keep it.
            var result = noPoint(termination, raw: raw, seed: seedOutcome)
            if termination == .timeLimit || termination == .stopped, progress.has_bound != 0 { result.bestBound = progress.bound }
            return result
        }
        let bound: Double? = termination == .optimal ? objective : (progress.has_bound != 0 ? progress.bound : nil)
        return Solution(
            termination: termination, primalStatus: .feasiblePoint, objectiveValue: objective,
            bestBound: bound, relativeGap: bound.map { GLPKCodes.relativeGap(objective: objective, bound: $0) },
            values: Array(cols.dropFirst()), constraintDuals: nil, reducedCosts: nil,
            constraintActivities: Array(rows.dropFirst()), solveSeconds: 0, raw: raw,
            incumbentSeed: seedOutcome, log: nil)
    }

    private func noPoint(_ termination: TerminationReason, raw: RawSolverStatus, seed: SeedOutcome) -> Solution {
        Solution(termination: termination, primalStatus: .noSolution, objectiveValue: nil, bestBound: nil,
                 relativeGap: nil, values: [], constraintDuals: nil, reducedCosts: nil, constraintActivities: [],
                 solveSeconds: 0, raw: raw, incumbentSeed: seed, log: nil)
    }
}
