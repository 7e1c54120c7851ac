import GLPKSolver
import LinearModel

/// A scaling study of the team optimiser (`partner-match bench`): for each pool size and seed, a
/// synthetic pool is generated and scored, the exact dominance pruning of docs/MODEL.md shrinks the
/// candidates, and the MILP is solved; where it is still tractable, the unpruned MILP is solved too,
/// so both optima can be compared. Phases are timed with `ContinuousClock` (wall clock).
public struct ScalingStudy: Sendable {
    public struct Configuration: Sendable {
        /// Pool sizes (vendors), measured in this order.
        public var sizes: [Int]
        /// Seeds per size: `firstSeed`, `firstSeed + 1`, …
        public var seeds: Int = 1
        public var firstSeed: UInt64 = 1
        /// Distinct skills in the generated pools.
        public var skillCount: Int = PoolGenerator.defaultSkillCount
        public var scenario: Scenario
        /// Also solve the unpruned MILP when it has at most `unprunedCandidateLimit` candidates.
        public var unpruned: Bool = true
        public var unprunedCandidateLimit: Int = 10_000
        /// Wall-clock limit for each unpruned solve, seconds (a run that hits it says `time_limit`).
        public var unprunedTimeLimit: Double? = 60
        /// Wall-clock limit for each pruned solve, seconds (`nil`: prove optimality).
        public var timeLimit: Double?
        /// When set, each pruned and unpruned MILP is written there as free MPS (not timed).
        public var exportDirectory: String?

        public init(sizes: [Int], scenario: Scenario = ScalingStudy.defaultScenario) {
            self.sizes = sizes
            self.scenario = scenario
        }
    }

    /// One solve of the team MILP.
    public struct Run: Sendable {
        /// Candidates in the MILP.
        public var candidates: Int
        public var rows: Int
        public var columns: Int
        /// Dominance pruning, seconds (0 when off).
        public var pruneSeconds: Double
        /// Building the MILP and solving it (greedy start, GLPK, reading the team), seconds.
        public var solveSeconds: Double
        public var status: TeamStatus
        public var objective: Double?
        public var gap: Double?
        /// The MPS file written, when exporting.
        public var modelFile: String?
    }

    /// Everything measured for one pool.
    public struct Measurement: Sendable {
        public var size: Int
        public var seed: UInt64
        /// Eligible candidates (before pruning).
        public var eligible: Int
        /// Vendors dominated by at least this many others were removed (`nil`: no bound on the team size).
        public var threshold: Int?
        /// Generating the pool in memory, seconds.
        public var generateSeconds: Double
        /// Scoring the pool and building the team problem, seconds.
        public var scoreSeconds: Double
        public var pruned: Run
        /// The unpruned solve, or `nil` when skipped (`unprunedSkipReason` says why).
        public var unpruned: Run?
        public var unprunedSkipReason: String?
        /// The unpruned MILP's MPS file, when exporting (written even when its solve is skipped).
        public var unprunedModelFile: String?

        /// Generate, score, prune and solve: the pruned pipeline end to end.
        public var totalSeconds: Double { generateSeconds + scoreSeconds + pruned.pruneSeconds + pruned.solveSeconds }

        /// Whether both solves proved optimality with the same objective (relative 1e-6); `nil`
        /// when the unpruned solve was skipped or did not prove optimality.
        public var optimaAgree: Bool? {
            guard let unpruned, unpruned.status == .optimal, pruned.status == .optimal else { return nil }
            guard let a = pruned.objective, let b = unpruned.objective else { return nil }
            return abs(a - b) <= 1e-6 * max(1, abs(b))
        }
    }

    /// What the study is doing, for progress reports.
    public struct Progress: Sendable {
        /// Steps finished and in all (four per pool: generate, score, pruned solve, unpruned solve).
        public var done: Int
        public var total: Int
        public var size: Int
        public var seed: UInt64
        /// `generate`, `score`, `prune+solve`, `unpruned solve`.
        public var phase: String
    }

    public let configuration: Configuration

    public init(_ configuration: Configuration) { self.configuration = configuration }

    /// Measures every size and seed, in order.
    public func run(progress: ((Progress) -> Void)? = nil) throws(TeamOptimizationError) -> [Measurement] {
        var results: [Measurement] = []
        let pools = configuration.sizes.count * max(configuration.seeds, 0)
        var step = 0
        for size in configuration.sizes {
            for k in 0..<max(configuration.seeds, 0) {
                let seed = configuration.firstSeed &+ UInt64(k)
                let stepBase = step
                results.append(try measure(size: size, seed: seed) { phase, done in
                    progress?(Progress(done: stepBase + done, total: pools * 4, size: size, seed: seed, phase: phase))
                })
                step += 4
            }
        }
        return results
    }

