import Foundation
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

    @Test("A binary fixed at 1 or 0 keeps its bounds in GLPK instead of being reset to 0…1")
    func fixedBinaryStaysFixed() throws {
        // GLP_BV resets a column's bounds to 0..1; the loader set no bounds after it, so a selection
        // fixed for re-solving was silently free again.
        var model = Model(name: "fixed", sense: .maximize)
        let a = model.addVariable("a", kind: .binary)
        let b = model.addVariable("b", kind: .binary)
        model.addConstraint(a + b <= 1, name: "one")
        model.objective = 2 * a + b
        model.setBounds(b, lowerBound: 1, upperBound: 1)
        let solution = try solver.solve(model)
        #expect(solution[a] == 0 && solution[b] == 1)
        #expect(isClose(solution.objectiveValue, 1))
    }

    @Test("Without the presolver, branch-and-bound on a badly scaled model reaches the optimum", arguments: SolveOptions.BranchingRule.allCases)
    func unscaledModelWithoutPresolve(branching: SolveOptions.BranchingRule) throws {
        // A subset allocation of the team brute force (seed 309): costs of 1e5 beside FTE of 0.5.
        // Loaded without scaling, GLPK with the presolver off reported 4.165 or 4.17 as optimal
        // (glpsol, which scales, found 4.175); the loader now scales every model as glpsol does.
        let path = Corpus.directory.replacingOccurrences(of: "/mps", with: "/lp") + "/unscaled-suboptimal.lp"
        let model = try solver.readModel(path: path)
        let solution = try solver.solve(model, options: .with { $0.presolve = false; $0.branching = branching })
        #expect(isClose(solution.objectiveValue, 4.175))
        // The better point, written out: x1_2 = 1, x2_0 = 2, x6_2 = 2, x7_0 = 1, x7_1 = 6.
        var point = [Double](repeating: 0, count: model.variables.count)
        for (name, value) in [("x1_2", 1.0), ("x2_0", 2), ("x6_2", 2), ("x7_0", 1), ("x7_1", 6)] {
            point[try #require(model.variable(named: name)).index] = value
        }
        #expect(model.violation(of: point) == nil)
    }

    @Test("A model with extreme coefficients is solved unscaled instead of raising GLPK's fatal scale-factor error")
    func extremeCoefficientsAreNotScaled() throws {
        // fte_step = 1e-300 once gave rows with coefficients of 1e-300: glp_scale_prob then failed in
        // glp_set_sjj ("invalid scale factor"), a fatal error. Such models are loaded without scaling.
        // (GLPK's own LP presolver scales the problem it builds, and fails the same way on such a
        // model: with the presolver the error is trapped and thrown, never a crash.)
        var model = Model(name: "extreme", sense: .maximize)
        let x = model.addVariable("x", kind: .continuous, bounds: 0...1e300)
        let y = model.addVariable("y", kind: .continuous, bounds: 0...10)
        model.addConstraint(1e-300 * x + y <= 4, name: "mixed")
        model.objective = 1 * y
        let solution = try solver.solve(model, options: .with { $0.presolve = false })
        #expect(solution.termination == .optimal)
        #expect(isClose(solution.objectiveValue, 4))
        #expect(throws: SolverError.self) { try solver.solve(model) }
    }
}
