import ArgumentParser
import Foundation
import PartnerMatch
import PartnerMatchReports
#if canImport(Glibc)
import Glibc
#endif

/// `partner-match bench`: a scaling study of the team optimiser on generated pools (the measuring
/// is `ScalingStudy`'s; this command parses options and formats the results).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the team optimiser on generated pools of growing size, with and without pruning.",
        discussion: """
        For each size and seed: a synthetic pool is generated in memory and scored, dominated vendors \
        are pruned (exact: docs/MODEL.md, "Exact pruning for large pools") and the MILP is solved with GLPK. \
        Where the unpruned MILP has at most --unpruned-limit candidates it is solved too, under \
        --unpruned-time-limit (a run that hits it reports time_limit), and the optima are compared. \
        Times are wall clock, seconds. The default scenario is docs/MODEL.md's example without the \
        ISO27001 requirement; --scenario uses another (its skills should be generated ones: backend, \
        frontend, qa, ios, android, devops, data, design, …). Progress goes to standard error: a bar \
        on a terminal, plain lines otherwise, nothing with --quiet. \
        Exit codes: 0 success; 1 solver failure; 64 usage error; 65/66 bad or unreadable scenario; \
        73 a model file cannot be written.
        """
    )

    @Option(help: "Pool sizes, comma-separated; k and M suffixes allowed (e.g. 1k,10k,100k,1M).")
    var sizes: String = "1000,10000,100000"

    @Option(help: "Pools per size, generated from seeds --first-seed, --first-seed + 1, …")
    var seeds: Int = 1

    @Option(help: "The first seed.")
    var firstSeed: UInt64 = 1

    @Option(help: "Number of distinct skills in the generated pools.")
    var skills: Int = PoolGenerator.defaultSkillCount

    @Option(help: "A scenario file (default: docs/MODEL.md's example without required certifications).")
    var scenario: String?

    @Option(help: OutputFormat.help)
    var format: OutputFormat = .table

    @Flag(help: "Do not solve the unpruned MILP at all.")
    var noUnpruned = false

    @Option(help: "Solve the unpruned MILP only when it has at most this many candidates.")
    var unprunedLimit: Int = 10_000

    @Option(help: "Time limit for each unpruned solve, seconds.")
    var unprunedTimeLimit: Double = 60

    @Option(help: "Time limit for each pruned solve, seconds (default: prove optimality).")
    var timeLimit: Double?

    @Option(help: "Write each pruned and unpruned MILP to this directory as free MPS (not timed).")
    var exportDir: String?

    @Flag(help: "No progress on standard error.")
    var quiet = false

    func validate() throws {
        if format == .xlsx { throw ValidationError("--format xlsx is for shortlist, optimize, scenarios and compare; bench prints table, csv, json or markdown") }
        let parsed = try parsedSizes()
        guard !parsed.isEmpty else { throw ValidationError("--sizes needs at least one size") }
        guard seeds >= 1 else { throw ValidationError("--seeds must be ≥ 1, found \(seeds)") }
        guard (1...10_000).contains(skills) else { throw ValidationError("--skills must be between 1 and 10000, found \(skills)") }
        guard unprunedLimit >= 0 else { throw ValidationError("--unpruned-limit must be ≥ 0, found \(unprunedLimit)") }
        guard unprunedTimeLimit > 0 else { throw ValidationError("--unpruned-time-limit must be > 0, found \(unprunedTimeLimit)") }
        if let t = timeLimit, !(t > 0) { throw ValidationError("--time-limit must be > 0 seconds, found \(t)") }
    }

    /// `--sizes` as vendor counts.
    func parsedSizes() throws -> [Int] {
        try sizes.split(separator: ",").map { raw in
            let text = raw.trimmingCharacters(in: .whitespaces)
            var digits = Substring(text)
            var factor = 1
            if let last = digits.last, "kKmM".contains(last) {
                factor = last == "k" || last == "K" ? 1_000 : 1_000_000
                digits = digits.dropLast()
            }
            guard let value = Int(digits), value > 0, value <= 100_000_000 / factor else {
                throw ValidationError("--sizes: expected a positive vendor count such as 10000, 10k or 1M, found '\(text)'")
            }
            return value * factor
        }
    }

    func run() throws {
        var configuration = ScalingStudy.Configuration(sizes: try parsedSizes())
        if let scenario { configuration.scenario = try InputLoading.loadScenario(scenario) }
        configuration.seeds = seeds
        configuration.firstSeed = firstSeed
        configuration.skillCount = skills
        configuration.unpruned = !noUnpruned
        configuration.unprunedCandidateLimit = unprunedLimit
        configuration.unprunedTimeLimit = unprunedTimeLimit
        configuration.timeLimit = timeLimit
        if let exportDir {
            do {
                try FileManager.default.createDirectory(atPath: exportDir, withIntermediateDirectories: true)
            } catch {
                writeStandardError("error: cannot create '\(exportDir)': \(error.localizedDescription)\n")
                throw ExitCode.cannotCreate
            }
            configuration.exportDirectory = exportDir
        }

        let progress = BenchProgress(quiet: quiet)
        let results: [ScalingStudy.Measurement]
        do {
            results = try ScalingStudy(configuration).run { progress.report($0) }
        } catch {
            progress.finish()
            writeStandardError("error: \(error)\n")
            if case .solver(let solverError) = error, case .writeFailed = solverError { throw ExitCode.cannotCreate }
            throw ExitCode.failure
        }
        progress.finish()
        try writeStandardOutput(render(results))
    }

    // MARK: Output

    private static func seconds(_ s: Double) -> String { fixed(s, 3) }
    private static func gap(_ g: Double?) -> String { g.map { fixed($0, 6) } ?? "" }

    func render(_ results: [ScalingStudy.Measurement]) -> String {
        switch format {
        case .json: return json(results).rendered()
        case .table, .csv, .markdown, .xlsx:
            var table = TextTable([
                .init(title: "vendors", alignment: .right), .init(title: "seed", alignment: .right),
                .init(title: "eligible", alignment: .right), .init(title: "kept", alignment: .right),
                .init(title: "rows", alignment: .right), .init(title: "cols", alignment: .right),
                .init(title: "gen s", alignment: .right), .init(title: "score s", alignment: .right),
                .init(title: "prune s", alignment: .right), .init(title: "solve s", alignment: .right),
                .init(title: "total s", alignment: .right), .init(title: "status", alignment: .left),
                .init(title: "gap", alignment: .right), .init(title: "unpruned rows", alignment: .right),
                .init(title: "unpruned cols", alignment: .right), .init(title: "unpruned solve s", alignment: .right),
                .init(title: "unpruned status", alignment: .left), .init(title: "agree", alignment: .left),
            ])
            for m in results {
                let u = m.unpruned
                table.append([
                    String(m.size), String(m.seed), String(m.eligible), String(m.pruned.candidates),
                    String(m.pruned.rows), String(m.pruned.columns),
                    Self.seconds(m.generateSeconds), Self.seconds(m.scoreSeconds),
                    Self.seconds(m.pruned.pruneSeconds), Self.seconds(m.pruned.solveSeconds),
                    Self.seconds(m.totalSeconds), m.pruned.status.rawValue, Self.gap(m.pruned.gap),
                    u.map { String($0.rows) } ?? "-", u.map { String($0.columns) } ?? "-",
                    u.map { Self.seconds($0.solveSeconds) } ?? "-", u?.status.rawValue ?? "skipped",
                    m.optimaAgree.map { $0 ? "yes" : "NO" } ?? "-",
                ])
            }
            switch format {
            case .csv:
                return CSV.row(table.columns.map(\.title)) + table.rows.map(CSV.row).joined()
            case .markdown:
                return table.renderMarkdown()
            default:
                var terminal = Terminal.current
                terminal.width = max(terminal.width, 400)   // a wide study table is never truncated
                return table.render(terminal)
            }
        }
    }

    func json(_ results: [ScalingStudy.Measurement]) -> JSONValue {
        func optional(_ x: Double?) -> JSONValue { x.map(JSONValue.number) ?? .null }
        func run(_ r: ScalingStudy.Run) -> JSONValue {
            var object: [String: JSONValue] = [
                "candidates": .integer(r.candidates), "rows": .integer(r.rows), "columns": .integer(r.columns),
                "prune_seconds": .number(r.pruneSeconds), "solve_seconds": .number(r.solveSeconds),
                "status": .string(r.status.rawValue), "objective": optional(r.objective), "gap": optional(r.gap),
            ]
            if let file = r.modelFile { object["model_file"] = .string(file) }
            return .object(object)
        }
        return .object([
            "scenario": .string(scenario ?? "default"),
            "results": .array(results.map { m in
                var object: [String: JSONValue] = [
                    "vendors": .integer(m.size), "seed": .integer(Int(truncatingIfNeeded: m.seed)),
                    "eligible": .integer(m.eligible), "threshold": m.threshold.map(JSONValue.integer) ?? .null,
                    "generate_seconds": .number(m.generateSeconds), "score_seconds": .number(m.scoreSeconds),
                    "total_seconds": .number(m.totalSeconds),
                    "pruned": run(m.pruned), "unpruned": m.unpruned.map(run) ?? .null,
                    "optima_agree": m.optimaAgree.map(JSONValue.bool) ?? .null,
                ]
                if let reason = m.unprunedSkipReason { object["unpruned_skipped"] = .string(reason) }
                if let file = m.unprunedModelFile { object["unpruned_model_file"] = .string(file) }
                return .object(object)
            }),
        ])
    }
}

/// Progress of the study on standard error: a bar on a terminal, one plain line per phase
/// otherwise, nothing when quiet.
private final class BenchProgress {
    private enum Mode { case off, bar, lines }
    private let mode: Mode
    private var drawn = false

    init(quiet: Bool) {
        mode = quiet ? .off : (isatty(STDERR_FILENO) != 0 ? .bar : .lines)
    }

    func report(_ p: ScalingStudy.Progress) {
        switch mode {
        case .off:
            return
        case .lines:
            guard p.phase != "done" else { return }
            writeStandardError("bench: \(p.size) vendors, seed \(p.seed): \(p.phase)\n")
        case .bar:
            let width = 30
            let filled = p.total > 0 ? p.done * width / p.total : 0
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            writeStandardError("\r\u{1B}[2Kbench \(bar) \(p.done)/\(p.total)  \(p.size) vendors, seed \(p.seed): \(p.phase)")
            drawn = true
        }
    }

    func finish() {
        if mode == .bar, drawn { writeStandardError("\r\u{1B}[2K") }
        drawn = false
    }
}
