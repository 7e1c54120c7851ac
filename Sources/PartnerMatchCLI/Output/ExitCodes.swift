import ArgumentParser

/// The documented exit codes of `partner-match` (also listed in its `--help` and the README).
extension ExitCode {
    /// A scenario with no feasible team (the explanation is printed).
    static let infeasible = ExitCode(2)
    /// The time limit ended the solve before any team was found.
    static let timeLimitNoSolution = ExitCode(3)
    /// `replay`: the replayed result differs from the bundle's saved one.
    static let replayDiffers = ExitCode(4)
    /// Bad input data: the vendor CSV or the scenario file has errors (EX_DATAERR).
    static let dataError = ExitCode(65)
    /// An input file does not exist or cannot be read (EX_NOINPUT).
    static let noInput = ExitCode(66)
    /// An output file cannot be written (EX_CANTCREAT).
    static let cannotCreate = ExitCode(73)
    /// Standard output cannot be written: a full disk, a closed pipe (EX_IOERR).
    static let outputFailed = ExitCode(74)
}
