/// A vendor file and a scenario read together and checked against each other: what every analysis
/// command loads (the CLI prints the diagnostics; `batch` puts the first error on the job's line).
///
/// The scenario is parsed first: its currency, `[fx]` and `[columns]` tell how to read the vendor
/// file. Then the scenario's values are checked against the pool (`ScenarioPoolCheck`).
public struct InputSet: Sendable {
    public var pool: VendorPool?
    public var scenario: Scenario?
    /// Errors, in the order the CLI prints them: the vendor file's, the scenario's, then the checks.
    public var errors: [Diagnostic] = []
    public var warnings: [Diagnostic] = []
    /// "(more errors not shown)" and the like.
    public var notes: [String] = []

    /// - Parameters:
    ///   - scenario: the scenario's name in diagnostics and the parse's outcome.
    ///   - readOptions: how to read the vendor file given the scenario (`nil` when it failed).
    ///   - pools: a cache that shares pools parsed from the same bytes (`batch`), or `nil`.
    public init(vendors: (path: String, bytes: Result<[UInt8], InputError>),
                scenario: (path: String, parsed: Result<Scenario, InputError>),
                readOptions: (Scenario?) -> VendorReadOptions, pools: PoolCache? = nil) {
        var scenarioErrors: [Diagnostic] = []
        switch scenario.parsed {
        case .success(let parsed): self.scenario = parsed
        case .failure(let error):
            scenarioErrors = error.diagnostics
            if error.truncated { notes.append("(more scenario errors not shown)") }
        }
        let options = readOptions(self.scenario)
        let read: Result<VendorReadResult, InputError>
        switch vendors.bytes {
        case .failure(let error): read = .failure(error)
        case .success(let bytes):
            if let pools {
                read = pools.pool(bytes: bytes, source: vendors.path, options: options)
            } else {
                do { read = .success(try VendorCSVReader.read(bytes: bytes, source: vendors.path, options: options)) } catch { read = .failure(error) }
            }
        }
        switch read {
        case .success(let result):
            pool = result.pool
            warnings = result.warnings
            if result.omittedWarnings > 0 { notes.append("(\(result.omittedWarnings) more warnings not shown)") }
        case .failure(let error):
            errors += error.diagnostics
            if error.truncated { notes.append("(more errors not shown)") }
        }
        errors += scenarioErrors
        if let pool, let parsed = self.scenario {
            let checks = ScenarioPoolCheck.check(parsed, file: scenario.path, against: pool)
            errors += checks.filter { $0.severity == .error }
            warnings += checks.filter { $0.severity == .warning }
        }
    }

    /// Whether the pool and the scenario were read without an error.
    public var isUsable: Bool { pool != nil && scenario != nil && !errors.contains { $0.severity == .error } }

    /// 66 when an input cannot be read (`cannot_read`), else 65 (docs: exit codes).
    public var exitCode: Int32 { Self.exitCode(errors) }

    /// 66 when one of `diagnostics` is `cannot_read`, else 65.
    public static func exitCode(_ diagnostics: [Diagnostic]) -> Int32 { diagnostics.contains { $0.code == "cannot_read" } ? 66 : 65 }
}
