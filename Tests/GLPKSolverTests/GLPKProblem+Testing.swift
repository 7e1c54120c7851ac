import CGLPKShim
@testable import GLPKSolver

// Test support, kept out of the production target: these reach GLPK only through the guarded
// `call` of the handle (the shim's pm_provoke_fatal and pm_dimensions).

extension GLPKProblem {
    /// The ways `provokeFatalError(_:)` can make GLPK fail (the `kind` of the shim's `pm_provoke_fatal`).
    enum ProvokedFatalError: Int32, CaseIterable, Sendable {
        /// `glp_set_row_bnds` on a row number past the last row.
        case rowIndexOutOfRange = 0
        /// `glp_set_col_bnds` with a bound type GLPK does not know.
        case invalidBoundType = 1
        /// `glp_load_matrix` given the same (row, column) entry twice.
        case duplicateMatrixEntry = 2
    }

    /// Test support: makes GLPK raise a fatal error on this problem, through the guarded shim.
    /// Always throws: `.glpkFatal` with GLPK's message (and this thread's GLPK environment reset),
    /// or `.wrongThread` / `.environmentReset` when the handle may not be used.
    func provokeFatalError(_ kind: ProvokedFatalError) throws(SolverError) {
        try call { pm_provoke_fatal($0, kind.rawValue) }
    }

    /// Test support: a harmless guarded call (reads the dimensions), to show a handle is usable.
    func dimensions() throws(SolverError) -> (rows: Int, columns: Int, nonzeros: Int) {
        var rows: Int32 = 0, columns: Int32 = 0, nonzeros: Int32 = 0
        try call { pm_dimensions($0, &rows, &columns, &nonzeros) }
        return (Int(rows), Int(columns), Int(nonzeros))
    }
}
