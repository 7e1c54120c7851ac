import Dispatch
import Foundation

/// Runs `work` on each input in parallel and hands the outputs to `emit` in input order, as they
/// become available (`partner-match batch`).
///
/// At most `threads` inputs are worked on at once and at most `window` are in flight (taken but
/// not yet emitted), so memory is bounded by the window, never by the number of inputs. `next`
/// and `emit` are called on the calling thread only; `work` on others. The outputs, and their
/// order, do not depend on `threads`.
public enum OrderedPipeline {
    public static func run<Input: Sendable, Output: Sendable>(
        threads: Int, window: Int, next: () -> Input?,
        work: @escaping @Sendable (Input) -> Output, emit: (Output) -> Void
    ) {
        let threads = max(1, threads)
        let window = max(threads, window)
        let state = State<Output>()
        let slots = DispatchSemaphore(value: threads)
        let queue = DispatchQueue(label: "partner-match.batch", qos: .userInitiated, attributes: .concurrent)
        var submitted = 0, emitted = 0

        /// Emits the outputs ready in input order, waiting for the next one while `waiting()` holds.
        func drain(waiting: () -> Bool) {
            while emitted < submitted {
                let ready: Output? = state.take(emitted, wait: waiting())
                guard let output = ready else { return }
                emit(output)
                emitted += 1
            }
        }

        while true {
            drain { submitted - emitted >= window }
            guard let input = next() else { break }
            slots.wait()
            let k = submitted
            submitted += 1
            queue.async {
                let output = work(input)
                state.put(k, output)
                slots.signal()
            }
            drain { false }
        }
        drain { true }
    }

    private final class State<Output: Sendable>: @unchecked Sendable {
        private let condition = NSCondition()
        private var done: [Int: Output] = [:]

        func put(_ k: Int, _ output: Output) {
            condition.lock()
            done[k] = output
            condition.broadcast()
            condition.unlock()
        }

        /// Output `k`, waiting for it when `wait`, else `nil` when it is not ready.
        func take(_ k: Int, wait: Bool) -> Output? {
            condition.lock()
            defer { condition.unlock() }
            while done[k] == nil {
                guard wait else { return nil }
                condition.wait()
            }
            return done.removeValue(forKey: k)
        }
    }
}
