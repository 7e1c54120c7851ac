import Foundation
import Testing
@testable import PartnerMatch

/// The run-bundle hash (swift-crypto's SHA-256, hex-encoded here) against the FIPS 180-4 examples
/// (NIST "Example Algorithm" vectors, SHA256.pdf, and the long-message one of FIPS 180-2 appendix B.3).
@Suite struct SHA256Tests {
    @Test func theOneBlockMessageABCMatchesFIPS() {
        #expect(ContentHash.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func theTwoBlockMessageMatchesFIPS() {
        let message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(ContentHash.sha256Hex(Array(message.utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func theEmptyMessageMatchesFIPS() {
        #expect(ContentHash.sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func aMillionLettersAMatchFIPS() {
        #expect(ContentHash.sha256Hex(Array(repeating: UInt8(ascii: "a"), count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func the448BitMessageMatchesFIPS() {
        // 56 bytes: the padding needs a second block.
        let message = String(repeating: "a", count: 56)
        #expect(ContentHash.sha256Hex(Array(message.utf8)) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
    }
}
