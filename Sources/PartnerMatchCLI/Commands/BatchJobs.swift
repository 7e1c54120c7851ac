import ArgumentParser
import Foundation
import PartnerMatch
import PartnerMatchReports

/// One job of `partner-match batch`, from its line to its result line: the job's `args` are parsed
/// by the command's own `ParsableCommand` (the same options, defaults and validation), the inputs
/// loaded through the shared pool cache, and the command's computation (`TeamRun`,
/// `BudgetSweepRun`, `ShortlistRun`, …) renders the JSON document the command prints.
struct BatchJobs: Sendable {
    /// The jobs file's name in locations.
    let file: String
    let pools: PoolCache
    /// Scenario files parsed once per content (TOMLKit keeps every document it parses).
    let scenarios = ScenarioCache()

    struct Outcome {
        var exitCode: Int32
        var result: [UInt8]?
        var error: Diagnostic?
    }

    /// The result line of line `line` (its bytes without the line feed).
    func resultLine(_ bytes: ArraySlice<UInt8>, line: Int) -> (line: [UInt8], exitCode: Int32) {
        switch BatchJob.parse(bytes, line: line, file: file) {
        case .failure(var failure):
            if failure.diagnostic.code == "unknown_command", let command = Self.command(in: bytes),
               let near = Spelling.closest(to: command, among: BatchJob.commands) {
                failure.diagnostic.message += " (did you mean '\(near)'?)"
            }
            return (BatchLine.render(id: failure.id, exitCode: failure.exitCode, result: nil, error: failure.diagnostic), failure.exitCode)
        case .success(let job):
            var outcome = run(job)
            // A problem with no place of its own is the job's: its line.
            if outcome.error != nil, outcome.error?.location == nil { outcome.error?.location = SourceLocation(file: file, line: line) }
            return (BatchLine.render(id: job.id, exitCode: outcome.exitCode, result: outcome.result, error: outcome.error), outcome.exitCode)
        }
    }

