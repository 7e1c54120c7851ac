import CGLPKShim
import Foundation
import LinearModel

/// Solves `LinearModel` models with GLPK.
///
/// Every call is synchronous and self-contained: the GLPK problem is created, solved, read and
/// freed on the calling thread before the call returns, so independent solves may run
/// concurrently on different threads (GLPK keeps its state per thread), and no GLPK object can
/// be carried across an `await` onto another thread. GLPK never prints to standard output; its
/// log is kept or echoed only when `SolveOptions.log` asks for it. GLPK's fatal errors are
/// trapped by the C shim and come back as `SolverError.glpkFatal`.
public struct GLPKSolver: Sendable {
    public init() {}

    /// How many solves of this process have ended by the clock (`timeLimit`) or by a stop request:
    /// a result computed while this number did not move depends on its inputs alone, so a caller may
    /// keep it (`serve`'s answer cache keeps nothing else).
    public static var clockDependentOutcomes: Int { ClockOutcomes.shared.count }

    /// The GLPK library version, e.g. `5.0`.
    public static var version: String { String(cString: glp_version()) }

    /// Solves `model`. Throws only when the solve could not run (an invalid model, a GLPK fatal
    /// error); infeasible, unbounded and time-limited outcomes come back in the `Solution`.
    public func solve(_ model: Model, options: SolveOptions = SolveOptions()) throws(SolverError) -> Solution {
        do throws(ModelError) { try model.validate() } catch { throw .invalidModel(error) }
        pm_log_reset()
        pm_log_echo(options.log == .standardError ? 1 : 0)
        defer { pm_log_echo(0) }
        let clock = ContinuousClock(), start = clock.now
        var solution: Solution
        if model.variables.isEmpty {
            solution = GLPKSolver.solveEmpty(model)
        } else {
            do throws(SolverError) {
                solution = try GLPKSolver.run(model, options, clock, start)
            } catch .glpkFatal(let message) where model.isMixedInteger && options.presolve {
                // GLPK 5.0's MIP presolver fails fatally ("glp_add_cols: ncs = 0") when it removes
                // every column. The model is fine: solve it again, with the presolver off.
                var retry = options
                retry.presolve = false
                solution = try GLPKSolver.run(model, retry, clock, start)
                solution.raw.meaning += " (the MIP presolver failed and was switched off: \(message))"
            }
        }
        if solution.termination == .timeLimit || solution.termination == .stopped { ClockOutcomes.shared.add() }
        let elapsed = clock.now - start
        solution.solveSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        if options.log != .silent { solution.log = String(cString: pm_log_text()) }
        return solution
    }

    /// Builds a fresh GLPK problem for `model` on this thread and solves it.
    private static func run(_ model: Model, _ options: SolveOptions, _ clock: ContinuousClock,
                            _ start: ContinuousClock.Instant) throws(SolverError) -> Solution {
        let problem = try GLPKProblem()
        try problem.load(model)
        let run = GLPKRun(problem: problem, model: model, options: options, clock: clock, start: start)
        return model.isMixedInteger ? try run.solveMIP() : try run.solveLP()
    }

    /// A model with no variables: its constraints are constants, checked directly (GLPK refuses
    /// empty problems).
    static func solveEmpty(_ model: Model) -> Solution {
        let feasible = model.constraints.allSatisfy { $0.constraint.lowerBound <= 1e-9 && $0.constraint.upperBound >= -1e-9 }
        return Solution(
            termination: feasible ? .optimal : .infeasible, primalStatus: feasible ? .feasiblePoint : .noSolution,
            objectiveValue: feasible ? model.objective.constant : nil, bestBound: feasible ? model.objective.constant : nil,
            relativeGap: feasible ? 0 : nil, values: [], constraintDuals: nil, reducedCosts: nil,
            constraintActivities: feasible ? model.constraints.map { _ in 0 } : [], solveSeconds: 0,
            raw: RawSolverStatus(solver: "GLPK", routine: "none", returnCode: 0, status: 0, meaning: "empty model, solved without GLPK"),
            incumbentSeed: .notGiven, log: nil)
    }
}

/// The counter behind `GLPKSolver.clockDependentOutcomes` (a lock: `Atomic` needs macOS 15).
private final class ClockOutcomes: @unchecked Sendable {
    static let shared = ClockOutcomes()
    private let lock = NSLock()
    private var value = 0
    var count: Int { lock.withLock { value } }
    func add() { lock.withLock { value += 1 } }
}
