import ArgumentParser
import Foundation
import PartnerMatch

/// `partner-match optimize VENDORS.csv --scenario FILE`: the optimal team from the MILP of docs/MODEL.md.
struct OptimizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Choose the optimal team: which vendors, and how many FTE of which skill from each.",
        discussion: """
        Solves the team model of docs/MODEL.md with GLPK, to proven optimality unless --gap or \
        --time-limit say otherwise. An infeasible scenario is explained: the smallest changes of \
        its rules that would make it feasible, each verified by a solve. JSON output has the keys \
        of docs/MODEL.md ("Machine-readable outputs"). Exit codes: 0 a team was found (optimal, within \
        the gap, or the best at the time limit); 2 infeasible; 3 time limit before any team; \
        65 bad input data; 66 an input file cannot be read; 73 the model file or the run bundle \
        cannot be written, or an output would overwrite an input.
        """
    )

    @Argument(help: "The vendor CSV file.")
    var vendors: String

    @OptionGroup var vendorFile: VendorFileOptions

    @Option(help: "The scenario file (TOML, or JSON with a .json extension).")
    var scenario: String

    @Option(help: "Stop each solve after this many seconds and report the best team found.")
    var timeLimit: Double?

    @Option(help: "Stop when the relative MIP gap is at most this (e.g. 0.01); 0 proves optimality.")
    var gap: Double = 0

    @Option(help: "Also find the K best teams with distinct vendor sets (K includes the optimum; at most 50).")
    var alternatives: Int = 1

    @Flag(help: "For each team member, the best team without it and what the change costs.")
    var exitAnalysis = false

    @Option(help: "Write the MILP to this file (.lp: CPLEX LP, .mps: free MPS) before solving.")
    var exportModel: String?

    @Option(help: OutputFormat.help)
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("With --format xlsx, the workbook file to write (one sheet per part, numbers as numbers).", valueName: "file.xlsx"))
    var out: String?

    @Option(help: "Save a reproducible run bundle in this new directory (docs/RUN-BUNDLES.md); check it with `partner-match replay DIR`.")
    var saveRun: String?

    @Option(help: "Offer GLPK a greedy starting team: auto (only with --time-limit, where an early team matters), always or never.")
    var warmStart: TeamOptimizer.WarmStart = .auto

    // `.unconditional`: `--robustness -1` is read as the value -1 and refused with the range by
    // validate(), rather than ArgumentParser's "Missing value" for an option that looks like a flag.
    @Option(parsing: .unconditional, help: "Also solve the team under N samples of the scenario's [uncertainty] (docs/ROBUSTNESS.md): each vendor's selection share, the distinct teams, and how often the nominal team stays within what_if.materiality of the optimum (at most 100,000).")
    var robustness: Int?

    @Flag(help: "Do not remove dominated vendors before solving (exact either way; slower on large pools).")
    var noPruning = false

    @Flag(help: "Echo GLPK's solver log to standard error while it runs.")
    var solverLog = false

    /// `solve`'s old spelling of `--solver-log`, accepted here too.
    @Flag(name: .customLong("log"), help: .hidden)
    var log = false

    @Flag(help: "Print phase durations to standard error.")
    var timings = false

    @Flag(help: "Also show the solver's view: the model's size and how the value of more budget was computed.")
    var verbose = false

    func validate() throws {
        if let t = timeLimit, !(t > 0) { throw ValidationError("--time-limit must be > 0 seconds, found \(t)") }
        guard gap >= 0, gap.isFinite else { throw ValidationError("--gap must be ≥ 0, found \(gap)") }
        guard (1...Self.maxAlternatives).contains(alternatives) else {
            throw ValidationError("--alternatives must be between 1 and \(Self.maxAlternatives), found \(alternatives) (docs/LIMITS.md)")
        }
        if let n = robustness, !(1...100_000).contains(n) {
            throw ValidationError("--robustness must be between 1 and 100,000 samples, found \(n)")
        }
        if let path = exportModel, !(path.lowercased().hasSuffix(".lp") || path.lowercased().hasSuffix(".mps")) {
            throw ValidationError("--export-model must name a .lp or .mps file, found '\(path)'")
        }
        try WorkbookOutput.validate(format: format, out: out)
    }

    /// The most teams `--alternatives` asks for (docs/LIMITS.md): each is one more MILP solve with
    /// one more no-good cut, so the time grows faster than the count.
    static let maxAlternatives = 50

    func run() throws {
        let timer = PhaseTimer(enabled: timings)
        try SafeOutput.refuseInputOverwrite(exportModel, option: "--export-model", inputs: [vendors, scenario])
        try SafeOutput.refuseInputOverwrite(out, option: "--out", inputs: [vendors, scenario])
        let inputs = try InputLoading.load(vendors: vendors, scenario: scenario, vendorFile: vendorFile, timer: timer)
        let (report, best) = try solve(inputs, timer: timer)
        if let n = robustness, best.status.hasTeam {
            let analysis: TeamRobustness
            do {
                analysis = try TeamRobustness(report.scored, samples: n, optimizer: TeamOptimizer(options: optimizerOptions))
            } catch {
                writeStandardError("error: \(error)\n")
                throw ExitCode.failure
            }
            timer.lap("robustness (\(n) samples)")
            let names = Dictionary(analysis.selectionShare.map { ($0.id, report.scored.pool.names[$0.poolIndex]) }, uniquingKeysWith: { a, _ in a })
            let extra = TeamRobustnessReport(robustness: analysis, names: names)
            let terminal = Terminal.current
            switch format {
            case .json, .xlsx:
                guard case .object(var root) = report.json() else { break }
                root["robustness"] = extra.json()
                if let out, format == .xlsx {
                    try WorkbookOutput.write(json: JSONValue.object(root).rendered(), to: out)
                } else {
                    try writeStandardOutput(JSONValue.object(root).rendered())
                }
            case .csv: try writeStandardOutput(extra.csv())
            case .table, .markdown:
                let markdown = format == .markdown
                try writeStandardOutput(report.render(format, terminal: terminal)
                    + HumanText.document(extra.text(terminal, markdown: markdown), terminal: terminal, markdown: markdown))
            }
        } else if let out, format == .xlsx {
            try WorkbookOutput.write(json: report.render(.json, terminal: .plain), to: out)
        } else {
            try writeStandardOutput(report.render(format, terminal: .current))
        }
        if let saveRun {
            try RunRecording.save(to: saveRun, command: "optimize", arguments: replayArguments,
                                  paths: (vendors, scenario), inputs: inputs, solver: solverSettings,
                                  result: report.render(.json, terminal: .plain)) { path in
                try TeamOptimizer(options: optimizerOptions).exportModel(for: TeamProblem(scored: report.scored), to: path)
            }
        }
        timer.total()
        switch best.status {
        case .infeasible: throw ExitCode.infeasible
        case .timeLimitNoSolution: throw ExitCode.timeLimitNoSolution
        default: break
        }
    }

    /// Exports the model when asked, solves, and builds the report (also used by `replay`).
    func solve(_ inputs: InputLoading.Inputs, timer: PhaseTimer) throws -> (TeamReport, TeamSolution) {
        let scored = ScoredPool(pool: inputs.pool, scenario: inputs.scenario)
        timer.lap("score \(scored.pool.count) vendors")
        let problem = TeamProblem(scored: scored)
        let optimizer = TeamOptimizer(options: optimizerOptions)

        if let path = exportModel {
            do {
                try optimizer.exportModel(for: problem, to: path)
            } catch {
                writeStandardError("error: \(error)\n")
                throw ExitCode.cannotCreate
            }
            timer.lap("export model")
        }

        var search: AlternativeTeams?
        var exits: [ExitImpact] = []
        do {
            var teams: [TeamSolution]
            if alternatives > 1 {
                search = try optimizer.alternatives(problem, count: alternatives)
                teams = search?.teams ?? []
            } else {
                teams = [try optimizer.solve(problem)]
            }
            timer.lap("solve")
            // No alternative at all means the scenario is infeasible: solve once more for the explanation.
            let best = try teams.first ?? optimizer.solve(problem)
            if teams.isEmpty { teams = [best] }
            if exitAnalysis, best.status.hasTeam {
                exits = try optimizer.exitAnalysis(problem, team: best)
                timer.lap("exit analysis")
            }
            var report = TeamReport(scored: scored, teams: teams, search: search, exits: exits, verbose: verbose)
            if best.status == .infeasible {
                report.eligibility = try EligibilityExplainer(optimizer: optimizer).explain(scored)
                timer.lap("explain eligibility")
            }
            return (report, best)
        } catch let error as TeamOptimizationError {
            writeStandardError("error: \(error)\n")
            throw ExitCode.failure
        }
    }

    /// The options that decide the result, as `replay` passes them again.
    var replayArguments: [String] {
        var arguments = ["--gap", "\(gap)", "--alternatives", "\(alternatives)"]
        if let timeLimit { arguments += ["--time-limit", "\(timeLimit)"] }
        if exitAnalysis { arguments.append("--exit-analysis") }
        arguments += ["--warm-start", warmStart.rawValue]
        if noPruning { arguments.append("--no-pruning") }
        return arguments + vendorFile.arguments
    }

    private var solverSettings: [String: String] {
        ["time_limit": timeLimit.map { "\($0) s" } ?? "none", "relative_gap": "\(gap)",
         "warm_start": warmStart.rawValue, "pruning": "\(!noPruning)", "alternatives": "\(alternatives)",
         "exit_analysis": "\(exitAnalysis)"]
    }

    private var optimizerOptions: TeamOptimizer.Options {
        var options = TeamOptimizer.Options()
        options.timeLimit = timeLimit
        options.relativeGap = gap
        options.warmStart = warmStart
        options.pruning = !noPruning
        if solverLog || log { options.solver.log = .standardError }
        return options
    }
}

extension TeamOptimizer.WarmStart: ExpressibleByArgument {}
