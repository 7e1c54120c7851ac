/// One `coefficient · variable` term.
public struct Term: Sendable, Hashable {
    public var variable: Variable
    public var coefficient: Double

    public init(_ variable: Variable, _ coefficient: Double) {
        self.variable = variable
        self.coefficient = coefficient
    }
}

/// `Σ coefficient · variable + constant`. Terms may repeat a variable until `canonical()` merges them.
///
/// Build expressions with operators (`2 * x + y - 3`) or, for large sums, append terms directly:
/// `expression.add(x, 2)` is amortised O(1).
public struct LinearExpression: Sendable {
    public var terms: [Term]
    public var constant: Double

    public init(terms: [Term] = [], constant: Double = 0) {
        self.terms = terms
        self.constant = constant
    }

    public init(_ variable: Variable) { self.init(terms: [Term(variable, 1)]) }
    public init(_ constant: Double) { self.init(constant: constant) }

    /// Appends `coefficient · variable`.
    public mutating func add(_ variable: Variable, _ coefficient: Double) {
        terms.append(Term(variable, coefficient))
    }

    /// The same expression with one term per variable, sorted by variable, zero coefficients dropped.
    /// - Complexity: O(n log n) in the number of terms.
    public func canonical() -> LinearExpression {
        guard terms.count > 1 || terms.contains(where: { $0.coefficient == 0 }) else { return self }
        let sorted = terms.sorted { $0.variable < $1.variable }
        var merged: [Term] = []
        merged.reserveCapacity(sorted.count)
        for term in sorted {
            if let last = merged.last, last.variable == term.variable {
                merged[merged.count - 1].coefficient += term.coefficient
            } else {
                merged.append(term)
            }
        }
        return LinearExpression(terms: merged.filter { $0.coefficient != 0 }, constant: constant)
    }

    /// The value of the expression at `values` (indexed by `Variable.index`).
    public func value(at values: [Double]) -> Double {
        terms.reduce(constant) { $0 + $1.coefficient * values[$1.variable.index] }
    }
}

/// Anything that reads as a linear expression: a variable, a number, an expression.
public protocol LinearExpressionConvertible {
    var linearExpression: LinearExpression { get }
}

extension LinearExpression: LinearExpressionConvertible {
    public var linearExpression: LinearExpression { self }
}

extension Variable: LinearExpressionConvertible {
    public var linearExpression: LinearExpression { LinearExpression(self) }
}

extension Double: LinearExpressionConvertible {
    public var linearExpression: LinearExpression { LinearExpression(self) }
}

extension Int: LinearExpressionConvertible {
    public var linearExpression: LinearExpression { LinearExpression(Double(self)) }
}

// MARK: - Arithmetic

public func + (a: some LinearExpressionConvertible, b: some LinearExpressionConvertible) -> LinearExpression {
    var result = a.linearExpression
    let other = b.linearExpression
    result.terms.append(contentsOf: other.terms)
    result.constant += other.constant
    return result
}

public prefix func - (a: some LinearExpressionConvertible) -> LinearExpression {
    let e = a.linearExpression
    return LinearExpression(terms: e.terms.map { Term($0.variable, -$0.coefficient) }, constant: -e.constant)
}

public func - (a: some LinearExpressionConvertible, b: some LinearExpressionConvertible) -> LinearExpression {
    a + (-b)
}

public func * (k: Double, a: some LinearExpressionConvertible) -> LinearExpression {
    let e = a.linearExpression
    return LinearExpression(terms: e.terms.map { Term($0.variable, k * $0.coefficient) }, constant: k * e.constant)
}

public func * (a: some LinearExpressionConvertible, k: Double) -> LinearExpression { k * a }

public func += (a: inout LinearExpression, b: some LinearExpressionConvertible) { a = a + b }
public func -= (a: inout LinearExpression, b: some LinearExpressionConvertible) { a = a - b }

extension Sequence where Element: LinearExpressionConvertible {
    /// The sum of the expressions, in one pass.
    public func sum() -> LinearExpression {
        var result = LinearExpression()
        for element in self {
            let e = element.linearExpression
            result.terms.append(contentsOf: e.terms)
            result.constant += e.constant
        }
        return result
    }
}
