import Dispatch
import Foundation
import GLPKSolver
import LinearModel
import PropertyBased
import Testing

/// A small deterministic generator (SplitMix64), so every random model can be rebuilt from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A random small MIP with bounded integer variables (and, when `continuous > 0`, bounded
/// continuous ones), integer coefficients, and solve options that vary with the seed.
struct RandomMIP {
    var model: Model
    var integers: [Variable]
    var continuous: [Variable]
    var options: SolveOptions

    init(seed: UInt64, continuous continuousCount: Int = 0) {
        var random = SplitMix64(seed: seed)
        model = Model(name: "random\(seed)", sense: Bool.random(using: &random) ? .minimize : .maximize)
        integers = []
        var points = 1
        let count = Int.random(in: 3...8, using: &random)
        for j in 0..<count {
            if Bool.random(using: &random) {
                integers.append(model.addVariable("b\(j)", kind: .binary))
                points *= 2
            } else {
                let lower = Double(Int.random(in: -2...1, using: &random))
                let width = Int.random(in: 1...(points > 500 ? 1 : 3), using: &random)
                integers.append(model.addVariable("n\(j)", kind: .integer, bounds: lower...(lower + Double(width))))
                points *= width + 1
            }
        }
        var model = self.model
        var continuous: [Variable] = []
        for k in 0..<continuousCount {
            continuous.append(model.addVariable("y\(k)", bounds: 0...Double(Int.random(in: 1...4, using: &random))))
        }
        self.continuous = continuous
        let all = integers + continuous
        for i in 0..<Int.random(in: 2...5, using: &random) {
            var row = LinearExpression()
            for v in all where Int.random(in: 0..<3, using: &random) > 0 {
                row.add(v, Double(Int.random(in: -5...5, using: &random)))
            }
            let rhs = Double(Int.random(in: -3...8, using: &random))
            switch Int.random(in: 0..<4, using: &random) {
            case 0: model.addConstraint(row >= rhs - 6, name: "r\(i)")
            case 1: model.addConstraint(LinearConstraint(row, in: (rhs - 4)...rhs), name: "r\(i)")
            case 2 where i == 0: model.addConstraint(row == rhs / 2, name: "r\(i)")
            default: model.addConstraint(row <= rhs, name: "r\(i)")
            }
        }
        model.objective = LinearExpression(terms: all.map { Term($0, Double(Int.random(in: -9...9, using: &random))) },
                                           constant: Double(Int.random(in: -3...3, using: &random)))
        self.model = model
        var options = SolveOptions()
        options.presolve = seed % 2 == 0
        options.branching = SolveOptions.BranchingRule.allCases[Int(seed / 2 % 5)]
        options.backtracking = SolveOptions.BacktrackingRule.allCases[Int(seed / 3 % 4)]
        if seed % 7 == 0 { options.cuts = .all }
        if seed % 11 == 0 { options.feasibilityPump = true }
        self.options = options
    }

    /// Every integer point of the box, in order.
    func integerPoints() -> [[Double]] {
        var points: [[Double]] = [[]]
        for v in integers {
            let definition = model.variables[v.index]
            let values = stride(from: definition.lowerBound, through: definition.upperBound, by: 1)
            points = points.flatMap { prefix in values.map { prefix + [$0] } }
        }
        return points
    }

    /// The optimum by enumeration: pure-integer models are checked point by point; with
    /// continuous variables, the LP of each integer point is solved with GLPK on this thread.
    func bruteForceOptimum() throws -> Double? {
        var best: Double? = nil
        func consider(_ value: Double) {
            if let current = best {
                best = model.sense == .minimize ? min(current, value) : max(current, value)
            } else {
                best = value
            }
        }
        for point in integerPoints() {
            if continuous.isEmpty {
                if model.violation(of: point, tolerance: 0) == nil { consider(model.objective.value(at: point)) }
            } else {
                // The LP with every integer variable fixed at this point's value.
                let values = point + continuous.map { _ in 0 }
                var lp = model.relaxed()
                for (j, definition) in model.variables.enumerated() where definition.isInteger {
                    lp.setBounds(Variable(index: j), lowerBound: values[j].rounded(), upperBound: values[j].rounded())
                }
                let solution = try GLPKSolver().solve(lp)
                if solution.termination == .optimal, let value = solution.objectiveValue { consider(value) }
            }
        }
        return best
    }
}

