import ArgumentParser
import PartnerMatch

/// The vendor file a command reads: the `<vendors>` argument and how to read the file
/// (`VendorFileOptions`). Declared once; `validate` and `compare`, whose scenarios differ, use it
/// alone, and every other command through `InputOptions`.
struct VendorInput: ParsableArguments {
    @Argument(help: ArgumentHelp("The vendor file: CSV (or ';', tab or '|' separated; UTF-8, UTF-16 or Windows-1252) or an .xlsx workbook.",
                                 valueName: "vendors"))
    var vendors: String

    @OptionGroup var vendorFile: VendorFileOptions

    init() {}
}

/// The inputs of `shortlist`, `optimize`, `scenarios`, `explain` and `report`: a vendor file and one
/// scenario file, pulled in with `@OptionGroup var input: InputOptions`.
struct InputOptions: ParsableArguments {
    @OptionGroup var vendorInput: VendorInput

    @Option(help: "The scenario file (TOML, or JSON with a .json extension).")
    var scenario: String

    init() {}

    var vendors: String { vendorInput.vendors }
    var vendorFile: VendorFileOptions { vendorInput.vendorFile }
}
