import GLPKSolver
import LinearModel
import Testing

/// `SolveOptions.initialSolution`: checked by partner-match, handed to GLPK only when feasible,
/// and never able to change the answer.
@Suite("Starting incumbent")
struct IncumbentSeedTests {
    let solver = GLPKSolver()

    /// The knapsack of `MIPConformanceTests` (optimum 23 at a = b = 1; its LP relaxation is
    /// fractional, so GLPK asks for a heuristic solution at the root).
    static let knapsack = MIPConformanceTests.knapsack().0

    @Test("A feasible seed that is the optimum is accepted and stays the answer", arguments: [true, false])
    func optimalSeed(presolve: Bool) throws {
        let solution = try solver.solve(Self.knapsack, options: .with {
            $0.presolve = presolve
            $0.initialSolution = [1, 1, 0, 0]
        })
        #expect(solution.incumbentSeed == .accepted)
        #expect(solution.termination == .optimal)
        #expect(isClose(solution.objectiveValue, 23))
        #expect(solution.values.map { $0.rounded() } == [1, 1, 0, 0])
    }

    @Test("A feasible seed worse than the optimum is accepted and the true optimum is still found", arguments: [true, false])
    func suboptimalSeed(presolve: Bool) throws {
        // c + d: value 15, weight 8.
        let solution = try solver.solve(Self.knapsack, options: .with {
            $0.presolve = presolve
            $0.initialSolution = [0, 0, 1, 1]
        })
        #expect(solution.incumbentSeed == .accepted)
        #expect(solution.termination == .optimal)
        #expect(isClose(solution.objectiveValue, 23))
        expectConsistent(solution, for: Self.knapsack)
    }

    @Test("An infeasible seed is rejected with the constraint it breaks, and the optimum is still found", arguments: [true, false])
    func infeasibleSeed(presolve: Bool) throws {
        // Every item: value 38 (better than the optimum, so GLPK itself would have taken it), weight 18.
        let solution = try solver.solve(Self.knapsack, options: .with {
            $0.presolve = presolve
            $0.initialSolution = [1, 1, 1, 1]
        })
        guard case .rejected(let reason) = solution.incumbentSeed else {
            Issue.record("expected the seed to be rejected, got \(solution.incumbentSeed)")
            return
        }
        #expect(reason.contains("not feasible"))
        #expect(reason.contains("capacity"))
        #expect(solution.termination == .optimal)
        #expect(isClose(solution.objectiveValue, 23))
        expectConsistent(solution, for: Self.knapsack)
    }

    @Test("A seed of the wrong length or with a fractional integer is rejected with its reason",
          arguments: [([1.0, 1, 0], "expected 4 values"), ([0.5, 0, 0, 0], "fractional")])
    func malformedSeed(seed: [Double], reasonPart: String) throws {
        let solution = try solver.solve(Self.knapsack, options: .with { $0.initialSolution = seed })
        guard case .rejected(let reason) = solution.incumbentSeed else {
            Issue.record("expected the seed to be rejected, got \(solution.incumbentSeed)")
            return
        }
        #expect(reason.contains(reasonPart))
        #expect(isClose(solution.objectiveValue, 23))
    }

    @Test("A seed on a MIP whose relaxation is integral is reported as unused, with the right answer")
    func seedNeverAskedFor() throws {
        var model = Model(name: "integral", sense: .maximize)
        let x = model.addVariable("x", kind: .integer, bounds: 0...4)
        model.addConstraint(x <= 3, name: "cap")
        model.objective = 1 * x
        let solution = try solver.solve(model, options: .with { $0.initialSolution = [2] })
        guard case .rejected(let reason) = solution.incumbentSeed else {
            Issue.record("expected the seed to be reported unused, got \(solution.incumbentSeed)")
            return
        }
        #expect(!reason.isEmpty)
        #expect(isClose(solution.objectiveValue, 3))
    }

    @Test("A seed on an LP is reported as rejected: LPs have no incumbent")
    func seedOnLP() throws {
        let model = Self.knapsack.relaxed()
        let solution = try solver.solve(model, options: .with { $0.initialSolution = [1, 1, 0, 0] })
        guard case .rejected(let reason) = solution.incumbentSeed else {
            Issue.record("expected the seed to be rejected, got \(solution.incumbentSeed)")
            return
        }
        #expect(reason.contains("LP"))
        #expect(isClose(solution.objectiveValue, 23.5))
    }

    @Test("Seeding flugpl with a feasible point found earlier is accepted and still reaches the optimum")
    func seedOnCorpusInstance() throws {
        let model = try Corpus.read("flugpl")
        let first = try solver.solve(model, options: .with { $0.relativeGap = 0.05 })
        #expect(first.primalStatus == .feasiblePoint)
        let seeded = try solver.solve(model, options: .with { $0.initialSolution = first.values })
        #expect(seeded.incumbentSeed == .accepted)
        #expect(seeded.termination == .optimal)
        #expect(isClose(seeded.objectiveValue, try #require(Corpus.instance("flugpl").optimum)))
    }
}
