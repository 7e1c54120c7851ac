import ArgumentParser
import Foundation
import PartnerMatch
import PartnerMatchReports

// JSON is written by the library's `JSONWriter` / `JSONValue` (Sources/PartnerMatch/Support/JSON.swift).

/// Writes text to standard output in one call (large outputs are built first, then written), every
/// byte checked. A failed write (`> /dev/full`, a closed pipe: SIGPIPE is ignored, see `Entry`) prints
/// the reason to standard error and throws exit code 74 (`ExitCode.outputFailed`).
func writeStandardOutput(_ text: String) throws {
    let failure = StandardStream.write(Array(text.utf8), to: 1)
    guard failure != 0 else { return }
    writeStandardError("error: cannot write to standard output: \(String(cString: strerror(failure)))\n")
    throw ExitCode.outputFailed
}

/// Writes text to standard error. A failure is ignored: there is nowhere left to report it, and the
/// exit code still tells the outcome.
func writeStandardError(_ text: String) {
    _ = StandardStream.write(Array(text.utf8), to: 2)
}

enum StandardStream {
    /// Writes all of `bytes` to `descriptor`; 0, or the `errno` of the failed write.
    static func write(_ bytes: [UInt8], to descriptor: Int32) -> Int32 {
        bytes.withUnsafeBytes { writeAll($0, to: descriptor) }
    }
}

/// Writes bytes to standard output, every byte checked (as `writeStandardOutput(_: String)`).
func writeStandardOutput(_ bytes: [UInt8]) throws {
    let failure = StandardStream.write(bytes, to: 1)
    guard failure != 0 else { return }
    writeStandardError("error: cannot write to standard output: \(String(cString: strerror(failure)))\n")
    throw ExitCode.outputFailed
}

/// Streams output made in parts (`body` calls the sink once per part): every part checked, and the
/// first failure ends the writing and throws exit code 74.
func writeStandardOutput(streaming body: (_ sink: ([UInt8]) -> Void) -> Void) throws {
    var failure: Int32 = 0
    body { part in if failure == 0 { failure = StandardStream.write(part, to: 1) } }
    guard failure != 0 else { return }
    writeStandardError("error: cannot write to standard output: \(String(cString: strerror(failure)))\n")
    throw ExitCode.outputFailed
}
