// DataConnectTests: the incremental SHA-256 against FIPS 180-4 examples and VaultCrypto's one-shot hash.

import Foundation
import XCTest
@testable import DataConnect

final class StreamingSHA256Tests: XCTestCase {
    private func digest(_ chunks: [Data]) -> String {
        var hasher = StreamingSHA256()
        for chunk in chunks { hasher.update(chunk) }
        return hasher.finalizeHex()
    }

    /// FIPS 180-4 / NIST CSRC example values.
    func testKnownAnswers() {
        XCTAssertEqual(digest([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(digest([Data("abc".utf8)]), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(digest([Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)]),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(digest(Array(repeating: Data(repeating: UInt8(ascii: "a"), count: 1000), count: 1000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Any chunking gives VaultCrypto's digest of the whole (lengths around the 55/56/64-byte padding edges).
    func testChunkingNeverChangesTheDigest() {
        var random = DeterministicRandom(seed: 5, stream: "sha")
        for length in [1, 55, 56, 63, 64, 65, 119, 120, 128, 1000, 4099] {
            let data = random.bytes(length)
            var chunks: [Data] = []
            var offset = 0
            while offset < length {
                let size = min(random.int(in: 1...97), length - offset)
                chunks.append(data.subdata(in: offset..<(offset + size)))
                offset += size
            }
            XCTAssertEqual(digest(chunks), HexDigest.sha256(data), "length \(length)")
        }
    }
}
