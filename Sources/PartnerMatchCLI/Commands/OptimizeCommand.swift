import ArgumentParser
import Foundation
import PartnerMatch
import PartnerMatchReports

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

    @OptionGroup var input: InputOptions
    var vendors: String { input.vendors }
    var scenario: String { input.scenario }
    var vendorFile: VendorFileOptions { input.vendorFile }

    @OptionGroup var limits: SolverLimits
    var timeLimit: Double? { limits.timeLimit }
    var gap: Double { limits.gap }

    @Option(help: "Also find the K best teams with distinct vendor sets (K includes the optimum; at most 50).")
    var alternatives: Int = 1

    @Flag(help: "For each team member, the best team without it and what the change costs.")
    var exitAnalysis = false

    @Flag(help: "What each rule costs: for every rule in force, the best team without it (one verified re-solve each), the utility gained or money saved, the cost change, who joins and leaves.")
    var rulePrices = false

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

    @OptionGroup var robustness: RobustnessOptions

    @Flag(help: "Do not remove dominated vendors before solving (exact either way; slower on large pools).")
    var noPruning = false

    @Flag(help: "Print phase durations to standard error.")
    var timings = false

    @Flag(help: "Also show the solver's view: the model's size and how the value of more budget was computed.")
    var verbose = false

    func validate() throws {
        try AlternativesRange.validate(alternatives)
        if let path = exportModel, !(path.lowercased().hasSuffix(".lp") || path.lowercased().hasSuffix(".mps")) {
            throw ValidationError("--export-model must name a .lp or .mps file, found '\(path)'")
        }
        try WorkbookOutput.validate(format: format, out: out)
    }

    func run() throws {
        let timer = PhaseTimer(enabled: timings)
        try SafeOutput.refuseInputOverwrite(exportModel, option: "--export-model", inputs: [vendors, scenario])
        try SafeOutput.refuseInputOverwrite(out, option: "--out", inputs: [vendors, scenario])
        let inputs = try InputLoading.load(vendors: vendors, scenario: scenario, vendorFile: vendorFile, timer: timer)
        let (report, best) = try solve(inputs, timer: timer)
        var sections: [any ReportSection] = []
        if robustness.robustness, best.status.hasTeam {
            let n = robustness.teamSamples(report.scored.scenario)
            let section: TeamRobustnessReport
            do {
                var run = TeamRun()
                run.options = optimizerOptions
                section = try run.robustness(report, samples: n)
            } catch {
                writeStandardError("error: \(error)\n")
                throw ExitCode.failure
            }
            timer.lap("robustness (\(n) samples)")
            sections.append(section)
        }
        if rulePrices {
            sections.append(try Self.rulePrices(report, best: best, options: optimizerOptions))
            timer.lap("rule prices")
        }
        if let out, format == .xlsx {
            try WorkbookOutput.write(json: report.render(.json, terminal: .plain, sections: sections), to: out)
        } else {
            try writeStandardOutput(report.render(format, terminal: .current, sections: sections))
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
        if let path = exportModel {
            do {
                try TeamOptimizer(options: optimizerOptions).exportModel(for: TeamProblem(scored: scored), to: path)
            } catch {
                writeStandardError("error: \(error)\n")
                throw ExitCode.cannotCreate
            }
            timer.lap("export model")
        }

        var run = TeamRun()
        run.options = optimizerOptions
        run.alternatives = alternatives
        run.exitAnalysis = exitAnalysis
        run.verbose = verbose
        do {
            return try run.run(scored, lap: timer.lap)
        } catch let error as TeamOptimizationError {
            writeStandardError("error: \(error)\n")
            throw ExitCode.failure
        }
    }

    /// The prices of every rule in force (`--rule-prices`, and the report's section).
    static func rulePrices(_ report: TeamReport, best: TeamSolution, options: TeamOptimizer.Options) throws -> RulePricesReport {
        do {
            var run = TeamRun()
            run.options = options
            return try run.rulePrices(report, best: best)
        } catch {
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

    var optimizerOptions: TeamOptimizer.Options {
        var options = TeamOptimizer.Options()
        options.timeLimit = timeLimit
        options.relativeGap = gap
        options.warmStart = warmStart
        options.pruning = !noPruning
        if limits.showsLog { options.solver.log = .standardError }
        return options
    }
}

extension TeamOptimizer.WarmStart: ExpressibleByArgument {}
