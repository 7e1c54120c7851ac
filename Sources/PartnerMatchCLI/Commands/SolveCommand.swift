import ArgumentParser
import Foundation
import GLPKSolver
import LinearModel
import PartnerMatch
import PartnerMatchReports

/// `partner-match solve MODEL`: solves a model file with GLPK and reports the outcome, so the
/// solver can be benchmarked on standard instances.
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve a free-MPS or CPLEX-LP model file with GLPK and report the outcome.",
        discussion: """
        Prints why the solver stopped, whether a feasible point exists, the objective, the best bound, \
        the relative gap, the solve time and GLPK's raw codes. Exit codes: 0 optimal or a feasible point; \
        1 unbounded, undecided or a solver failure; 2 infeasible; 3 time limit without a feasible point; \
        64 --export-model names neither a .lp nor a .mps file; 66 the model file cannot be read; 73 the --export-model file cannot be written or is the model file itself.
        """
    )

    @Argument(help: "The model file: .mps (free MPS) or .lp (CPLEX LP).")
    var model: String

    @OptionGroup
    var solver: SolverOptionGroup

    @Option(help: "Also write the model as read to this file (.lp: CPLEX LP, .mps: free MPS), with its names.")
    var exportModel: String?

    /// The old name of `--export-model` (one flag name for writing a model file, as in `optimize`).
    @Option(name: .customLong("write"), help: .hidden)
    var oldWrite: String?

    /// The model file to write, and the option it was given with (error messages name what was typed).
    private var write: String? { exportModel ?? oldWrite }
    private var writeOption: String { exportModel != nil ? "--export-model" : "--write" }

    @Option(help: ReportFormat.help)
    var format: ReportFormat = .table

    @Flag(help: "Also print every nonzero variable value.")
    var values = false

    func validate() throws {
        if exportModel != nil, oldWrite != nil {
            throw ValidationError("--write is the old name of --export-model: give one of them")
        }
        if let write, ModelFileFormat(pathExtension: write) == nil {
            throw ValidationError("\(writeOption) must name a .lp or .mps file, found '\(write)'")
        }
    }

    func run() throws {
        try SafeOutput.refuseInputOverwrite(write, option: writeOption, inputs: [model])
        let glpk = GLPKSolver()
        let model: Model
        do {
            model = try glpk.readModel(path: self.model)
        } catch {
            writeStandardError("error: \(error)\n")
            throw ExitCode.noInput
        }
        if let write {
            do {
                let bytes = try glpk.modelFile(model, format: ModelFileFormat(pathExtension: write)!)
                try AtomicFileWriter.write(bytes, to: write)
            } catch {
                writeStandardError("error: \(error)\n")
                throw ExitCode.cannotCreate
            }
        }
        let solution: Solution
        do {
            solution = try glpk.solve(model, options: solver.solveOptions())
        } catch {
            if case .invalidModel(let problem) = error, let reason = Self.emptyDomain(problem) {
                // Bounds that leave no value (0 ≤ x ≤ −1) make the model infeasible, not invalid.
                writeStandardError("error: \(self.model): infeasible: \(reason)\n")
                throw ExitCode.infeasible
            }
            writeStandardError("error: \(error)\n")
            throw ExitCode.failure
        }
        try writeStandardOutput(format == .json ? json(model, solution) : text(model, solution))
        let code = Self.exitCode(for: solution)
        if code != .success { throw code }
    }

    /// Why no point can satisfy the bounds, when `problem` is a pair of finite (or one-sided) bounds
    /// with lower above upper, or integer bounds with no integer between: `nil` for a malformed model.
    static func emptyDomain(_ problem: ModelError) -> String? {
        switch problem {
        case let .invalidBound(variable, lower, upper) where !lower.isNaN && !upper.isNaN && lower > upper:
            "variable '\(variable)' has lower bound \(lower) above upper bound \(upper)"
        case let .invalidConstraintBounds(constraint, lower, upper) where !lower.isNaN && !upper.isNaN && lower > upper:
            "constraint '\(constraint)' has lower bound \(lower) above upper bound \(upper)"
        case let .integerBoundsEmpty(variable, lower, upper):
            "no integer lies in the bounds [\(lower), \(upper)] of integer variable '\(variable)'"
        default: nil
        }
    }

    /// 0 with a feasible point (optimal, gap or time limit with an incumbent), 2 infeasible,
    /// 3 time limit without a point, 1 otherwise (unbounded, undecided, numerical trouble).
    static func exitCode(for solution: Solution) -> ExitCode {
        switch (solution.termination, solution.primalStatus) {
        case (.infeasible, _): .infeasible
        case (.unbounded, _), (.infeasibleOrUnbounded, _): .failure
        case (_, .feasiblePoint): .success
        case (.timeLimit, _): .timeLimitNoSolution
        default: .failure
        }
    }

    static func number(_ value: Double?) -> String { value.map { "\($0)" } ?? "-" }

    /// Variables with a value other than zero, in model order.
    static func nonzero(_ model: Model, _ solution: Solution) -> [(String, Double)] {
        zip(model.variables, solution.values).compactMap { abs($1) > 1e-9 ? ($0.name, $1) : nil }
    }

    func text(_ model: Model, _ solution: Solution) -> String {
        let integers = model.variables.filter(\.isInteger).count
        var out = """
        model:        \(model.name) (\(model.constraints.count) rows, \(model.variables.count) columns, \(integers) integer)
        termination:  \(solution.termination.rawValue)
        primal:       \(solution.primalStatus.rawValue)
        objective:    \(Self.number(solution.objectiveValue))
        bound:        \(Self.number(solution.bestBound))
        gap:          \(Self.number(solution.relativeGap))
        time:         \(fixed(solution.solveSeconds, 3)) s
        glpk:         \(solution.raw.routine): \(solution.raw.meaning) (return \(solution.raw.returnCode), status \(solution.raw.status))

        """
        if values {
            out += "values:\n"
            for (name, value) in Self.nonzero(model, solution) { out += "  \(name)  \(value)\n" }
        }
        return out
    }

    func json(_ model: Model, _ solution: Solution) -> String {
        func optional(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }
        var document: [String: JSONValue] = [
            "model": .string(model.name),
            "rows": .integer(model.constraints.count),
            "columns": .integer(model.variables.count),
            "integer_columns": .integer(model.variables.filter(\.isInteger).count),
            "termination": .string(solution.termination.rawValue),
            "primal_status": .string(solution.primalStatus.rawValue),
            "objective": optional(solution.objectiveValue),
            "bound": optional(solution.bestBound),
            "gap": optional(solution.relativeGap),
            "seconds": .number(solution.solveSeconds),
            "raw": .object([
                "routine": .string(solution.raw.routine),
                "return_code": .integer(Int(solution.raw.returnCode)),
                "status": .integer(Int(solution.raw.status)),
                "meaning": .string(solution.raw.meaning),
            ]),
        ]
        if values {
            document["values"] = .object(Dictionary(Self.nonzero(model, solution).map { ($0.0, JSONValue.number($0.1)) },
                                                    uniquingKeysWith: { first, _ in first }))
        }
        return JSONValue.object(document).rendered()
    }
}
