import Foundation

/// The directory the tests write their files in: one per test process, removed when the process
/// exits, so a run leaves nothing behind in the temporary directory. Shared by the test targets.
public enum TestFiles {
    public static let directory: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("partner-match-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        scratchPath = url.path
        atexit { if let path = scratchPath { try? FileManager.default.removeItem(atPath: path) } }
        return url
    }()
}

nonisolated(unsafe) private var scratchPath: String?
