import Crypto
import Foundation

/// Vendor pools parsed once per file content and shared (`partner-match batch`, docs/BATCH.md).
///
/// The key is the SHA-256 of the file's bytes and every option that changes how they are read
/// (the scenario's currency, `[fx]` and `[columns]`, and the vendor-file flags): two jobs naming
/// the same bytes under any path share one parse, and jobs whose scenarios read the file
/// differently get their own. A pool being parsed is waited for, not parsed twice. At most
/// `capacity` pools are kept (least recently used first out), so memory is bounded by the pools,
/// never by the number of jobs. A file that fails to parse is cached too, with its diagnostics.
public final class PoolCache: @unchecked Sendable {
    struct Key: Hashable {
        var digest: [UInt8]
        var encoding: TextEncoding?
        var delimiter: UInt8?
        var decimalComma: Bool?
        var sheet: String?
        var columns: [ColumnMapping]
        var currency: String
        var fx: [String: Double]?

        init(digest: [UInt8], options o: VendorReadOptions) {
            (self.digest, encoding, delimiter, decimalComma, sheet, columns, currency, fx) =
                (digest, o.encoding, o.delimiter, o.decimalComma, o.sheet, o.columns, o.currency, o.fx)
        }
    }

    /// One pool: parsed by the first job that asks, waited for by the others.
    private final class Entry: @unchecked Sendable {
        let ready = NSCondition()
        var result: Result<VendorReadResult, InputError>?
        var lastUse = 0
    }

    public let capacity: Int
    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private var clock = 0
    private var parseCount = 0

    public init(capacity: Int = 8) { self.capacity = max(1, capacity) }

    /// How many times a vendor file was parsed (the rest were shared).
    public var parses: Int { lock.withLock { parseCount } }

    /// The pool read from `bytes` (named `source` in diagnostics and in the pool) with `options`.
    public func pool(bytes: [UInt8], source: String, options: VendorReadOptions) -> Result<VendorReadResult, InputError> {
        let key = Key(digest: Array(SHA256.hash(data: bytes)), options: options)
        let (entry, parser) = lock.withLock { () -> (Entry, Bool) in
            clock += 1
            if let entry = entries[key] {
                entry.lastUse = clock
                return (entry, false)
            }
            let entry = Entry()
            entry.lastUse = clock
            if entries.count >= capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
                entries[oldest] = nil
            }
            entries[key] = entry
            parseCount += 1
            return (entry, true)
        }
        if parser {
            let result: Result<VendorReadResult, InputError>
            do { result = .success(try VendorCSVReader.read(bytes: bytes, source: source, options: options)) } catch { result = .failure(error) }
            entry.ready.lock()
            entry.result = result
            entry.ready.broadcast()
            entry.ready.unlock()
            return result
        }
        entry.ready.lock()
        while entry.result == nil { entry.ready.wait() }
        let result = entry.result!
        entry.ready.unlock()
        return Self.renamed(result, to: source)
    }

    /// A shared result as if read from `source`: the pool's source and the diagnostics' file.
    static func renamed(_ result: Result<VendorReadResult, InputError>, to source: String) -> Result<VendorReadResult, InputError> {
        switch result {
        case .success(var read):
            let old = read.pool.source
            guard old != source else { return result }
            read.pool.source = source
            read.warnings = read.warnings.map { renamed($0, from: old, to: source) }
            return .success(read)
        case .failure(var error):
            // The first reader's name is in its diagnostics' locations; they point at the same bytes.
            if let old = error.diagnostics.compactMap(\.location?.file).first, old != source {
                error.diagnostics = error.diagnostics.map { renamed($0, from: old, to: source) }
            }
            return .failure(error)
        }
    }

    private static func renamed(_ d: Diagnostic, from old: String, to new: String) -> Diagnostic {
        var d = d
        if d.location?.file == old { d.location?.file = new }
        return d
    }
}
