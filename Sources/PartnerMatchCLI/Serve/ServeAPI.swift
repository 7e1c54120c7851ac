import ArgumentParser
import Foundation
import PartnerMatch
import PartnerMatchReports

/// One answer of `serve`: status, media type and bytes (an `Error` too: a refused request's answer).
struct ServeAnswer: Sendable, Error {
    var status: Int
    var contentType: String
    var body: [UInt8]

    static func json(_ bytes: [UInt8], status: Int = 200) -> ServeAnswer {
        ServeAnswer(status: status, contentType: "application/json; charset=utf-8", body: bytes)
    }

    /// `{"error": message, "diagnostics": [...]}`: each diagnostic with its place and the line the CLI prints.
    static func error(_ status: Int, _ message: String, diagnostics: [Diagnostic] = []) -> ServeAnswer {
        let items: [JSONValue] = diagnostics.map { d in
            .object([
                "severity": .string(d.severity.rawValue), "code": .string(d.code), "message": .string(d.message),
                "file": d.location.map { .string($0.file) } ?? .null,
                "line": d.location.map { .integer($0.line) } ?? .null,
                "column": d.location?.column.map { .integer($0) } ?? .null,
                "text": .string(d.description),
            ])
        }
        return json(JSONValue.object(["error": .string(message), "diagnostics": .array(items)]).renderedBytes() + [0x0A], status: status)
    }
}

/// The workbench's API (docs/SERVE.md). Each endpoint reads `{"scenario": …, "options": …}`, turns
/// the options into the arguments of the CLI command of the same name — parsed and validated by that
/// command, so a bad option gets the CLI's message — and answers the bytes that command prints with
/// `--format json`, built by the same reports from the same results. Options that name files
/// (`--out`, `--plot`, `--save-run`, `--export-model`) are not among the accepted keys: no request names a path.
struct ServeAPI: Sendable {
    /// The vendor file named on `serve`'s command line, read once at the start.
    var vendorsPath: String
    var vendorBytes: [UInt8]
    var vendorFileArguments: [String]
    /// The server's bounds (docs/SERVE.md, "Limits").
    var limits: Limits
    /// The pool parsed once for each way a request's scenario reads the vendor file (its currency,
    /// `[fx]`, `[columns]`): a request re-scores and re-solves, it does not re-read 10,000 rows.
    var pools = PoolCache(capacity: 4)

    struct Limits: Sendable {
        /// `--time-limit` given to every solve whose request sets none, and the most a request may set.
        var solveSeconds: Double = 20
        /// The most budgets of one `scenarios` request (each is a solve).
        var budgets: Int = 200
        /// The most robustness samples of one request.
        var shortlistSamples: Int = 20_000
        var teamSamples: Int = 1_000
    }

    enum Endpoint: String, CaseIterable, Sendable {
        case shortlist, optimize, scenarios, explain
        /// The HTML report of the request's scenario (`partner-match report`'s bytes).
        case report
        /// The budget frontier as SVG (`scenarios --plot`'s bytes).
        case chart
        /// The request's scenario as TOML ("Download scenario").
        case toml = "scenario.toml"

        /// The accepted option keys, each the CLI option of the same name with `-` for `_`.
        var optionKeys: [String] {
            switch self {
            case .shortlist: ["top", "method", "show_excluded", "columns", "robustness", "samples"]
            case .optimize: ["alternatives", "exit_analysis", "time_limit", "gap", "warm_start", "no_pruning", "robustness", "samples", "rule_prices", "verbose"]
            case .scenarios, .chart: ["budgets", "tolerance", "materiality", "sequential"]
            case .explain: ["vendor_id", "top"]
            case .report: ["top", "alternatives", "budgets", "robustness", "samples"]
            case .toml: []
            }
        }
    }

    /// The scenario member read as a file of this name (JSON by its extension); messages then move
    /// to the body (`ServeRequest.located`).
    static let memberFile = "request.json"

