/// Why a model cannot be handed to a solver. Every case names the variable or constraint at fault.
public enum ModelError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidBound(variable: String, lower: Double, upper: Double)
    case nonFiniteCoefficient(location: String, variable: String, value: Double)
    case nonFiniteConstant(location: String, value: Double)
    case invalidConstraintBounds(constraint: String, lower: Double, upper: Double)
    case unknownVariable(location: String, index: Int, count: Int)
    case invalidName(kind: String, name: String, reason: String)
    case integerBoundsEmpty(variable: String, lower: Double, upper: Double)

    public var description: String {
        switch self {
        case let .invalidBound(variable, lower, upper):
            "variable '\(variable)': lower bound \(lower) is above upper bound \(upper) (or a bound is NaN, or both are the same infinity)"
        case let .nonFiniteCoefficient(location, variable, value):
            "\(location): coefficient of '\(variable)' must be finite, found \(value)"
        case let .nonFiniteConstant(location, value):
            "\(location): constant must be finite, found \(value)"
        case let .invalidConstraintBounds(constraint, lower, upper):
            "constraint '\(constraint)': lower bound \(lower) is above upper bound \(upper) (or a bound is NaN)"
        case let .unknownVariable(location, index, count):
            "\(location): unknown variable #\(index) (the model has \(count) variables; was it created by another model?)"
        case let .invalidName(kind, name, reason):
            "\(kind) name '\(name)': \(reason)"
        case let .integerBoundsEmpty(variable, lower, upper):
            "integer variable '\(variable)': no integer lies in [\(lower), \(upper)]"
        }
    }
}

extension Model {
    /// The longest name GLPK accepts for a row or column.
    public static let maximumNameLength = 255

    /// Checks everything a solver would trip on: NaN or infinite coefficients, empty bounds,
    /// variables from another model, names a solver cannot store. Throws the first problem found.
    /// - Complexity: O(variables + nonzeros).
    public func validate() throws(ModelError) {
        func checkName(_ kind: String, _ name: String) throws(ModelError) {
            if name.utf8.count > Model.maximumNameLength {
                throw .invalidName(kind: kind, name: String(name.prefix(40)) + "…", reason: "longer than \(Model.maximumNameLength) bytes")
            }
            if name.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
                throw .invalidName(kind: kind, name: name, reason: "contains a control character")
            }
        }
        for v in variables {
            try checkName("variable", v.name)
            let ok = !v.lowerBound.isNaN && !v.upperBound.isNaN && v.lowerBound <= v.upperBound
                && v.lowerBound != .infinity && v.upperBound != -.infinity
            guard ok else { throw .invalidBound(variable: v.name, lower: v.lowerBound, upper: v.upperBound) }
            if v.isInteger, v.lowerBound.rounded(.up) > v.upperBound.rounded(.down) {
                throw .integerBoundsEmpty(variable: v.name, lower: v.lowerBound, upper: v.upperBound)
            }
        }
        func checkTerms(_ expression: LinearExpression, _ location: String) throws(ModelError) {
            for term in expression.terms {
                guard term.variable.index >= 0, term.variable.index < variables.count else {
                    throw .unknownVariable(location: location, index: term.variable.index, count: variables.count)
                }
                guard term.coefficient.isFinite else {
                    throw .nonFiniteCoefficient(location: location, variable: variables[term.variable.index].name, value: term.coefficient)
                }
            }
        }
        try checkTerms(objective, "objective")
        guard objective.constant.isFinite else { throw .nonFiniteConstant(location: "objective", value: objective.constant) }
        for c in constraints {
            try checkName("constraint", c.name)
            try checkTerms(c.constraint.expression, "constraint '\(c.name)'")
            let l = c.constraint.lowerBound, u = c.constraint.upperBound
            guard !l.isNaN, !u.isNaN, l <= u, l != .infinity, u != -.infinity else {
                throw .invalidConstraintBounds(constraint: c.name, lower: l, upper: u)
            }
        }
    }

    /// The first way `values` violates the model by more than `tolerance` (scaled by magnitude),
    /// or `nil` when it is a feasible point: bounds, integrality, every constraint.
    public func violation(of values: [Double], tolerance: Double = 1e-6) -> String? {
        guard values.count == variables.count else {
            return "expected \(variables.count) values, found \(values.count)"
        }
        for (j, v) in variables.enumerated() {
            let x = values[j]
            guard x.isFinite else { return "variable '\(v.name)' is \(x)" }
            let slack = tolerance * max(1, abs(x))
            if x < v.lowerBound - slack || x > v.upperBound + slack {
                return "variable '\(v.name)' = \(x) is outside [\(v.lowerBound), \(v.upperBound)]"
            }
            if v.isInteger, abs(x - x.rounded()) > tolerance {
                return "integer variable '\(v.name)' = \(x) is fractional"
            }
        }
        for c in constraints {
            let activity = c.constraint.expression.value(at: values)
            let slack = tolerance * max(1, abs(activity))
            if activity < c.constraint.lowerBound - slack || activity > c.constraint.upperBound + slack {
                return "constraint '\(c.name)': activity \(activity) is outside [\(c.constraint.lowerBound), \(c.constraint.upperBound)]"
            }
        }
        return nil
    }
}
