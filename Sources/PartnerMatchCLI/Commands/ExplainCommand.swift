import ArgumentParser
import Foundation
import PartnerMatch
import PartnerMatchReports

/// `partner-match explain VENDORS.csv --scenario FILE VENDOR_ID`: why a vendor ranks where it does.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one vendor's rank: its scores beside the leader's, failed rules, and what would change it.",
        discussion: """
        Reports the smallest change of the vendor's hourly rate (bisection with full re-scoring, since the \
        cost score depends on the cheapest and dearest eligible rates) and of each single weight, the \
        others fixed (exact breakpoints of the linear inequalities in that weight), that brings it into \
        the top N of the weighted ranking. Exit codes: 64 unknown vendor id, 65 bad input data, \
        66 an input file cannot be read.
        """
    )

    @OptionGroup var input: InputOptions
    var vendors: String { input.vendors }
    var scenario: String { input.scenario }
    var vendorFile: VendorFileOptions { input.vendorFile }

    @Argument(help: "The id of the vendor to explain.")
    var vendorID: String

    @OptionGroup var topOption: TopOption
    /// The shortlist size to reach (`--top 0`: the whole shortlist, every eligible vendor).
    var top: Int { topOption.top }

    @Option(help: ReportFormat.help)
    var format: ReportFormat = .table

    func validate() throws {
    }

    func run() throws {
        let inputs = try InputLoading.load(vendors: vendors, scenario: scenario, vendorFile: vendorFile)
        guard let report = Self.report(inputs.pool, inputs.scenario, vendorID: vendorID, top: top) else {
            writeStandardError("error: " + Self.unknownVendor(vendorID, in: inputs.pool, file: vendors) + "\n")
            throw ExitCode.validationFailure
        }
        try writeStandardOutput(format == .json ? report.json().rendered() : HumanText.document(report.text(.current), terminal: .current, markdown: false))
    }

    /// The explanation of `vendorID`, or `nil` when the pool has no such vendor (`batch` too).
    static func report(_ pool: VendorPool, _ scenario: Scenario, vendorID: String, top: Int) -> ExplainReport? {
        guard let index = pool.index(ofID: vendorID) else { return nil }
        let scored = ScoredPool(pool: pool, scenario: scenario)
        let explanation = Explanation(scored, index: index, top: top == 0 ? max(1, scored.eligibleCount) : top)
        return ExplainReport(explanation: explanation, scored: scored)
    }

    /// What an unknown vendor id gets: the closest id, if one is close.
    static func unknownVendor(_ vendorID: String, in pool: VendorPool, file: String) -> String {
        var message = "no vendor with id '\(HumanText.inline(vendorID))' in \(file)"
        if let near = Spelling.closest(to: vendorID, among: (0..<pool.ids.count).lazy.map { pool.ids[$0] }) {
            message += "; did you mean '\(HumanText.inline(near))'? (ids are matched exactly, case included)"
        }
        return message
    }
}
