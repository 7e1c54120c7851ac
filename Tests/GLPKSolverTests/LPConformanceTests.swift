import GLPKSolver
import LinearModel
import Testing

/// Small LPs whose answers are known by hand, each solved with GLPK's presolver on and off.
@Suite("LP conformance")
struct LPConformanceTests {
    let solver = GLPKSolver()

    static let presolve = [true, false]

    @Test("The Wyndor Glass LP is optimal at (2, 6) with objective 36, duals (0, 1.5, 1) and zero reduced costs", arguments: presolve)
    func wyndorGlass(presolve: Bool) throws {
        var model = Model(name: "wyndor", sense: .maximize)
        let x = model.addVariable("doors")
        let y = model.addVariable("windows")
        let plant1 = model.addConstraint(x <= 4, name: "plant1")
        let plant2 = model.addConstraint(2 * y <= 12, name: "plant2")
        let plant3 = model.addConstraint(3 * x + 2 * y <= 18, name: "plant3")
        model.objective = 3 * x + 5 * y

        let solution = try solver.solve(model, options: .with { $0.presolve = presolve })

        #expect(solution.termination == .optimal)
        #expect(solution.primalStatus == .feasiblePoint)
        #expect(isClose(solution[x], 2) && isClose(solution[y], 6))
        #expect(isClose(solution.objectiveValue, 36))
        #expect(isClose(solution.bestBound, 36))
        #expect(solution.relativeGap == 0)
        #expect(isClose(solution.dual(plant1), 0))
        #expect(isClose(solution.dual(plant2), 1.5))
        #expect(isClose(solution.dual(plant3), 1))
        #expect(solution.reducedCosts?.count == 2)
        #expect(solution.reducedCosts.map { $0.allSatisfy { abs($0) < 1e-9 } } == true)
        #expect(solution.constraintActivities.count == 3)
        #expect(zip(solution.constraintActivities, [2.0, 12, 18]).allSatisfy { isClose($0, $1) })
        #expect(solution.raw.routine == "glp_simplex")
        #expect(solution.raw.returnCode == 0)
        #expect(solution.incumbentSeed == .notGiven)
        #expect(solution.log == nil)
        expectConsistent(solution, for: model)
    }

    @Test("A ranged constraint binds on its lower side when minimising and its upper side when maximising", arguments: presolve)
    func rangedConstraint(presolve: Bool) throws {
        // 3 ≤ x + y ≤ 8, x ∈ [0, 2]: min x + 2y is 4 at (2, 1); max x + 2y is 16 at (0, 8).
        var model = Model(name: "ranged")
        let x = model.addVariable("x", bounds: 0...2)
        let y = model.addVariable("y")
        let range = model.addConstraint(LinearConstraint(x + y, in: 3...8), name: "range")
        model.objective = x + 2 * y
        #expect(model.constraints[0].constraint.sense == .ranged)

        let minimum = try solver.solve(model, options: .with { $0.presolve = presolve })
        #expect(minimum.termination == .optimal)
        #expect(isClose(minimum[x], 2) && isClose(minimum[y], 1))
        #expect(isClose(minimum.objectiveValue, 4))
        #expect(isClose(minimum.dual(range), 2))
        #expect(isClose(minimum.reducedCosts?[x.index], -1))

        model.sense = .maximize
        let maximum = try solver.solve(model, options: .with { $0.presolve = presolve })
        #expect(maximum.termination == .optimal)
        #expect(isClose(maximum[x], 0) && isClose(maximum[y], 8))
        #expect(isClose(maximum.objectiveValue, 16))
        #expect(isClose(maximum.dual(range), 2))
        #expect(isClose(maximum.reducedCosts?[x.index], -1))
    }

    @Test("An equality constraint holds exactly and its dual prices the right-hand side", arguments: presolve)
    func equalityConstraint(presolve: Bool) throws {
        // min 2x + 3y, x + y = 10, x ≤ 7: (7, 3), objective 23, dual 3, reduced cost of x −1.
        var model = Model(name: "equality")
        let x = model.addVariable("x", bounds: 0...7)
        let y = model.addVariable("y")
        let balance = model.addConstraint(x + y == 10, name: "balance")
        model.objective = 2 * x + 3 * y
        #expect(model.constraints[0].constraint.sense == .equal)

        let solution = try solver.solve(model, options: .with { $0.presolve = presolve })
        #expect(solution.termination == .optimal)
        #expect(isClose(solution[x], 7) && isClose(solution[y], 3))
        #expect(isClose(solution.objectiveValue, 23))
        #expect(isClose(solution.dual(balance), 3))
        #expect(isClose(solution.reducedCosts?[x.index], -1))
        #expect(isClose(solution.reducedCosts?[y.index], 0))
    }

