// VaultCryptoTests: base64url against RFC 4648 vectors and malformed input.

import Foundation
import VaultCrypto
import XCTest

final class Base64URLTests: XCTestCase {
    /// RFC 4648 section 10, with padding removed as base64url in JOSE does.
    let rfc4648: [(String, String)] = [
        ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"),
        ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy"),
    ]

    func testEncodesRFC4648VectorsWithoutPadding() {
        for (plain, encoded) in rfc4648 {
            XCTAssertEqual(Base64URL.encode(Data(plain.utf8)), encoded, plain)
        }
    }

    func testDecodesUnpaddedAndPaddedRFC4648Vectors() {
        for (plain, encoded) in rfc4648 {
            XCTAssertEqual(Base64URL.decode(encoded), Data(plain.utf8), encoded)
            let padded = encoded + String(repeating: "=", count: (4 - encoded.count % 4) % 4)
            XCTAssertEqual(Base64URL.decode(padded), Data(plain.utf8), padded)
        }
    }

    func testUsesURLSafeAlphabet() {
        // Standard base64 of fb ff bf is "+/+/"; base64url must use "-" and "_".
        XCTAssertEqual(Base64URL.encode(Data([0xFB, 0xFF, 0xBF])), "-_-_")
        XCTAssertEqual(Base64URL.decode("-_-_"), Data([0xFB, 0xFF, 0xBF]))
        XCTAssertEqual(Base64URL.encode(Data([0xFB, 0xFF])), "-_8")
        XCTAssertEqual(Base64URL.decode("-_8="), Data([0xFB, 0xFF]))
    }

    func testRejectsInvalidCharactersAndShapes() {
        let invalid = ["Zm9v!", "+/+/", "Zm/v", "Zm 9v", "Zm9v\n", "Z", "Zm9vY", "Zg=", "Zg===", "Z===",
                       "Zg==Zg==", "=Zg=", "Zm9vYg=a", "é"]
        for text in invalid {
            XCTAssertNil(Base64URL.decode(text), text)
        }
    }

    func testRoundTripsEveryByteValue() {
        let all = Data((0...255).map { UInt8($0) })
        for length in [0, 1, 2, 3, 254, 255, 256] {
            let data = all.prefix(length)
            XCTAssertEqual(Base64URL.decode(Base64URL.encode(data)), data)
        }
    }
}
