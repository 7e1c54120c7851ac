import Foundation
import Testing
@testable import PartnerMatch

/// `AtomicFileWriter`: whole files or nothing, and never a device or pipe replaced by a plain file.
@Suite struct AtomicFileWriterTests {
    func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pm-atomic-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func fileType(_ path: String) -> mode_t {
        var status = stat()
        guard lstat(path, &status) == 0 else { return 0 }
        return status.st_mode & S_IFMT
    }

    @Test func writingToDevNullLeavesItACharacterDevice() throws {
        // A rename over /dev/null once replaced it with a regular file on this machine.
        #expect(fileType("/dev/null") == S_IFCHR)
        let writer = try AtomicFileWriter(path: "/dev/null")
        #expect(writer.writesInPlace)
        try writer.write(Array("discarded\n".utf8)[...])
        try writer.commit()
        #expect(fileType("/dev/null") == S_IFCHR)
        try AtomicFileWriter.write(Array("again\n".utf8), to: "/dev/null")
        #expect(fileType("/dev/null") == S_IFCHR)
    }

    @Test func aFIFOIsWrittenInPlaceNotReplaced() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fifo = directory + "/pipe"
        try #require(mkfifo(fifo, 0o600) == 0)
        // A reader on the other end, so opening for writing does not block.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        try #require(reader >= 0)
        defer { close(reader) }
        try AtomicFileWriter.write(Array("through the pipe".utf8), to: fifo)
        var buffer = [UInt8](repeating: 0, count: 64)
        let got = read(reader, &buffer, buffer.count)
        #expect(String(decoding: buffer.prefix(max(got, 0)), as: UTF8.self) == "through the pipe")
        #expect(fileType(fifo) == S_IFIFO)
    }

    @Test func aRegularFileIsReplacedWholeAndNoTemporaryFileRemains() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out.csv"
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        let writer = try AtomicFileWriter(path: path)
        #expect(!writer.writesInPlace)
        try writer.write(Array("new".utf8)[...])
        // Before the commit, the old file is untouched.
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        try writer.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["out.csv"])
    }

    @Test func anAbandonedWriteLeavesTheOldFileAndNoTemporaryFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out.csv"
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        do {
            let writer = try AtomicFileWriter(path: path)
            try writer.write(Array("half".utf8)[...])
            writer.abandon()
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["out.csv"])
    }

    @Test func aSymbolicLinkIsKeptAndItsTargetReplaced() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let target = directory + "/target.csv", link = directory + "/link.csv"
        try "old".write(toFile: target, atomically: false, encoding: .utf8)
        try #require(symlink(target, link) == 0)
        try AtomicFileWriter.write(Array("new".utf8), to: link)
        #expect(fileType(link) == S_IFLNK)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new")
    }

    @Test func aDirectoryIsRefusedWithAClearReason() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: OutputFileError.self) { try AtomicFileWriter(path: directory) }
    }
}
