import ArgumentParser
import Dispatch
import Foundation
import PartnerMatch
import PartnerMatchReports

/// `partner-match scenarios VENDORS.csv --scenario FILE --budgets LIST|FROM...TO/STEP`: what-if
/// budget analysis (docs/MODEL.md, "What-if budget scenarios").
struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "What each budget buys: the optimal team over a range of budgets, with the minimum, saturation and change points.",
        discussion: """
        For each budget: status, objective, mean utility per FTE, total cost and team. Also the \
        minimum feasible budget (the cheapest team meeting every other rule), the saturation budget \
        (the cheapest cost at which utility reaches its unbudgeted optimum: beyond it more money \
        buys nothing), and the budgets at which the vendor set changes, located by bisection to \
        --tolerance. The scenario's own budget is ignored. The pool is read and scored once; solves \
        run on all cores, and the output is the same bytes as with --sequential. See docs/WHAT-IF.md. \
        Exit codes: 0 the analysis ran (whether or not some budgets are infeasible); 1 a solver \
        failure; 64 usage error (including a --plot name not ending in .svg, or a tolerance or materiality out of range); 65 bad input data; 66 an input file cannot be read; 73 the \
        --plot file or the --save-run bundle cannot be written, or --plot names an input.
        """
    )

    @OptionGroup var input: InputOptions
    var vendors: String { input.vendors }
    var scenario: String { input.scenario }
    var vendorFile: VendorFileOptions { input.vendorFile }

    @Option(help: ArgumentHelp(
        "Budgets: a comma-separated list (800k,1.2M,1_500_000) or a range FROM...TO/STEP (500k...1.5M/50k; TO included when it lands on a step).",
        discussion: "Amounts allow '_' between digits and a 'k' (thousand) or 'M' (million) suffix. At most 1,000 budgets.",
        valueName: "list|from...to/step"))
    var budgets: String

    @Option(help: ArgumentHelp("Also draw the sweep as an SVG chart in this file (the name must end in .svg; render a PNG with e.g. rsvg-convert).",
                               valueName: "file.svg"))
    var plot: String?

    @Option(help: OutputFormat.help)
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("With --format xlsx, the workbook file to write (one sheet per part, numbers as numbers).", valueName: "file.xlsx"))
    var out: String?

    @Option(help: ArgumentHelp(
        "Locate team changes to within this amount (25k, 1_000, 0.5; default: the scenario's what_if.tolerance, else 0.1% of the swept range, at least 1).",
        valueName: "amount"))
    var tolerance: String?

    @Option(help: "Keep the current team while it is within this share of the optimum (default: the scenario's what_if.materiality, else 0.001).")
    var materiality: Double?

    @Flag(help: "Solve one budget at a time instead of on all cores (same output, slower).")
    var sequential = false

    @Flag(help: "No progress bar (it is shown only when standard error is a terminal).")
    var quiet = false

    @Option(help: "Save a reproducible run bundle in this new directory (docs/RUN-BUNDLES.md); check it with `partner-match replay DIR`.")
    var saveRun: String?

    /// The parsed `--budgets` (validated in `validate()`).
    private var budgetValues: [Double] { (try? BudgetList.parse(budgets)) ?? [] }

    func validate() throws {
        do {
            _ = try BudgetList.parse(budgets)
        } catch {
            throw ValidationError("--budgets: \(error.message)")
        }
        _ = try toleranceValue()
        if let m = materiality, !(m > 0 && m < 1) {
            throw ValidationError("--materiality: expected a share in (0, 1) such as 0.001 (0.1%), found \(m)")
        }
        if let plot { try Self.checkPlotPath(plot) }
        try WorkbookOutput.validate(format: format, out: out)
    }

    /// The parsed `--tolerance`, read like the budgets (`25k`, `1_000`, `0.5`).
    func toleranceValue() throws -> Double? {
        guard let tolerance else { return nil }
        let value: Double
        do {
            value = try Amount.parse(tolerance, what: "--tolerance")
        } catch {
            throw ValidationError(error.message)
        }
        guard value > 0 else { throw ValidationError("--tolerance must be > 0, found '\(tolerance)' (write e.g. 500 or 25k)") }
        return value
    }

    /// `--plot` writes SVG only: any other extension is refused before anything is read or written,
    /// rather than writing SVG bytes into a file whose name promises another format.
    static func checkPlotPath(_ path: String) throws {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        if path.hasPrefix("/dev/") { return }   // a device such as /dev/null or /dev/stdout takes any bytes
        guard let dot = name.lastIndex(of: "."), name[name.index(after: dot)...].lowercased() == "svg", dot != name.startIndex else {
            let ext = name.lastIndex(of: ".").map { "'" + String(name[$0...]) + "'" } ?? "no extension"
            throw ValidationError("--plot \(path): expected a file name ending in .svg, found \(ext); the chart is SVG only (convert it with e.g. rsvg-convert -o chart.png chart.svg)")
        }
    }

    /// 0.1% of the swept range, or 1 currency unit, whichever is larger.
    static func defaultTolerance(_ budgets: [Double]) -> Double { BudgetSweepRun.defaultTolerance(budgets) }

    func run() throws {
        let budgets = budgetValues
        try SafeOutput.refuseInputOverwrite(plot, option: "--plot", inputs: [vendors, scenario])
        try SafeOutput.refuseInputOverwrite(out, option: "--out", inputs: [vendors, scenario])
        let inputs = try InputLoading.load(vendors: vendors, scenario: scenario, vendorFile: vendorFile)
        let tolerance = try toleranceValue() ?? inputs.scenario.whatIf.tolerance ?? Self.defaultTolerance(budgets)
        let materiality = self.materiality ?? inputs.scenario.whatIf.materiality
        let bar = ProgressBar(label: "solving \(budgets.count) budgets", quiet: quiet)
        defer { bar.finish() }
        let (report, chart) = try analyse(inputs, budgets: budgets, tolerance: tolerance, materiality: materiality,
                                          chart: plot != nil, bar: bar)
        if let path = plot, let chart {
            do {
                try BudgetChart.write(chart.svg(), to: path)
            } catch {
                writeStandardError("error: \(error)\n")
                throw ExitCode.cannotCreate
            }
        }
        if let out, format == .xlsx {
            try WorkbookOutput.write(json: report.render(.json, terminal: .plain), to: out)
        } else {
            try writeStandardOutput(report.render(format, terminal: .current))
        }
        if let saveRun {
            // The tolerance as typed (replay reads it with the same parser), or none: replay then
            // derives the same default from the same scenario and budgets.
            var arguments = ["--budgets", self.budgets] + (self.tolerance.map { ["--tolerance", $0] } ?? [])
                + ["--materiality", "\(materiality)"]
            if sequential { arguments.append("--sequential") }
            arguments += vendorFile.arguments
            try RunRecording.save(to: saveRun, command: "scenarios", arguments: arguments, paths: (vendors, scenario), inputs: inputs,
                                  solver: ["budgets": "\(budgets.count)", "tolerance": "\(tolerance)", "materiality": "\(materiality)",
                                           "parallel": "\(!sequential)"],
                                  result: report.render(.json, terminal: .plain)) { path in
                try TeamOptimizer().exportModel(for: TeamProblem(scored: report.scored), to: path)
            }
        }
    }

    /// The sweep, the minimum and saturation budgets and the breakpoints as a report, and the chart
    /// when asked (also used by `replay`).
    func analyse(_ inputs: InputLoading.Inputs, budgets: [Double], tolerance: Double, materiality: Double, chart: Bool,
                 bar: ProgressBar) throws -> (ScenariosReport, BudgetChart?) {
        let scored = ScoredPool(pool: inputs.pool, scenario: inputs.scenario)
        var run = BudgetSweepRun(budgets: budgets, tolerance: tolerance, materiality: materiality)
        run.parallel = !sequential
        do {
            let (report, analysis) = try run.run(scored, status: bar.status) { done, total, label in
                bar.update(done, of: total, label: label)
            }
            let minimum = report.minimumBudget, saturation = report.saturation
            let points = report.points, breakpoints = report.breakpoints
            var extra: [BudgetChart.Sample] = []
            if chart, let minimum {
                // The team at the minimum budget, so the line starts where the first team forms.
                let budget = minimum * (1 + 1e-9) + 1e-6
                let team = try analysis.solve(at: budget)
                extra.append(BudgetChart.Sample(budget: budget, utility: team.meanUtility, isSweepPoint: false))
            }
            bar.finish()
            var drawing = chart ? BudgetChart(scenarioName: scored.scenario.name, currency: scored.scenario.currency,
                                              demand: scored.scenario.demand.total, points: points, extra: extra,
                                              minimumBudget: minimum, saturation: saturation, breakpoints: breakpoints,
                                              tolerance: tolerance) : nil
            // The chart's key names each vendor beside its id ("V021 Hyderabad Mobile").
            if var named = drawing {
                let names = VendorNames(scored.pool, ids: named.changes.flatMap { $0.joins + $0.leaves })
                named.changes = named.changes.map { change in
                    var change = change
                    change.joins = change.joins.map(names.label)
                    change.leaves = change.leaves.map(names.label)
                    return change
                }
                drawing = named
            }
            drawing?.keptRule = report.keptTeamRule
            return (report, drawing)
        } catch {
            bar.finish()
            writeStandardError("error: \(error)\n")
            throw ExitCode.failure
        }
    }
}
