import PartnerMatch
import PartnerMatchReports

/// "Did you mean …?" for words the user typed: a subcommand name, a vendor id.
enum Suggestions {
    /// The candidate closest to `typed`: one equal ignoring case first, else the nearest by edit
    /// distance when it is close (at most one edit in four characters, at least one), else `nil`.
    static func closest(to typed: String, among candidates: some Sequence<String>) -> String? {
        let lowered = typed.lowercased()
        var best: (name: String, distance: Int)? = nil
        for candidate in candidates {
            if candidate.lowercased() == lowered { return candidate }
            let distance = editDistance(lowered, candidate.lowercased())
            if distance <= max(1, typed.count / 4), distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// Levenshtein distance (insertions, deletions and substitutions each cost 1).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

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
        if let suggestion = closest(to: first, among: names) {
            message += "; did you mean '\(suggestion)'? (partner-match \(suggestion) --help)"
        } else {
            message += "; the commands are \(names.dropLast().joined(separator: ", ")) (partner-match --help)"
        }
        return message + "\n"
    }
}
