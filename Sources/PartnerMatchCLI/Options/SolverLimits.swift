import ArgumentParser

/// When a solve stops, and whether GLPK's log is shown: shared by `optimize` (the team model) and
/// `solve` (any model file), with one validation, so the flags mean the same in both.
struct SolverLimits: ParsableArguments {
    @Option(name: .customLong("time-limit"), help: "Stop each solve after this many seconds of wall-clock time and report the best solution found.")
    var timeLimit: Double?

    @Option(name: .customLong("gap"), help: "Stop branch-and-bound once the relative MIP gap is at most this fraction (e.g. 0.01); 0 proves optimality.")
    var gap: Double = 0

    @Flag(name: .customLong("solver-log"), help: "Echo GLPK's solver log to standard error while it runs.")
    var solverLog = false

    /// The old spelling of `--solver-log`, still accepted.
    @Flag(name: .customLong("log"), help: .hidden)
    var log = false

    init() {}

    /// Whether GLPK's log is echoed (`--solver-log`, or its old spelling `--log`).
    var showsLog: Bool { solverLog || log }

    func validate() throws {
        if let timeLimit, !(timeLimit.isFinite && timeLimit > 0) {
            throw ValidationError("--time-limit must be a positive number of seconds, found \(timeLimit)")
        }
        guard gap.isFinite, gap >= 0 else { throw ValidationError("--gap must be a fraction of at least 0, found \(gap)") }
    }
}
