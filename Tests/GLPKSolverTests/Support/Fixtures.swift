import Foundation
import TestSupport
import GLPKSolver
import LinearModel
import Testing

/// The MPS corpus copied into `Fixtures/mps` and its expectations (`OPTIMA.tsv`).
enum Corpus {
    /// The directory holding the `.mps` files.
    static let directory: String = {
        guard let path = Bundle.module.path(forResource: "Fixtures", ofType: nil) else {
            fatalError("the GLPKSolverTests bundle has no Fixtures directory")
        }
        return path + "/mps"
    }()

    static func path(_ name: String) -> String { "\(directory)/\(name).mps" }

    /// One row of OPTIMA.tsv.
    struct Instance: Sendable, CustomTestStringConvertible {
        var name: String
        var isMIP: Bool
        var expectedStatus: String
        /// GLPK's convention (the objective row's RHS added as a constant); nil when not a number.
        var optimum: Double?

        var testDescription: String { name }
    }

    static let instances: [Instance] = {
        let text = try! String(contentsOfFile: "\(directory)/OPTIMA.tsv", encoding: .utf8)
        return text.split(separator: "\n").compactMap { line -> Instance? in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 8 else { return nil }
            return Instance(name: fields[0], isMIP: fields[1] == "MIP", expectedStatus: fields[6], optimum: Double(fields[7]))
        }
    }()

    static func instance(_ name: String) -> Instance {
        guard let found = instances.first(where: { $0.name == name }) else { fatalError("\(name) is not in OPTIMA.tsv") }
        return found
    }

    static func read(_ name: String) throws -> Model {
        try GLPKSolver().readModel(path: path(name))
    }
}

/// `|value − reference| ≤ 1e-6 · max(1, |reference|)`: the corpus's tolerance.
func isClose(_ value: Double?, _ reference: Double, relative: Double = 1e-6) -> Bool {
    guard let value else { return false }
    return abs(value - reference) <= relative * max(1, abs(reference))
}

/// A directory for the files one test writes, inside `TestFiles.directory` (removed when the tests end).
func temporaryDirectory() throws -> String {
    let path = TestFiles.directory.appendingPathComponent(UUID().uuidString).path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

extension SolveOptions {
    /// Options built in place: `SolveOptions.with { $0.presolve = false }`.
    static func with(_ change: (inout SolveOptions) -> Void) -> SolveOptions {
        var options = SolveOptions()
        change(&options)
        return options
    }
}

/// The checks every solution with a point must pass: the values are feasible for the model and
/// the reported objective is the objective at the values.
func expectConsistent(_ solution: Solution, for model: Model, sourceLocation: SourceLocation = #_sourceLocation) {
    guard solution.primalStatus == .feasiblePoint else { return }
    #expect(model.violation(of: solution.values, tolerance: 1e-5) == nil, sourceLocation: sourceLocation)
    let objective = model.objective.value(at: solution.values)
    #expect(isClose(solution.objectiveValue, objective, relative: 1e-7), "objective \(String(describing: solution.objectiveValue)) vs \(objective) at the values", sourceLocation: sourceLocation)
}

func fileExists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