    /// The `command` of a line that names an unknown one.
    static func command(in bytes: ArraySlice<UInt8>) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])?["command"] as? String
    }

    func run(_ job: BatchJob) -> Outcome {
        let located = job.location(of: "args", file: file)
        func usage(_ message: String) -> Outcome {
            Outcome(exitCode: 64, error: Diagnostic(at: located, code: "usage", message))
        }
        let placeholder: String
        switch job.scenarios.first {
        case .path(let path)?: placeholder = path
        default: placeholder = "inline.json"
        }
        // The old `optimize --robustness=N` spelling is read as on the command line.
        let args = RobustnessOptions.rewritingOldSpelling(job.args)
        let argv = [job.vendors, "--scenario", placeholder] + args
        // Only JSON goes on a result line, and nothing but the output stream is written.
        if let k = job.args.firstIndex(where: { $0 == "--format" || $0.hasPrefix("--format=") }) {
            let value = job.args[k] == "--format" ? (k + 1 < job.args.count ? job.args[k + 1] : "") : String(job.args[k].dropFirst(9))
            guard value == "json" else { return usage("--format: a batch job's result is its JSON document; remove --format \(value)") }
        }
        do {
            switch job.command {
            case "optimize":
                let command = try OptimizeCommand.parse(argv)
                if let refused = Self.refused(["--out": command.out, "--save-run": command.saveRun, "--export-model": command.exportModel]) {
                    return usage(refused)
                }
                return withInputs(job, vendorFile: command.vendorFile) { pool, scenario in try optimize(command, pool, scenario) }
            case "shortlist":
                let command = try ShortlistCommand.parse(argv)
                if let refused = Self.refused(["--out": command.out, "--plot": command.plot]) { return usage(refused) }
                var run = ShortlistRun()
                (run.method, run.top, run.showExcluded) = (command.method, command.top, command.showExcluded)
                run.columns = try ShortlistColumn.parse(command.columns)
                (run.robustness, run.samples, run.parallel) = (command.robustness, command.robustnessOptions.samples, false)
                return withInputs(job, vendorFile: command.vendorFile) { pool, scenario in
                    Outcome(exitCode: 0, result: run.json(ScoredPool(pool: pool, scenario: scenario)))
                }
            case "scenarios":
                let command = try ScenariosCommand.parse(argv)
                if let refused = Self.refused(["--out": command.out, "--plot": command.plot, "--save-run": command.saveRun]) { return usage(refused) }
                var run = BudgetSweepRun(budgets: try BudgetList.parse(command.budgets), tolerance: try command.toleranceValue(),
                                         materiality: command.materiality)
                run.parallel = false
                return withInputs(job, vendorFile: command.vendorFile) { pool, scenario in
                    Outcome(exitCode: 0, result: try run.run(ScoredPool(pool: pool, scenario: scenario)).report.jsonBytes())
                }
            case "explain":
                let command = try ExplainCommand.parse(argv)
                return withInputs(job, vendorFile: command.vendorFile) { pool, scenario in
                    guard let report = ExplainCommand.report(pool, scenario, vendorID: command.vendorID, top: command.top) else {
                        return usage(ExplainCommand.unknownVendor(command.vendorID, in: pool, file: job.vendors))
                    }
                    return Outcome(exitCode: 0, result: report.json().renderedBytes())
                }
            default:   // compare (BatchJob.parse admits only the five commands)
                let command = try CompareCommand.parse([job.vendors] + job.scenarios.flatMap { _ in ["--scenario", placeholder] } + args)
                if let refused = Self.refused(["--out": command.out]) { return usage(refused) }
                return compare(job, vendorFile: command.vendorFile)
            }
        } catch let error as BudgetListError {
            return usage("--budgets: \(error.message)")
        } catch {
            let message = CompareCommand.message(for: error)
            return usage(message.isEmpty ? "\(error)" : message)
        }
    }

    /// `--out`, `--plot`, … given: what to say (a batch writes its output stream only).
    static func refused(_ options: [String: String?]) -> String? {
        guard let name = options.filter({ $0.value != nil }).keys.sorted().first else { return nil }
        return "\(name): a batch writes nothing but its output stream; run the single command to write files"
    }

    func optimize(_ command: OptimizeCommand, _ pool: VendorPool, _ scenario: Scenario) throws -> Outcome {
        var run = TeamRun()
        var options = command.optimizerOptions
        options.solver.log = .silent
        (run.options, run.alternatives, run.exitAnalysis, run.verbose) = (options, command.alternatives, command.exitAnalysis, command.verbose)
        let (report, best) = try run.run(ScoredPool(pool: pool, scenario: scenario))
        let code = TeamRun.exitCode(best.status)
        // Infeasible (2) and a time limit without a team (3) print their document and end non-zero.
        var error: Diagnostic?
        if best.status == .infeasible {
            error = Diagnostic(at: nil, code: "infeasible", "no team meets every rule; the result lists the changes that would make one")
        } else if best.status == .timeLimitNoSolution {
            error = Diagnostic(at: nil, code: "time_limit_no_solution",
                               "the time limit (--time-limit \(command.timeLimit.map { JSONValue.numberText($0) } ?? "?") s) ended the solve before any team was found")
        }
        // The sections `optimize` adds, in its order: robustness (with a team), rule prices.
        var sections: [any ReportSection] = []
        if command.robustness.robustness, best.status.hasTeam {
            sections.append(try run.robustness(report, samples: command.robustness.teamSamples(scenario), parallel: false))
        }
        if command.rulePrices { sections.append(try run.rulePrices(report, best: best, parallel: false)) }
        guard !sections.isEmpty else { return Outcome(exitCode: code, result: report.jsonBytes(), error: error) }
        return Outcome(exitCode: code, result: Array(report.render(.json, terminal: .plain, sections: sections).utf8), error: error)
    }

    func compare(_ job: BatchJob, vendorFile: VendorFileOptions) -> Outcome {
        guard job.scenarios.count >= 2 else {
            return Outcome(exitCode: 64, error: Diagnostic(at: job.location(of: "scenario", file: file), code: "usage",
                                                           "give at least two scenarios to compare (found \(job.scenarios.count)); for one, use optimize"))
        }
        let rest = job.scenarios.dropFirst().map { job.readScenario($0, file: file, cache: scenarios) }
        return withInputs(job, vendorFile: vendorFile) { pool, first in
            var batch = [(source: scenarioName(job.scenarios[0], job), scenario: first)]
            for (name, parsed) in rest {
                switch parsed {
                case .success(let scenario): batch.append((name, scenario))
                case .failure(let error): return failed(error.diagnostics, job: job, key: "scenario", code: InputSet.exitCode(error.diagnostics))
                }
            }
            let comparison = try ScenarioComparison(pool: pool, scenarios: batch, parallel: false)
            return Outcome(exitCode: 0, result: ComparisonReport(comparison: comparison).jsonBytes())
        }
    }

    private func scenarioName(_ source: BatchJob.ScenarioSource, _ job: BatchJob) -> String {
        if case .path(let path) = source { return path }
        return "\(file):\(job.line)"
    }

    /// Reads the job's pool (shared through the cache) and first scenario, then runs `body`; a
    /// failure is the job's outcome (65 bad data, 66 cannot read, 1 a solver failure).
    private func withInputs(_ job: BatchJob, vendorFile: VendorFileOptions,
                            _ body: (VendorPool, Scenario) throws -> Outcome) -> Outcome {
        let vendorBytes = InputFile.read(path: job.vendors, limit: InputLimits.default.vendorFileBytes)
        let (name, parsed) = job.readScenario(job.scenarios[0], file: file, cache: scenarios)
        let set = InputSet(vendors: (job.vendors, vendorBytes), scenario: (name, parsed),
                           readOptions: { vendorFile.readOptions(scenario: $0) }, pools: pools)
        guard set.isUsable, let pool = set.pool, let scenario = set.scenario else {
            let key = (try? vendorBytes.get()) == nil ? "vendors" : "scenario"
            return failed(set.errors, job: job, key: key, code: set.exitCode)
        }
        do {
            return try body(pool, scenario)
        } catch {
            return Outcome(exitCode: 1, error: Diagnostic(at: nil, code: "failure", "\(error)"))
        }
    }

    /// The first error (located at the job's `key` when it has no place of its own), with a count of the others.
    private func failed(_ diagnostics: [Diagnostic], job: BatchJob, key: String, code: Int32) -> Outcome {
        let errors = diagnostics.filter { $0.severity == .error }
        guard var first = errors.first else { return Outcome(exitCode: code) }
        if first.location == nil { first.location = job.location(of: key, file: file) }
        if errors.count > 1 { first.message += " (and \(errors.count - 1) more \(errors.count == 2 ? "error" : "errors"))" }
        return Outcome(exitCode: code, error: first)
    }
}