    func answer(_ endpoint: Endpoint, body: [UInt8]) -> ServeAnswer {
        let request: ServeRequest
        switch ServeRequest.parse(body) {
        case .failure(let problem): return .error(400, "the request body is not {\"scenario\": …, \"options\": …}", diagnostics: [problem.diagnostic])
        case .success(let parsed): request = parsed
        }
        if endpoint == .toml {
            do {
                let text = try ScenarioReader.toml(fromJSONForm: String(request.scenario.text), file: Self.memberFile)
                return ServeAnswer(status: 200, contentType: "application/toml; charset=utf-8", body: Array(text.utf8))
            } catch {
                return .error(400, "the scenario is not valid", diagnostics: error.diagnostics.map { request.located($0, memberFile: Self.memberFile) })
            }
        }
        let arguments: [String]
        switch self.arguments(endpoint, request.options) {
        case .failure(let answer): return answer
        case .success(let list): arguments = list
        }
        let outcome = InputLoading.collect(vendors: (vendorsPath, .success(vendorBytes)),
                                           scenario: (Self.memberFile, .success(Array(request.scenario.text.utf8))),
                                           vendorFile: try? VendorFileOptions.parse(vendorFileArguments), pools: pools)
        guard let inputs = outcome.inputs else {
            let errors = outcome.diagnostics.filter { $0.severity == .error }.map { request.located($0, memberFile: Self.memberFile) }
            return .error(400, "the scenario is not valid", diagnostics: errors)
        }
        do {
            return try run(endpoint, arguments: arguments, inputs: inputs)
        } catch {
            let code = PartnerMatchCommand.exitCode(for: error)
            let message = PartnerMatchCommand.message(for: error)
            if code == .validationFailure { return .error(400, message.isEmpty ? "bad options" : message) }
            return .error(500, message.isEmpty ? "the computation failed (exit code \(code.rawValue))" : message)
        }
    }

    /// `options` as command-line arguments after `VENDORS --scenario FILE`, or a 400 answer.
    func arguments(_ endpoint: Endpoint, _ options: [String: ServeRequest.OptionValue]) -> Result<[String], ServeAnswer> {
        var list: [String] = []
        var positional: [String] = []
        for key in options.keys.sorted() {
            guard endpoint.optionKeys.contains(key), let value = options[key] else {
                let accepted = endpoint.optionKeys.isEmpty ? "none" : endpoint.optionKeys.joined(separator: ", ")
                return .failure(ServeAnswer.error(400, "options.\(key): unknown option for /api/\(endpoint.rawValue); expected one of: \(accepted)"))
            }
            if key == "vendor_id" {
                positional.append(value.argument)
                continue
            }
            let name = "--" + key.replacingOccurrences(of: "_", with: "-")
            switch value {
            case .bool(true): list.append(name)
            case .bool(false): break
            default: list.append(name + "=" + value.argument)   // `=`: a value starting with '-' stays a value
            }
        }
        switch endpoint {
        case .optimize:
            if let limit = options["time_limit"] {
                guard case let seconds? = Double(limit.argument), seconds <= limits.solveSeconds else {
                    return .failure(ServeAnswer.error(400, "options.time_limit: expected at most \(formatNumber(limits.solveSeconds)) seconds on this server (serve --solve-time-limit), found \(limit.argument)"))
                }
            } else {
                // The server's bound on each solve. Without a time limit the CLI never offers GLPK a
                // greedy start (warm start `auto`); `never` keeps the search, and so the team, the same.
                list.append("--time-limit=\(formatNumber(limits.solveSeconds))")
                if options["warm_start"] == nil { list.append("--warm-start=never") }
            }
        case .scenarios, .chart, .report:
            if let text = options["budgets"]?.argument, let budgets = try? BudgetList.parse(text), budgets.count > limits.budgets {
                return .failure(ServeAnswer.error(400, "options.budgets: expected at most \(limits.budgets) budgets on this server, found \(budgets.count)"))
            }
        default: break
        }
        if let samples = options["samples"], case let n? = Int(samples.argument) {
            let most = endpoint == .shortlist ? limits.shortlistSamples : limits.teamSamples
            if n > most { return .failure(ServeAnswer.error(400, "options.samples: expected at most \(most) on this server, found \(n)")) }
        }
        if endpoint == .explain, positional.isEmpty {
            return .failure(ServeAnswer.error(400, "options.vendor_id: expected the id of the vendor to explain, found none"))
        }
        return .success(list + (positional.isEmpty ? [] : ["--"] + positional))
    }

