// DomainTests: enabled, nbf/exp and key_ops rules for crypto operations, and their order
// (keyvault-spec.md §2.9 steps 6-11).

import Foundation
import ServiceCore
import VaultCrypto
import XCTest
@testable import KeyVault

final class KeyVaultKeyStateTests: XCTestCase {
    private let digest = b64(HashAlgorithm.sha256.hash(Data("state".utf8)))
    private let plaintext = b64(Data(repeating: 7, count: 32))
    private let fakeCiphertext = b64(Data([0]) + Data(repeating: 1, count: 255))

    /// A well-formed body for each operation, as `(path segment, JWK op name, body)`.
    private var wellFormed: [(String, String, [String: Any])] {
        [
            ("encrypt", "encrypt", ["alg": "RSA-OAEP", "value": plaintext]),
            ("decrypt", "decrypt", ["alg": "RSA-OAEP", "value": fakeCiphertext]),
            ("wrapkey", "wrapKey", ["alg": "RSA-OAEP", "value": plaintext]),
            ("unwrapkey", "unwrapKey", ["alg": "RSA-OAEP", "value": fakeCiphertext]),
            ("sign", "sign", ["alg": "RS256", "value": digest]),
            ("verify", "verify", ["alg": "RS256", "digest": digest, "value": fakeCiphertext]),
        ]
    }

    private func assertForbidden(_ error: ServiceError?, inner: String, message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(error?.kind, .forbidden, file: file, line: line)
        XCTAssertEqual(error?.code, "Forbidden", file: file, line: line)
        XCTAssertEqual(error?.innerCode, inner, file: file, line: line)
        XCTAssertEqual(error?.message, message, file: file, line: line)
    }

    func testDisabledKeyRefusesEveryOperationBeforeKeyOps() throws {
        let harness = try KeyVaultHarness()
        try harness.create("k1", ["kty": "RSA", "key_ops": ["verify"], "attributes": ["enabled": false]])
        for (segment, op, body) in wellFormed {
            assertForbidden(harness.error("POST", "/keys/k1/\(segment)", body), inner: "KeyDisabled",
                            message: "Operation \(op) is not allowed on a disabled key.")
        }
        // Re-enabling through update makes the key usable again (and key_ops applies once more).
        try harness.json("PATCH", "/keys/k1", ["attributes": ["enabled": true]])
        XCTAssertEqual(try harness.json("POST", "/keys/k1/verify", wellFormed[5].2)["value"] as? Bool, false)
        XCTAssertEqual(harness.error("POST", "/keys/k1/sign", wellFormed[4].2)?.innerCode, "KeyOperationForbidden")
    }

    func testExpiredKeyRefusesEncryptWrapAndSignButDecryptsUnwrapsAndVerifies() throws {
        let harness = try KeyVaultHarness()
        try harness.create("k1", ["kty": "RSA", "attributes": ["exp": KeyVaultHarness.start + 60]])
        let secret = Data(repeating: 9, count: 32)
        let encrypted = try harness.json("POST", "/keys/k1/encrypt", ["alg": "RSA-OAEP-256", "value": b64(secret)])["value"]
        let wrapped = try harness.json("POST", "/keys/k1/wrapkey", ["alg": "RSA-OAEP-256", "value": b64(secret)])["value"]
        harness.clock.advance(by: 60)                                    // at exp the key is still valid
        let signature = try harness.json("POST", "/keys/k1/sign", ["alg": "PS256", "value": digest])["value"]

        harness.clock.advance(by: 1)                                     // one second past exp
        for (segment, op) in [("encrypt", "encrypt"), ("wrapkey", "wrapKey")] {
            assertForbidden(harness.error("POST", "/keys/k1/\(segment)", ["alg": "RSA-OAEP-256", "value": b64(secret)]),
                            inner: "KeyExpired", message: "Operation \(op) is not allowed on an expired key.")
        }
        assertForbidden(harness.error("POST", "/keys/k1/sign", ["alg": "PS256", "value": digest]),
                        inner: "KeyExpired", message: "Operation sign is not allowed on an expired key.")

        let decrypted = try harness.json("POST", "/keys/k1/decrypt", ["alg": "RSA-OAEP-256", "value": encrypted as Any])
        XCTAssertEqual(try unb64(decrypted["value"]), secret)
        let unwrapped = try harness.json("POST", "/keys/k1/unwrapkey", ["alg": "RSA-OAEP-256", "value": wrapped as Any])
        XCTAssertEqual(try unb64(unwrapped["value"]), secret)
        let verified = try harness.json("POST", "/keys/k1/verify", ["alg": "PS256", "digest": digest, "value": signature as Any])
        XCTAssertEqual(verified["value"] as? Bool, true)
    }

