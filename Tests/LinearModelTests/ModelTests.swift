import LinearModel
import Testing

@Suite("Models")
struct ModelTests {
    /// max 3x + 2y, x + y ≤ 4 ("capacity"), x − y ≥ −2 ("balance"), x integer in 0...3, y in 0...10.
    static func sample() -> (Model, Variable, Variable) {
        var model = Model(name: "sample", sense: .maximize)
        let x = model.addVariable("x", kind: .integer, bounds: 0...3)
        let y = model.addVariable("y", bounds: 0...10)
        model.addConstraint(x + y <= 4, name: "capacity")
        model.addConstraint(x - y >= -2, name: "balance")
        model.objective = 3 * x + 2 * y
        return (model, x, y)
    }

    @Test("Variables and constraints get default names, binaries get 0…1 bounds, lookups by name work")
    func building() {
        var model = Model()
        let a = model.addVariable()
        let b = model.addVariable("flag", kind: .binary, lowerBound: 5, upperBound: 9)
        let c = model.addConstraint(a + b <= 1)
        #expect(model.variables[a.index].name == "x1")
        #expect(model.variables[b.index].lowerBound == 0 && model.variables[b.index].upperBound == 1)
        #expect(model.constraints[c.index].name == "c1")
        #expect(model.variable(named: "flag") == b)
        #expect(model.constraint(named: "c1") == c)
        #expect(model.variable(named: "missing") == nil)
        #expect(model.isMixedInteger)
        #expect(!model.relaxed().isMixedInteger)
    }

    @Test("violation(of:) accepts a feasible point and names the first bound, integrality or constraint broken",
          arguments: [
              ([1.0, 3.0], nil),
              ([1.0, 3.0000001], nil),
              ([1.0, 3.1], "constraint 'capacity'"),
              ([0.0, 2.5], "constraint 'balance'"),
              ([1.5, 1.0], "integer variable 'x'"),
              ([4.0, 0.0], "variable 'x' = 4.0 is outside"),
              ([1.0, -1.0], "variable 'y' = -1.0 is outside"),
              ([1.0], "expected 2 values"),
              ([Double.nan, 0], "variable 'x' is nan"),
          ] as [([Double], String?)])
    func violation(point: [Double], expected: String?) {
        let (model, _, _) = Self.sample()
        let found = model.violation(of: point)
        if let expected {
            #expect(found?.contains(expected) == true, "\(String(describing: found))")
        } else {
            #expect(found == nil)
        }
    }

    @Test("relaxed() makes integer variables continuous and keeps their bounds")
    func relaxed() {
        let (model, x, _) = Self.sample()
        let relaxed = model.relaxed()
        #expect(relaxed.variables[x.index].kind == .continuous)
        #expect(relaxed.variables[x.index].upperBound == 3)
        #expect(model.variables[x.index].kind == .integer)
    }

    @Test("validate() accepts a good model and rejects each kind of bad one, naming the culprit")
    func validation() throws {
        let (good, x, _) = Self.sample()
        try good.validate()

        func message(_ change: (inout Model) -> Void) -> String? {
            var model = good
            change(&model)
            do {
                try model.validate()
                return nil
            } catch {
                return error.description
            }
        }
        #expect(message { $0.setBounds(x, lowerBound: 3, upperBound: 1) }?.contains("variable 'x': lower bound 3.0 is above upper bound 1.0") == true)
        #expect(message { $0.setBounds(x, lowerBound: .infinity, upperBound: .infinity) }?.contains("variable 'x'") == true)
        #expect(message { $0.setBounds(x, lowerBound: 0.1, upperBound: 0.9) }?.contains("integer variable 'x': no integer") == true)
        #expect(message { $0.objective = .nan * x }?.contains("objective: coefficient of 'x' must be finite") == true)
        #expect(message { $0.addConstraint(-Double.infinity * x <= 1, name: "wild") }?.contains("constraint 'wild': coefficient of 'x'") == true)
        #expect(message { $0.setBounds(ConstraintReference(index: 0), lowerBound: 5, upperBound: 4) }?.contains("constraint 'capacity'") == true)
        #expect(message { $0.addConstraint(Variable(index: 9) <= 1, name: "stray") }?.contains("constraint 'stray': unknown variable #9") == true)
        #expect(message { $0.addVariable(String(repeating: "n", count: 256)) }?.contains("longer than 255 bytes") == true)
        #expect(message { $0.addConstraint(x <= 1, name: "new\nline") }?.contains("control character") == true)
    }
}
