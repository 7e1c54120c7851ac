import Foundation
import CGLPKShim
import Glibc
import LinearModel

/// Model file formats GLPK reads and writes.
public enum ModelFileFormat: String, Sendable, CaseIterable {
    /// Free-format MPS (names without spaces, fields separated by blanks).
    case freeMPS
    /// Fixed-format MPS (columns at fixed positions).
    case fixedMPS
    /// CPLEX LP, readable by people.
    case cplexLP

    /// `.mps` is read as free MPS, `.lp` as CPLEX LP.
    public init?(pathExtension path: String) {
        let lower = path.lowercased()
        if lower.hasSuffix(".mps") { self = .freeMPS } else if lower.hasSuffix(".lp") { self = .cplexLP } else { return nil }
    }
}

extension GLPKSolver {
    /// Reads a model file (format from the extension unless given).
    public func readModel(path: String, format: ModelFileFormat? = nil) throws(SolverError) -> Model {
        guard let format = format ?? ModelFileFormat(pathExtension: path) else {
            throw .readFailed(path: path, message: "unknown model format (expected a .mps or .lp file)")
        }
        // GLPK's MPS reader does not know the common OBJSENSE extension: read the sense here and
        // hand GLPK a copy with those lines blanked (so its line numbers in errors stay right).
        var sense: ObjectiveSense? = nil
        var source = path
        var copy: String? = nil
        defer { if let copy { unlink(copy) } }
        if format != .cplexLP, let text = GLPKSolver.readText(path), let split = MPSObjectiveSense.split(text) {
            sense = split.sense
            let temporary = GLPKSolver.temporaryPath(next: "/tmp/" + GLPKSolver.baseName(path) + ".mps")
            guard GLPKSolver.writeText(split.text, to: temporary) else {
                throw .readFailed(path: path, message: "cannot write a temporary copy in /tmp")
            }
            copy = temporary
            source = temporary
        }
        pm_log_reset()
        let problem = try GLPKProblem()
        var code: Int32 = 0
        try problem.call { p in
            switch format {
            case .freeMPS: pm_read_mps(p, GLP_MPS_FILE, source, &code)
            case .fixedMPS: pm_read_mps(p, GLP_MPS_DECK, source, &code)
            case .cplexLP: pm_read_lp(p, source, &code)
            }
        }
        guard code == 0 else {
            let message = GLPKProblem.lastLines(of: String(cString: pm_log_text()), count: 1)
            throw .readFailed(path: path, message: copy.map { message.replacingOccurrences(of: $0, with: path) } ?? message)
        }
        var model = try problem.extractModel(name: GLPKSolver.baseName(path))
        if let sense { model.sense = sense }
        return model
    }

    /// Writes `model` to `path` with its names; atomically (a temporary file renamed into place),
    /// so a failed write never leaves a partial file.
    public func writeModel(_ model: Model, path: String, format: ModelFileFormat? = nil) throws(SolverError) {
        guard let format = format ?? ModelFileFormat(pathExtension: path) else {
            throw .writeFailed(path: path, message: "unknown model format (expected a .mps or .lp file)")
        }
        do throws(ModelError) { try model.validate() } catch { throw .invalidModel(error) }
        pm_log_reset()
        let problem = try GLPKProblem()
        try problem.load(format == .cplexLP ? GLPKSolver.constantAsColumn(model) : model)
        // A device or pipe (e.g. /dev/stdout) is written in place: renaming over it would replace it.
        let temporary = GLPKSolver.isSpecialFile(path) ? path : GLPKSolver.temporaryPath(next: path)
        var code: Int32 = 0
        try problem.call { p in
            switch format {
            case .freeMPS: pm_write_mps(p, GLP_MPS_FILE, temporary, &code)
            case .fixedMPS: pm_write_mps(p, GLP_MPS_DECK, temporary, &code)
            case .cplexLP: pm_write_lp(p, temporary, &code)
            }
        }
        guard code == 0 else {
            if temporary != path { unlink(temporary) }
            throw .writeFailed(path: path, message: GLPKProblem.lastLines(of: String(cString: pm_log_text()), count: 1))
        }
        // GLPK's MPS writer drops the objective sense; add the OBJSENSE section readers expect.
        if format != .cplexLP, model.sense == .maximize {
            guard let text = GLPKSolver.readText(temporary), GLPKSolver.writeText(MPSObjectiveSense.insertMaximize(text), to: temporary) else {
                if temporary != path { unlink(temporary) }
                throw .writeFailed(path: path, message: "cannot add the OBJSENSE section")
            }
        }
        guard temporary == path || rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .writeFailed(path: path, message: reason)
        }
    }

    static func readText(_ path: String) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func writeText(_ text: String, to path: String) -> Bool {
        guard let file = fopen(path, "wb") else { return false }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        return fclose(file) == 0 && written == bytes.count
    }

    /// GLPK's CPLEX LP writer drops the objective's constant (it writes it as a comment only, and
    /// its reader accepts no constant): a nonzero one is written as the cost of a column
    /// `objective_constant` fixed at 1, so the file reads back to the same optimum.
    static func constantAsColumn(_ model: Model) -> Model {
        guard model.objective.constant != 0 else { return model }
        var model = model
        let one = model.addVariable("objective_constant", bounds: 1...1)
        model.objective.add(one, model.objective.constant)
        model.objective.constant = 0
        return model
    }

    static func baseName(_ path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return file.split(separator: ".").first.map(String.init) ?? file
    }

    /// Whether `path` exists and is not a regular file (a device, a pipe, a socket).
    static func isSpecialFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG
    }

    static func temporaryPath(next path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let file = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return "\(directory).\(file).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }
}

