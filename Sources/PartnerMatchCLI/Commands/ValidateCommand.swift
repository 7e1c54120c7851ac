import ArgumentParser
import Foundation
import PartnerMatch

/// `partner-match validate VENDORS.csv`: every problem in a vendor CSV, then a summary of the pool.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a vendor CSV: report every problem, then summarise the pool.",
        discussion: """
        Diagnostics (errors and warnings) go to standard error as `file:line:column: message`; the \
        summary goes to standard output. With --format json, one JSON document with the diagnostics \
        and the summary goes to standard output. Exit codes: 0 no errors (warnings allowed); \
        65 the file has errors; 66 the file cannot be read.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The vendor CSV file to check.")
    var vendors: String

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        let outcome: Result<VendorReadResult, InputError>
        do {
            outcome = .success(try VendorCSVReader.read(path: vendors))
        } catch {
            outcome = .failure(error)
        }
        let report = ValidationReport(file: vendors, outcome: outcome)
        switch format {
        case .text: report.printText()
        case .json: try report.printJSON()
        }
        if report.cannotRead { throw ExitCode.noInput }
        if report.errorCount > 0 { throw ExitCode.dataError }
    }
}

/// What `validate` prints, in both formats.
struct ValidationReport {
    var file: String
    var diagnostics: [Diagnostic]
    var truncated = false
    var omittedWarnings = 0
    var summary: VendorPoolSummary?

    init(file: String, outcome: Result<VendorReadResult, InputError>) {
        self.file = file
        switch outcome {
        case .success(let result):
            diagnostics = result.warnings
            omittedWarnings = result.omittedWarnings
            summary = VendorPoolSummary(result.pool)
        case .failure(let error):
            diagnostics = error.diagnostics
            truncated = error.truncated
        }
    }

    var cannotRead: Bool { diagnostics.contains { $0.code == "cannot_read" } }
    var errorCount: Int { diagnostics.count { $0.severity == .error } }
    var warningCount: Int { diagnostics.count { $0.severity == .warning } + omittedWarnings }

    func printText() {
        var notes: [String] = []
        if truncated { notes.append("(more errors not shown)") }
        if omittedWarnings > 0 { notes.append("(\(omittedWarnings) more warnings not shown)") }
        if !cannotRead, summary == nil {
            notes.append("\(file): \(Self.plural(errorCount, "error"))\(truncated ? " or more" : ""), "
                + "\(Self.plural(warningCount, "warning"))")
        }
        // The same rendering as every other command's input diagnostics.
        InputLoading.report(diagnostics, notes: notes)
        guard let summary else { return }

        var lines = ["\(file): \(Self.plural(summary.vendors, "vendor")), 0 errors, \(Self.plural(warningCount, "warning"))"]
        func row(_ label: String, _ text: String) {
            lines.append("  " + label.padding(toLength: 16, withPad: " ", startingAt: 0) + text)
        }
        func counts(_ list: [VendorPoolSummary.Count], top: Int = 10) -> String {
            var text = "\(list.count)"
            if !list.isEmpty {
                text += ": " + list.prefix(top).map { "\($0.value) \($0.vendors)" }.joined(separator: ", ")
                if list.count > top { text += ", … (\(list.count - top) more)" }
            }
            return text
        }
        row("countries", counts(summary.countries))
        row("time zones", counts(summary.timeZones, top: 6))
        row("skills", counts(summary.skills))
        row("certifications", counts(summary.certifications))
        if let low = summary.rateMin, let median = summary.rateMedian, let high = summary.rateMax {
            row("hourly rate", "\(Self.fixed2(low)) – \(Self.fixed2(high)) (median \(Self.fixed2(median)))")
        }
        row("capacity", "\(VendorCSVWriter.format(summary.capacityFTE)) FTE now, "
            + "\(VendorCSVWriter.format(summary.maxFTE)) FTE after ramp-up")
        row("night shifts", "\(summary.nightShifts) (hours crossing midnight)")
        row("cultural_fit", "\(summary.missingCulturalFit) blank")
        print(lines.joined(separator: "\n"))
    }

    func printJSON() throws {
        func counts(_ list: [VendorPoolSummary.Count]) -> JSONValue {
            .array(list.map { ["value": .string($0.value), "vendors": .integer($0.vendors)] })
        }
        var document: [String: JSONValue] = [
            "file": .string(file), "valid": .bool(errorCount == 0), "errors": .integer(errorCount),
            "warnings": .integer(warningCount), "truncated": .bool(truncated), "omitted_warnings": .integer(omittedWarnings),
            "diagnostics": .array(diagnostics.map { diagnostic in
                var item: [String: JSONValue] = [
                    "severity": .string(diagnostic.severity.rawValue), "code": .string(diagnostic.code),
                    "message": .string(diagnostic.message),
                ]
                if let location = diagnostic.location {
                    var at: [String: JSONValue] = ["file": .string(location.file), "line": .integer(location.line)]
                    if let column = location.column { at["column"] = .integer(column) }
                    item["location"] = .object(at)
                }
                return .object(item)
            }),
        ]
        if let summary {
            var s: [String: JSONValue] = [
                "vendors": .integer(summary.vendors), "countries": counts(summary.countries), "time_zones": counts(summary.timeZones),
                "skills": counts(summary.skills), "certifications": counts(summary.certifications),
                "night_shifts": .integer(summary.nightShifts), "missing_cultural_fit": .integer(summary.missingCulturalFit),
                "capacity_fte": .number(summary.capacityFTE), "max_fte": .number(summary.maxFTE),
            ]
            if let v = summary.rateMin { s["rate_min"] = .number(v) }
            if let v = summary.rateMedian { s["rate_median"] = .number(v) }
            if let v = summary.rateMax { s["rate_max"] = .number(v) }
            document["summary"] = .object(s)
        }
        writeStandardOutput(JSONValue.object(document).renderedBytes())
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    /// Two decimals, computed without locale (`45.5` → `45.50`).
    static func fixed2(_ value: Double) -> String {
        let cents = Int64((abs(value) * 100).rounded())
        let fraction = cents % 100
        return (value < 0 ? "-" : "") + "\(cents / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }
}
