import ArgumentParser
import Foundation
import PartnerMatch
import PartnerMatchReports

/// `partner-match report VENDORS.csv --scenario FILE --out report.html`: the whole decision in one
/// self-contained HTML file (no script, no network) to send to a CFO or a steering committee.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the whole decision as one self-contained HTML file: shortlist, team, alternatives, budgets, glossary.",
        discussion: """
        Runs what shortlist, optimize --alternatives --exit-analysis and scenarios print, and writes \
        it as one HTML file with its styles and the budget chart inside (no script, nothing fetched), \
        which prints on A4. Every name from the vendor file is escaped. The file is written \
        atomically: on any error nothing is left at --out. Exit codes: 0 written; 1 a solver \
        failure; 64 usage error (--out not ending in .html); 65 bad input data; 66 an input file \
        cannot be read; 73 --out cannot be written (a missing folder) or names an input.
        """
    )

    @OptionGroup var input: InputOptions
    var vendors: String { input.vendors }
    var scenario: String { input.scenario }
    var vendorFile: VendorFileOptions { input.vendorFile }

    @Option(help: ArgumentHelp("The HTML file to write (the name must end in .html).", valueName: "file.html"))
    var out: String

    @OptionGroup var topOption: TopOption
    var top: Int { topOption.top }

    @Option(help: "How many teams to compare, the optimum included (at most 50; the report's default is 3, optimize's 1).")
    var alternatives = 3

    @Option(help: ArgumentHelp(
        "Budgets for the frontier chart, as in `scenarios --budgets` (default: 50% to 150% of the scenario's budget in 10% steps; without a budget, of the team's cost).",
        valueName: "list|from...to/step"))
    var budgets: String?

    @OptionGroup var robustnessOptions: RobustnessOptions
    var robustness: Bool { robustnessOptions.robustness }

    func validate() throws {
        try AlternativesRange.validate(alternatives)
        if let budgets {
            do { _ = try BudgetList.parse(budgets) } catch { throw ValidationError("--budgets: \(error.message)") }
        }
        try Self.checkOutPath(out)
    }

    /// `--out` must name an .html file: other extensions are refused before anything is read.
    static func checkOutPath(_ path: String) throws {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex,
              ["html", "htm"].contains(name[name.index(after: dot)...].lowercased()) else {
            let ext = name.lastIndex(of: ".").map { "'" + String(name[$0...]) + "'" } ?? "no extension"
            throw ValidationError("--out \(path): expected a file name ending in .html, found \(ext); the report is one HTML file (write e.g. --out report.html)")
        }
    }

    func run() throws {
        try SafeOutput.refuseInputOverwrite(out, option: "--out", inputs: [vendors, scenario])
        // A missing folder is refused before the solves, with the folder named.
        let folder = (out as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !folder.isEmpty, !(FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) && isDirectory.boolValue) {
            writeStandardError("error: --out \(out): the folder '\(folder)' does not exist; create it first or write the report elsewhere\n")
            throw ExitCode.cannotCreate
        }
        let inputs = try InputLoading.load(vendors: vendors, scenario: scenario, vendorFile: vendorFile)
        let html = try render(inputs)
        try SafeOutput.write(html, to: out)
        writeStandardError("wrote \(out) (\(html.utf8.count) bytes)\n")
    }

    /// The HTML report of inputs already read (also `serve`'s "Download report").
    func render(_ inputs: InputLoading.Inputs) throws -> String {
        let scored = ScoredPool(pool: inputs.pool, scenario: inputs.scenario)
        let shortlist = Shortlist(scored, limit: top == 0 ? nil : top)

        let optimize = try OptimizeCommand.parse([vendors, "--scenario", scenario, "--alternatives", "\(alternatives)", "--exit-analysis"])
        let (team, best) = try optimize.solve(inputs, timer: PhaseTimer(enabled: false))

        // Without a budget (objective = "cost"), the chart spans the cheapest good-enough team's cost.
        let reference: Double? = inputs.scenario.hasBudget ? inputs.scenario.budget : team.teams.first?.totalCost
        guard let budgetText = budgets ?? reference.map(Self.defaultBudgets) else {
            writeStandardError("error: the scenario sets no budget and has no team to take one from: give the chart's budgets with --budgets\n")
            throw ExitCode.validationFailure
        }
        let sweep = try ScenariosCommand.parse([vendors, "--scenario", scenario, "--budgets", budgetText, "--quiet"])
        let budgetValues = try BudgetList.parse(budgetText)
        let tolerance = inputs.scenario.whatIf.tolerance ?? ScenariosCommand.defaultTolerance(budgetValues)
        let (frontier, chart) = try sweep.analyse(inputs, budgets: budgetValues, tolerance: tolerance,
                                                  materiality: inputs.scenario.whatIf.materiality, chart: true,
                                                  bar: ProgressBar(label: "", quiet: true))

        // Ranks 1 to the shortlist's length (at most 10: more columns would not fit A4).
        let analysis = robustness ? ShortlistRobustness(scored, top: top == 0 ? 10 : min(top, 10), samples: robustnessOptions.samples) : nil
        var document = HTMLReport(scored: scored, shortlist: shortlist, team: team, frontier: frontier,
                                  chartSVG: chart?.svg(), vendorsPath: vendors, robustness: analysis)
        // What each rule costs, always (issue 23).
        document.rulePrices = try OptimizeCommand.rulePrices(team, best: best, options: TeamOptimizer.Options())
        return try document.render()
    }

    /// 50% to 150% of the scenario's budget in 10% steps, as a `--budgets` list.
    static func defaultBudgets(_ budget: Double) -> String {
        (5...15).map { Format.number((budget * Double($0) / 10).rounded(), decimals: 0) }.joined(separator: ",")
    }
}