    private func run(_ endpoint: Endpoint, arguments: [String], inputs: InputLoading.Inputs) throws -> ServeAnswer {
        let head = [vendorsPath, "--scenario", ServeRequest.file] + vendorFileArguments
        switch endpoint {
        case .shortlist:
            let command = try ShortlistCommand.parse(head + arguments)
            let scored = ScoredPool(pool: inputs.pool, scenario: inputs.scenario)
            let shortlist = Shortlist(scored, method: command.method, limit: command.top == 0 ? nil : command.top)
            let report = ShortlistReport(shortlist: shortlist, showExcluded: command.showExcluded,
                                         columns: (try? ShortlistColumn.parse(command.columns)) ?? ShortlistColumn.defaults)
            guard command.robustness else { return .json(report.jsonBytes()) }
            let analysis = ShortlistRobustness(scored, top: command.top, samples: command.robustnessOptions.samples)
            return .json(Array(report.render(.json, terminal: .plain, adding: RobustnessReport(robustness: analysis)).utf8))
        case .optimize:
            // The sections in the order `optimize` adds them: robustness, then the rule prices.
            let command = try OptimizeCommand.parse(head + arguments)
            let (report, best) = try command.solve(inputs, timer: PhaseTimer(enabled: false))
            var sections: [any ReportSection] = []
            var run = TeamRun()
            run.options = command.optimizerOptions
            if command.robustness.robustness, best.status.hasTeam {
                let n = command.robustness.teamSamples(report.scored.scenario)
                guard n <= limits.teamSamples else {
                    return .error(400, "options.samples: the scenario's uncertainty.samples (\(n)) is more than this server's \(limits.teamSamples); set options.samples")
                }
                sections.append(try run.robustness(report, samples: n))
            }
            if command.rulePrices { sections.append(try run.rulePrices(report, best: best)) }
            return .json(Array(report.render(.json, terminal: .plain, sections: sections).utf8))
        case .scenarios, .chart:
            let command = try ScenariosCommand.parse(head + arguments + ["--quiet"])
            let budgets = try BudgetList.parse(command.budgets)
            let tolerance = try command.toleranceValue() ?? inputs.scenario.whatIf.tolerance ?? ScenariosCommand.defaultTolerance(budgets)
            let (report, chart) = try command.analyse(inputs, budgets: budgets, tolerance: tolerance,
                                                      materiality: command.materiality ?? inputs.scenario.whatIf.materiality,
                                                      chart: endpoint == .chart, bar: ProgressBar(label: "", quiet: true))
            if endpoint == .chart {
                guard let chart else { return .error(422, "no chart: the scenario has no feasible budget among those swept") }
                return ServeAnswer(status: 200, contentType: "image/svg+xml", body: Array(chart.svg().utf8))
            }
            return .json(Array(report.render(.json, terminal: .plain).utf8))
        case .explain:
            let command = try ExplainCommand.parse(head + arguments)
            guard let index = inputs.pool.index(ofID: command.vendorID) else {
                return .error(400, "no vendor with id '\(HumanText.inline(command.vendorID))' in \(vendorsPath)")
            }
            let scored = ScoredPool(pool: inputs.pool, scenario: inputs.scenario)
            let explanation = Explanation(scored, index: index, top: command.top == 0 ? max(1, scored.eligibleCount) : command.top)
            return .json(Array(ExplainReport(explanation: explanation, scored: scored).json().rendered().utf8))
        case .report:
            let command = try ReportCommand.parse(head + arguments + ["--out", "report.html"])
            let html = try command.render(inputs)
            return ServeAnswer(status: 200, contentType: "text/html; charset=utf-8", body: Array(html.utf8))
        case .toml:
            return .error(500, "not reached")
        }
    }
}
