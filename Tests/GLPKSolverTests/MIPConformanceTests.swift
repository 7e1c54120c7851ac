import GLPKSolver
import LinearModel
import Testing

/// Small MIPs with hand-known answers, and the MIP stopping rules (gap, time limit) on corpus instances.
@Suite("MIP conformance")
struct MIPConformanceTests {
    let solver = GLPKSolver()

    /// max 10a + 13b + 7c + 8d, 4a + 6b + 3c + 5d ≤ 10, binary: 23 at a = b = 1 (the LP relaxation, 23.5, is fractional).
    static func knapsack() -> (Model, [Variable]) {
        var model = Model(name: "knapsack", sense: .maximize)
        let items = ["a", "b", "c", "d"].map { model.addVariable($0, kind: .binary) }
        let value = [10.0, 13, 7, 8], weight = [4.0, 6, 3, 5]
        model.addConstraint(zip(weight, items).map { $0 * $1 }.sum() <= 10, name: "capacity")
        model.objective = zip(value, items).map { $0 * $1 }.sum()
        return (model, items)
    }

    @Test("A binary knapsack is optimal at 23 with presolve on and off", arguments: [true, false])
    func binaryKnapsack(presolve: Bool) throws {
        let (model, items) = Self.knapsack()
        let solution = try solver.solve(model, options: .with { $0.presolve = presolve })
        #expect(solution.termination == .optimal)
        #expect(solution.primalStatus == .feasiblePoint)
        #expect(isClose(solution.objectiveValue, 23))
        #expect(isClose(solution.bestBound, 23))
        #expect(solution.relativeGap == 0)
        #expect(items.map { solution[$0].rounded() } == [1, 1, 0, 0])
        #expect(solution.raw.routine == "glp_intopt")
        #expect(solution.constraintDuals == nil)
        expectConsistent(solution, for: model)
    }

    @Test("General integers, fractional bounds and a constant: max x + y + 5, 2x + 2y ≤ 7, x ≤ 2.5 gives 8", arguments: [true, false])
    func generalIntegers(presolve: Bool) throws {
        var model = Model(name: "integers", sense: .maximize)
        let x = model.addVariable("x", kind: .integer, bounds: 0...2.5)
        let y = model.addVariable("y", kind: .integer, bounds: -1...10)
        model.addConstraint(2 * x + 2 * y <= 7, name: "cap")
        model.objective = x + y + 5
        let solution = try solver.solve(model, options: .with { $0.presolve = presolve })
        #expect(solution.termination == .optimal)
        #expect(isClose(solution.objectiveValue, 8))
        expectConsistent(solution, for: model)
    }

    @Test("A MIP whose relaxation is feasible but has no integer point is infeasible", arguments: [true, false])
    func integerInfeasible(presolve: Bool) throws {
        var model = Model(name: "odd")
        let x = model.addVariable("x", kind: .integer, bounds: 0...10)
        let y = model.addVariable("y", kind: .integer, bounds: 0...10)
        model.addConstraint(2 * x + 2 * y == 7, name: "odd")
        model.objective = x + y
        let solution = try solver.solve(model, options: .with { $0.presolve = presolve })
        #expect(solution.termination == .infeasible)
        #expect(solution.primalStatus == .noSolution)
        #expect(solution.values.isEmpty)
    }

    @Test("A MIP with an infeasible relaxation is infeasible", arguments: [true, false])
    func relaxationInfeasible(presolve: Bool) throws {
        var model = Model(name: "infeasible")
        let x = model.addVariable("x", kind: .integer, bounds: 0...3)
        model.addConstraint(x >= 5, name: "tooHigh")
        model.objective = 1 * x
        let solution = try solver.solve(model, options: .with { $0.presolve = presolve })
        #expect(solution.termination == .infeasible)
        #expect(solution.primalStatus == .noSolution)
    }

