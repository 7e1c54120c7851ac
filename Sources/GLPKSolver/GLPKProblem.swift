import CGLPKShim
import Glibc
import LinearModel

/// A GLPK problem object, confined to the thread that created it.
///
/// GLPK keeps its environment per OS thread: a problem created on one thread and touched on
/// another corrupts both. Every operation here checks the calling thread and throws
/// `SolverError.wrongThread` instead; and after a fatal error (which frees every GLPK object
/// of the thread) every handle of that thread throws `SolverError.environmentReset`.
/// The type is deliberately not `Sendable`, and the public API never lets one escape a
/// synchronous call, so in practice the checks are a second line of defence.
final class GLPKProblem {
    private var pointer: OpaquePointer?
    private let owner: pthread_t
    private let generation: UInt

    init() throws(SolverError) {
        owner = pthread_self()
        var created: OpaquePointer?
        guard pm_create(&created) == PM_OK, let created else { throw GLPKProblem.fatalError() }
        pointer = created
        generation = pm_env_generation()
    }

    deinit {
        // Only the owning thread may free it, and only while its environment still exists;
        // otherwise GLPK already freed it (environment reset) or it must be left to the owner.
        if let pointer, pthread_equal(owner, pthread_self()) != 0, pm_env_generation() == generation {
            pm_delete(pointer)
        }
    }

    /// Runs a guarded shim call on the problem; a fatal error invalidates the handle and throws.
    func call(_ body: (OpaquePointer) -> Int32) throws(SolverError) {
        guard pthread_equal(owner, pthread_self()) != 0 else { throw .wrongThread }
        guard let pointer, pm_env_generation() == generation else { throw .environmentReset }
        if body(pointer) != PM_OK {
            self.pointer = nil
            throw GLPKProblem.fatalError()
        }
    }

    /// The message GLPK printed before its fatal error: the last lines of the captured log.
    static func fatalError() -> SolverError {
        .glpkFatal(lastLines(of: String(cString: pm_log_text())))
    }

    static func lastLines(of log: String, count: Int = 2) -> String {
        let lines = log.split(separator: "\n", omittingEmptySubsequences: true)
        return lines.suffix(count).joined(separator: "; ")
    }
}
