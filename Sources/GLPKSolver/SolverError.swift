import LinearModel

/// Why a solve, read or write could not run. Outcomes such as "infeasible" or "time limit" are
/// not errors: they come back in a `Solution`.
public enum SolverError: Error, Sendable, CustomStringConvertible {
    /// The model was rejected before GLPK saw it.
    case invalidModel(ModelError)
    /// GLPK raised a fatal error; the process survived and this thread's GLPK state was reset.
    case glpkFatal(String)
    /// A GLPK problem was used from a thread other than the one that created it.
    case wrongThread
    /// A GLPK problem was used after an earlier fatal error on its thread freed it.
    case environmentReset
    /// A model file could not be read.
    case readFailed(path: String, message: String)
    /// A model file could not be written.
    case writeFailed(path: String, message: String)
    /// The solver returned a code that means the model was unusable (kept for diagnosis).
    case solverRejected(RawSolverStatus)

    public var description: String {
        switch self {
        case .invalidModel(let error): "invalid model: \(error)"
        case .glpkFatal(let message): "GLPK fatal error: \(message)"
        case .wrongThread: "a GLPK problem must be used on the thread that created it"
        case .environmentReset: "this GLPK problem was freed by an earlier fatal error on its thread"
        case let .readFailed(path, message): "\(path): cannot read the model: \(message)"
        case let .writeFailed(path, message): "\(path): cannot write the model: \(message)"
        case .solverRejected(let raw): "the solver rejected the model: \(raw)"
        }
    }
}
