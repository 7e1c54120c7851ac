import Foundation
import GLPKSolver
import LinearModel
import Testing

/// Models written to CPLEX LP and free MPS with readable names, read back by GLPK, solve to the same optimum.
@Suite("Export round trip")
struct ExportRoundTripTests {
    let solver = GLPKSolver()

    static let formats: [(ModelFileFormat, String)] = [(.cplexLP, "lp"), (.freeMPS, "mps")]

    /// A small production-planning MIP with readable names, every constraint shape, a constant and a free variable.
    static func plan() -> Model {
        var model = Model(name: "plan", sense: .maximize)
        let chairs = model.addVariable("chairs", kind: .integer, bounds: 0...40)
        let tables = model.addVariable("tables", kind: .integer, bounds: 0...20)
        let rush = model.addVariable("rush_order", kind: .binary)
        let overtime = model.addVariable("overtime_hours", bounds: 0...10)
        let balance = model.addVariable("stock_balance", lowerBound: -.infinity, upperBound: .infinity)
        model.addConstraint(2 * chairs + 5 * tables <= 80 + overtime, name: "carpentry_hours")
        model.addConstraint(LinearConstraint(chairs + tables, in: 5...30), name: "batch_size")
        model.addConstraint(chairs - 4 * tables >= -10, name: "chairs_per_table")
        model.addConstraint(1 * balance == chairs - 2 * tables, name: "stock_definition")
        model.addConstraint(tables - 20 * rush <= 0, name: "rush_needed")
        model.objective = 30 * chairs + 70 * tables - 15 * rush - 12 * overtime + 0.5 * balance + 100
        return model
    }

    @Test("A MIP written as CPLEX LP and as free MPS reads back to the same optimum, with its names", arguments: formats)
    func modelRoundTrip(format: ModelFileFormat, fileExtension: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let model = Self.plan()
        let original = try solver.solve(model)
        #expect(original.termination == .optimal)

        let path = "\(directory)/plan.\(fileExtension)"
        try solver.writeModel(model, path: path, format: format)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for name in ["chairs", "tables", "rush_order", "overtime_hours", "stock_balance",
                     "carpentry_hours", "batch_size", "chairs_per_table", "stock_definition", "rush_needed"] {
            #expect(text.contains(name), "\(name) missing from the \(fileExtension) file")
        }

        let reread = try solver.readModel(path: path)
        let count = model.variables.count
        #expect(Array(reread.variables.prefix(count).map(\.name)) == model.variables.map(\.name))
        #expect(Array(reread.variables.prefix(count).map(\.kind)) == model.variables.map(\.kind))
        #expect(reread.constraints.map(\.name) == model.constraints.map(\.name))
        #expect(reread.sense == .maximize)
        if format == .cplexLP {
            // GLPK writes a ranged row with an auxiliary column (~r_<row>); the constant rides on a fixed column.
            #expect(reread.variables.dropFirst(count).allSatisfy { $0.name.hasPrefix("~r_") || $0.name == "objective_constant" })
            #expect(text.contains("objective_constant"))
        } else {
            #expect(reread.variables.count == count)
        }
        let solution = try solver.solve(reread)
        #expect(solution.termination == .optimal)
        #expect(isClose(solution.objectiveValue, try #require(original.objectiveValue)))
        expectConsistent(solution, for: reread)
    }

    @Test("An LP with duals written and read back keeps its optimum and its duals", arguments: formats)
    func lpRoundTrip(format: ModelFileFormat, fileExtension: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let model = Self.plan().relaxed()
        let original = try solver.solve(model)
        let path = "\(directory)/relaxed.\(fileExtension)"
        try solver.writeModel(model, path: path)
        let solution = try solver.solve(try solver.readModel(path: path))
        #expect(solution.termination == .optimal)
        #expect(isClose(solution.objectiveValue, try #require(original.objectiveValue)))
        do {
            for (a, b) in zip(try #require(solution.constraintDuals), try #require(original.constraintDuals)) {
                #expect(isClose(a, b))
            }
        }
    }

    @Test("Corpus instances written back out read to the same optimum",
          arguments: ["afiro", "e226", "israel", "flugpl", "egout", "small_mip"], formats)
    func corpusRoundTrip(name: String, format: (ModelFileFormat, String)) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let model = try Corpus.read(name)
        let optimum = try #require(Corpus.instance(name).optimum)
        let path = "\(directory)/\(name).\(format.1)"
        try solver.writeModel(model, path: path, format: format.0)
        let reread = try solver.readModel(path: path, format: format.0)
        // Only ranged rows and the objective constant may add columns in an LP file.
        #expect(reread.variables.count == model.variables.count || format.0 == .cplexLP)
        #expect(reread.constraints.count == model.constraints.count)
        let solution = try solver.solve(reread)
        #expect(solution.termination == .optimal)
        #expect(isClose(solution.objectiveValue, optimum), "\(String(describing: solution.objectiveValue)) vs \(optimum)")
    }

    @Test("Writing to a directory that does not exist is a write error and leaves nothing behind")
    func writeFailure() throws {
        let error = #expect(throws: SolverError.self) {
            try solver.writeModel(Self.plan(), path: "/nonexistent-directory/plan.lp")
        }
        guard case .writeFailed(let path, _) = error else {
            Issue.record("expected writeFailed, got \(String(describing: error))")
            return
        }
        #expect(path == "/nonexistent-directory/plan.lp")
    }
}
