import ArgumentParser
import Foundation
import PartnerMatch
import PartnerMatchReports

/// `partner-match generate`: a synthetic vendor pool that looks like the market, streamed as CSV.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic vendor pool as CSV (same seed, same bytes).",
        discussion: """
        Regions, zones, rate bands and the other distributions are described in datasets/README.md \
        ("Synthetic pools"). Rows are streamed, so a million vendors need little memory. With --out the \
        file appears whole or not at all (written to a temporary file, then renamed). \
        Exit codes: 0 success; 64 usage error; 73 the output cannot be written.
        """
    )

    @Option(help: "Number of vendors to generate.")
    var vendors: Int

    @Option(help: "Seed of the random generator; the same seed gives the same file.")
    var seed: UInt64

    @Option(help: "Number of distinct skills in the pool (from backend, frontend, qa, ios, android, …).")
    var skills: Int = PoolGenerator.defaultSkillCount

    @Option(help: "Output file (default: standard output).")
    var out: String?

    func validate() throws {
        guard vendors >= 0 else { throw ValidationError("--vendors must be 0 or more, found \(vendors).") }
        guard (1...10_000).contains(skills) else {
            throw ValidationError("--skills must be between 1 and 10000, found \(skills).")
        }
    }

    func run() throws {
        let generator = PoolGenerator(seed: seed, skillCount: skills)
        do {
            if let out {
                let file = try AtomicFileWriter(path: out)
                try generator.write(vendors: vendors) { chunk in try file.write(chunk) }
                try file.commit()
            } else {
                do {
                    try generator.write(vendors: vendors) { chunk in try Self.writeToStandardOutput(chunk) }
                } catch {
                    writeStandardError("error: cannot write to standard output: \((error as? OutputFileError)?.reason ?? "\(error)")\n")
                    throw ExitCode.outputFailed
                }
            }
        } catch let code as ExitCode {
            throw code
        } catch {
            writeStandardError("error: \(error)\n")
            throw ExitCode.cannotCreate
        }
    }

    static func writeToStandardOutput(_ chunk: ArraySlice<UInt8>) throws(OutputFileError) {
        let failure: Int32 = chunk.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return 0
        }
        if failure != 0 { throw OutputFileError(path: "<stdout>", reason: String(cString: strerror(failure))) }
    }
}
