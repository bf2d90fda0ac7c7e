// DomainTests: every 400 of the crypto operations — bodies, base64url, algorithms, lengths.

import Foundation
import ServiceCore
import VaultCrypto
import XCTest
@testable import KeyVault

final class KeyVaultCryptoValidationTests: XCTestCase {
    private let rsaSignatureList = "RS256, RS384, RS512, PS256, PS384, PS512"
    private let rsaEncryptionList = "RSA1_5, RSA-OAEP, RSA-OAEP-256"

    private func assertBadParameter(_ harness: KeyVaultHarness, _ path: String, _ body: [String: Any]? = nil, raw: Data? = nil,
                                    _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        let error = harness.error("POST", path, body, raw: raw, file: file, line: line)
        XCTAssertEqual(error?.kind, .badRequest, file: file, line: line)
        XCTAssertEqual(error?.code, "BadParameter", file: file, line: line)
        XCTAssertNil(error?.innerCode, file: file, line: line)
        XCTAssertEqual(error?.message, message, file: file, line: line)
    }

    func testMalformedBodies() throws {
        let harness = try KeyVaultHarness()
        try harness.create("k1")
        let digest = b64(Data(count: 32))
        assertBadParameter(harness, "/keys/k1/sign", raw: Data("{\"alg\": ".utf8), "The request body is not valid JSON.")
        assertBadParameter(harness, "/keys/k1/sign", raw: Data(), "The request body is not valid JSON.")
        assertBadParameter(harness, "/keys/k1/sign", ["alg": "RS256", "value": 5], "The value of property 'value' has the wrong type: expected a string.")
        assertBadParameter(harness, "/keys/k1/sign", ["alg": 256, "value": digest], "The value of property 'alg' has the wrong type: expected a string.")
        assertBadParameter(harness, "/keys/k1/sign", ["value": digest], "The required property 'alg' is missing.")
        assertBadParameter(harness, "/keys/k1/encrypt", ["alg": "RSA-OAEP"], "The required property 'value' is missing.")
        assertBadParameter(harness, "/keys/k1/verify", ["alg": "RS256", "value": digest], "The required property 'digest' is missing.")
        assertBadParameter(harness, "/keys/k1/sign", ["alg": "RS256", "value": NSNull()], "The value of property 'value' must not be null: expected a string.")
    }

    func testValuesMustBeBase64URL() throws {
        let harness = try KeyVaultHarness()
        try harness.create("k1")
        let digest = Data(repeating: 0xfb, count: 32)      // base64 would contain '+' and '/'
        assertBadParameter(harness, "/keys/k1/sign", ["alg": "RS256", "value": digest.base64EncodedString()],
                           "The value of property 'value' is not valid base64url.")
        assertBadParameter(harness, "/keys/k1/encrypt", ["alg": "RSA-OAEP", "value": "a b"], "The value of property 'value' is not valid base64url.")
        assertBadParameter(harness, "/keys/k1/verify", ["alg": "RS256", "digest": "@@", "value": "AA"], "The value of property 'digest' is not valid base64url.")
        assertBadParameter(harness, "/keys/k1/verify", ["alg": "RS256", "digest": b64(digest), "value": "%%"], "The value of property 'value' is not valid base64url.")
        // Padded base64url is accepted.
        let padded = b64(digest) + "="
        XCTAssertEqual(try unb64(try harness.json("POST", "/keys/k1/sign", ["alg": "RS256", "value": padded])["value"]).count, 256)
    }

    func testUnknownOrMismatchedAlgorithms() throws {
        let harness = try KeyVaultHarness()
        try harness.create("k1")
        try harness.create("e1", ["kty": "EC", "key_ops": ["sign", "verify", "encrypt"]])
        let digest = b64(Data(count: 32))
        for (path, alg) in [("/keys/k1/encrypt", "RSA-OAEP-512"), ("/keys/k1/encrypt", "RS256"), ("/keys/k1/wrapkey", "A256KW"), ("/keys/k1/encrypt", "rsa-oaep")] {
            let op = path.hasSuffix("wrapkey") ? "wrapKey" : "encrypt"
            assertBadParameter(harness, path, ["alg": alg, "value": digest],
                               "The algorithm '\(alg)' is not valid for operation \(op) on a key of type RSA. Supported algorithms: \(rsaEncryptionList).")
        }
        for alg in ["RSA-OAEP", "ES256", "RSNULL", "HS256", "rs256"] {
            assertBadParameter(harness, "/keys/k1/sign", ["alg": alg, "value": digest],
                               "The algorithm '\(alg)' is not valid for operation sign on a key of type RSA. Supported algorithms: \(rsaSignatureList).")
        }
        assertBadParameter(harness, "/keys/k1/verify", ["alg": "ES256", "digest": digest, "value": digest],
                           "The algorithm 'ES256' is not valid for operation verify on a key of type RSA. Supported algorithms: \(rsaSignatureList).")
        assertBadParameter(harness, "/keys/e1/sign", ["alg": "ES384", "value": b64(Data(count: 48))],
                           "The algorithm 'ES384' is not valid for operation sign on a key of type EC. Supported algorithms: ES256.")
        assertBadParameter(harness, "/keys/e1/sign", ["alg": "RS256", "value": digest],
                           "The algorithm 'RS256' is not valid for operation sign on a key of type EC. Supported algorithms: ES256.")
        assertBadParameter(harness, "/keys/e1/encrypt", ["alg": "RSA-OAEP", "value": digest],
                           "The algorithm 'RSA-OAEP' is not valid for operation encrypt on a key of type EC. Keys of type EC support no algorithm for encrypt.")
    }

