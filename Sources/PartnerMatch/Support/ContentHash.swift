import Crypto

/// The SHA-256 of run-bundle inputs, as `sha256sum` prints it (64 lower-case hex digits).
///
/// The digest comes from apple/swift-crypto (BoringSSL on Linux): it replaced a hand-written
/// SHA-256 that issue 16 timed at 58 MiB/s against 160 MiB/s for `sha256sum`, so replaying a
/// large bundle spent tens of seconds hashing.
public enum ContentHash {
    /// The SHA-256 of `bytes` as 64 lower-case hex digits.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
