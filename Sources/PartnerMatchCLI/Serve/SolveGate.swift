import Foundation

/// The bounded queue of `serve`'s computations: `workers` threads of its own run them, at most
/// `capacity` are admitted at once (running or waiting), and one more is refused (the API answers
/// 503) instead of queueing without end.
///
/// Why threads of its own. GLPK keeps its environment per OS thread in this build (Debian's libglpk 5.0
/// uses thread-local storage: `readelf -l` shows a TLS segment and the library imports
/// `__tls_get_addr`), and `GLPKSolver` creates, solves and frees each problem on the calling thread
/// (docs/SOLVER.md, "Threads"), so independent solves may run at once on different threads — the
/// "Concurrent solves" suite checks 400 of them on 4 threads against brute force. A solve is
/// synchronous and may take seconds: run on Swift's cooperative pool it would stall the HTTP server's
/// tasks, so it runs here, on a long-lived thread, and the request's task waits for it without
/// blocking. Safety does not depend on GLPK's thread model beyond the above: one solve never leaves
/// its worker thread.
final class SolveGate: @unchecked Sendable {
    let workers: Int
    let capacity: Int
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var admitted = 0

    init(workers: Int, queueLength: Int) {
        self.workers = max(1, workers)
        self.capacity = self.workers + max(0, queueLength)
        for n in 0..<self.workers {
            let thread = Thread { [unowned self] in self.work() }
            thread.name = "partner-match solve \(n + 1)"
            thread.stackSize = 16 << 20   // as deep as the main thread's, for the solver's recursion
            thread.start()
        }
    }

    /// Runs `job` on a worker thread and returns its result, or `nil` at once when the queue is full.
    func run<T: Sendable>(_ job: @escaping @Sendable () -> T) async -> T? {
        guard admit() else { return nil }
        return await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
            enqueue {
                let value = job()
                // The place is given back before the answer goes out: a client that asks again as soon
                // as it has its answer must find it free.
                self.release()
                continuation.resume(returning: value)
            }
        }
    }

    private func admit() -> Bool {
        condition.withLock {
            guard admitted < capacity else { return false }
            admitted += 1
            return true
        }
    }

    private func enqueue(_ job: @escaping @Sendable () -> Void) {
        condition.withLock {
            jobs.append(job)
            condition.signal()
        }
    }

    /// Computations admitted and not yet finished.
    var load: Int { condition.withLock { admitted } }

    private func work() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }

    private func release() { condition.withLock { admitted -= 1 } }
}
