import GLPKSolver
import LinearModel
import Testing

/// Regression tests, each named after what broke in the solver layer.
@Suite("Regressions")
struct RegressionTests {
    let solver = GLPKSolver()

    @Test("An infinite, huge or NaN time limit means no limit instead of crashing the process",
          arguments: [Double.infinity, 1e300, 3e9, .nan])
    func timeLimitOutsideGLPKsIntRange(limit: Double) throws {
        // Converting such a limit to GLPK's milliseconds used to trap (Int64(inf) / out of range).
        let (model, _) = MIPConformanceTests.knapsack()
        let solution = try solver.solve(model, options: .with {
            $0.timeLimit = limit
            $0.proximitySearch = true
            $0.proximitySearchTimeLimit = limit
        })
        #expect(solution.termination == .optimal)
        #expect(isClose(solution.objectiveValue, 23))
        let lp = try solver.solve(model.relaxed(), options: .with { $0.timeLimit = limit })
        #expect(lp.termination == .optimal)
    }

    @Test("An integer variable with fractional bounds is solved instead of being rejected with GLP_EBOUND", arguments: [true, false])
    func fractionalIntegerBounds(presolve: Bool) throws {
        // glp_intopt refuses integer columns with non-integer bounds; they are now rounded inwards when loaded.
        var model = Model(name: "fractional", sense: .maximize)
        let x = model.addVariable("x", kind: .integer, bounds: -0.5...2.5)
        let y = model.addVariable("y", kind: .integer, bounds: 0.3...7.9)
        model.addConstraint(x + y <= 20, name: "loose")
        model.objective = x + y
        let solution = try solver.solve(model, options: .with { $0.presolve = presolve })
        #expect(solution.termination == .optimal)
        #expect(solution[x] == 2 && solution[y] == 7)
        model.sense = .minimize
        let minimum = try solver.solve(model, options: .with { $0.presolve = presolve })
        #expect(minimum[x] == 0 && minimum[y] == 1)
    }

    @Test("A starting solution given for an LP is reported as rejected, not as never given")
    func seedOnLPWasReportedNotGiven() throws {
        let model = MIPConformanceTests.knapsack().0.relaxed()
        let solution = try solver.solve(model, options: .with { $0.initialSolution = [0, 0, 0, 0] })
        #expect(solution.incumbentSeed != .notGiven)
        #expect(try solver.solve(model).incumbentSeed == .notGiven)
    }
}