    func testNotYetValidKeyRefusesSignUntilNbf() throws {
        let harness = try KeyVaultHarness()
        try harness.create("k1", ["kty": "EC", "attributes": ["nbf": KeyVaultHarness.start + 3600]])
        assertForbidden(harness.error("POST", "/keys/k1/sign", ["alg": "ES256", "value": digest]),
                        inner: "KeyNotYetValid", message: "Operation sign is not allowed on a key that is not yet valid.")
        let verify = try harness.json("POST", "/keys/k1/verify", ["alg": "ES256", "digest": digest, "value": b64(Data(count: 64))])
        XCTAssertEqual(verify["value"] as? Bool, false)                  // verify is not window-bound
        harness.clock.advance(by: 3600)
        XCTAssertNotNil(try harness.json("POST", "/keys/k1/sign", ["alg": "ES256", "value": digest])["value"] as? String)
    }

    func testOperationOutsideKeyOpsIsKeyOperationForbidden() throws {
        let harness = try KeyVaultHarness()
        try harness.create("k1", ["kty": "RSA", "key_ops": ["sign", "verify"]])
        for (segment, op, body) in wellFormed where !["sign", "verify"].contains(op) {
            assertForbidden(harness.error("POST", "/keys/k1/\(segment)", body), inner: "KeyOperationForbidden",
                            message: "Operation \(op) is not permitted on this key.")
        }
        XCTAssertNotNil(try harness.json("POST", "/keys/k1/sign", ["alg": "RS256", "value": digest])["value"] as? String)
    }

    /// Each rule is checked before the next: 404, body, enabled, window, key_ops, algorithm, length.
    func testEvaluationOrder() throws {
        let harness = try KeyVaultHarness()
        try harness.create("gone-soon", ["kty": "RSA", "key_ops": ["verify"], "attributes": ["exp": KeyVaultHarness.start - 1]])
        try harness.create("off", ["kty": "RSA", "attributes": ["enabled": false, "exp": KeyVaultHarness.start - 1]])
        try harness.create("limited", ["kty": "RSA", "key_ops": ["decrypt"]])

        // 404 before the body is even parsed.
        XCTAssertEqual(harness.error("POST", "/keys/missing/sign", raw: Data("{".utf8))?.code, "KeyNotFound")
        XCTAssertEqual(harness.error("POST", "/keys/off/0123456789abcdef0123456789abcdef/sign", ["alg": "RS256", "value": digest])?.code, "KeyNotFound")
        // A malformed body before the key's state.
        XCTAssertEqual(harness.error("POST", "/keys/off/sign", ["alg": "RS256", "value": "***"])?.kind, .badRequest)
        XCTAssertEqual(harness.error("POST", "/keys/off/sign", ["value": digest])?.kind, .badRequest)
        // Disabled before expired.
        XCTAssertEqual(harness.error("POST", "/keys/off/sign", ["alg": "RS256", "value": digest])?.innerCode, "KeyDisabled")
        // Expired before key_ops.
        XCTAssertEqual(harness.error("POST", "/keys/gone-soon/sign", ["alg": "RS256", "value": digest])?.innerCode, "KeyExpired")
        // State before the algorithm and lengths.
        XCTAssertEqual(harness.error("POST", "/keys/off/sign", ["alg": "XX999", "value": "AA"])?.innerCode, "KeyDisabled")
        XCTAssertEqual(harness.error("POST", "/keys/limited/encrypt", ["alg": "RS256", "value": plaintext])?.innerCode, "KeyOperationForbidden")
        // The algorithm before lengths.
        XCTAssertEqual(harness.error("POST", "/keys/limited/decrypt", ["alg": "A256GCM", "value": "AA"])?.message,
                       "The algorithm 'A256GCM' is not valid for operation decrypt on a key of type RSA. Supported algorithms: RSA1_5, RSA-OAEP, RSA-OAEP-256.")
        XCTAssertEqual(harness.error("POST", "/keys/limited/decrypt", ["alg": "RSA-OAEP", "value": "AA"])?.message,
                       "Invalid length of 'value': 1 bytes. RSA-OAEP requires 256 bytes, encoded with base64url.")
    }

    /// Each version has its own state: a disabled old version does not affect the current one.
    func testStateIsPerVersion() throws {
        let harness = try KeyVaultHarness()
        let oldKid = try XCTUnwrap(try object(try harness.create("k1", ["kty": "EC"])["key"])["kid"] as? String)
        try harness.create("k1", ["kty": "EC"])
        let oldVersion = String(oldKid.split(separator: "/").last!)
        try harness.json("PATCH", "/keys/k1/\(oldVersion)", ["attributes": ["enabled": false]])
        XCTAssertEqual(harness.error("POST", "/keys/k1/\(oldVersion)/sign", ["alg": "ES256", "value": digest])?.innerCode, "KeyDisabled")
        XCTAssertNotNil(try harness.json("POST", "/keys/k1/sign", ["alg": "ES256", "value": digest])["value"] as? String)
    }
}
