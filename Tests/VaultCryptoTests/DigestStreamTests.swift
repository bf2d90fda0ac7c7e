// VaultCryptoTests: incremental digests (FIPS 180-4 examples) equal the one-shot hash for any chunking.

import Foundation
import VaultCrypto
import XCTest

final class DigestStreamTests: XCTestCase {
    private func digest(_ algorithm: HashAlgorithm, _ chunks: [Data]) throws -> String {
        let stream = try DigestStream(algorithm)
        for chunk in chunks { stream.update(chunk) }
        return stream.finish().hex
    }

    /// FIPS 180-4 example values: empty, "abc", the 448-bit message, and one million "a".
    func testKnownAnswers() throws {
        XCTAssertEqual(try digest(.sha256, []), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(try digest(.sha256, [Data("ab".utf8), Data(), Data("c".utf8)]),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(try digest(.sha256, [Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)]),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(try digest(.sha256, Array(repeating: Data(repeating: UInt8(ascii: "a"), count: 1000), count: 1000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        XCTAssertEqual(try digest(.sha1, [Data("a".utf8), Data("bc".utf8)]), "a9993e364706816aba3e25717850c26c9cd0d89d")
    }

    /// Chunk boundaries around the 55/56/64-byte padding edges never change the digest.
    func testAnyChunkingEqualsTheOneShotHash() throws {
        var generator = SystemRandomNumberGenerator()
        for length in [1, 55, 56, 63, 64, 65, 119, 120, 128, 1000, 4099] {
            let data = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
            var chunks: [Data] = []
            var offset = 0
            while offset < length {
                let size = min(Int.random(in: 1...97, using: &generator), length - offset)
                chunks.append(data.subdata(in: offset..<(offset + size)))
                offset += size
            }
            for algorithm in [HashAlgorithm.sha256, .sha384] {
                XCTAssertEqual(try digest(algorithm, chunks), algorithm.hash(data).hex, "length \(length)")
            }
        }
    }
}
