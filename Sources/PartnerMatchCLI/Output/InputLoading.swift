import ArgumentParser
import Foundation
import PartnerMatch
import PartnerMatchReports

/// Reads the inputs every analysis command needs — a vendor CSV and a scenario file — printing
/// diagnostics to standard error like a compiler (`file:line:column: message`).
///
/// Both files are read even when the first has errors, so one run shows every problem. Exit codes:
/// 66 (`ExitCode.noInput`) when a file cannot be read (diagnostic code `cannot_read`), 65
/// (`ExitCode.dataError`) for any other error. Warnings are printed and do not stop the command.
enum InputLoading {
    struct Inputs: Sendable {
        var pool: VendorPool
        var scenario: Scenario
        var warnings: [Diagnostic]
        /// The bytes read, once, from each file: what `--save-run` copies into the bundle.
        var vendorBytes: [UInt8] = []
        var scenarioBytes: [UInt8] = []
    }

    /// Reads `vendorsPath` and `scenarioPath` (each once, whole, within docs/LIMITS.md), or prints
    /// every diagnostic and throws the exit code.
    static func load(vendors vendorsPath: String, scenario scenarioPath: String,
                     vendorFile: VendorFileOptions? = nil, timer: PhaseTimer? = nil) throws -> Inputs {
        let limits = InputLimits.default
        let vendorBytes = InputFile.read(path: vendorsPath, limit: limits.vendorFileBytes)
        let scenarioBytes = InputFile.read(path: scenarioPath, limit: limits.scenarioFileBytes, noun: "scenario file")
        return try load(vendors: (vendorsPath, vendorBytes), scenario: (scenarioPath, scenarioBytes), vendorFile: vendorFile, timer: timer)
    }

    /// Parses bytes already read (or the errors met reading them): the vendor file and the
    /// scenario, each named by its path in diagnostics. The scenario is parsed first: its
    /// currency, `[fx]` and `[columns]` tell how to read the vendor file. Then the scenario's values
    /// are checked against the pool (`ScenarioPoolCheck`).
    static func load(vendors: (path: String, bytes: Result<[UInt8], InputError>),
                     scenario: (path: String, bytes: Result<[UInt8], InputError>),
                     vendorFile: VendorFileOptions? = nil, timer: PhaseTimer? = nil) throws -> Inputs {
        let outcome = collect(vendors: vendors, scenario: scenario, vendorFile: vendorFile, timer: timer)
        report(outcome.diagnostics, notes: outcome.notes)
        if let inputs = outcome.inputs { return inputs }
        throw exitCode(for: outcome.diagnostics)
    }

    /// What `load` reads, without printing: the inputs when there is no error, and every diagnostic
    /// (errors, then warnings) with the notes. `serve` answers them to a request instead of printing them.
    static func collect(vendors: (path: String, bytes: Result<[UInt8], InputError>),
                        scenario: (path: String, bytes: Result<[UInt8], InputError>),
                        vendorFile: VendorFileOptions? = nil, timer: PhaseTimer? = nil, pools: PoolCache? = nil)
        -> (inputs: Inputs?, diagnostics: [Diagnostic], notes: [String]) {
        let parsed: Result<Scenario, InputError>
        do throws(InputError) {
            parsed = .success(try ScenarioReader.read(bytes: try scenario.bytes.get(), path: scenario.path))
        } catch {
            parsed = .failure(error)
        }
        timer?.lap("read scenario")
        let set = InputSet(vendors: vendors, scenario: (scenario.path, parsed),
                           readOptions: { vendorFile?.readOptions(scenario: $0) ?? VendorFileOptions.defaults(scenario: $0) },
                           pools: pools)
        timer?.lap("read vendors")
        let diagnostics = set.errors + set.warnings
        if set.isUsable, let pool = set.pool, let parsed = set.scenario,
           case .success(let v) = vendors.bytes, case .success(let s) = scenario.bytes {
            return (Inputs(pool: pool, scenario: parsed, warnings: set.warnings, vendorBytes: v, scenarioBytes: s), diagnostics, set.notes)
        }
        return (nil, diagnostics, set.notes)
    }

    /// Reads a scenario file alone (for commands that need no vendors).
    static func loadScenario(_ path: String) throws -> Scenario {
        do {
            return try ScenarioReader.read(path: path)
        } catch {
            report(error.diagnostics, notes: error.truncated ? ["(more scenario errors not shown)"] : [])
            throw exitCode(for: error.diagnostics)
        }
    }

    /// Prints diagnostics to standard error, one a line.
    static func report(_ diagnostics: [Diagnostic], notes: [String]) {
        guard !diagnostics.isEmpty || !notes.isEmpty else { return }
        var text = ""
        for diagnostic in diagnostics {
            // Located diagnostics read `file:line:col: message`; others get an `error:` prefix.
            let prefix = diagnostic.severity == .error && diagnostic.location == nil ? "error: " : ""
            // A key or value quoted from the file may hold terminal escapes or line breaks: shown visibly.
            text += HumanText.inline(prefix + diagnostic.description) + "\n"
        }
        for note in notes { text += note + "\n" }
        writeStandardError(text)
    }

    /// 66 when any input cannot be read, else 65.
    static func exitCode(for diagnostics: [Diagnostic]) -> ExitCode {
        diagnostics.contains { $0.code == "cannot_read" } ? .noInput : .dataError
    }
}

/// Phase durations printed to standard error with `--timings` (wall clock, milliseconds).
final class PhaseTimer: @unchecked Sendable {
    private var last = DispatchTime.now().uptimeNanoseconds
    private let start = DispatchTime.now().uptimeNanoseconds
    private let enabled: Bool

    init(enabled: Bool) { self.enabled = enabled }

    /// Prints the time since the previous lap, labelled.
    func lap(_ label: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        writeStandardError("timing: \(label): \(fixed(Double(now - last) / 1e6, 1)) ms\n")
        last = now
    }

    /// Prints the total since creation.
    func total() {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        writeStandardError("timing: total: \(fixed(Double(now - start) / 1e6, 1)) ms\n")
    }
}
