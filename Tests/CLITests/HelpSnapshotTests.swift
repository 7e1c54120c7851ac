import Foundation
import Testing

/// Every command's `--help`, compared with a stored copy (Tests/CLITests/HelpSnapshots/<command>.txt),
/// in the manner of swift-argument-parser's own example tests (`AssertHelp`): a help text cannot
/// change without the change showing up in review. After a deliberate change, rewrite the copies with
/// `PARTNER_MATCH_RECORD_HELP=1 swift test --skip-build --filter HelpSnapshot` and read the diff.
@Suite("help snapshots")
struct HelpSnapshotTests {
    static let commands = ["", "validate", "generate", "shortlist", "optimize", "scenarios", "compare", "batch", "explain",
                           "init", "bench", "solve", "replay", "report", "weights", "serve"]

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("HelpSnapshots")

    static func file(_ command: String) -> URL {
        directory.appendingPathComponent((command.isEmpty ? "partner-match" : command) + ".txt")
    }

    @Test("Each command's help is the stored text", arguments: commands)
    func helpMatchesSnapshot(command: String) throws {
        // A fixed width: the help wraps to COLUMNS when standard output is not a terminal.
        let result = CLIRunner.run((command.isEmpty ? [] : [command]) + ["--help"], environment: ["COLUMNS": "100"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let url = Self.file(command)
        if ProcessInfo.processInfo.environment["PARTNER_MATCH_RECORD_HELP"] == "1" {
            try Data(result.stdout.utf8).write(to: url)
            return
        }
        let stored = try #require(try? String(contentsOf: url, encoding: .utf8),
                                  "no stored help at \(url.path); record it with PARTNER_MATCH_RECORD_HELP=1")
        #expect(result.stdout == stored, """
            help of '\(command.isEmpty ? "partner-match" : command)' differs from \(url.lastPathComponent).
            --- stored
            \(stored)
            --- actual
            \(result.stdout)
            """)
    }

    @Test("Every subcommand has a stored help text, and no stored text is left for a removed one")
    func everySubcommandHasASnapshot() throws {
        let top = CLIRunner.run(["--help"], environment: ["COLUMNS": "100"])
        let listed = top.stdout.components(separatedBy: "SUBCOMMANDS:").last?
            .split(separator: "\n").compactMap { line in line.firstMatch(of: /^  ([a-z]+)( |$)/).map { String($0.1) } } ?? []
        #expect(Set(listed) == Set(Self.commands.dropFirst()), "subcommands in --help: \(listed)")
        let stored = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".txt") }
        #expect(Set(stored) == Set(Self.commands.map { Self.file($0).lastPathComponent }))
    }
}
