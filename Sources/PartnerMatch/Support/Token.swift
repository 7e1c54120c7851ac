/// Tokens (certifications, skills, the skill keys of `demand` and `backups`) compare
/// case-insensitively after removing spaces, `-` and `_` (docs/MODEL.md, "Criteria").
public enum Token {
    /// The comparison key of a token: lower-cased ASCII, with spaces, `-` and `_` removed.
    ///
    /// `"ISO 27001"`, `"iso-27001"` and `"ISO_27001"` all give `"iso27001"`.
    /// - Complexity: O(n) in the token's UTF-8 length.
    public static func key(_ token: some StringProtocol) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(token.utf8.count)
        for byte in token.utf8 {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "\t"): continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
