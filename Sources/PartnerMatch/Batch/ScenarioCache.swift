import Crypto
import Foundation

/// Scenario files parsed once per path and content, and shared by the jobs of a batch (docs/BATCH.md).
///
/// TOMLKit, which reads TOML scenarios, never frees a parsed document (about 11 KB a file; its C API
/// has no function to, upstream LebJe/TOMLKit#26). A batch that parsed its scenario file for every job
/// therefore grew with the jobs; with this cache it grows with the distinct scenario files only. The key
/// is the path (it names the file in diagnostics) and the SHA-256 of the bytes, so a file changed
/// between jobs is parsed again. At most `capacity` results are kept, least recently used first out;
/// a file that fails to parse is kept too, with its diagnostics. The callers of one cache parse with
/// the same input limits (a batch does), which are therefore not part of the key.
public final class ScenarioCache: @unchecked Sendable {
    private struct Key: Hashable {
        var path: String
        var digest: [UInt8]
    }

    public let capacity: Int
    private let lock = NSLock()
    private var entries: [Key: (result: Result<Scenario, InputError>, lastUse: Int)] = [:]
    private var clock = 0
    private var parseCount = 0

    public init(capacity: Int = 64) { self.capacity = max(1, capacity) }

    /// How many times a scenario was parsed (the rest were shared).
    public var parses: Int { lock.withLock { parseCount } }

    /// The scenario `parse` reads from `bytes` (the file at `path`), parsed only when these bytes at
    /// this path are not in the cache. Two jobs asking at once may both parse; both get equal results.
    public func scenario(bytes: [UInt8], path: String, parse: () -> Result<Scenario, InputError>) -> Result<Scenario, InputError> {
        let key = Key(path: path, digest: Array(SHA256.hash(data: bytes)))
        let cached = lock.withLock { () -> Result<Scenario, InputError>? in
            clock += 1
            guard let entry = entries[key] else { return nil }
            entries[key]?.lastUse = clock
            return entry.result
        }
        if let cached { return cached }
        let result = parse()
        lock.withLock {
            parseCount += 1
            if entries[key] == nil, entries.count >= capacity,
               let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
                entries[oldest] = nil
            }
            clock += 1
            entries[key] = (result, clock)
        }
        return result
    }
}
