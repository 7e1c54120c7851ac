import Dispatch
import Foundation

/// The text encodings a vendor file may arrive in (docs: `datasets/README.md`, "Encodings").
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    case windows1252 = "windows-1252"

    /// Reads `--encoding` values: `utf-8`, `utf8`, `utf-16le`, `utf-16be`, `windows-1252`, `cp1252`.
    public init?(argument: String) {
        let key = argument.lowercased().filter { $0 != "-" && $0 != "_" }
        switch key {
        case "utf8": self = .utf8
        case "utf16le": self = .utf16LE
        case "utf16be": self = .utf16BE
        case "windows1252", "cp1252", "win1252": self = .windows1252
        default: return nil
        }
    }
}

/// Turns a vendor file's bytes into UTF-8 before tokenizing, or says why it cannot.
///
/// UTF-8 (with or without BOM) passes through without a copy. UTF-16 with a BOM is transcoded;
/// UTF-16 without one is recognised (every other byte 0) and refused with the `--encoding` to pass.
/// Bytes that are not UTF-8 are read as Windows-1252 with a warning naming the first such line,
/// unless the file also holds valid multi-byte UTF-8 (then it is a damaged UTF-8 file, an error),
/// or `--encoding utf-8` was given (an error at the first bad byte).
enum EncodingDetection {
    struct Failure: Error, Equatable {
        var line: Int
        var column: Int?
        var code: String
        var message: String
    }

    struct Outcome {
        /// The transcoded text, or `nil` when the input was UTF-8 already (use it as it is).
        var utf8: [UInt8]?
        var encoding: TextEncoding
        /// A warning to report: the line of the first non-UTF-8 byte and how many lines had one.
        var detected: (line: Int, lines: Int)?
    }

    static func prepare(_ bytes: UnsafeBufferPointer<UInt8>, forced: TextEncoding?) -> Result<Outcome, Failure> {
        let bomLE = bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE
        let bomBE = bytes.count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF
        if bomLE || bomBE {
            let found: TextEncoding = bomLE ? .utf16LE : .utf16BE
            if let forced, forced != found {
                return .failure(Failure(line: 1, column: 1, code: "encoding_mismatch",
                    message: "expected \(forced.rawValue) text as --encoding says, found a \(found.rawValue) byte-order mark; drop --encoding or name \(found.rawValue)"))
            }
            return utf16(bytes, from: 2, littleEndian: bomLE).map { Outcome(utf8: $0, encoding: found) }
        }
        switch forced {
        case .utf16LE?, .utf16BE?:
            return utf16(bytes, from: 0, littleEndian: forced == .utf16LE).map { Outcome(utf8: $0, encoding: forced!) }
        case .windows1252?:
            return windows1252(bytes).map { Outcome(utf8: $0, encoding: .windows1252) }
        case .utf8?, nil:
            break
        }
        if forced == nil, let endian = utf16WithoutBOM(bytes) {
            return .failure(Failure(line: 1, column: 1, code: "utf16_without_bom",
                message: "expected UTF-8 text, found UTF-16 \(endian) without a byte-order mark (every second byte is 0); pass --encoding utf-16\(endian.lowercased()), or save the file as UTF-8 CSV"))
        }
        let check = validateUTF8(bytes)
        guard let bad = check.firstInvalid else { return .success(Outcome(utf8: nil, encoding: .utf8)) }
        let (line, column) = position(of: bad, in: bytes)
        let byte = "0x" + String(bytes[bad], radix: 16, uppercase: true)
        if forced == .utf8 || check.multiByte > 0 {
            let why = forced == .utf8 ? "" : " (the file also holds valid UTF-8, so it is not Windows-1252 either)"
            return .failure(Failure(line: line, column: column, code: "invalid_utf8",
                message: "expected UTF-8 text, found the byte \(byte), which is not UTF-8\(why); save the file as UTF-8, or pass --encoding windows-1252 if that is what it is"))
        }
        return windows1252(bytes).map { Outcome(utf8: $0, encoding: .windows1252, detected: (line, linesWithHighBytes(bytes))) }
    }

    /// "LE" or "BE" when the first bytes look like UTF-16 text without a BOM.
    static func utf16WithoutBOM(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let n = min(bytes.count, 4096) & ~1
        guard n >= 4 else { return nil }
        var evenZeros = 0, oddZeros = 0
        for i in stride(from: 0, to: n, by: 2) {
            if bytes[i] == 0 { evenZeros += 1 }
            if bytes[i + 1] == 0 { oddZeros += 1 }
        }
        let pairs = n / 2
        if oddZeros * 10 >= pairs * 7 && evenZeros * 10 < pairs { return "LE" }
        if evenZeros * 10 >= pairs * 7 && oddZeros * 10 < pairs { return "BE" }
        return nil
    }

    /// Inputs of at least this many bytes are first checked for plain ASCII on every core (`isASCII`).
    static let parallelASCIIBytes = 4 << 20