    /// Sign and verify take a digest of exactly the hash's length (Azure's message, verbatim).
    func testDigestLengths() throws {
        let harness = try KeyVaultHarness()
        try harness.create("k1")
        try harness.create("e1", ["kty": "EC", "crv": "P-521"])
        for (alg, size, required) in [("RS256", 20, 32), ("RS256", 33, 32), ("RS384", 32, 48), ("RS512", 48, 64), ("PS256", 64, 32),
                                       ("PS384", 0, 48), ("PS512", 32, 64)] {
            assertBadParameter(harness, "/keys/k1/sign", ["alg": alg, "value": b64(Data(count: size))],
                               "Invalid length of 'value': \(size) bytes. \(alg) requires \(required) bytes, encoded with base64url.")
            assertBadParameter(harness, "/keys/k1/verify", ["alg": alg, "digest": b64(Data(count: size)), "value": b64(Data(count: 256))],
                               "Invalid length of 'digest': \(size) bytes. \(alg) requires \(required) bytes, encoded with base64url.")
        }
        assertBadParameter(harness, "/keys/e1/sign", ["alg": "ES512", "value": b64(Data(count: 66))],
                           "Invalid length of 'value': 66 bytes. ES512 requires 64 bytes, encoded with base64url.")
    }

    func testPlaintextAndCiphertextLengths() throws {
        let harness = try KeyVaultHarness()
        try harness.create("k1")
        for (alg, maximum) in [("RSA1_5", 245), ("RSA-OAEP", 214), ("RSA-OAEP-256", 190)] {
            for segment in ["encrypt", "wrapkey"] {
                let atLimit = try harness.json("POST", "/keys/k1/\(segment)", ["alg": alg, "value": b64(Data(count: maximum))])
                XCTAssertEqual(try unb64(atLimit["value"]).count, 256)
                assertBadParameter(harness, "/keys/k1/\(segment)", ["alg": alg, "value": b64(Data(count: maximum + 1))],
                                   "Invalid length of 'value': \(maximum + 1) bytes. \(alg) with a 2048-bit key accepts at most \(maximum) bytes.")
            }
            for segment in ["decrypt", "unwrapkey"] {
                for size in [255, 257, 0] {
                    assertBadParameter(harness, "/keys/k1/\(segment)", ["alg": alg, "value": b64(Data(count: size))],
                                       "Invalid length of 'value': \(size) bytes. \(alg) requires 256 bytes, encoded with base64url.")
                }
                // Right length, wrong padding: the key cannot decrypt it.
                assertBadParameter(harness, "/keys/k1/\(segment)", ["alg": alg, "value": b64(Data([0]) + Data(repeating: 0x5a, count: 255))],
                                   "The value could not be decrypted with \(alg) by this key.")
            }
        }
    }

    /// A wrong signature is an answer, not an error.
    func testVerifyAnswersFalseForAnyWrongSignature() throws {
        let harness = try KeyVaultHarness()
        try harness.create("k1")
        let digest = HashAlgorithm.sha384.hash(Data("m".utf8))
        let signature = try unb64(try harness.json("POST", "/keys/k1/sign", ["alg": "RS384", "value": b64(digest)])["value"])
        var flipped = signature
        flipped[100] ^= 0x01
        for candidate in [flipped, signature.prefix(255), signature + Data([0]), Data()] {
            let result = try harness.json("POST", "/keys/k1/verify", ["alg": "RS384", "digest": b64(digest), "value": b64(Data(candidate))])
            XCTAssertEqual(result["value"] as? Bool, false)
        }
        // The right signature under the other padding is wrong too.
        XCTAssertEqual(try harness.json("POST", "/keys/k1/verify", ["alg": "PS384", "digest": b64(digest), "value": b64(signature)])["value"] as? Bool, false)
        XCTAssertEqual(try harness.json("POST", "/keys/k1/verify", ["alg": "RS384", "digest": b64(digest), "value": b64(signature)])["value"] as? Bool, true)
    }
}
