/// Draws weight vectors for the robustness analysis (docs/ROBUSTNESS.md), by `[uncertainty] weights`:
/// - `none`: uniform on the simplex of all criteria (Dirichlet(1, …, 1), from the gaps of sorted uniforms);
/// - `ranking`: uniform on the part of the simplex that keeps the scenario's order of its positive
///   weights, ties equal. That part is itself a simplex whose vertices are "the first j groups equal,
///   the rest 0" (j = 1 … G), so a uniform point is a Dirichlet(1) mix of those vertices;
/// - `spread`: each positive weight times `1 + U(−s, s)`, renormalised.
/// Every vector sums to 1. Uses only `SeededGenerator.unit()`, additions, multiplications and
/// divisions, so a seed gives the same vectors on every machine.
public struct WeightSampler: Sendable {
    public let mode: Scenario.Uncertainty.WeightSampling
    /// The criteria count.
    let n: Int
    /// `ranking`: the vertices (each a full weight vector).
    let vertices: [[Double]]
    /// `spread`: the scenario's weights, normalised.
    let base: [Double]
    let spread: Double
    /// `ranking`: the groups of criteria (ordinals), most important first.
    public let groups: [[Int]]

    public init(weights: Scenario.Weights, uncertainty: Scenario.Uncertainty) {
        mode = uncertainty.weights
        n = Criterion.allCases.count
        base = weights.normalised
        spread = uncertainty.spread
        var groups: [[Int]] = []
        if case .order(let order) = weights.method {
            groups = order.map { $0.map(\.ordinal) }
        } else {
            // Positive weights, largest first; equal weights form a tie.
            let positive = Criterion.allCases.filter { weights[$0] > 0 }.sorted { weights[$0] > weights[$1] || (weights[$0] == weights[$1] && $0.ordinal < $1.ordinal) }
            for c in positive {
                if let last = groups.last, weights[Criterion.allCases[last[0]]] == weights[c] { groups[groups.count - 1].append(c.ordinal) }
                else { groups.append([c.ordinal]) }
            }
        }
        self.groups = groups
        var vertices: [[Double]] = []
        var members: [Int] = []
        for group in groups {
            members += group
            var v = [Double](repeating: 0, count: Criterion.allCases.count)
            for c in members { v[c] = 1 / Double(members.count) }
            vertices.append(v)
        }
        self.vertices = vertices
    }

    /// A weight vector inside the sampled region (uniform for `none`, equal on every ranked criterion
    /// for `ranking`, the scenario's for `spread`).
    public var center: [Double] {
        switch mode {
        case .none: return [Double](repeating: 1 / Double(n), count: n)
        case .ranking: return vertices.last ?? [Double](repeating: 0, count: n)
        case .spread: return base
        }
    }

    /// Whether `Σ_c w_c · δ_c ≥ 0` for every weight vector this sampler can draw. The sampled region
    /// is a polytope and the sum is linear in `w`, so its minimum is at a vertex: the unit vectors
    /// (`none`), the "first j groups equal" vertices (`ranking`), or each weight at the end of its
    /// interval that lowers the sum (`spread`). With δ = the lowest scores of w minus the highest of v,
    /// `true` means `u_w ≥ u_v` in every sample.
    public func nonNegative(_ delta: [Double]) -> Bool {
        switch mode {
        case .none:
            return delta.allSatisfy { $0 >= 0 }
        case .ranking:
            var sum = 0.0
            for group in groups {
                for c in group { sum += delta[c] }
                if sum < 0 { return false }
            }
            return true
        case .spread:
            var sum = 0.0
            for c in 0..<n where base[c] > 0 { sum += base[c] * (delta[c] >= 0 ? 1 - spread : 1 + spread) * delta[c] }
            return sum >= 0
        }
    }

    /// A point uniform on the (k−1)-simplex: the gaps of k−1 sorted uniforms.
    static func dirichlet(_ k: Int, _ g: inout SeededGenerator, into out: inout [Double]) {
        if k == 1 { out[0] = 1; return }
        var cuts = [Double](repeating: 0, count: k - 1)
        for i in 0..<(k - 1) { cuts[i] = g.unit() }
        cuts.sort()
        var previous = 0.0
        for i in 0..<(k - 1) {
            out[i] = cuts[i] - previous
            previous = cuts[i]
        }
        out[k - 1] = 1 - previous
    }

    /// Draws one weight vector into `w` (`n` entries, sum 1). `scratch` holds at least `n` entries.
    public func draw(_ g: inout SeededGenerator, into w: inout [Double], scratch: inout [Double]) {
        switch mode {
        case .none:
            Self.dirichlet(n, &g, into: &w)
        case .ranking:
            let k = vertices.count
            Self.dirichlet(k, &g, into: &scratch)
            for c in 0..<n { w[c] = 0 }
            for j in 0..<k {
                let l = scratch[j]
                let v = vertices[j]
                for c in 0..<n where v[c] != 0 { w[c] += l * v[c] }
            }
        case .spread:
            var sum = 0.0
            for c in 0..<n {
                let x = base[c] == 0 ? 0 : base[c] * (1 + spread * (2 * g.unit() - 1))
                w[c] = x
                sum += x
            }
            for c in 0..<n { w[c] /= sum }
        }
    }
}