extension GLPKProblem {
    /// Copies the loaded problem out into a `Model`.
    func extractModel(name: String) throws(SolverError) -> Model {
        var m: Int32 = 0, n: Int32 = 0, nonzeros: Int32 = 0
        try call { pm_dimensions($0, &m, &n, &nonzeros) }
        let rows = Int(m), cols = Int(n), nz = Int(nonzeros)
        var direction: Int32 = 0, constant = 0.0
        var rowType = [Int32](repeating: 0, count: rows + 1), rowLower = [Double](repeating: 0, count: rows + 1), rowUpper = rowLower
        var rowName = [UnsafePointer<CChar>?](repeating: nil, count: rows + 1)
        var colType = [Int32](repeating: 0, count: cols + 1), colKind = colType
        var colLower = [Double](repeating: 0, count: cols + 1), colUpper = colLower, colObjective = colLower
        var colName = [UnsafePointer<CChar>?](repeating: nil, count: cols + 1)
        var ia = [Int32](repeating: 0, count: nz + 1), ja = ia, ar = [Double](repeating: 0, count: nz + 1)
        try call {
            pm_extract($0, &direction, &constant, &rowType, &rowLower, &rowUpper, &rowName,
                       &colType, &colKind, &colLower, &colUpper, &colObjective, &colName, &ia, &ja, &ar)
        }
        func bounds(_ type: Int32, _ lower: Double, _ upper: Double) -> (Double, Double) {
            switch type {
            case GLP_FR: (-.infinity, .infinity)
            case GLP_LO: (lower, .infinity)
            case GLP_UP: (-.infinity, upper)
            default: (lower, upper)
            }
        }
        var model = Model(name: name, sense: direction == GLP_MAX ? .maximize : .minimize)
        var variables: [Variable] = []
        for j in stride(from: 1, through: cols, by: 1) {
            let (lower, upper) = bounds(colType[j], colLower[j], colUpper[j])
            let kind: VariableKind = colKind[j] == GLP_BV ? .binary : colKind[j] == GLP_IV ? .integer : .continuous
            variables.append(model.addVariable(colName[j].map { String(cString: $0) } ?? "", kind: kind, lowerBound: lower, upperBound: upper))
        }
        var rowTerms = [[Term]](repeating: [], count: rows + 1)
        for k in stride(from: 1, through: nz, by: 1) {
            rowTerms[Int(ia[k])].append(Term(variables[Int(ja[k]) - 1], ar[k]))
        }
        for i in stride(from: 1, through: rows, by: 1) {
            let (lower, upper) = bounds(rowType[i], rowLower[i], rowUpper[i])
            model.addConstraint(LinearConstraint(LinearExpression(terms: rowTerms[i]), lowerBound: lower, upperBound: upper),
                                name: rowName[i].map { String(cString: $0) } ?? "")
        }
        model.objective = LinearExpression(
            terms: (0..<cols).compactMap { colObjective[$0 + 1] == 0 ? nil : Term(variables[$0], colObjective[$0 + 1]) },
            constant: constant)
        return model
    }
}

/// The `OBJSENSE` section of MPS files (`OBJSENSE` then `MAX` on the next line, or `OBJSENSE MAX`),
/// which many solvers write and read but GLPK 5.0 does not.
enum MPSObjectiveSense {
    /// The sense and the text with the section's lines replaced by comment lines, or `nil` when the
    /// file has no OBJSENSE section.
    static func split(_ text: String) -> (sense: ObjectiveSense, text: String)? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let k = lines.firstIndex(where: { $0.hasPrefix("OBJSENSE") }) else { return nil }
        var words = lines[k].split(separator: " ", omittingEmptySubsequences: true).dropFirst().map { $0.uppercased() }
        lines[k] = "*"
        if words.isEmpty, k + 1 < lines.count {
            words = lines[k + 1].split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.uppercased() }
            lines[k + 1] = "*"
        }
        let sense: ObjectiveSense = words.first.map { $0.hasPrefix("MAX") } == true ? .maximize : .minimize
        return (sense, lines.joined(separator: "\n"))
    }

    /// `text` with an `OBJSENSE MAX` section after its NAME line.
    static func insertMaximize(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let at = (lines.firstIndex { $0.hasPrefix("NAME") }).map { $0 + 1 } ?? 0
        lines.insert(contentsOf: ["OBJSENSE", "    MAX"], at: at)
        return lines.joined(separator: "\n")
    }
}
