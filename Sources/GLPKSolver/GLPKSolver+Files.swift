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
    /// Largest model file `readModel` reads (docs/LIMITS.md): GLPK needs several times a file's size
    /// in memory, and a device such as `/dev/zero` must not be read without end.
    public static let modelFileLimit = 256 << 20

    /// Reads a model file (format from the extension unless given). The file is read once, at most
    /// `modelFileLimit` bytes, into memory, and GLPK parses that copy: a pipe, `/dev/stdin` or a
    /// link to a device all work, and nothing is written to disk.
    public func readModel(path: String, format: ModelFileFormat? = nil) throws(SolverError) -> Model {
        guard let format = format ?? ModelFileFormat(pathExtension: path) else {
            throw .readFailed(path: path, message: "unknown model format (expected a .mps or .lp file)")
        }
        var bytes: [UInt8]
        switch MemoryFile.readBounded(path, limit: Self.modelFileLimit) {
        case .failure(let message): throw .readFailed(path: path, message: message)
        case .success(let read): bytes = read
        }
        // GLPK's MPS reader does not know the common OBJSENSE extension: read the sense here and
        // hand GLPK a copy with those lines blanked (so its line numbers in errors stay right).
        var sense: ObjectiveSense? = nil
        if format != .cplexLP, let split = MPSObjectiveSense.split(String(decoding: bytes, as: UTF8.self)) {
            sense = split.sense
            bytes = Array(split.text.utf8)
        }
        let copy = try MemoryFile(for: path)
        defer { copy.close() }
        guard copy.write(bytes) else { throw .readFailed(path: path, message: "cannot copy the model into memory") }
        pm_log_reset()
        let problem = try GLPKProblem()
        var code: Int32 = 0
        try problem.call { p in
            switch format {
            case .freeMPS: pm_read_mps(p, GLP_MPS_FILE, copy.path, &code)
            case .fixedMPS: pm_read_mps(p, GLP_MPS_DECK, copy.path, &code)
            case .cplexLP: pm_read_lp(p, copy.path, &code)
            }
        }
        guard code == 0 else {
            let message = GLPKProblem.lastLines(of: String(cString: pm_log_text()), count: 1)
            throw .readFailed(path: path, message: message.replacingOccurrences(of: copy.path, with: path))
        }
        var model = try problem.extractModel(name: GLPKSolver.baseName(path))
        if let sense { model.sense = sense }
        return model
    }

    /// The bytes of `model` as a model file, with its names: what `writeModel` writes. GLPK writes
    /// into memory, so a caller can write the bytes with every write checked (the command line
    /// uses `AtomicFileWriter`).
    public func modelFile(_ model: Model, format: ModelFileFormat) throws(SolverError) -> [UInt8] {
        do throws(ModelError) { try model.validate() } catch { throw .invalidModel(error) }
        pm_log_reset()
        let problem = try GLPKProblem()
        try problem.load(format == .cplexLP ? GLPKSolver.constantAsColumn(model) : model)
        let file = try MemoryFile(for: "the model")
        defer { file.close() }
        var code: Int32 = 0
        try problem.call { p in
            switch format {
            case .freeMPS: pm_write_mps(p, GLP_MPS_FILE, file.path, &code)
            case .fixedMPS: pm_write_mps(p, GLP_MPS_DECK, file.path, &code)
            case .cplexLP: pm_write_lp(p, file.path, &code)
            }
        }
        guard code == 0, let bytes = file.contents() else {
            throw .writeFailed(path: "the model", message: GLPKProblem.lastLines(of: String(cString: pm_log_text()), count: 1))
        }
        // GLPK's MPS writer drops the objective sense; add the OBJSENSE section readers expect.
        if format != .cplexLP, model.sense == .maximize {
            return Array(MPSObjectiveSense.insertMaximize(String(decoding: bytes, as: UTF8.self)).utf8)
        }
        return bytes
    }

    /// Writes `model` to `path` with its names (format from the extension unless given), through a
    /// temporary file renamed into place (in place for a device or pipe), every write checked.
    public func writeModel(_ model: Model, path: String, format: ModelFileFormat? = nil) throws(SolverError) {
        guard let format = format ?? ModelFileFormat(pathExtension: path) else {
            throw .writeFailed(path: path, message: "unknown model format (expected a .mps or .lp file)")
        }
        let bytes = try modelFile(model, format: format)
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: GLPKSolver.isSpecialFile(path) ? [] : .atomic)
        } catch {
            throw .writeFailed(path: path, message: (error as NSError).localizedDescription)
        }
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
}

/// An anonymous in-memory file that GLPK reads or writes by name (`/proc/self/fd/N`).
struct MemoryFile {
    let descriptor: Int32
    var path: String { "/proc/self/fd/\(descriptor)" }

    init(for name: String) throws(SolverError) {
        descriptor = pm_memory_file()
        guard descriptor >= 0 else { throw .readFailed(path: name, message: "cannot create an in-memory file: \(String(cString: strerror(errno)))") }
    }

    func close() { _ = Glibc.close(descriptor) }

    /// Writes all of `bytes` from offset 0.
    func write(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = pwrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset, off_t(offset))
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
    }

    /// The whole contents (what GLPK wrote through its own descriptor).
    func contents() -> [UInt8]? {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        let complete = bytes.withUnsafeMutableBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = pread(descriptor, buffer.baseAddress! + offset, buffer.count - offset, off_t(offset))
                if n < 0, errno == EINTR { continue }
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
        return complete ? bytes : nil
    }

    /// The file at `path` (links followed), at most `limit` bytes: a larger file, a device that
    /// never ends, or a directory is an error message.
    enum ReadOutcome { case success([UInt8]), failure(String) }

    static func readBounded(_ path: String, limit: Int) -> ReadOutcome {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(String(cString: strerror(errno))) }
        defer { _ = Glibc.close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { return .failure(String(cString: strerror(errno))) }
        if status.st_mode & S_IFMT == S_IFDIR { return .failure(String(cString: strerror(EISDIR))) }
        let tooLarge = "expected a model file of at most \(limit >> 20) MiB, found more"
        if status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) > limit { return .failure(tooLarge) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return .failure(String(cString: strerror(errno))) }
            if n == 0 { return .success(bytes) }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > limit { return .failure(tooLarge) }
        }
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
