import ArgumentParser
import PartnerMatch
import PartnerMatchReports

/// How to read the vendor file when detection is not enough (datasets/README.md, "Files as they
/// arrive"): shared by every command that reads one, with `@OptionGroup var vendorFile: VendorFileOptions`.
struct VendorFileOptions: ParsableArguments {
    @Option(help: "The vendor file's text encoding: utf-8, utf-16le, utf-16be or windows-1252 (default: detected).")
    var encoding: String?

    @Option(help: "The vendor file's delimiter: ',', ';', tab or '|' (default: detected from the header line).")
    var delimiter: String?

    @Flag(name: .customLong("decimal-comma"), help: "Read ',' as the decimal mark in the vendor file (default: detected in ';'-separated files).")
    var decimalComma = false

    @Option(help: "The worksheet of an .xlsx vendor file to read (default: the first).")
    var sheet: String?

    @Option(name: .customLong("map"), help: ArgumentHelp("Read a header as a field: \"Header=field\" (field 'pass' keeps it as an extra column). Repeatable; wins over the scenario's [columns].", valueName: "HEADER=FIELD"))
    var map: [String] = []

    init() {}

    func validate() throws {
        if let encoding, TextEncoding(argument: encoding) == nil {
            throw ValidationError("--encoding: expected utf-8, utf-16le, utf-16be or windows-1252, found '\(encoding)'")
        }
        if let delimiter, VendorReadOptions.delimiter(argument: delimiter) == nil {
            throw ValidationError("--delimiter: expected ',', ';', tab or '|', found '\(delimiter)'")
        }
        for item in map where ColumnMapping.parse(argument: item) == nil {
            throw ValidationError("--map: expected \"Header=field\" with a field among \(ColumnMapping.fields.joined(separator: ", ")), found '\(item)'")
        }
    }

    /// These flags as given, for a run bundle (`replay` passes them again).
    var arguments: [String] {
        var list: [String] = []
        if let encoding { list += ["--encoding", encoding] }
        if let delimiter { list += ["--delimiter", delimiter] }
        if decimalComma { list.append("--decimal-comma") }
        if let sheet { list += ["--sheet", sheet] }
        for item in map { list += ["--map", item] }
        return list
    }

    /// The read options without any flag (an unparsed `VendorFileOptions` must not be read).
    static func defaults(scenario: Scenario?) -> VendorReadOptions {
        VendorReadOptions(columns: scenario?.columns ?? [], currency: scenario?.currency ?? "USD", fx: scenario.map(\.fx))
    }

    /// The read options: these flags over the scenario's currency, `[fx]` and `[columns]` (without a
    /// scenario, amounts are not converted).
    func readOptions(scenario: Scenario?) -> VendorReadOptions {
        VendorReadOptions(
            encoding: encoding.flatMap(TextEncoding.init(argument:)),
            delimiter: delimiter.flatMap(VendorReadOptions.delimiter(argument:)),
            decimalComma: decimalComma ? true : nil,
            sheet: sheet,
            columns: (scenario?.columns ?? []) + map.compactMap(ColumnMapping.parse(argument:)),
            currency: scenario?.currency ?? "USD",
            fx: scenario.map(\.fx))
    }
}