    @Test("A MIP with an unbounded relaxation is reported as unbounded or infeasible-or-unbounded", arguments: [true, false])
    func unboundedRelaxation(presolve: Bool) throws {
        var model = Model(name: "unbounded", sense: .maximize)
        let x = model.addVariable("x", kind: .integer)
        let y = model.addVariable("y")
        model.addConstraint(x - y <= 1, name: "spread")
        model.objective = x + y
        let solution = try solver.solve(model, options: .with { $0.presolve = presolve })
        #expect([TerminationReason.infeasibleOrUnbounded, .unbounded].contains(solution.termination))
        #expect(solution.primalStatus == .noSolution)
    }

    @Test("A relative gap of 1% on dcmulti stops at the gap with a bound below the objective and a gap within the tolerance")
    func gapLimitMinimising() throws {
        let model = try Corpus.read("dcmulti")
        let optimum = try #require(Corpus.instance("dcmulti").optimum)
        let solution = try solver.solve(model, options: .with { $0.relativeGap = 0.01 })
        #expect(solution.termination == .gapLimit)
        #expect(solution.primalStatus == .feasiblePoint)
        #expect(solution.raw.meaning.hasPrefix("GLP_EMIPGAP"))
        let objective = try #require(solution.objectiveValue)
        let bound = try #require(solution.bestBound)
        let gap = try #require(solution.relativeGap)
        #expect(bound <= optimum + 1e-6 * optimum)
        #expect(optimum <= objective + 1e-6 * optimum)
        #expect(bound <= objective)
        #expect(gap <= 0.01)
        #expect(abs(gap - abs(objective - bound) / (abs(objective) + .ulpOfOne)) < 1e-12)
        expectConsistent(solution, for: model)
    }

    @Test("A relative gap on a maximisation puts the bound above the objective")
    func gapLimitMaximising() throws {
        var model = try Corpus.read("dcmulti")
        let optimum = -(try #require(Corpus.instance("dcmulti").optimum))
        model.sense = .maximize
        model.objective = -1 * model.objective
        let solution = try solver.solve(model, options: .with { $0.relativeGap = 0.01 })
        #expect(solution.termination == .gapLimit)
        let objective = try #require(solution.objectiveValue)
        let bound = try #require(solution.bestBound)
        #expect(bound >= objective)
        #expect(objective <= optimum + 1e-6 * abs(optimum))
        #expect(bound >= optimum - 1e-6 * abs(optimum))
        #expect(try #require(solution.relativeGap) <= 0.01)
        expectConsistent(solution, for: model)
    }

    @Test("gt2 with GLPK's default rules and a 1 s limit stops at the time limit holding an incumbent")
    func timeLimitWithIncumbent() throws {
        let model = try Corpus.read("gt2")
        let optimum = try #require(Corpus.instance("gt2").optimum)
        let solution = try solver.solve(model, options: .with { $0.timeLimit = 1 })
        #expect(solution.termination == .timeLimit)
        #expect(solution.primalStatus == .feasiblePoint)
        #expect(solution.raw.meaning == "GLP_ETMLIM / GLP_FEAS")
        let objective = try #require(solution.objectiveValue)
        let bound = try #require(solution.bestBound)
        #expect(objective >= optimum - 1e-6 * optimum)
        #expect(bound <= optimum + 1e-6 * optimum)
        #expect(bound <= objective)
        #expect(abs(try #require(solution.relativeGap) - (objective - bound) / (abs(objective) + .ulpOfOne)) < 1e-12)
        expectConsistent(solution, for: model)
    }

    @Test("Every cut family and branching rule proves the knapsack optimum", arguments: SolveOptions.BranchingRule.allCases)
    func branchingRules(rule: SolveOptions.BranchingRule) throws {
        let (model, _) = Self.knapsack()
        for backtracking in SolveOptions.BacktrackingRule.allCases {
            let solution = try solver.solve(model, options: .with {
                $0.branching = rule
                $0.backtracking = backtracking
                $0.cuts = .all
                $0.feasibilityPump = true
                $0.proximitySearch = true
                $0.proximitySearchTimeLimit = 1
            })
            #expect(solution.termination == .optimal, "\(rule) / \(backtracking)")
            #expect(isClose(solution.objectiveValue, 23), "\(rule) / \(backtracking)")
        }
    }
}
