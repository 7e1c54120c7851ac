import PartnerMatch
import PartnerMatchReports

/// "Did you mean …?" for a mistyped subcommand (`Spelling.closest`, the command line's nearest match).
enum Suggestions {
    /// The subcommand names `partner-match` knows (with ArgumentParser's own `help`).
    static var subcommandNames: [String] {
        PartnerMatchCommand.configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
    }

    /// When the first argument looks like a mistyped subcommand, the message to print (exit 64).
    static func unknownSubcommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let names = subcommandNames
        guard !names.contains(first) else { return nil }
        var message = "error: unknown command '\(HumanText.inline(first))'"
        if let suggestion = Spelling.closest(to: first, among: names) {
            message += "; did you mean '\(suggestion)'? (partner-match \(suggestion) --help)"
        } else {
            message += "; the commands are \(names.dropLast().joined(separator: ", ")) (partner-match --help)"
        }
        return message + "\n"
    }
}
