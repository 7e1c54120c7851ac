import GLPKSolver
import LinearModel
import Testing

/// The 25 instances of `Fixtures/mps`, read with `readModel` and solved against `OPTIMA.tsv`
/// (GLPK's objective-constant convention, tolerance 1e-6 · max(1, |optimum|)).
@Suite("MPS corpus")
struct MPSCorpusTests {
    let solver = GLPKSolver()

    static let optimalLPs = Corpus.instances.filter { !$0.isMIP && $0.expectedStatus == "optimal" && $0.optimum != nil }
    /// Every optimal MIP but sp150x300d (the time-limit test) and gt2 (its own test, so it runs once).
    static let optimalMIPs = Corpus.instances.filter { $0.isMIP && $0.name != "sp150x300d" && $0.name != "gt2" }

    /// Settings that prove each MIP quickly; GLPK's defaults elsewhere. p0548 takes ~33 s with
    /// the defaults and well under a second with cuts and pseudocost branching.
    static func options(for name: String) -> SolveOptions {
        .with {
            if name == "p0548" {
                $0.cuts = .all
                $0.branching = .hybridPseudocost
            }
        }
    }

    @Test("The corpus lists 25 instances, every one of them a file in the fixtures")
    func corpusIsComplete() throws {
        #expect(Corpus.instances.count == 25)
        #expect(Self.optimalLPs.count == 11)
        #expect(Self.optimalMIPs.count == 8)
        for instance in Corpus.instances where instance.name != "sctest" {
            #expect(throws: Never.self) { _ = try Corpus.read(instance.name) }
        }
    }

    @Test("Every optimal LP of the corpus reaches its reference optimum with presolve on and off", arguments: optimalLPs)
    func optimalLP(instance: Corpus.Instance) throws {
        let model = try Corpus.read(instance.name)
        let optimum = try #require(instance.optimum)
        for presolve in [true, false] {
            let solution = try solver.solve(model, options: .with { $0.presolve = presolve })
            #expect(solution.termination == .optimal, "presolve \(presolve)")
            #expect(solution.primalStatus == .feasiblePoint, "presolve \(presolve)")
            #expect(isClose(solution.objectiveValue, optimum), "presolve \(presolve): \(String(describing: solution.objectiveValue)) vs \(optimum)")
            #expect(solution.constraintDuals?.count == model.constraints.count)
            #expect(solution.reducedCosts?.count == model.variables.count)
            expectConsistent(solution, for: model)
        }
    }

    @Test("Every MIP of the corpus reaches its reference optimum", arguments: optimalMIPs)
    func optimalMIP(instance: Corpus.Instance) throws {
        let model = try Corpus.read(instance.name)
        let optimum = try #require(instance.optimum)
        #expect(model.isMixedInteger)
        let solution = try solver.solve(model, options: Self.options(for: instance.name))
        #expect(solution.termination == .optimal)
        #expect(solution.primalStatus == .feasiblePoint)
        #expect(isClose(solution.objectiveValue, optimum), "\(String(describing: solution.objectiveValue)) vs \(optimum)")
        #expect(isClose(solution.bestBound, optimum))
        expectConsistent(solution, for: model)
    }

    @Test("gt2 is proven optimal with hybrid pseudocost branching and every cut family")
    func gt2WithPseudocostAndCuts() throws {
        let model = try Corpus.read("gt2")
        let optimum = try #require(Corpus.instance("gt2").optimum)
        let solution = try solver.solve(model, options: .with {
            $0.branching = .hybridPseudocost
            $0.cuts = .all
        })
        #expect(solution.termination == .optimal)
        #expect(isClose(solution.objectiveValue, optimum))
        #expect(isClose(solution.bestBound, optimum))
        expectConsistent(solution, for: model)
    }

    @Test("galenet and woodinfe are infeasible with presolve on and off", arguments: ["galenet", "woodinfe"])
    func infeasibleLP(name: String) throws {
        #expect(Corpus.instance(name).expectedStatus == "infeasible")
        let model = try Corpus.read(name)
        for presolve in [true, false] {
            let solution = try solver.solve(model, options: .with { $0.presolve = presolve })
            #expect(solution.termination == .infeasible, "presolve \(presolve)")
            #expect(solution.primalStatus == .noSolution, "presolve \(presolve)")
        }
    }

    @Test("gas11 is unbounded with presolve on and off")
    func unboundedLP() throws {
        #expect(Corpus.instance("gas11").expectedStatus == "unbounded")
        let model = try Corpus.read("gas11")
        for presolve in [true, false] {
            let solution = try solver.solve(model, options: .with { $0.presolve = presolve })
            #expect(solution.termination == .unbounded, "presolve \(presolve): \(solution.raw)")
        }
    }

    @Test("sctest.mps is a clean read error naming the file and line 15")
    func sctestReadError() throws {
        let path = Corpus.path("sctest")
        #expect(Corpus.instance("sctest").optimum == nil)
        let error = #expect(throws: SolverError.self) { _ = try solver.readModel(path: path) }
        guard case let .readFailed(failedPath, message) = error else {
            Issue.record("expected readFailed, got \(String(describing: error))")
            return
        }
        #expect(failedPath == path)
        #expect(message.contains("sctest.mps:15:"))
        #expect(message.contains("missing row type"))
        #expect(String(describing: error!).contains("sctest.mps:15:"))
    }

    @Test("sp150x300d under a 2 s limit stops at the time limit without a feasible point")
    func timeLimitWithoutIncumbent() throws {
        let model = try Corpus.read("sp150x300d")
        let solution = try solver.solve(model, options: .with { $0.timeLimit = 2 })
        #expect(solution.termination == .timeLimit)
        #expect(solution.primalStatus == .noSolution)
        #expect(solution.objectiveValue == nil)
        #expect(solution.values.isEmpty)
        #expect(solution.raw.returnCode != 0)
        #expect(solution.raw.meaning.hasPrefix("GLP_ETMLIM"))
        // The search proved a bound even without a point: the optimum (69) is not below it.
        let bound = try #require(solution.bestBound)
        #expect(bound <= 69 + 1e-6)
    }

    @Test("A missing file and an unknown extension are read errors naming the path")
    func missingFile() throws {
        let error = #expect(throws: SolverError.self) { _ = try solver.readModel(path: "/nonexistent/model.mps") }
        #expect(error.map { String(describing: $0) }?.contains("/nonexistent/model.mps") == true)
        let unknown = #expect(throws: SolverError.self) { _ = try solver.readModel(path: "/tmp/model.txt") }
        #expect(unknown.map { String(describing: $0) }?.contains("unknown model format") == true)
    }
}
