// VaultCryptoTests: SHA digests (FIPS 180), HMAC-SHA256 (RFC 4231), randomness and comparison.

import Foundation
import VaultCrypto
import XCTest

final class HashingTests: XCTestCase {
    let abc = Data("abc".utf8)

    /// FIPS 180-4 example "abc" digests.
    func testSHADigestsOfABC() {
        XCTAssertEqual(HashAlgorithm.sha1.hash(abc).hex, "a9993e364706816aba3e25717850c26c9cd0d89d")
        XCTAssertEqual(HashAlgorithm.sha256.hash(abc).hex,
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(HashAlgorithm.sha384.hash(abc).hex,
                       "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")
        XCTAssertEqual(HashAlgorithm.sha512.hash(abc).hex,
                       "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                       + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
    }

    func testDigestLengthsAndEmptyInput() {
        XCTAssertEqual([HashAlgorithm.sha1, .sha256, .sha384, .sha512].map(\.digestLength), [20, 32, 48, 64])
        XCTAssertEqual(HashAlgorithm.sha256.hash(Data()).hex,
                       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    /// RFC 4231 test case 1.
    func testHMACSHA256RFC4231Case1() {
        let mac = HMACSHA256.authenticate(Data("Hi There".utf8), key: Data(repeating: 0x0B, count: 20))
        XCTAssertEqual(mac.hex, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    /// RFC 4231 test case 2.
    func testHMACSHA256RFC4231Case2() {
        let mac = HMACSHA256.authenticate(Data("what do ya want for nothing?".utf8), key: Data("Jefe".utf8))
        XCTAssertEqual(mac.hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    func testSecureRandomLengthAndVariety() {
        XCTAssertEqual(SecureRandom.bytes(0).count, 0)
        let a = SecureRandom.bytes(32), b = SecureRandom.bytes(32)
        XCTAssertEqual(a.count, 32)
        XCTAssertNotEqual(a, b)
    }

    func testConstantTimeEquals() {
        XCTAssertTrue(constantTimeEquals(Data(), Data()))
        XCTAssertTrue(constantTimeEquals(Data([1, 2, 3]), Data([1, 2, 3])))
        XCTAssertFalse(constantTimeEquals(Data([1, 2, 3]), Data([1, 2, 4])))
        XCTAssertFalse(constantTimeEquals(Data([1, 2, 3]), Data([1, 2])))
    }
}
