/// A place in an input file: 1-based line and column (column in characters; `nil` for a whole line).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int?

    public init(file: String, line: Int, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column` (or `file:line`), the way compilers print it.
    public var description: String {
        column.map { "\(file):\(line):\($0)" } ?? "\(file):\(line)"
    }
}

/// One problem found in an input, printed like a compiler diagnostic:
/// `vendors.csv:12:7: expected a number for 'capacity_fte', found 'ten'`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable { case error, warning }

    public var severity: Severity
    public var location: SourceLocation?
    /// A stable machine-readable code, e.g. `not_a_number`, `duplicate_id`.
    public var code: String
    /// What was expected and what was found.
    public var message: String

    public init(_ severity: Severity = .error, at location: SourceLocation?, code: String, _ message: String) {
        self.severity = severity
        self.location = location
        self.code = code
        self.message = message
    }

    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        return severity == .warning ? "\(prefix)warning: \(message)" : "\(prefix)\(message)"
    }
}

/// Thrown when an input has errors: every error found (up to a cap), and the warnings seen so far.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    /// Whether more errors were found than `diagnostics` holds.
    public var truncated: Bool

    public init(_ diagnostics: [Diagnostic], truncated: Bool = false) {
        self.diagnostics = diagnostics
        self.truncated = truncated
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n") + (truncated ? "\n(more errors not shown)" : "")
    }
}
