/// A handle to a decision variable of a `Model`: a cheap, copyable index.
public struct Variable: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Position of the variable in `Model.variables`.
    public let index: Int

    public init(index: Int) { self.index = index }

    public static func < (a: Variable, b: Variable) -> Bool { a.index < b.index }
    public var description: String { "v\(index)" }
}

/// The domain of a variable.
public enum VariableKind: Sendable, Hashable {
    case continuous
    case integer
    /// An integer variable with bounds 0 and 1.
    case binary
}

/// A variable's declaration: name, kind and bounds (`-infinity` / `+infinity` for none).
public struct VariableDefinition: Sendable, Hashable {
    public var name: String
    public var kind: VariableKind
    public var lowerBound: Double
    public var upperBound: Double

    public init(name: String, kind: VariableKind, lowerBound: Double, upperBound: Double) {
        self.name = name
        self.kind = kind
        self.lowerBound = lowerBound
        self.upperBound = upperBound
    }

    public var isInteger: Bool { kind != .continuous }
}
