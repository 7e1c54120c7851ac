import Foundation
import GLPKSolver

/// Answers already computed, by request (`serve --cache N`, docs/SERVE.md "Answer cache and reuse").
///
/// A workbench session asks the same questions again and again: the page re-sends the scenario it
/// showed a moment ago when a slider comes back, and the same request gives the same bytes (the
/// output is deterministic). So the answer is kept under its endpoint and exact request body, and
/// given again without a solve. Kept are only answers that depend on their request alone:
/// - status 200 (a refusal or an error is cheap and may depend on the server's state);
/// - no solve of the process ended by its time limit while it was computed
///   (`GLPKSolver.clockDependentOutcomes` unchanged from before to after): a time-limited search
///   may end elsewhere on another run, so its answer is not the request's answer.
/// At most `capacity` answers and `byteLimit` bytes of requests and answers together are kept,
/// the least recently used leaving first.
final class AnswerCache: @unchecked Sendable {
    struct Key: Hashable {
        var endpoint: String
        var body: [UInt8]
    }

    private final class Entry {
        let answer: ServeAnswer
        let bytes: Int
        var lastUse: Int
        init(answer: ServeAnswer, bytes: Int, lastUse: Int) { (self.answer, self.bytes, self.lastUse) = (answer, bytes, lastUse) }
    }

    let capacity: Int
    let byteLimit: Int
    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private var clock = 0
    private var bytes = 0
    private var counts = (hits: 0, misses: 0, kept: 0)

    init(capacity: Int, byteLimit: Int = 64 << 20) {
        (self.capacity, self.byteLimit) = (max(0, capacity), byteLimit)
    }

    /// `{"hits": …, "misses": …, "kept": …}` for `/api/health`.
    var statistics: (hits: Int, misses: Int, kept: Int) { lock.withLock { (counts.hits, counts.misses, entries.count) } }

    /// The kept answer to `endpoint` with `body`, if there is one (asked before waiting for a worker:
    /// a kept answer needs none).
    func kept(_ endpoint: String, body: [UInt8]) -> ServeAnswer? {
        guard capacity > 0 else { return nil }
        return lock.withLock { lookUp(Key(endpoint: endpoint, body: body), countingMiss: false) }
    }

    /// The kept answer to `endpoint` with `body`, else `compute()`'s, kept when it may be.
    func answer(_ endpoint: String, body: [UInt8], compute: () -> ServeAnswer) -> ServeAnswer {
        guard capacity > 0 else { return compute() }
        let key = Key(endpoint: endpoint, body: body)
        if let kept = lock.withLock({ lookUp(key, countingMiss: true) }) { return kept }
        let before = GLPKSolver.clockDependentOutcomes
        let answer = compute()
        guard answer.status == 200, GLPKSolver.clockDependentOutcomes == before else { return answer }
        let size = endpoint.utf8.count + body.count + answer.body.count + answer.contentType.utf8.count
        guard size <= byteLimit else { return answer }
        lock.withLock {
            clock += 1
            if let old = entries[key] { bytes -= old.bytes }
            entries[key] = Entry(answer: answer, bytes: size, lastUse: clock)
            bytes += size
            // Least recently used out, until both bounds hold.
            while entries.count > capacity || bytes > byteLimit,
                  let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
                bytes -= oldest.value.bytes
                entries[oldest.key] = nil
            }
        }
        return answer
    }

    /// Called with the lock held.
    private func lookUp(_ key: Key, countingMiss: Bool) -> ServeAnswer? {
        clock += 1
        guard let entry = entries[key] else {
            if countingMiss { counts.misses += 1 }
            return nil
        }
        entry.lastUse = clock
        counts.hits += 1
        return entry.answer
    }
}
