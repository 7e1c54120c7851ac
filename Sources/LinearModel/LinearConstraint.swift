/// `lowerBound ≤ Σ terms ≤ upperBound`: a `≤`, `≥`, `=` or ranged constraint (infinite bounds are absent).
public struct LinearConstraint: Sendable {
    /// The left-hand side, without a constant (constants move into the bounds).
    public var expression: LinearExpression
    public var lowerBound: Double
    public var upperBound: Double

    /// `lower ≤ expression ≤ upper`; the expression's constant is moved into the bounds.
    public init(_ expression: some LinearExpressionConvertible, lowerBound: Double = -.infinity, upperBound: Double = .infinity) {
        var e = expression.linearExpression
        let c = e.constant
        e.constant = 0
        self.expression = e
        self.lowerBound = lowerBound - c
        self.upperBound = upperBound - c
    }

    /// A ranged constraint `range.lowerBound ≤ expression ≤ range.upperBound`.
    public init(_ expression: some LinearExpressionConvertible, in range: ClosedRange<Double>) {
        self.init(expression, lowerBound: range.lowerBound, upperBound: range.upperBound)
    }

    /// Which of the four shapes this is.
    public var sense: ConstraintSense {
        switch (lowerBound.isFinite, upperBound.isFinite) {
        case (false, false): .free
        case (true, false): .greaterThanOrEqual
        case (false, true): .lessThanOrEqual
        case (true, true): lowerBound == upperBound ? .equal : .ranged
        }
    }
}

public enum ConstraintSense: Sendable, Hashable {
    case lessThanOrEqual, greaterThanOrEqual, equal, ranged, free
}

public func <= (a: some LinearExpressionConvertible, b: some LinearExpressionConvertible) -> LinearConstraint {
    LinearConstraint(a - b, upperBound: 0)
}

public func >= (a: some LinearExpressionConvertible, b: some LinearExpressionConvertible) -> LinearConstraint {
    LinearConstraint(a - b, lowerBound: 0)
}

/// `a == b` as a constraint. (Comparing two `Variable`s with `==` still asks whether they are the same handle.)
public func == (a: LinearExpression, b: some LinearExpressionConvertible) -> LinearConstraint {
    LinearConstraint(a - b, lowerBound: 0, upperBound: 0)
}

public func == (a: Variable, b: Double) -> LinearConstraint {
    LinearConstraint(a - b, lowerBound: 0, upperBound: 0)
}
