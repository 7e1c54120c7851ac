import Dispatch
import Foundation

/// `body(0) … body(count − 1)`, on all cores when `parallel` (GLPK keeps its state per thread and
/// every solve is created, run and freed on one thread), with the results in index order whatever
/// the scheduling, so a parallel run returns exactly what a sequential one does. The first error
/// in index order is thrown. `progress` is called after each item with (done, total), from any thread.
func parallelMap<T: Sendable, E: Error>(
    count: Int, parallel: Bool, progress: (@Sendable (Int, Int) -> Void)? = nil,
    _ body: @escaping @Sendable (Int) throws(E) -> T
) throws(E) -> [T] {
    let slots = Slots<T, E>(count: count)
    let work: @Sendable (Int) -> Void = { k in
        let result: Result<T, E>
        do throws(E) { result = .success(try body(k)) } catch { result = .failure(error) }
        let done = slots.set(k, result)
        progress?(done, count)
    }
    if parallel, count > 1 {
        DispatchQueue.concurrentPerform(iterations: count, execute: work)
    } else {
        for k in 0..<count { work(k) }
    }
    return try slots.values()
}

/// Runs `first` and `second` at the same time (on two threads when there are cores for them) and
/// returns when both are done. They must not touch the same state.
func concurrently(_ first: () -> Void, _ second: () -> Void) {
    withoutActuallyEscaping(first) { first in
        withoutActuallyEscaping(second) { second in
            nonisolated(unsafe) let first = first, second = second
            DispatchQueue.concurrentPerform(iterations: 2) { $0 == 0 ? first() : second() }
        }
    }
}

/// Results written by index from several threads.
private final class Slots<T: Sendable, E: Error>: @unchecked Sendable {
    private var results: [Result<T, E>?]
    private var done = 0
    private let lock = NSLock()

    init(count: Int) { results = Array(repeating: nil, count: count) }

    /// Stores one result; returns how many are stored.
    func set(_ k: Int, _ result: Result<T, E>) -> Int {
        lock.lock(); defer { lock.unlock() }
        results[k] = result
        done += 1
        return done
    }

    func values() throws(E) -> [T] {
        lock.lock(); defer { lock.unlock() }
        var values: [T] = []
        values.reserveCapacity(results.count)
        for result in results { values.append(try result!.get()) }
        return values
    }
}
