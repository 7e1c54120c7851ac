import ArgumentParser
import Foundation
import PartnerMatch
import PartnerMatchReports

/// Checks shared by the commands that write files (`--out`, `--plot`, `--export-model`, `--save-run`):
/// an output must never replace one of the command's inputs.
enum SafeOutput {
    /// Throws exit code 73 (`ExitCode.cannotCreate`), after a message on standard error, when
    /// `output` names the same file as one of `inputs`: the same device and inode after following
    /// symbolic links, so `./x.csv`, a link to it and a hard link all count. Devices and pipes
    /// (`/dev/null`, `/dev/stdout`) are never refused: writing to them replaces nothing.
    static func refuseInputOverwrite(_ output: String?, option: String, inputs: [String]) throws {
        guard let output, let target = identity(output) else { return }
        for input in inputs where identity(input) == target {
            writeStandardError("error: \(option) '\(output)' is the input file '\(input)'; refusing to overwrite an input\n")
            throw ExitCode.cannotCreate
        }
    }

    struct FileIdentity: Equatable {
        var device: UInt64
        var inode: UInt64
    }

    /// The device and inode of the regular file at `path` (links followed), or `nil`.
    static func identity(_ path: String) -> FileIdentity? {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    /// Writes `text` to `path` atomically (in place for a device or pipe), or prints the error and
    /// throws exit code 73.
    static func write(_ text: String, to path: String) throws {
        do {
            try AtomicFileWriter.write(Array(text.utf8), to: path)
        } catch {
            writeStandardError("error: \(error)\n")
            throw ExitCode.cannotCreate
        }
    }
}
