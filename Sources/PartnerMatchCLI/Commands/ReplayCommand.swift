import ArgumentParser
import Foundation
import GLPKSolver
import PartnerMatch

/// `partner-match replay DIR`: runs a saved run bundle (`optimize --save-run DIR`) again from its
/// copies of the inputs and compares the new result with the saved one, byte for byte.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-run a run bundle saved with --save-run (optimize, scenarios) and report any difference from its saved result.",
        discussion: """
        The bundle (docs/RUN-BUNDLES.md) holds copies of the input files with their SHA-256 hashes, \
        the settings and the JSON result. replay runs the same command on the copies and compares \
        the new JSON result with result.json byte for byte; a difference is printed as the first \
        differing line of each. It warns when the files at the original paths are gone or no longer \
        match the saved hashes (the replay uses the copies either way), and when the partner-match \
        or GLPK version differs from the one that saved the bundle. Exit codes: 0 identical; \
        4 the result differs; 65 the bundle is damaged or not a run bundle; 66 it cannot be read; \
        2, 3 and the other codes of the command when the replayed run fails before a result.
        """
    )

    /// The result differs from the saved one.
    static let differs = ExitCode(4)

    @Argument(help: "The run bundle directory written by --save-run.")
    var directory: String

    func run() throws {
        let bundle: RunBundle
        do {
            bundle = try RunBundle.open(directory)
        } catch {
            writeStandardError("error: \(error)\n")
            let readable = FileManager.default.isReadableFile(atPath: directory + "/" + RunBundle.inputsFile)
            throw readable ? ExitCode.dataError : ExitCode.noInput
        }
        for (input, change) in bundle.changedOriginals() {
            writeStandardError("warning: the \(input.role) file '\(input.absolutePath)' \(change) since the run was saved; replaying from the bundle's copy\n")
        }
        let settings = bundle.settings
        if settings.partnerMatchVersion != PartnerMatchVersion.string {
            writeStandardError("warning: saved by partner-match \(settings.partnerMatchVersion), replayed by \(PartnerMatchVersion.string)\n")
        }
        if settings.glpkVersion != GLPKSolver.version {
            writeStandardError("warning: saved with GLPK \(settings.glpkVersion), replayed with GLPK \(GLPKSolver.version)\n")
        }
        guard settings.command == "optimize" || settings.command == "scenarios" else {
            writeStandardError("error: this partner-match cannot replay '\(settings.command)' runs\n")
            throw ExitCode.dataError
        }
        guard let vendors = bundle.copy(of: "vendors"), let scenario = bundle.copy(of: "scenario") else {
            writeStandardError("error: \(RunBundle.inputsFile) lacks the vendors or scenario input\n")
            throw ExitCode.dataError
        }
        let arguments = settings.arguments + [vendors, "--scenario", scenario]
        let result: [UInt8]
        do {
            if settings.command == "optimize" {
                let command = try OptimizeCommand.parse(arguments)
                let timer = PhaseTimer(enabled: false)
                let inputs = try InputLoading.load(vendors: vendors, scenario: scenario, timer: timer)
                let (report, _) = try command.solve(inputs, timer: timer)
                result = Array(report.render(.json, terminal: .plain).utf8)
            } else {
                let command = try ScenariosCommand.parse(arguments + ["--quiet"])
                let inputs = try InputLoading.load(vendors: vendors, scenario: scenario)
                let budgets = try BudgetList.parse(command.budgets)
                let tolerance = try command.toleranceValue() ?? inputs.scenario.whatIf.tolerance ?? ScenariosCommand.defaultTolerance(budgets)
                let materiality = command.materiality ?? inputs.scenario.whatIf.materiality
                let (report, _) = try command.analyse(inputs, budgets: budgets, tolerance: tolerance, materiality: materiality,
                                                      chart: false, bar: ProgressBar(label: "", quiet: true))
                result = Array(report.render(.json, terminal: .plain).utf8)
            }
        } catch let error as ExitCode {
            throw error
        } catch {
            writeStandardError("error: \(RunBundle.settingsFile): \(PartnerMatchCommand.message(for: error))\n")
            throw ExitCode.dataError
        }
        guard case .success(let saved) = Self.read(bundle.path(RunBundle.resultFile)) else {
            writeStandardError("error: cannot read '\(bundle.path(RunBundle.resultFile))'\n")
            throw ExitCode.noInput
        }
        if result == saved {
            writeStandardOutput("identical: the replayed result matches \(bundle.path(RunBundle.resultFile)) (\(saved.count) bytes)\n")
            return
        }
        writeStandardOutput(Self.difference(saved: saved, replayed: result, name: bundle.path(RunBundle.resultFile)))
        throw Self.differs
    }

    static func read(_ path: String) -> Result<[UInt8], Error> {
        Result { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }
    }

    /// The first differing line of the saved and the replayed result.
    static func difference(saved: [UInt8], replayed: [UInt8], name: String) -> String {
        let a = String(decoding: saved, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let b = String(decoding: replayed, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        let old = line < a.count ? String(a[line]) : "(end of file)"
        let new = line < b.count ? String(b[line]) : "(end of file)"
        return """
        different: the replayed result differs from \(name) (\(saved.count) → \(replayed.count) bytes); first at line \(line + 1):
          saved:    \(old)
          replayed: \(new)

        """
    }
}

/// Writes a run bundle for a command that has just run (`--save-run DIR`).
enum RunRecording {
    /// Creates the bundle: copies and hashes of `inputs`, settings, the resolved scenario, the model
    /// (written by `exportModel` to the path it is given) and `result`. Exit code 73 on failure.
    static func save(to directory: String, command: String, arguments: [String], inputs: [(String, String)],
                     solver: [String: String], scenario: Scenario, result: String,
                     exportModel: (String) throws -> Void) throws {
        do {
            let settings = RunBundle.Settings(command: command, arguments: arguments, glpkVersion: GLPKSolver.version, solver: solver)
            let bundle = try RunBundle.create(at: directory, inputs: inputs.map { (role: $0.0, path: $0.1) }, settings: settings)
            try bundle.write(RunBundle.resolvedScenarioJSON(scenario), as: RunBundle.resolvedScenarioFile)
            do { try exportModel(bundle.path(RunBundle.modelFile)) } catch {
                throw RunBundleError("cannot write the model: \(error)")
            }
            try bundle.write(Array(result.utf8), as: RunBundle.resultFile)
            writeStandardError("saved the run in \(directory) (replay it with: partner-match replay \(directory))\n")
        } catch {
            writeStandardError("error: --save-run: \(error)\n")
            throw ExitCode.cannotCreate
        }
    }
}
