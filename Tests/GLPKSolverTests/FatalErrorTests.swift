import Dispatch
import Foundation
@testable import GLPKSolver
import LinearModel
import Testing

/// GLPK's fatal errors (which abort the process when unguarded) come back as thrown errors, and
/// GLPK's thread confinement is enforced by the handle.
@Suite("GLPK fatal errors and thread confinement")
struct FatalErrorTests {
    /// The GLPK routine named in the message of each provoked error.
    static func routine(of kind: GLPKProblem.ProvokedFatalError) -> String {
        switch kind {
        case .rowIndexOutOfRange: "glp_set_row_bnds"
        case .invalidBoundType: "glp_set_col_bnds"
        case .duplicateMatrixEntry: "glp_load_mat"
        }
    }

    /// Solves the knapsack (optimum 23) and reports whether the answer is right.
    static func knapsackIsRight() -> Bool {
        guard let solution = try? GLPKSolver().solve(MIPConformanceTests.knapsack().0) else { return false }
        return solution.termination == .optimal && isClose(solution.objectiveValue, 23)
    }

    @Test("A provoked fatal error is thrown with GLPK's message, older handles of the thread report the reset, and later solves are right",
          arguments: GLPKProblem.ProvokedFatalError.allCases)
    func fatalErrorIsSurvived(kind: GLPKProblem.ProvokedFatalError) throws {
        // Everything on one thread, synchronously: a fatal error frees this thread's GLPK environment.
        let older = try GLPKProblem()
        let (model, _) = MIPConformanceTests.knapsack()
        try older.load(model)
        #expect(try older.dimensions().columns == 4)

        let victim = try GLPKProblem()
        let error = #expect(throws: SolverError.self) { try victim.provokeFatalError(kind) }
        guard case .glpkFatal(let message) = error else {
            Issue.record("expected glpkFatal, got \(String(describing: error))")
            return
        }
        #expect(message.contains(Self.routine(of: kind)), "GLPK's message: \(message)")
        #expect(String(describing: error!).hasPrefix("GLPK fatal error: "))

        // The handle created before the error: freed with the environment, so it throws instead of crashing.
        let stale = #expect(throws: SolverError.self) { _ = try older.dimensions() }
        guard case .environmentReset = stale else {
            Issue.record("expected environmentReset, got \(String(describing: stale))")
            return
        }
        // The failed handle itself, too.
        let again = #expect(throws: SolverError.self) { _ = try victim.dimensions() }
        guard case .environmentReset = again else {
            Issue.record("expected environmentReset, got \(String(describing: again))")
            return
        }

        // A new handle on the same thread works, and so does a full solve.
        let fresh = try GLPKProblem()
        try fresh.load(model)
        #expect(try fresh.dimensions() == (rows: 1, columns: 4, nonzeros: 4))
        #expect(Self.knapsackIsRight())
    }

    @Test("Fatal errors on one thread leave solves on other threads right")
    func fatalErrorsAreConfinedToTheirThread() {
        let failures = Counter(), fatals = Counter()
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for round in 0..<25 {
                if worker == 0 {
                    let kind = GLPKProblem.ProvokedFatalError.allCases[round % 3]
                    do throws(SolverError) {
                        let problem = try GLPKProblem()
                        try problem.provokeFatalError(kind)
                    } catch .glpkFatal {
                        fatals.increment()
                    } catch {
                        failures.increment()
                    }
                }
                if !Self.knapsackIsRight() { failures.increment() }
            }
        }
        #expect(fatals.value == 25)
        #expect(failures.value == 0)
    }

    @Test("A handle used from another thread throws wrongThread and still works on its own thread")
    func wrongThread() throws {
        let box = ProblemBox(try GLPKProblem())
        try box.problem.load(MIPConformanceTests.knapsack().0)
        let result = onNewThread { () -> SolverError? in
            do throws(SolverError) {
                _ = try box.problem.dimensions()
                return nil
            } catch {
                return error
            }
        }
        guard case .wrongThread = result else {
            Issue.record("expected wrongThread, got \(String(describing: result))")
            return
        }
        #expect(try box.problem.dimensions().columns == 4)
    }

    @Test("A handle released on another thread is left alone instead of being freed there")
    func releasedOnAnotherThread() throws {
        let box = ProblemBox(try GLPKProblem())
        try box.problem.load(MIPConformanceTests.knapsack().0)
        let transfer = BoxTransfer(box)
        onNewThread { transfer.box = nil }  // the last reference dies on the other thread
        #expect(transfer.box == nil)
        #expect(Self.knapsackIsRight())
    }
}

/// Carries a thread-confined handle to another thread on purpose, to show the handle refuses it.
final class ProblemBox: @unchecked Sendable {
    let problem: GLPKProblem
    init(_ problem: GLPKProblem) { self.problem = problem }
}

final class BoxTransfer: @unchecked Sendable {
    var box: ProblemBox?
    init(_ box: ProblemBox) { self.box = box }
}

/// A thread-safe counter.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

/// Runs `body` on a new OS thread and waits for its result.
@discardableResult
func onNewThread<T>(_ body: @escaping @Sendable () -> T) -> T {
    let result = ResultBox<T>(), done = DispatchSemaphore(value: 0)
    let thread = Thread {
        result.value = body()
        done.signal()
    }
    thread.start()
    done.wait()
    return result.value!
}

final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
