/// Minimise or maximise.
public enum ObjectiveSense: Sendable, Hashable {
    case minimize, maximize
}

/// A named constraint of a model.
public struct ConstraintDefinition: Sendable {
    public var name: String
    public var constraint: LinearConstraint
}

/// A handle to a constraint of a `Model`.
public struct ConstraintReference: Hashable, Comparable, Sendable {
    public let index: Int
    public init(index: Int) { self.index = index }
    public static func < (a: Self, b: Self) -> Bool { a.index < b.index }
}

/// A linear or mixed-integer program: variables, constraints, an objective. Knows no solver.
///
/// ```swift
/// var model = Model(name: "knapsack", sense: .maximize)
/// let x = model.addVariable("x", kind: .binary)
/// let y = model.addVariable("y", kind: .integer, bounds: 0...10)
/// model.addConstraint(3 * x + 2 * y <= 12, name: "capacity")
/// model.objective = 5 * x + 2 * y
/// ```
public struct Model: Sendable {
    public var name: String
    public var sense: ObjectiveSense
    public var objective = LinearExpression()
    public private(set) var variables: [VariableDefinition] = []
    public private(set) var constraints: [ConstraintDefinition] = []

    public init(name: String = "model", sense: ObjectiveSense = .minimize) {
        self.name = name
        self.sense = sense
    }

    /// Whether any variable is integer or binary.
    public var isMixedInteger: Bool { variables.contains { $0.isInteger } }

    /// Adds a variable. Binary variables get bounds 0...1 whatever `lowerBound`/`upperBound` say.
    /// An empty name becomes `x<index+1>`.
    @discardableResult
    public mutating func addVariable(
        _ name: String = "", kind: VariableKind = .continuous,
        lowerBound: Double = 0, upperBound: Double = .infinity
    ) -> Variable {
        let index = variables.count
        let (lower, upper) = kind == .binary ? (0.0, 1.0) : (lowerBound, upperBound)
        variables.append(VariableDefinition(name: name.isEmpty ? "x\(index + 1)" : name, kind: kind, lowerBound: lower, upperBound: upper))
        return Variable(index: index)
    }

    @discardableResult
    public mutating func addVariable(_ name: String = "", kind: VariableKind = .continuous, bounds: ClosedRange<Double>) -> Variable {
        addVariable(name, kind: kind, lowerBound: bounds.lowerBound, upperBound: bounds.upperBound)
    }

    /// Adds a constraint. An empty name becomes `c<index+1>`.
    @discardableResult
    public mutating func addConstraint(_ constraint: LinearConstraint, name: String = "") -> ConstraintReference {
        let index = constraints.count
        constraints.append(ConstraintDefinition(name: name.isEmpty ? "c\(index + 1)" : name, constraint: constraint))
        return ConstraintReference(index: index)
    }

    /// Changes a variable's bounds.
    public mutating func setBounds(_ variable: Variable, lowerBound: Double, upperBound: Double) {
        variables[variable.index].lowerBound = lowerBound
        variables[variable.index].upperBound = upperBound
    }

    /// Changes a constraint's bounds.
    public mutating func setBounds(_ constraint: ConstraintReference, lowerBound: Double, upperBound: Double) {
        constraints[constraint.index].constraint.lowerBound = lowerBound
        constraints[constraint.index].constraint.upperBound = upperBound
    }

    public func variable(named name: String) -> Variable? {
        variables.firstIndex { $0.name == name }.map(Variable.init(index:))
    }

    public func constraint(named name: String) -> ConstraintReference? {
        constraints.firstIndex { $0.name == name }.map(ConstraintReference.init(index:))
    }

    /// The continuous relaxation (every integer variable made continuous, bounds kept).
    public func relaxed() -> Model {
        var relaxed = self
        for j in relaxed.variables.indices where relaxed.variables[j].isInteger {
            relaxed.variables[j].kind = .continuous
        }
        return relaxed
    }
}