    /// Whether every byte is below 0x80, checked in parts on all cores: most large files are plain
    /// ASCII, and this is their first full read (a mapped file takes its page faults here, in
    /// parallel too). A file that is not goes through the one-pass check after.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let parts = 4 * min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8)
        guard let base = bytes.baseAddress else { return true }
        let found = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: parts)
        found.initialize(repeating: 0)
        defer { found.deallocate() }
        do {
            nonisolated(unsafe) let found = found
            nonisolated(unsafe) let raw = UnsafeRawPointer(base)
            let n = bytes.count
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                var i = n * part / parts
                let end = n * (part + 1) / parts
                var high: UInt64 = 0
                while i + 32 <= end {
                    high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                        | raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
                    i += 32
                }
                while i < end { high |= UInt64(raw.load(fromByteOffset: i, as: UInt8.self)); i += 1 }
                found[part] = high & 0x8080_8080_8080_8080
            }
        }
        return found.allSatisfy { $0 == 0 }
    }

    /// The first byte that breaks UTF-8, and how many valid multi-byte sequences came before it.
    /// ASCII is skipped eight bytes at a time: plain files cost one pass of word tests.
    static func validateUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> (firstInvalid: Int?, multiByte: Int) {
        let n = bytes.count
        if n >= parallelASCIIBytes && isASCII(bytes) { return (nil, 0) }
        var i = 0
        var multi = 0
        guard let base = bytes.baseAddress else { return (nil, 0) }
        let raw = UnsafeRawPointer(base)
        let high: UInt64 = 0x8080_8080_8080_8080
        while i < n {
            // 32 bytes a step while all are ASCII (one test for four words): near memory speed.
            while i + 32 <= n {
                let a = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let b = raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                let c = raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
                let d = raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
                if (a | b | c | d) & high != 0 { break }
                i += 32
            }
            while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & high == 0 { i += 8 }
            guard i < n else { break }
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            var need = 0
            var minimum: UInt32 = 0
            var scalar: UInt32 = 0
            switch b {
            case 0xC2...0xDF: need = 1; scalar = UInt32(b & 0x1F); minimum = 0x80
            case 0xE0...0xEF: need = 2; scalar = UInt32(b & 0x0F); minimum = 0x800
            case 0xF0...0xF4: need = 3; scalar = UInt32(b & 0x07); minimum = 0x10000
            default: return (i, multi)
            }
            guard i + need < n else { return (i, multi) }
            for k in 1...need {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return (i, multi) }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return (i, multi) }
            multi += 1
            i += need + 1
        }
        return (nil, multi)
    }

    /// Windows-1252's 0x80–0x9F (0 where the code page leaves a byte undefined).
    static let highControls: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    static func windows1252(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<[UInt8], Failure> {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for (index, b) in bytes.enumerated() {
            if b < 0x80 { out.append(b); continue }
            let scalar: UInt32 = (0x80...0x9F).contains(b) ? highControls[Int(b) - 0x80] : UInt32(b)
            guard scalar != 0 else {
                let (line, column) = position(of: index, in: bytes)
                return .failure(Failure(line: line, column: column, code: "invalid_encoding",
                    message: "expected UTF-8 or Windows-1252 text, found the byte 0x\(String(b, radix: 16, uppercase: true)), which is neither; save the file as UTF-8"))
            }
            appendUTF8(scalar, to: &out)
        }
        return .success(out)
    }

    static func utf16(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, littleEndian: Bool) -> Result<[UInt8], Failure> {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2 + 16)
        var i = start
        var line = 1
        func unit(_ at: Int) -> UInt32 {
            littleEndian ? UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 : UInt32(bytes[at]) << 8 | UInt32(bytes[at + 1])
        }
        func failure(_ what: String) -> Result<[UInt8], Failure> {
            .failure(Failure(line: line, column: nil, code: "invalid_utf16",
                             message: "expected UTF-16 text, found \(what); save the file as UTF-8 CSV"))
        }
        while i + 1 < bytes.count {
            var scalar = unit(i)
            i += 2
            if (0xD800...0xDBFF).contains(scalar) {
                guard i + 1 < bytes.count else { return failure("a lone surrogate at the end") }
                let low = unit(i)
                guard (0xDC00...0xDFFF).contains(low) else { return failure("a lone surrogate") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                i += 2
            } else if (0xDC00...0xDFFF).contains(scalar) {
                return failure("a lone surrogate")
            }
            if scalar == 0x0A { line += 1 }
            appendUTF8(scalar, to: &out)
        }
        if i < bytes.count { return failure("an odd number of bytes") }
        return .success(out)
    }

    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80: out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6)); out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12)); out.append(UInt8(0x80 | scalar >> 6 & 0x3F)); out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18)); out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F)); out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// 1-based line and byte column of `offset` (line ends: LF, CRLF, lone CR).
    static func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        var line = 1, lineStart = 0
        var i = 0
        while i < offset {
            if bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A)) {
                line += 1; lineStart = i + 1
            }
            i += 1
        }
        return (line, offset - lineStart + 1)
    }

    /// How many lines hold a byte ≥ 0x80.
    static func linesWithHighBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0, marked = false
        for b in bytes {
            if b == 0x0A || b == 0x0D { marked = false; continue }
            if b >= 0x80 && !marked { count += 1; marked = true }
        }
        return count
    }
}
