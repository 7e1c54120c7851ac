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
/// directory (`.NAME.tmp-XXXXXX`), which `commit()` renames over `path`. Readers never see a
/// half-written file; a process killed before `commit()` may leave the temporary file behind (safe to
/// delete), never a partial `path`.
///
/// When `path` exists and is not a regular file (`/dev/null`, `/dev/stdout`, a FIFO), a rename
/// would replace the device or pipe with a plain file, so the bytes are written to it in place
/// instead. A symbolic link is followed: the file it points to is replaced, the link is kept.
public final class AtomicFileWriter {
    public let path: String
    private let temporaryPath: String?
    private let targetPath: String
    private var fd: Int32

    public init(path: String) throws(OutputFileError) {
        self.path = path
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            guard status.st_mode & S_IFMT != S_IFDIR else {
                throw OutputFileError(path: path, reason: String(cString: strerror(EISDIR)))
            }
            let descriptor = open(path, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw OutputFileError(path: path, reason: String(cString: strerror(errno))) }
            fd = descriptor
            temporaryPath = nil
            targetPath = path
            return
        }
        // Follow a symbolic link to its target, so the link survives the rename.
        var target = path
        var linkStatus = stat()
        if lstat(path, &linkStatus) == 0, linkStatus.st_mode & S_IFMT == S_IFLNK, let resolved = realpath(path, nil) {
            target = String(cString: resolved)
            free(resolved)
        }
        targetPath = target
        let url = URL(fileURLWithPath: target)
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

    /// Whether the bytes go straight to `path` (an existing device or pipe), not through a rename.
    public var writesInPlace: Bool { temporaryPath == nil }

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
        guard let temporaryPath else {
            if closed != 0 { throw OutputFileError(path: path, reason: String(cString: strerror(errno))) }
            return
        }
        guard closed == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw OutputFileError(path: path, reason: reason)
        }
        guard rename(temporaryPath, targetPath) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw OutputFileError(path: path, reason: reason)
        }
    }

    /// Closes and removes the temporary file (no-op after `commit()`; in place, only closes).
    public func abandon() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
        if let temporaryPath { unlink(temporaryPath) }
    }

    /// Writes `bytes` to `path` atomically (or in place for a device or pipe).
    public static func write(_ bytes: some Sequence<UInt8>, to path: String) throws(OutputFileError) {
        let file = try AtomicFileWriter(path: path)
        do {
            try file.write(ArraySlice(bytes))
            try file.commit()
        } catch {
            file.abandon()
            throw error
        }
    }
}
