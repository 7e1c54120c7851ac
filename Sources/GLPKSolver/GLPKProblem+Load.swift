import CGLPKShim
import LinearModel

extension GLPKProblem {
    /// Loads a validated model in one guarded call (GLPK's 1-based arrays, canonical terms so no
    /// duplicate matrix entry reaches `glp_load_matrix`).
    func load(_ model: Model) throws(SolverError) {
        let m = model.constraints.count, n = model.variables.count
        let terms = model.constraints.map { $0.constraint.expression.canonical().terms }
        let nonzeros = terms.reduce(0) { $0 + $1.count }
        let c = CArrays()
        let rowType = c.array(Int32.self, m + 1), rowLower = c.array(Double.self, m + 1), rowUpper = c.array(Double.self, m + 1)
        let colType = c.array(Int32.self, n + 1), colKind = c.array(Int32.self, n + 1)
        let colLower = c.array(Double.self, n + 1), colUpper = c.array(Double.self, n + 1), colObjective = c.array(Double.self, n + 1)
        let ia = c.array(Int32.self, nonzeros + 1), ja = c.array(Int32.self, nonzeros + 1), ar = c.array(Double.self, nonzeros + 1)
        let rowName = c.array(UnsafePointer<CChar>?.self, m + 1), colName = c.array(UnsafePointer<CChar>?.self, n + 1)

        var k = 1
        var smallest = Double.infinity, largest = 0.0
        for (i, definition) in model.constraints.enumerated() {
            (rowType[i + 1], rowLower[i + 1], rowUpper[i + 1]) =
                GLPKProblem.boundType(definition.constraint.lowerBound, definition.constraint.upperBound)
            rowName[i + 1] = c.string(definition.name)
            for term in terms[i] {
                ia[k] = Int32(i + 1)
                ja[k] = Int32(term.variable.index + 1)
                ar[k] = term.coefficient
                let magnitude = abs(term.coefficient)
                if magnitude > 0 { (smallest, largest) = (min(smallest, magnitude), max(largest, magnitude)) }
                k += 1
            }
        }
        for (j, v) in model.variables.enumerated() {
            // glp_intopt rejects an integer column with a fractional bound (GLP_EBOUND): round inwards.
            // A binary keeps bounds tighter than 0…1 (a fixed selection): the shim sets them after the kind.
            var (lower, upper) = v.isInteger ? (v.lowerBound.rounded(.up), v.upperBound.rounded(.down)) : (v.lowerBound, v.upperBound)
            if v.kind == .binary { (lower, upper) = (max(0, lower), min(1, upper)) }
            (colType[j + 1], colLower[j + 1], colUpper[j + 1]) = GLPKProblem.boundType(lower, upper)
            colKind[j + 1] = switch v.kind {
            case .continuous: Int32(GLP_CV)
            case .integer: Int32(GLP_IV)
            case .binary: Int32(GLP_BV)
            }
            colName[j + 1] = c.string(v.name)
        }
        for term in model.objective.canonical().terms { colObjective[term.variable.index + 1] = term.coefficient }

        var description = pm_model(
            name: c.string(model.name), direction: model.sense == .minimize ? GLP_MIN : GLP_MAX,
            objective_constant: model.objective.constant, rows: Int32(m), cols: Int32(n),
            row_type: rowType.baseAddress, row_lb: rowLower.baseAddress, row_ub: rowUpper.baseAddress,
            row_name: rowName.baseAddress, col_type: colType.baseAddress, col_kind: colKind.baseAddress,
            col_lb: colLower.baseAddress, col_ub: colUpper.baseAddress, col_obj: colObjective.baseAddress,
            col_name: colName.baseAddress, nonzeros: Int32(nonzeros),
            scale: smallest >= GLPKProblem.scalableRange.lowerBound && largest <= GLPKProblem.scalableRange.upperBound ? 1 : 0,
            ia: ia.baseAddress, ja: ja.baseAddress, ar: ar.baseAddress)
        try withExtendedLifetime(c) { () throws(SolverError) in
            try call { pm_load($0, &description) }
        }
    }

    /// GLPK's bound type for `lower ≤ · ≤ upper` (infinite meaning absent).
    /// Matrix coefficients within which the model is scaled when loaded (docs/SOLVER.md): beyond
    /// them a scale factor could underflow, which GLPK treats as a fatal error.
    static let scalableRange = 1e-100...1e100

    static func boundType(_ lower: Double, _ upper: Double) -> (Int32, Double, Double) {
        switch (lower.isFinite, upper.isFinite) {
        case (false, false): (Int32(GLP_FR), 0, 0)
        case (true, false): (Int32(GLP_LO), lower, 0)
        case (false, true): (Int32(GLP_UP), 0, upper)
        case (true, true): (lower == upper ? Int32(GLP_FX) : Int32(GLP_DB), lower, upper)
        }
    }
}

/// Zero-filled C arrays and C strings that live as long as this object: what GLPK's bulk calls read.
final class CArrays {
    private var releases: [() -> Void] = []

    func array<T>(_ type: T.Type, _ count: Int) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, count) * MemoryLayout<T>.stride,
                                                            alignment: MemoryLayout<T>.alignment)
        buffer.initializeMemory(as: UInt8.self, repeating: 0)
        releases.append { buffer.deallocate() }
        return buffer.bindMemory(to: T.self).extracting(0..<count)
    }

    func string(_ text: String) -> UnsafePointer<CChar> {
        let utf8 = Array(text.utf8CString)
        let buffer = array(CChar.self, utf8.count)
        _ = buffer.initialize(from: utf8)
        return UnsafePointer(buffer.baseAddress!)
    }

    deinit { for release in releases { release() } }
}
