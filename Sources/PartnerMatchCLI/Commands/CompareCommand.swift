import ArgumentParser
import Foundation
import PartnerMatch
import PartnerMatchReports

/// `partner-match compare VENDORS.csv --scenario A.toml --scenario B.toml …`: scenario batches,
/// compared side by side on one pool.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare several scenarios on the same vendors: status, team, cost, utility, binding rules.",
        discussion: """
        The vendor file is read once; each scenario is scored with its own weights, client and \
        rules, and solved to optimality. Scenarios run in parallel on all cores and are reported in \
        the order given (the output is the same bytes as with --sequential). Shows each team, \
        which vendor is in which team, and the vendors common to every team; an infeasible \
        scenario shows the smallest change that would make it feasible. Exit codes: 0 the \
        comparison ran (whether or not some scenarios are infeasible); 1 a solver failure; \
        64 usage error; 65 bad input data; 66 an input file cannot be read.
        """
    )

    @OptionGroup var vendorInput: VendorInput
    var vendors: String { vendorInput.vendors }
    var vendorFile: VendorFileOptions { vendorInput.vendorFile }

    @Option(name: .customLong("scenario"), help: "A scenario file (TOML, or JSON with a .json extension); give two or more.")
    var scenarios: [String] = []

    @Option(help: OutputFormat.help)
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("With --format xlsx, the workbook file to write (one sheet per part, numbers as numbers).", valueName: "file.xlsx"))
    var out: String?

    @Flag(help: "Solve one scenario at a time instead of on all cores (same output, slower).")
    var sequential = false

    @Flag(help: "Also price every rule in force in each scenario (the best team without it), side by side.")
    var rulePrices = false

    @Flag(help: "No progress bar (it is shown only when standard error is a terminal).")
    var quiet = false

    func validate() throws {
        guard scenarios.count >= 2 else {
            throw ValidationError("give at least two --scenario files to compare (found \(scenarios.count)); for one, use `optimize`")
        }
        try WorkbookOutput.validate(format: format, out: out)
    }

    func run() throws {
        try SafeOutput.refuseInputOverwrite(out, option: "--out", inputs: [vendors] + scenarios)
        // Every scenario file is read before stopping, so one run shows every problem.
        var parsed: [Scenario?] = [nil]
        var diagnostics: [Diagnostic] = []
        var notes: [String] = []
        for path in scenarios.dropFirst() {
            do {
                parsed.append(try ScenarioReader.read(path: path))
            } catch {
                diagnostics += error.diagnostics
                if error.truncated { notes.append("(more errors in \(path) not shown)") }
                parsed.append(nil)
            }
        }
        InputLoading.report(diagnostics, notes: notes)
        let inputs = try InputLoading.load(vendors: vendors, scenario: scenarios[0], vendorFile: vendorFile)
        guard diagnostics.isEmpty else { throw InputLoading.exitCode(for: diagnostics) }
        parsed[0] = inputs.scenario
        let batch = zip(scenarios, parsed).map { (source: $0, scenario: $1!) }

        let bar = ProgressBar(label: "solving \(batch.count) scenarios", quiet: quiet)
        defer { bar.finish() }
        do {
            let comparison = try ScenarioComparison(pool: inputs.pool, scenarios: batch, parallel: !sequential) { done, total in
                bar.update(done, of: total)
            }
            let run = TeamRun()
            let prices = rulePrices ? try comparison.entries.map { entry in
                try run.rulePrices(entry.scored, best: entry.team, parallel: !sequential)
            } : nil
            bar.finish()
            let report = ComparisonReport(comparison: comparison, rulePrices: prices)
            if let out, format == .xlsx {
                try WorkbookOutput.write(json: report.render(.json, terminal: .plain), to: out)
            } else {
                try writeStandardOutput(report.render(format, terminal: .current))
            }
        } catch let exit as ExitCode {
            bar.finish()
            throw exit
        } catch {
            bar.finish()
            writeStandardError("error: \(error)\n")
            throw ExitCode.failure
        }
    }
}
