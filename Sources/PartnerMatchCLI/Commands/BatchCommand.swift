import ArgumentParser
import Foundation
import PartnerMatch
import PartnerMatchReports

/// `partner-match batch JOBS.jsonl`: many jobs in one process (docs/BATCH.md).
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Run many optimize, shortlist, scenarios, explain and compare jobs from a JSON Lines file, one result line each.",
        discussion: """
        Each line of JOBS.jsonl is a job: {"id": …, "command": "optimize", "vendors": "pool.csv", \
        "scenario": "s.toml" or an inline JSON scenario (compare: an array), "args": ["--top", "5"]}. \
        Each output line is {"id", "exit_code", "result", "error"}: result is the JSON document the \
        single command prints with --format json (on one line), error {message, location, code} \
        or null; lines come out in input order, as they are done. Jobs run in parallel \
        (--threads); the output is the same bytes whatever the thread count. A vendor file is \
        parsed once per content and read options, and shared. A bad job (a malformed line, an \
        unknown command, a missing file, bad data, bad options, a --time-limit reached without a \
        team) is reported on its own line with the exit code the single command would end with, \
        and the batch goes on. Blank lines are skipped. Progress goes to standard error. Exit \
        codes: 0 every job was read and has its result line (look at each line's exit_code); \
        64 usage error; 66 the jobs file cannot be read; 74 standard output cannot be written.
        """
    )

    @Argument(help: ArgumentHelp("The jobs file (JSON Lines), or - for standard input.", valueName: "jobs.jsonl"))
    var jobs: String

    @Option(help: "Jobs run at once (default: the number of cores).")
    var threads: Int?

    @Flag(help: "No progress on standard error.")
    var quiet = false

    func validate() throws {
        if let threads, !(1...1024).contains(threads) {
            throw ValidationError("--threads must be between 1 and 1024, found \(threads)")
        }
    }

    func run() throws {
        let name = jobs == "-" ? "<stdin>" : jobs
        guard let stream = jobs == "-" ? fdopen(0, "r") : fopen(jobs, "r") else {
            writeStandardError("error: cannot read '\(jobs)': \(String(cString: strerror(errno)))\n")
            throw ExitCode.noInput
        }
        defer { fclose(stream) }
        let threads = self.threads ?? ProcessInfo.processInfo.activeProcessorCount
        let runner = BatchJobs(file: name, pools: PoolCache())
        let progress = BatchProgress(quiet: quiet)
        var out: [UInt8] = []
        var failure: Int32 = 0
        var lineNumber = 0
        var readError: Int32 = 0
        var buffer: UnsafeMutablePointer<CChar>? = nil
        var capacity = 0
        defer { free(buffer) }

        func flush() {
            guard !out.isEmpty else { return }
            if failure == 0 { failure = StandardStream.write(out, to: 1) }
            out.removeAll(keepingCapacity: true)
        }

        OrderedPipeline.run(threads: threads, window: 4 * threads, next: { () -> (Int, [UInt8])? in
            while failure == 0 {
                errno = 0
                let count = getline(&buffer, &capacity, stream)
                guard count >= 0, let buffer else {
                    if ferror(stream) != 0 { readError = errno }
                    return nil
                }
                lineNumber += 1
                var bytes = UnsafeRawBufferPointer(start: buffer, count: count).map { $0 }
                if bytes.last == 0x0A { bytes.removeLast() }
                if bytes.last == 0x0D { bytes.removeLast() }
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                return (lineNumber, bytes)
            }
            return nil
        }, work: { (line: (Int, [UInt8])) in
            runner.resultLine(line.1[...], line: line.0)
        }, emit: { result in
            out += result.line
            if out.count >= 1 << 16 { flush() }
            if progress.done(exitCode: result.exitCode) { flush() }
        })
        flush()
        progress.finish(pools: runner.pools.parses)
        if failure != 0 {
            writeStandardError("error: cannot write to standard output: \(String(cString: strerror(failure)))\n")
            throw ExitCode.outputFailed
        }
        if readError != 0 {
            writeStandardError("error: cannot read '\(jobs)' after line \(lineNumber): \(String(cString: strerror(readError)))\n")
            throw ExitCode.noInput
        }
    }
}

/// Progress on standard error: a line at most once a second, and a summary at the end.
final class BatchProgress {
    private let quiet: Bool
    private let start = DispatchTime.now().uptimeNanoseconds
    private var last = DispatchTime.now().uptimeNanoseconds
    private var count = 0, failed = 0

    init(quiet: Bool) { self.quiet = quiet }

    /// Counts one job; `true` when a progress line was written (the output is flushed with it).
    func done(exitCode: Int32) -> Bool {
        count += 1
        if exitCode != 0 { failed += 1 }
        let now = DispatchTime.now().uptimeNanoseconds
        guard !quiet, now - last >= 1_000_000_000 else { return false }
        last = now
        writeStandardError("batch: \(count) jobs done, \(failed) with a non-zero exit code, \(rate(now)) jobs/s\n")
        return true
    }

    func finish(pools: Int) {
        guard !quiet else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        writeStandardError("batch: \(count) jobs, \(failed) with a non-zero exit code, \(pools) vendor \(pools == 1 ? "file" : "files") parsed, \(rate(now)) jobs/s\n")
    }

    private func rate(_ now: UInt64) -> String {
        let seconds = Double(now - start) / 1e9
        return seconds > 0 ? fixed(Double(count) / seconds, 1) : "—"
    }
}
