import Foundation

/// Reads an input file once, whole, into memory, for the commands that must keep what they read:
/// `--save-run` copies these very bytes into the bundle (a pipe or `/dev/stdin` cannot be read twice),
/// and `replay` parses the copies it has just checked against their hashes.
public enum InputFile {
    /// The file's bytes, read with bounded `read(2)` calls (at most `limit` bytes, so a device like
    /// `/dev/zero` ends with an error, not an exhausted memory), or one diagnostic: `cannot_read`
    /// with the system's reason (`Permission denied`, `Too many levels of symbolic links`, …), or
    /// `file_too_large` at `path:1` naming the limit (docs/LIMITS.md).
    /// - Parameter noun: what the file is, for the size message (`file`, `scenario file`).
    public static func read(path: String, limit: Int, noun: String = "file") -> Result<[UInt8], InputError> {
        switch FileBytes.read(path: path, limit: limit) {
        case .success(let bytes) where bytes.count > limit:
            return .failure(tooLarge(path: path, size: nil, limit: limit, noun: noun))
        case .success(let bytes):
            return .success(bytes)
        case .failure(let failure) where failure.tooLarge:
            var status = stat()
            let size = stat(path, &status) == 0 ? Int(status.st_size) : nil
            return .failure(tooLarge(path: path, size: size, limit: limit, noun: noun))
        case .failure(let failure):
            return .failure(InputError([Diagnostic(at: nil, code: "cannot_read", "cannot read '\(path)': \(failure.message)")]))
        }
    }

    static func tooLarge(path: String, size: Int?, limit: Int, noun: String) -> InputError {
        let found = size.map { "found \($0) bytes" } ?? "found more"
        return InputError([Diagnostic(at: SourceLocation(file: path, line: 1), code: "file_too_large",
                                      "expected a \(noun) of at most \(InputLimits.size(limit)), \(found)")])
    }
}
