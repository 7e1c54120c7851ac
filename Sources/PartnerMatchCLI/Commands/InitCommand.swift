import ArgumentParser
import Foundation
import PartnerMatch
import PartnerMatchReports

/// `partner-match init [--out FILE]`: a commented scenario template that runs as-is.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented scenario template (every key and its default explained).",
        discussion: """
        The template is docs/MODEL.md's example scenario; it runs as-is with `shortlist` and `optimize`. \
        Without --out it is printed to standard output. Exit code 73 when the file cannot be written.
        """
    )

    @Option(help: "Write the template to this file instead of standard output.")
    var out: String?

    @Flag(help: "Overwrite --out if it exists.")
    var force = false

    func validate() throws {
        if let out, !force, FileManager.default.fileExists(atPath: out) {
            throw ValidationError("'\(out)' exists; pass --force to overwrite it")
        }
    }

    func run() throws {
        guard let out else {
            try writeStandardOutput(Scenario.template)
            return
        }
        // Atomic, and in place for a device: Foundation's atomic write would rename over /dev/null.
        try SafeOutput.write(Scenario.template, to: out)
        writeStandardError("wrote \(out)\n")
    }
}
