/// TOPSIS (Hwang & Yoon, 1981): rank alternatives by closeness to the ideal solution.
///
/// Vector normalisation `r_ij = x_ij / √(Σ_i x_ij²)`, weighting `v_ij = w_j · r_ij` (weights scaled to
/// sum 1), ideal and anti-ideal per column (max/min for benefit columns, min/max for cost columns),
/// Euclidean distances `S⁺`, `S⁻`, closeness `C = S⁻ / (S⁺ + S⁻)`. A column of zeros (or with zero
/// weight) contributes nothing; an all-equal column has ideal = anti-ideal and adds 0 to both
/// distances; `C` is 0.5 when both distances are 0. No division by zero, so no NaN.
public enum TOPSIS {
    /// The result for every alternative.
    public struct Result: Sendable, Equatable {
        /// Distance to the ideal, `S⁺`.
        public var distanceToIdeal: [Double]
        /// Distance to the anti-ideal, `S⁻`.
        public var distanceToAntiIdeal: [Double]
        /// `C = S⁻ / (S⁺ + S⁻)`, in [0, 1].
        public var closeness: [Double]
    }

    /// Evaluates a decision matrix given column by column.
    /// - Parameters:
    ///   - columns: one array per criterion, all of the same length (the alternatives).
    ///   - weights: one weight ≥ 0 per criterion.
    ///   - isBenefit: per criterion, `true` when larger is better, `false` for a cost criterion.
    /// - Complexity: O(m · n) for m alternatives and n criteria.
    public static func evaluate(columns: [[Double]], weights: [Double], isBenefit: [Bool]) -> Result {
        precondition(columns.count == weights.count && weights.count == isBenefit.count)
        let m = columns.first?.count ?? 0
        let weightSum = weights.reduce(0, +)
        var plus = [Double](repeating: 0, count: m)
        var minus = [Double](repeating: 0, count: m)
        for (j, column) in columns.enumerated() {
            precondition(column.count == m)
            let norm = column.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0, weightSum > 0, weights[j] > 0 else { continue }
            let scale = weights[j] / weightSum / norm
            var lo = Double.infinity, hi = -Double.infinity
            for x in column { lo = min(lo, x); hi = max(hi, x) }
            let ideal = (isBenefit[j] ? hi : lo) * scale
            let antiIdeal = (isBenefit[j] ? lo : hi) * scale
            for i in 0..<m {
                let v = column[i] * scale
                plus[i] += (v - ideal) * (v - ideal)
                minus[i] += (v - antiIdeal) * (v - antiIdeal)
            }
        }
        var closeness = [Double](repeating: 0.5, count: m)
        for i in 0..<m {
            plus[i] = plus[i].squareRoot()
            minus[i] = minus[i].squareRoot()
            let total = plus[i] + minus[i]
            if total > 0 { closeness[i] = minus[i] / total }
        }
        return Result(distanceToIdeal: plus, distanceToAntiIdeal: minus, closeness: closeness)
    }

    /// The raw decision matrix of docs/MODEL.md for the eligible vendors of `scored`: each criterion's
    /// raw column and direction (`CriterionDefinition.raw`, `topsisIsBenefit`), with the scenario's weights.
    public static func evaluate(_ scored: ScoredPool) -> Result {
        let criteria = Criterion.allCases
        return evaluate(
            columns: criteria.map { $0.rawValues(of: scored.eligible, in: scored.criterionContext) },
            weights: criteria.map { scored.scenario.weights[$0] },
            isBenefit: criteria.map { $0.definition.topsisIsBenefit }
        )
    }
}
