import ArgumentParser
import PartnerMatchReports

/// A `--format` value: its help text is made here, once, from the cases, and `text` (the old name of
/// `table` in `validate` and `solve`) is still read as `table` without being offered in the help.
protocol FormatChoice: RawRepresentable<String>, ExpressibleByArgument, CaseIterable, Sendable {}

extension FormatChoice {
    public init?(argument: String) {
        self.init(rawValue: argument == "text" ? "table" : argument)
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }

    /// "Output format: table, csv, json or markdown."
    static var help: ArgumentHelp {
        let names = allValueStrings
        let list = names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + names.last! : names.joined()
        return ArgumentHelp("Output format: \(list).", valueName: "format")
    }
}

extension OutputFormat: FormatChoice {}
extension ReportFormat: FormatChoice {}