    /// Measures one pool of `size` vendors generated from `seed`.
    public func measure(size: Int, seed: UInt64,
                        progress: (String, Int) -> Void = { _, _ in }) throws(TeamOptimizationError) -> Measurement {
        let clock = ContinuousClock()
        progress("generate", 0)
        var start = clock.now
        let pool = PoolGenerator(seed: seed, skillCount: configuration.skillCount).makePool(vendors: size)
        let generateSeconds = Self.seconds(clock.now - start)

        progress("score", 1)
        start = clock.now
        let scored = ScoredPool(pool: pool, scenario: configuration.scenario)
        let problem = TeamProblem(scored: scored)
        let scoreSeconds = Self.seconds(clock.now - start)

        progress("prune+solve", 2)
        var pruning = TeamOptimizer.Options()
        pruning.explainInfeasibility = false
        pruning.timeLimit = configuration.timeLimit
        var plain = pruning
        plain.pruning = false
        start = clock.now
        let (working, report) = TeamOptimizer(options: pruning).pruned(problem)
        let pruneSeconds = Self.seconds(clock.now - start)
        let name = "team-\(size)-s\(seed)"
        var pruned = try solve(working, options: plain)
        pruned.pruneSeconds = pruneSeconds
        if let directory = configuration.exportDirectory {
            pruned.modelFile = try export(working, options: plain, to: "\(directory)/\(name)-pruned.mps")
        }

        progress("unpruned solve", 3)
        var unpruned: Run? = nil
        var skipReason: String? = nil
        if !configuration.unpruned {
            skipReason = "not requested"
        } else if problem.candidates.count > configuration.unprunedCandidateLimit {
            skipReason = "\(problem.candidates.count) candidates > limit \(configuration.unprunedCandidateLimit)"
        } else {
            var full = plain
            full.timeLimit = configuration.unprunedTimeLimit
            unpruned = try solve(problem, options: full)
        }
        var unprunedFile: String? = nil
        if let directory = configuration.exportDirectory {
            unprunedFile = try export(problem, options: plain, to: "\(directory)/\(name)-unpruned.mps")
            unpruned?.modelFile = unprunedFile
        }
        progress("done", 4)
        return Measurement(
            size: size, seed: seed, eligible: problem.candidates.count, threshold: report.threshold,
            generateSeconds: generateSeconds, scoreSeconds: scoreSeconds,
            pruned: pruned, unpruned: unpruned, unprunedSkipReason: skipReason, unprunedModelFile: unprunedFile)
    }

    /// Builds and solves `problem` as given (no pruning inside), timed.
    private func solve(_ problem: TeamProblem, options: TeamOptimizer.Options) throws(TeamOptimizationError) -> Run {
        let clock = ContinuousClock()
        let start = clock.now
        let solution = try TeamOptimizer(options: options).solve(problem)
        let seconds = Self.seconds(clock.now - start)
        return Run(candidates: problem.candidates.count, rows: solution.rows, columns: solution.columns,
                   pruneSeconds: 0, solveSeconds: seconds, status: solution.status,
                   objective: solution.objective, gap: solution.gap, modelFile: nil)
    }

    private func export(_ problem: TeamProblem, options: TeamOptimizer.Options, to path: String) throws(TeamOptimizationError) -> String {
        try TeamOptimizer(options: options).exportModel(for: problem, to: path)
        return path
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// The study's scenario: docs/MODEL.md's example (backend 4, ios 2, qa 1; at most 4 vendors, 60% share,
    /// growth 1.5, two backend backups, 3 h team overlap, half-FTE steps) without the ISO 27001
    /// requirement, so that most of a generated pool is eligible.
    public static let defaultScenarioText = """
    name = "Scaling study"
    currency = "USD"

    [client]
    timezone = "Europe/Berlin"
    work_start = "09:00"
    work_end = "17:30"

    [demand]
    backend = 4
    ios = 2
    qa = 1

    [horizon]
    months = 12
    hours_per_month = 160

    [budget]
    total = 1_250_000

    [rules]
    min_overlap_hours = 2.0
    min_quality = 60
    max_rate = 120
    min_vendors = 1
    max_vendors = 4
    max_share = 0.6
    growth = 1.5
    backups = { backend = 2 }
    team_overlap_hours = 3.0
    min_engagement_fte = 0.5
    fte_step = 0.5

    """

    /// `defaultScenarioText`, parsed.
    public static var defaultScenario: Scenario {
        // The text is a constant checked by the tests; a failure here is a programming error.
        do { return try ScenarioReader.parse(defaultScenarioText, file: "scaling-study.toml") } catch {
            preconditionFailure("the scaling-study scenario does not parse: \(error)")
        }
    }
}
