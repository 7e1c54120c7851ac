import Foundation

/// An output file that cannot be created or written.
public struct OutputFileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot write '\(path)': \(reason)" }
}

/// Writes a file so that it appears whole or not at all: bytes go to a temporary file in the same
/// directory, which `commit()` renames over `path`. Readers never see a half-written file.
public final class AtomicFileWriter {
    public let path: String
    private let temporaryPath: String
    private var fd: Int32

    public init(path: String) throws(OutputFileError) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var template = Array((directory + "/." + url.lastPathComponent + ".tmp-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw OutputFileError(path: path, reason: String(cString: strerror(errno)))
        }
        fd = descriptor
        temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        fchmod(descriptor, 0o644)
    }

    deinit { abandon() }

    /// Appends `bytes` to the temporary file.
    public func write(_ bytes: ArraySlice<UInt8>) throws(OutputFileError) {
        let failure: Int32 = bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return 0
        }
        if failure != 0 { throw OutputFileError(path: path, reason: String(cString: strerror(failure))) }
    }

    /// Flushes, closes and renames the temporary file to `path`.
    public func commit() throws(OutputFileError) {
        guard fd >= 0 else { throw OutputFileError(path: path, reason: "already closed") }
        let closed = close(fd)
        fd = -1
        guard closed == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw OutputFileError(path: path, reason: reason)
        }
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw OutputFileError(path: path, reason: reason)
        }
    }

    /// Closes and removes the temporary file (no-op after `commit()`).
    public func abandon() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
        unlink(temporaryPath)
    }
}
