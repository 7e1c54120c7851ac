/// Checks that a ZIP archive's directory points only inside the bytes, before ZIPFoundation reads it.
///
/// Why hand-written: ZIPFoundation 0.9.20 reads an in-memory archive through `fmemopen`-like callbacks
/// that trap (`Range requires lowerBound <= upperBound`, Archive+MemoryFile.swift:59) when a damaged
/// directory makes it seek past the end — found by the FuzzVendorFormats target. A vendor file is
/// untrusted input, so every offset ZIPFoundation will seek to is checked here first: the end of
/// central directory record, the directory's range, and for each entry its local header, name, extra
/// field and data. ZIP64 archives (4 GB and more, never a vendor list) are refused.
enum ZipSanity {
    /// `nil` when the archive's directory is consistent; else what is wrong, for the message.
    static func problem(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let n = bytes.count
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        guard n >= 22 else { return "it is too short to be a ZIP archive" }
        // The end of central directory record: the last signature within the final 64 KiB + 22 bytes.
        var eocd = -1
        var at = n - 22
        while at >= max(0, n - 22 - 65_535) {
            if bytes[at] == 0x50, bytes[at + 1] == 0x4B, bytes[at + 2] == 0x05, bytes[at + 3] == 0x06 { eocd = at; break }
            at -= 1
        }
        guard eocd >= 0 else { return "its end of central directory is missing (the file is cut short)" }
        let entries = u16(eocd + 10), size = u32(eocd + 12), offset = u32(eocd + 16)
        if entries == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF { return "it is a ZIP64 archive" }
        guard offset + size <= eocd else { return "its central directory lies outside the file" }
        var cursor = offset
        for _ in 0..<entries {
            guard cursor + 46 <= offset + size, u32(cursor) == 0x0201_4B50 else { return "its central directory is damaged" }
            let compressed = u32(cursor + 20)
            let nameLength = u16(cursor + 28), extraLength = u16(cursor + 30), commentLength = u16(cursor + 32)
            let local = u32(cursor + 42)
            if compressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF { return "it is a ZIP64 archive" }
            guard local + 30 <= n, u32(local) == 0x0403_4B50 else { return "an entry's local header lies outside the file" }
            let dataStart = local + 30 + u16(local + 26) + u16(local + 28)
            guard dataStart + compressed <= n else { return "an entry's data lies outside the file" }
            cursor += 46 + nameLength + extraLength + commentLength
        }
        return cursor <= offset + size ? nil : "its central directory is damaged"
    }
}
