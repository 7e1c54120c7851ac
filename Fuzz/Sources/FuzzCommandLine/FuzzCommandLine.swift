import FuzzDriver
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer entry point for the command line: the input is split at line feeds into the arguments
/// of one `partner-match` run (the binary named by `PM_BINARY`, built without instrumentation, so
/// this target mutates blindly rather than by coverage), started in a scratch directory holding a
/// vendor CSV, TOML and JSON scenarios, an LP model and a saved run bundle.
///
/// A finding (abort, so libFuzzer saves the input) is a run that ends by a signal other than this
/// harness's own time-out kill, or with an exit status partner-match does not document
/// (0–4, 64, 65, 66, 73, 74). Arguments that could name a path outside the scratch directory
/// (absolute, or with `..`) are skipped; files are limited to 64 MiB (`RLIMIT_FSIZE`) and runs to
/// 10 s; what a run writes is deleted after it.
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard !bytes.contains(0) else { return 0 }
    let arguments = bytes.split(separator: 0x0A, maxSplits: 15, omittingEmptySubsequences: true)
        .map { String(decoding: $0, as: UTF8.self) }
    guard !arguments.isEmpty, !arguments.contains(where: { $0.hasPrefix("/") || $0.contains("..") || $0.contains("=/") }) else { return 0 }
    let status = Harness.shared.run(arguments)
    Harness.shared.cleanUp()
    switch status {
    case .exited(let code) where [0, 1, 2, 3, 4, 64, 65, 66, 73, 74].contains(code): return 0
    case .timedOut: return 0
    case .exited(let code):
        report("partner-match \(arguments) exited \(code), not a documented exit code\n")
        abort()
    case .signalled(let signal):
        report("partner-match \(arguments) died of signal \(signal)\n")
        abort()
    }
}

/// Writes `text` to standard error.
func report(_ text: String) {
    _ = Array(text.utf8).withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

final class Harness: @unchecked Sendable {
    enum Status { case exited(Int32), signalled(Int32), timedOut }

    static let shared = Harness()
    let binary: String
    let directory: String
    /// A pristine copy of the scratch directory's seed files, and their sizes and times.
    let pristine: String
    private var seeds: [String: [Int]] = [:]

    init() {
        guard let binary = ProcessInfo.processInfo.environment["PM_BINARY"], access(binary, X_OK) == 0 else {
            report("FuzzCommandLine: set PM_BINARY to a built partner-match\n")
            exit(64)
        }
        self.binary = binary
        var template = Array("/tmp/pm-fuzz-cli-XXXXXX".utf8CString)
        precondition(template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) } != nil)
        directory = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let data = ProcessInfo.processInfo.environment["PM_DATASETS"] ?? "datasets"
        for (from, to) in [("vendors.csv", "vendors.csv"), ("scenario.toml", "scenario.toml"), ("scenario-tight-budget.toml", "tight.toml")] {
            _ = try? FileManager.default.copyItem(atPath: data + "/" + from, toPath: directory + "/" + to)
        }
        var limit = rlimit(rlim_cur: 64 << 20, rlim_max: 64 << 20)
        setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit)
        signal(SIGXFSZ, SIG_IGN)
        pristine = directory + ".seeds"
        _ = run(["optimize", "vendors.csv", "--scenario", "scenario.toml", "--export-model", "model.lp", "--save-run", "run"])
        _ = run(["init", "--out", "new.toml"])
        _ = run(["generate", "--vendors", "20", "--seed", "1", "--out", "small.csv"])
        try? FileManager.default.copyItem(atPath: directory, toPath: pristine)
        seeds = snapshot()
    }

    /// Every file and directory under the scratch directory with its size and modification time.
    func snapshot() -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        for path in FileManager.default.enumerator(atPath: directory)?.compactMap({ $0 as? String }) ?? [] {
            var status = stat()
            guard lstat(directory + "/" + path, &status) == 0 else { continue }
            result[path] = [Int(status.st_size), Int(status.st_mtim.tv_sec), Int(status.st_mtim.tv_nsec), Int(status.st_mode)]
        }
        return result
    }

    /// Runs the binary in the scratch directory, standard streams to /dev/null, at most 10 s.
    func run(_ arguments: [String]) -> Status {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // The shell changes to the scratch directory and execs the binary (same process, same status).
        let argv = (["/bin/sh", "-c", "cd -- \"$0\" && exec \"$@\"", directory, binary] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", &actions, nil, argv, environ) == 0 else { return .exited(0) }
        let deadline = Date().addingTimeInterval(10)
        var status: Int32 = 0
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                return .timedOut
            }
            usleep(2_000)
        }
        if status & 0x7F == 0 { return .exited((status >> 8) & 0xFF) }
        return .signalled(status & 0x7F)
    }

    /// Removes what the last run created and restores any seed it changed.
    func cleanUp() {
        let now = snapshot()
        guard now != seeds else { return }
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            try? FileManager.default.removeItem(atPath: directory + "/" + entry)
        }
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: pristine)) ?? [] {
            try? FileManager.default.copyItem(atPath: pristine + "/" + entry, toPath: directory + "/" + entry)
        }
        seeds = snapshot()
    }
}

@_cdecl("FuzzCommandLine_main")
public func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runLibFuzzer(argc, argv) { data, size in LLVMFuzzerTestOneInput(data, size) }
}
