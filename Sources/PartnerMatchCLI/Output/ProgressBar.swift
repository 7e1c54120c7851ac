import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A progress bar on standard error for long runs: drawn only when standard error is a terminal
/// (`isatty(2)`) and not `--quiet`, so pipes, files and CI logs never see it. Updates may come from
/// any thread; the bar redraws at most once per percent and clears its line when finished.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let enabled: Bool
    private let lock = NSLock()
    private var drawnPercent = -1
    private var drawn = false
    private var phase: String?

    /// - Parameters:
    ///   - label: what is being counted, e.g. "solving budgets".
    ///   - quiet: `--quiet` was given.
    init(label: String, quiet: Bool) {
        self.label = label
        enabled = !quiet && isatty(STDERR_FILENO) != 0
    }

    /// Reports `done` of `total` steps (thread-safe), under `label` when given (a phase's own count).
    func update(_ done: Int, of total: Int, label: String? = nil) {
        guard enabled, total > 0 else { return }
        lock.lock(); defer { lock.unlock() }
        let percent = min(100, done * 100 / total)
        guard percent != drawnPercent || label != phase else { return }
        phase = label
        drawnPercent = percent
        let label = label ?? self.label
        let width = 30
        let filled = percent * width / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        writeStandardError("\r\u{1B}[2K\(label) \(bar) \(done)/\(total)")
        drawn = true
    }

    /// Shows a phase without a count (e.g. "locating breakpoints…").
    func status(_ text: String) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        drawnPercent = -1
        writeStandardError("\r\u{1B}[2K\(text)")
        drawn = true
    }

    /// Clears the bar's line.
    func finish() {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        if drawn { writeStandardError("\r\u{1B}[2K") }
        drawn = false
        drawnPercent = -1
    }
}
