import ArgumentParser
import Foundation
import GLPKSolver
import PartnerMatch
import PartnerMatchReports

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
            let when = change.hasPrefix("is not a regular file") ? "" : " since the run was saved"
            writeStandardError("warning: the \(input.role) file '\(input.absolutePath)' \(change)\(when); replaying from the bundle's copy\n")
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
        guard let vendors = bundle.copy(of: "vendors"), let scenario = bundle.copy(of: "scenario"),
              let vendorBytes = bundle.copies["vendors"], let scenarioBytes = bundle.copies["scenario"] else {
            writeStandardError("error: \(RunBundle.inputsFile) lacks the vendors or scenario input\n")
            throw ExitCode.dataError
        }
        if let problem = settings.unacceptedArgument() {
            writeStandardError("error: \(bundle.path(RunBundle.settingsFile)): \(problem); replay accepts only the options listed in docs/RUN-BUNDLES.md\n")
            throw ExitCode.dataError
        }
        let arguments = settings.arguments + [vendors, "--scenario", scenario]
        let result: [UInt8]
        do {
            let timer = PhaseTimer(enabled: false)
            func load(_ vendorFile: VendorFileOptions) throws -> InputLoading.Inputs {
                try InputLoading.load(vendors: (vendors, .success(vendorBytes)), scenario: (scenario, .success(scenarioBytes)),
                                      vendorFile: vendorFile, timer: timer)
            }
            if settings.command == "optimize" {
                let command = try OptimizeCommand.parse(arguments)
                guard command.exportModel == nil, command.saveRun == nil else { throw ExitCode.dataError }
                let (report, _) = try command.solve(try load(command.vendorFile), timer: timer)
                result = Array(report.render(.json, terminal: .plain).utf8)
            } else {
                let command = try ScenariosCommand.parse(arguments + ["--quiet"])
                guard command.plot == nil, command.saveRun == nil else { throw ExitCode.dataError }
                let inputs = try load(command.vendorFile)
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
        let saved: [UInt8]
        switch RunBundle.readBundleFile(bundle.path(RunBundle.resultFile), limit: RunBundle.metadataLimit) {
        case .success(let bytes): saved = bytes
        case .failure(let error):
            writeStandardError("error: \(error)\n")
            throw ExitCode.noInput
        }
        if result == saved {
            try writeStandardOutput("identical: the replayed result matches \(bundle.path(RunBundle.resultFile)) (\(saved.count) bytes)\n")
            return
        }
        try writeStandardOutput(Self.difference(saved: saved, replayed: result, name: bundle.path(RunBundle.resultFile)))
        throw ExitCode.replayDiffers
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
    /// Creates the bundle: copies and hashes of the bytes the command read (`inputs`), settings, the
    /// resolved scenario, the model (written by `exportModel` to the path it is given) and `result`,
    /// all in a temporary directory renamed to `directory` last. Exit code 73 on failure.
    static func save(to directory: String, command: String, arguments: [String], paths: (vendors: String, scenario: String),
                     inputs: InputLoading.Inputs, solver: [String: String], result: String,
                     exportModel: (String) throws -> Void) throws {
        do {
            let settings = RunBundle.Settings(command: command, arguments: arguments, glpkVersion: GLPKSolver.version, solver: solver)
            let bundle = try RunBundle.create(at: directory, inputs: [("vendors", paths.vendors, inputs.vendorBytes),
                                                                      ("scenario", paths.scenario, inputs.scenarioBytes)],
                                              settings: settings)
            do {
                try bundle.write(RunBundle.resolvedScenarioJSON(inputs.scenario), as: RunBundle.resolvedScenarioFile)
                do { try exportModel(bundle.path(RunBundle.modelFile)) } catch {
                    throw RunBundleError("cannot write the model: \(error)")
                }
                try bundle.write(Array(result.utf8), as: RunBundle.resultFile)
                try bundle.commit()
            } catch {
                bundle.discard()
                throw error
            }
            writeStandardError("saved the run in \(directory) (replay it with: partner-match replay \(directory))\n")
        } catch {
            writeStandardError("error: --save-run: \(error)\n")
            throw ExitCode.cannotCreate
        }
    }
}
