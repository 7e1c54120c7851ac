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
///
/// Every byte is checked: each `write(2)`, then `fsync(2)` and `close(2)` before the rename, so a
/// full disk, a quota or `ulimit -f` (with SIGXFSZ ignored, as the command line does) is an error
/// and the previous file stays as it was. A replaced file keeps its permission bits (and, where the
/// process may, its owner); a new file gets `0666` less the umask, like any file a shell creates.
/// A file the user may not write (e.g. mode `0444`) is refused, not replaced.
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
        // An existing file keeps its mode and owner; one the user may not write is not replaced.
        var existing = stat()
        let exists = stat(target, &existing) == 0
        if exists, access(target, W_OK) != 0 {
            throw OutputFileError(path: path, reason: String(cString: strerror(errno)) + " (the file is not writable; it was left as it was)")
        }
        let mode = exists ? existing.st_mode & 0o7777 : 0o666 & ~Self.processUmask
        let url = URL(fileURLWithPath: target)
        let directory = url.deletingLastPathComponent().path
        var template = Array((directory + "/." + url.lastPathComponent + ".tmp-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw OutputFileError(path: path, reason: String(cString: strerror(errno)))
        }
        fd = descriptor
        temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        if exists { _ = fchown(descriptor, existing.st_uid, existing.st_gid) }   // best effort: only root may give files away
        fchmod(descriptor, mode)
    }

    /// The process's umask, read once (POSIX offers no way to read it without setting it).
    private static let processUmask: mode_t = {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }()

    /// Whether the bytes go straight to `path` (an existing device or pipe), not through a rename.
    public var writesInPlace: Bool { temporaryPath == nil }

    deinit { abandon() }

    /// Appends `bytes` to the temporary file.
    public func write(_ bytes: ArraySlice<UInt8>) throws(OutputFileError) {
        let failure = bytes.withUnsafeBytes { writeAll($0, to: fd) }
        if failure != 0 { throw OutputFileError(path: path, reason: String(cString: strerror(failure))) }
    }

    /// Flushes, closes and renames the temporary file to `path`.
    public func commit() throws(OutputFileError) {
        guard fd >= 0 else { throw OutputFileError(path: path, reason: "already closed") }
        // A temporary file must be on disk before it replaces the old one: fsync reports the errors
        // (ENOSPC, EDQUOT, EIO) that a file system may defer past write(2).
        if let temporaryPath, fsync(fd) != 0 {
            let reason = String(cString: strerror(errno))
            close(fd)
            fd = -1
            unlink(temporaryPath)
            throw OutputFileError(path: path, reason: reason)
        }
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
