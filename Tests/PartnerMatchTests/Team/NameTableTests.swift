@testable import PartnerMatch
import Testing

/// Model names: letters, digits, `_` and `.` kept, every other scalar one `_`, at most 200 scalars.
@Suite("Model names")
struct NameTableTests {
    /// The definition, with Unicode properties: what the byte arithmetic of `sanitize` must equal.
    static func reference(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(200) {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "." {
                out.unicodeScalars.append(scalar)
            } else {
                out.append("_")
            }
        }
        return out.isEmpty ? "_" : out
    }

    @Test("sanitize equals its definition on ASCII, accents, CJK, emoji, controls, empty and over-long names")
    func sanitizeMatchesDefinition() {
        var rng = TestRandom(seed: 42)
        let alphabet = Array("aZ09_.-/ \t\"'<>&é東京🙂\u{0}\u{7F}ÿ@[`{~")
        var samples = ["", "V001", "Łódź Sp. z o.o.", "<script>", String(repeating: "x", count: 250), "東京" + String(repeating: "a", count: 199)]
        for _ in 0..<500 {
            samples.append(String((0..<Int.random(in: 0...30, using: &rng)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }))
        }
        for text in samples {
            #expect(NameTable.sanitize(text) == Self.reference(text), "\(text.debugDescription)")
        }
    }
}
