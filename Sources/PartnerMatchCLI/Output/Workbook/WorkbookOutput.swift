import PartnerMatchReports
import ArgumentParser
import Foundation
import PartnerMatch

/// `--format xlsx --out F.xlsx` of `shortlist`, `optimize`, `scenarios` and `compare`: the command's
/// JSON output as a workbook (`JSONWorkbook`), written atomically to `--out` after everything was
/// computed, so a failed run leaves no file.
enum WorkbookOutput {
    /// Checks the options before any input is read: `--out` is given exactly with `--format xlsx`, and
    /// names a `.xlsx` file.
    static func validate(format: OutputFormat, out: String?) throws {
        if format == .xlsx {
            guard let out else { throw ValidationError("--format xlsx writes a workbook file: add --out FILE.xlsx") }
            guard out.lowercased().hasSuffix(".xlsx") else { throw ValidationError("--out must name a .xlsx file, found '\(out)'") }
        } else if out != nil {
            throw ValidationError("--out is for --format xlsx; other formats go to standard output")
        }
    }

    /// Writes the workbook for `json` (the command's `--format json` output) to `path`.
    static func write(json: String, to path: String) throws {
        let bytes: Data
        do {
            bytes = try JSONWorkbook.workbook(json: json).data()
        } catch {
            writeStandardError("error: cannot make the workbook: \(error)\n")
            throw ExitCode.failure
        }
        do {
            try AtomicFileWriter.write(Array(bytes), to: path)
        } catch {
            writeStandardError("error: \(error)\n")
            throw ExitCode.cannotCreate
        }
    }
}
