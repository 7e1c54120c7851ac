import GLPKSolver
import LinearModel
import Testing

/// Invalid models are rejected before GLPK sees them, naming the variable or constraint at fault,
/// by `solve` and by `writeModel` alike.
@Suite("Bad input")
struct BadInputTests {
    let solver = GLPKSolver()

    /// A valid model to break: max x + y, x + y ≤ 4 ("capacity"), x integer.
    static func base() -> (Model, Variable, Variable) {
        var model = Model(name: "base", sense: .maximize)
        let x = model.addVariable("x", kind: .integer, bounds: 0...10)
        let y = model.addVariable("y", bounds: 0...10)
        model.objective = x + y
        return (model, x, y)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var model: Model
        /// Text the error message must contain.
        var expected: [String]
    }

    static let cases: [Case] = {
        var cases: [Case] = []
        func add(_ description: String, _ expected: [String], _ change: (inout Model, Variable, Variable) -> Void) {
            var (model, x, y) = base()
            change(&model, x, y)
            cases.append(Case(testDescription: description, model: model, expected: expected))
        }
        add("a NaN coefficient in a constraint", ["constraint 'capacity'", "'y'", "nan"]) { m, x, y in
            m.addConstraint(x + .nan * y <= 4, name: "capacity")
        }
        add("an infinite coefficient in the objective", ["objective", "'x'", "inf"]) { m, x, y in
            m.objective = Double.infinity * x + y
        }
        add("a NaN constant in the objective", ["objective", "constant", "nan"]) { m, x, y in
            m.objective = x + y + Double.nan
        }
        add("a lower bound above the upper bound", ["variable 'z'", "lower bound 5.0", "upper bound 2.0"]) { m, _, _ in
            m.addVariable("z", lowerBound: 5, upperBound: 2)
        }
        add("a NaN variable bound", ["variable 'w'", "nan"]) { m, _, _ in
            m.addVariable("w", lowerBound: .nan, upperBound: 1)
        }
        add("an integer variable with no integer in its bounds", ["integer variable 'k'", "no integer"]) { m, _, _ in
            m.addVariable("k", kind: .integer, bounds: 0.2...0.8)
        }
        add("a constraint whose bounds are crossed", ["constraint 'crossed'", "lower bound 3.0", "upper bound 1.0"]) { m, x, _ in
            m.addConstraint(LinearConstraint(x, lowerBound: 3, upperBound: 1), name: "crossed")
        }
        add("a constraint with an infinite constant", ["constraint 'overflow'"]) { m, x, _ in
            m.addConstraint(x + Double.infinity <= 4, name: "overflow")
        }
        add("a variable from another model", ["constraint 'borrowed'", "unknown variable #7", "another model"]) { m, x, _ in
            var other = Model(name: "other")
            var stranger = other.addVariable("stranger")
            for _ in 0..<7 { stranger = other.addVariable() }
            m.addConstraint(x + stranger <= 4, name: "borrowed")
        }
        add("an over-long variable name", ["variable name", "longer than 255 bytes", String(repeating: "v", count: 40)]) { m, _, _ in
            m.addVariable(String(repeating: "v", count: 300))
        }
        add("an over-long constraint name", ["constraint name", "longer than 255 bytes"]) { m, x, _ in
            m.addConstraint(x <= 1, name: String(repeating: "c", count: 256))
        }
        add("a control character in a name", ["variable name", "control character"]) { m, _, _ in
            m.addVariable("tab\there")
        }
        return cases
    }()

    @Test("An invalid model is rejected by solve before GLPK, with a message naming what is wrong", arguments: cases)
    func rejectedBySolve(_ bad: Case) throws {
        let error = #expect(throws: SolverError.self) { _ = try solver.solve(bad.model) }
        guard case .invalidModel(let modelError) = error else {
            Issue.record("expected invalidModel, got \(String(describing: error))")
            return
        }
        let message = String(describing: error!)
        #expect(message.hasPrefix("invalid model: "))
        for part in bad.expected {
            #expect(message.contains(part), "\(message) does not contain \(part)")
        }
        // validate() finds the same problem (compared as text: a NaN payload is never equal to itself).
        do {
            try bad.model.validate()
            Issue.record("validate() accepted the model")
        } catch {
            #expect(String(describing: error) == String(describing: modelError))
        }
    }

    @Test("An invalid model is rejected by writeModel before anything is written", arguments: cases)
    func rejectedByWrite(_ bad: Case) throws {
        let directory = try temporaryDirectory()
        let path = "\(directory)/bad.lp"
        let error = #expect(throws: SolverError.self) { try solver.writeModel(bad.model, path: path) }
        guard case .invalidModel = error else {
            Issue.record("expected invalidModel, got \(String(describing: error))")
            return
        }
        #expect(!fileExists(path))
    }

    @Test("A name of exactly 255 bytes is accepted")
    func longestName() throws {
        var (model, x, _) = Self.base()
        model.addConstraint(x <= 3, name: String(repeating: "n", count: 255))
        #expect(try solver.solve(model).termination == .optimal)
    }
}
