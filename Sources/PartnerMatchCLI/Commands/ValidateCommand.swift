import ArgumentParser
import Foundation
import PartnerMatch
import PartnerMatchReports

/// `partner-match validate VENDORS.csv`: every problem in a vendor CSV, then a summary of the pool.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a vendor file (CSV or .xlsx): report every problem, how each header was read, then summarise the pool.",
        discussion: """
        Diagnostics (errors and warnings) go to standard error as `file:line:column: message`; how the \
        file was read (encoding, delimiter, decimal mark, each header's field, the defaults applied) and \
        the summary go to standard output. With --scenario, its currency, [fx] and [columns] apply and \
        its demanded skills, certifications and countries are checked against the pool. With --format json, one JSON document with the diagnostics \
        and the summary goes to standard output. Exit codes: 0 no errors (warnings allowed); \
        65 the file has errors; 66 the file cannot be read.
        """
    )

    @OptionGroup var vendorInput: VendorInput
    var vendors: String { vendorInput.vendors }
    var vendorFile: VendorFileOptions { vendorInput.vendorFile }

    @Option(help: "A scenario file whose currency, [fx] and [columns] apply, and whose values are checked against the pool.")
    var scenario: String?

    @Option(help: ReportFormat.help)
    var format: ReportFormat = .table

    func run() throws {
        var scenarioValue: Scenario?
        var scenarioDiagnostics: [Diagnostic] = []
        if let scenario {
            do { scenarioValue = try ScenarioReader.read(path: scenario) } catch { scenarioDiagnostics = error.diagnostics }
        }
        var outcome: Result<VendorReadResult, InputError>
        do {
            var options = vendorFile.readOptions(scenario: scenarioValue)
            // Only summarised: the chunks read in parallel need not be joined into one pool, unless a
            // scenario is checked against the pool.
            options.keepChunks = scenario == nil
            outcome = .success(try VendorCSVReader.read(path: vendors, options: options))
        } catch {
            outcome = .failure(error)
        }
        if case .success(var read) = outcome, let scenario, let scenarioValue {
            let checks = ScenarioPoolCheck.check(scenarioValue, file: scenario, against: read.pool)
            read.warnings += checks.filter { $0.severity == .warning }
            let errors = checks.filter { $0.severity == .error }
            outcome = errors.isEmpty ? .success(read) : .failure(InputError(read.warnings + errors))
        }
        var report = ValidationReport(file: vendors, outcome: outcome)
        report.diagnostics += scenarioDiagnostics
        if !scenarioDiagnostics.isEmpty { report.summary = nil }
        switch format {
        case .table: try report.printText()
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
    var format: VendorFileFormat?

    init(file: String, outcome: Result<VendorReadResult, InputError>) {
        self.file = file
        switch outcome {
        case .success(let result):
            diagnostics = result.warnings
            omittedWarnings = result.omittedWarnings
            summary = VendorPoolSummary(parts: result.parts.isEmpty ? [result.pool] : result.parts)
            format = result.format
        case .failure(let error):
            diagnostics = error.diagnostics
            truncated = error.truncated
        }
    }

    var cannotRead: Bool { diagnostics.contains { $0.code == "cannot_read" } }
    var errorCount: Int { diagnostics.count { $0.severity == .error } }
    var warningCount: Int { diagnostics.count { $0.severity == .warning } + omittedWarnings }

    func printText() throws {
        var notes: [String] = []
        if truncated { notes.append("(more errors not shown)") }
        if omittedWarnings > 0 { notes.append("(\(omittedWarnings) more warnings not shown)") }
        if !cannotRead, summary == nil {
            // One count per file, so a scenario's error is never blamed on the vendor file.
            var files = [file]
            for diagnostic in diagnostics { if let other = diagnostic.location?.file, !files.contains(other) { files.append(other) } }
            for name in files {
                let own = diagnostics.filter { ($0.location?.file ?? file) == name }
                guard name == file || !own.isEmpty else { continue }
                let errors = own.count { $0.severity == .error }
                let warnings = own.count { $0.severity == .warning } + (name == file ? omittedWarnings : 0)
                notes.append("\(name): \(Self.plural(errors, "error"))\(truncated && name == file ? " or more" : ""), "
                    + "\(Self.plural(warnings, "warning"))")
            }
        }
        // The same rendering as every other command's input diagnostics.
        InputLoading.report(diagnostics, notes: notes)
        guard let summary else { return }

        var lines = ["\(file): \(Self.plural(summary.vendors, "vendor")), 0 errors, \(Self.plural(warningCount, "warning"))"]
        func row(_ label: String, _ text: String) {
            lines.append("  " + label.padding(toLength: 16, withPad: " ", startingAt: 0) + text)
        }
        if let format { lines += Self.formatLines(format) }
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
            row("hourly rate", "\(fixed(low, 2)) – \(fixed(high, 2)) (median \(fixed(median, 2)))")
        }
        row("capacity", "\(groupedNumber(summary.capacityFTE)) FTE now, "
            + "\(groupedNumber(summary.maxFTE)) FTE after ramp-up")
        row("night shifts", "\(summary.nightShifts) (hours crossing midnight)")
        row("cultural_fit", "\(summary.missingCulturalFit) blank")
        try writeStandardOutput(lines.joined(separator: "\n") + "\n")
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
        if let format { document["format"] = Self.json(format) }
        try writeStandardOutput(JSONValue.object(document).renderedBytes())
    }

    /// How the file was read, as JSON (the keys of `VendorFileFormat`, in snake case).
    static func json(_ format: VendorFileFormat) -> JSONValue {
        var object: [String: JSONValue] = [
            "container": .string(format.container), "encoding": .string(format.encoding),
            "delimiter": .string(format.delimiter), "delimiter_source": .string(format.delimiterSource),
            "decimal_mark": .string(format.decimalMark), "currencies": .array(format.currencies.map(JSONValue.string)),
            "skipped_empty_rows": .integer(format.skippedEmptyRows), "vendors_with_rates": .integer(format.vendorsWithRates),
            "vendors_with_onboarding_cost": .integer(format.vendorsWithOnboardingCost),
            "headers": .array(format.headers.map { header in
                var item: [String: JSONValue] = ["header": .string(header.header), "kind": .string(header.kind.rawValue), "how": .string(header.how)]
                if let field = header.field { item["field"] = .string(field) }
                return .object(item)
            }),
            "defaults": .array(format.defaults.map {
                .object(["field": .string($0.field), "value": .string($0.value), "vendors": .integer($0.vendors), "reason": .string($0.reason)])
            }),
        ]
        if let sheet = format.sheet { object["sheet"] = .string(sheet) }
        if let converted = format.convertedTo { object["converted_to"] = .string(converted) }
        return .object(object)
    }

    /// How the file was read: container, encoding, delimiter, decimal mark; each header; the defaults.
    static func formatLines(_ format: VendorFileFormat) -> [String] {
        var lines: [String] = []
        var read = format.container == "xlsx" ? "  read as        .xlsx, sheet '\(format.sheet ?? "")'"
            : "  read as        \(format.encoding), delimiter '\(format.delimiter)' (\(format.delimiterSource)), decimal mark '\(format.decimalMark)'"
        if format.skippedEmptyRows > 0 { read += ", \(plural(format.skippedEmptyRows, "empty row")) skipped" }
        lines.append(read)
        if let target = format.convertedTo {
            if !format.currencies.isEmpty { lines.append("  currencies     \(format.currencies.joined(separator: ", ")), converted to \(target)") }
        } else if !format.currencies.isEmpty {
            lines.append("  currencies     \(format.currencies.joined(separator: ", ")) (not converted: pass --scenario for its currency and [fx])")
        }
        if format.vendorsWithRates > 0 || format.vendorsWithOnboardingCost > 0 {
            let unit = format.convertedTo.map { " (in \($0))" } ?? ""
            lines.append("  amounts        per-skill rates for \(plural(format.vendorsWithRates, "vendor")), onboarding_cost for \(plural(format.vendorsWithOnboardingCost, "vendor"))\(unit)")
        }
        lines.append("  headers")
        let width = min(max(format.headers.map { $0.header.count }.max() ?? 0, 6) + 3, 34)
        for (index, header) in format.headers.enumerated() {
            let name = "'\(header.header)'".padding(toLength: width, withPad: " ", startingAt: 0)
            let what: String
            switch header.kind {
            case .field: what = "→ \(header.field ?? "")" + (header.how == "name" ? "" : " (\(header.how))")
            case .passedThrough: what = "passed through" + (header.how == "not a field" ? "" : " (\(header.how))")
            case .ignored: what = "ignored (\(header.how))"
            }
            lines.append("    \(index + 1 < 10 ? " " : "")\(index + 1). \(name)\(what)")
        }
        if !format.defaults.isEmpty {
            lines.append("  defaults")
            for item in format.defaults {
                lines.append("    \(item.field) = \(item.value) for \(plural(item.vendors, "vendor")) (\(item.reason))")
            }
        }
        return lines
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}
