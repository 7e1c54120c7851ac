import Foundation

/// Writes every byte of `buffer` to the file descriptor `descriptor`, retrying short writes and
/// `EINTR`; returns 0, or the `errno` of the write that failed. The one loop behind output files
/// (`AtomicFileWriter`) and the command line's standard streams.
public func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32 {
    var offset = 0
    while offset < buffer.count {
        let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
            if errno == EINTR { continue }
            return errno
        }
        offset += written
    }
    return 0
}
