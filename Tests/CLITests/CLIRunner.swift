import Foundation
import Testing

/// Runs the built `partner-match` binary, for tests of the command line as a user sees it.
///
/// The binary sits in the build products directory, next to the test bundle (Linux: next to the
/// `…PackageTests.xctest` executable; macOS: next to the `.xctest` bundle). The CLITests target depends
/// on the executable target, so `swift test` builds it first.
enum CLIRunner {
    struct Output: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The places the binary may be, most likely first.
    static var candidates: [URL] {
        var directories: [URL] = []
        let bundle = Bundle.main.bundleURL
        directories.append(bundle)
        directories.append(bundle.deletingLastPathComponent())
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        if let argument = CommandLine.arguments.first {
            directories.append(URL(fileURLWithPath: argument).deletingLastPathComponent())
        }
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        return directories.map { $0.appendingPathComponent("partner-match") }
    }

    /// The binary, or `nil` (with the places looked at) when it cannot be found.
    static func binary() -> Result<URL, BinaryNotFound> {
        let manager = FileManager.default
        if let found = candidates.first(where: { manager.isExecutableFile(atPath: $0.path) }) {
            return .success(found)
        }
        return .failure(BinaryNotFound(searched: candidates.map(\.path)))
    }

    struct BinaryNotFound: Error, CustomStringConvertible {
        var searched: [String]
        var description: String {
            "partner-match binary not found; looked in: " + searched.joined(separator: ", ")
                + " (build it with `swift build` before `swift test`)"
        }
    }

    /// Runs `partner-match` with `arguments`; the test fails (not skips) when the binary is missing.
    static func run(_ arguments: [String], environment: [String: String] = [:],
                    sourceLocation: SourceLocation = #_sourceLocation) -> (status: Int32, stdout: String, stderr: String) {
        switch binary() {
        case .failure(let error):
            Issue.record(Comment(rawValue: error.description), sourceLocation: sourceLocation)
            return (-1, "", error.description)
        case .success(let url):
            do {
                let output = try run(url, arguments, environment: environment)
                return (output.status, output.stdout, output.stderr)
            } catch {
                Issue.record(error, sourceLocation: sourceLocation)
                return (-1, "", "\(error)")
            }
        }
    }

    /// Runs a process, collecting its output through temporary files (no pipe can fill and block).
    static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:]) throws -> Output {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("partner-match-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("stdout")
        let errURL = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Output(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}
