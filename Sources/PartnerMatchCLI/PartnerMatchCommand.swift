import ArgumentParser
import Foundation
import PartnerMatch
import PartnerMatchReports

/// The process entry: signals that would kill the process mid-write are turned into write errors
/// (reported, with exit code 73 or 74 and no temporary file left), then the command runs.
@main
enum Entry {
    static func main() {
        // `ulimit -f` sends SIGXFSZ, a closed pipe SIGPIPE: both end the process before the write
        // can fail and be cleaned up. Ignored, the write returns EFBIG or EPIPE instead.
        signal(SIGXFSZ, SIG_IGN)
        signal(SIGPIPE, SIG_IGN)
        // Help, version and usage texts go through `print` (buffered): a failed flush at exit is 74 too.
        atexit {
            if fflush(nil) != 0 {
                let message = Array("error: cannot write to standard output: \(String(cString: strerror(errno)))\n".utf8)
                _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
                _exit(74)
            }
        }
        // A mistyped subcommand (`optimise`) gets a did-you-mean rather than "unexpected argument".
        if let message = Suggestions.unknownSubcommand(Array(CommandLine.arguments.dropFirst())) {
            writeStandardError(message)
            exit(ExitCode.validationFailure.rawValue)
        }
        let arguments = RobustnessOptions.rewritingOldSpelling(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try PartnerMatchCommand.parseAsRoot(arguments)
            try command.run()
        } catch {
            // Help and version go out as ArgumentParser prints them; a usage error gets the same
            // lower-case `error:` prefix as every message of partner-match's own.
            let code = PartnerMatchCommand.exitCode(for: error)
            guard code != .success else { PartnerMatchCommand.exit(withError: error) }
            let message = PartnerMatchCommand.fullMessage(for: error)
            if !message.isEmpty {
                writeStandardError((message.hasPrefix("Error: ") ? "error: " + message.dropFirst(7) : message) + "\n")
                if let hint = RobustnessOptions.oldSpellingHint(arguments) { writeStandardError(hint) }
            }
            exit(code.rawValue)
        }
    }
}

struct PartnerMatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partner-match",
        abstract: "Choose IT-outsourcing partners: score vendors, pick the optimal team, explore budgets.",
        discussion: """
        Exit codes: 0 success; 1 internal or solver failure; 2 infeasible scenario; \
        3 time limit reached without a team; 4 a replayed run differs from its bundle; 64 usage error; 65 bad input data; \
        66 an input file cannot be read; 73 an output file cannot be written; 74 standard output cannot be written.
        """,
        version: PartnerMatchVersion.string,
        subcommands: [
            ValidateCommand.self,
            GenerateCommand.self,
            ShortlistCommand.self,
            OptimizeCommand.self,
            ScenariosCommand.self,
            CompareCommand.self,
            BatchCommand.self,
            ExplainCommand.self,
            WeightsCommand.self,
            InitCommand.self,
            BenchCommand.self,
            SolveCommand.self,
            ReplayCommand.self,
            ReportCommand.self,
            ServeCommand.self,
        ]
    )
}