    @Test("Free variables take negative values", arguments: presolve)
    func freeVariables(presolve: Bool) throws {
        // min x, x − 2y ≥ −10, x + y ≥ −1, x and y free: (−4, 3), duals (1/3, 2/3).
        var model = Model(name: "free")
        let x = model.addVariable("x", lowerBound: -.infinity, upperBound: .infinity)
        let y = model.addVariable("y", lowerBound: -.infinity, upperBound: .infinity)
        let first = model.addConstraint(x - 2 * y >= -10, name: "first")
        let second = model.addConstraint(x + y >= -1, name: "second")
        model.objective = 1 * x

        let solution = try solver.solve(model, options: .with { $0.presolve = presolve })
        #expect(solution.termination == .optimal)
        #expect(isClose(solution[x], -4) && isClose(solution[y], 3))
        #expect(isClose(solution.objectiveValue, -4))
        #expect(isClose(solution.dual(first), 1.0 / 3))
        #expect(isClose(solution.dual(second), 2.0 / 3))
    }

    @Test("The objective's constant is part of the objective value", arguments: presolve)
    func objectiveConstant(presolve: Bool) throws {
        var model = Model(name: "constant")
        let x = model.addVariable("x", bounds: 2...5)
        model.addConstraint(x + 1 >= 4, name: "atLeastThree")
        model.objective = 4 * x + 10
        let minimum = try solver.solve(model, options: .with { $0.presolve = presolve })
        #expect(minimum.termination == .optimal)
        #expect(isClose(minimum[x], 3))
        #expect(isClose(minimum.objectiveValue, 22))
        #expect(isClose(minimum.bestBound, 22))

        model.sense = .maximize
        let maximum = try solver.solve(model, options: .with { $0.presolve = presolve })
        #expect(isClose(maximum.objectiveValue, 30))
    }

    @Test("A fixed variable and a model without constraints solve to their bounds", arguments: presolve)
    func boundsOnly(presolve: Bool) throws {
        var model = Model(name: "bounds", sense: .maximize)
        let x = model.addVariable("x", bounds: 1.5...1.5)
        let y = model.addVariable("y", bounds: -3...(-1))
        model.objective = x - y
        let solution = try solver.solve(model, options: .with { $0.presolve = presolve })
        #expect(solution.termination == .optimal)
        #expect(isClose(solution[x], 1.5) && isClose(solution[y], -3))
        #expect(isClose(solution.objectiveValue, 4.5))
        #expect(solution.constraintDuals == [])
    }

    @Test("An infeasible LP is reported as infeasible with no point", arguments: presolve)
    func infeasibleLP(presolve: Bool) throws {
        var model = Model(name: "infeasible")
        let x = model.addVariable("x")
        let y = model.addVariable("y")
        model.addConstraint(x + y <= 1, name: "atMostOne")
        model.addConstraint(x + y >= 2, name: "atLeastTwo")
        model.objective = x + y
        let solution = try solver.solve(model, options: .with { $0.presolve = presolve })
        #expect(solution.termination == .infeasible)
        #expect(solution.primalStatus == .noSolution)
        #expect(solution.values.isEmpty)
        #expect(solution.objectiveValue == nil)
        #expect(solution.constraintDuals == nil)
    }

    @Test("An unbounded LP is reported as unbounded", arguments: presolve)
    func unboundedLP(presolve: Bool) throws {
        var model = Model(name: "unbounded", sense: .maximize)
        let x = model.addVariable("x")
        let y = model.addVariable("y")
        model.addConstraint(x - y <= 1, name: "spread")
        model.objective = x + y
        let solution = try solver.solve(model, options: .with { $0.presolve = presolve })
        #expect(solution.termination == .unbounded)
        #expect(solution.bestBound == nil)
        #expect(solution.constraintDuals == nil)
    }

    @Test("A model without variables is solved without GLPK: its constraints are constants")
    func emptyModel() throws {
        var model = Model(name: "empty", sense: .maximize)
        model.objective = LinearExpression(7)
        model.addConstraint(LinearConstraint(LinearExpression(2), upperBound: 3), name: "twoAtMostThree")
        let solution = try solver.solve(model)
        #expect(solution.termination == .optimal)
        #expect(solution.primalStatus == .feasiblePoint)
        #expect(solution.objectiveValue == 7)
        #expect(solution.values.isEmpty)

        model.addConstraint(LinearConstraint(LinearExpression(2), lowerBound: 3), name: "twoAtLeastThree")
        let infeasible = try solver.solve(model)
        #expect(infeasible.termination == .infeasible)
        #expect(infeasible.primalStatus == .noSolution)
        #expect(infeasible.objectiveValue == nil)
    }

    @Test("The iteration limit stops the simplex and is reported as such")
    func iterationLimit() throws {
        let model = try Corpus.read("scrs8")
        let solution = try solver.solve(model, options: .with { $0.iterationLimit = 5; $0.presolve = false })
        #expect(solution.termination == .iterationLimit)
        #expect(solution.raw.meaning.hasPrefix("GLP_EITLIM"))
        #expect(solution.constraintDuals == nil)
    }

    @Test("The solver log is absent when silent and holds GLPK's iteration lines when captured")
    func logCapture() throws {
        var model = Model(name: "log", sense: .maximize)
        let x = model.addVariable("x", bounds: 0...3)
        model.objective = 1 * x
        model.addConstraint(x <= 2, name: "cap")
        #expect(try solver.solve(model).log == nil)
        let captured = try solver.solve(model, options: .with { $0.log = .capture; $0.presolve = false })
        #expect(captured.log?.contains("obj =") == true)
    }
}