@Suite("Concurrent solves")
struct ConcurrencyTests {
    /// Solves one random MIP and compares it with enumeration; returns a description of any mismatch.
    static func check(seed: UInt64, continuous: Int = 0) -> String? {
        let instance = RandomMIP(seed: seed, continuous: continuous)
        do {
            let expected = try instance.bruteForceOptimum()
            let solution = try GLPKSolver().solve(instance.model, options: instance.options)
            guard let expected else {
                return solution.termination == .infeasible && solution.primalStatus == .noSolution
                    ? nil : "seed \(seed): expected infeasible, got \(solution.termination)"
            }
            guard solution.termination == .optimal, let objective = solution.objectiveValue else {
                return "seed \(seed): expected optimum \(expected), got \(solution.termination) (\(solution.raw))"
            }
            guard isClose(objective, expected) else { return "seed \(seed): objective \(objective), brute force \(expected)" }
            if let problem = instance.model.violation(of: solution.values) { return "seed \(seed): returned point: \(problem)" }
            guard isClose(instance.model.objective.value(at: solution.values), objective) else {
                return "seed \(seed): objective does not match the returned point"
            }
            return nil
        } catch {
            return "seed \(seed): threw \(error)"
        }
    }

    @Test("400 random pure-integer MIPs solved on 4 threads at once all match brute-force enumeration")
    func randomIntegerPrograms() {
        let mismatches = Mismatches()
        let feasible = Counter()
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for k in 0..<100 {
                let seed = UInt64(worker * 100 + k)
                if let problem = Self.check(seed: seed) { mismatches.append(problem) }
                if RandomMIP(seed: seed).integerPoints().contains(where: { RandomMIP(seed: seed).model.violation(of: $0, tolerance: 0) == nil }) {
                    feasible.increment()
                }
            }
        }
        #expect(mismatches.all.isEmpty, "\(mismatches.all.prefix(10))")
        // The generator must produce both answers to be a test of either.
        #expect(feasible.value > 100)
        #expect(feasible.value < 400)
    }

    @Test("40 random mixed-integer programs solved on 4 threads at once match enumeration of their integer part")
    func randomMixedIntegerPrograms() {
        let mismatches = Mismatches()
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for k in 0..<10 {
                let seed = UInt64(10_000 + worker * 10 + k)
                if let problem = Self.check(seed: seed, continuous: 2) { mismatches.append(problem) }
            }
        }
        #expect(mismatches.all.isEmpty, "\(mismatches.all.prefix(10))")
    }

    @Test("Random MIPs solved from a task group with synchronous solves match brute force")
    func taskGroup() async {
        let problems = await withTaskGroup(of: String?.self) { group in
            for seed in UInt64(20_000)..<20_100 {
                group.addTask { Self.check(seed: seed) }
            }
            var found: [String] = []
            for await problem in group { if let problem { found.append(problem) } }
            return found
        }
        #expect(problems.isEmpty, "\(problems.prefix(10))")
    }

    @Test("Any 0-1 knapsack: GLPK's optimum equals the best subset")
    func knapsackProperty() async {
        await propertyCheck(count: 60, input: Gen.int(in: 1...30).array(of: 1...10), Gen.int(in: 0...60)) { weights, capacity in
            var model = Model(name: "knapsack", sense: .maximize)
            let items = weights.indices.map { model.addVariable("item\($0)", kind: .binary) }
            model.addConstraint(zip(weights, items).map { Double($0) * $1 }.sum() <= Double(capacity), name: "capacity")
            // Values derived from the weights, so one generated array describes the instance.
            let values = weights.enumerated().map { Double(($0.element * 7 + $0.offset * 3) % 23 + 1) }
            model.objective = zip(values, items).map { $0 * $1 }.sum()
            var best = 0.0
            for mask in 0..<(1 << weights.count) {
                let chosen = weights.indices.filter { mask & (1 << $0) != 0 }
                if chosen.map({ weights[$0] }).reduce(0, +) <= capacity {
                    best = max(best, chosen.map { values[$0] }.reduce(0, +))
                }
            }
            let solution = try? GLPKSolver().solve(model)
            #expect(solution?.termination == .optimal)
            #expect(isClose(solution?.objectiveValue, best))
        }
    }
}

/// Mismatch descriptions collected from several threads.
final class Mismatches: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func append(_ item: String) { lock.withLock { items.append(item) } }
    var all: [String] { lock.withLock { items } }
}
