// DomainTests: exact encodings — fixed-width EC coordinates (short ones left-padded), minimal RSA integers, padded input.

import Foundation
import ServiceCore
import VaultCrypto
import XCTest
@testable import KeyVault

final class KeyVaultEncodingTests: XCTestCase {
    /// About 1 P-256 key in 128 has an x or y below 2^248; create until one shows up and check
    /// that it is still 32 bytes (left-padded) and that Python verifies a signature with it.
    func testShortECCoordinatesAreLeftPaddedAndStillVerify() throws {
        let harness = try KeyVaultHarness()
        var found: [String: Any]?
        for index in 0..<3000 {
            let key = try object(try harness.create("e\(index)", ["kty": "EC", "crv": "P-256"])["key"])
            let x = try unb64(key["x"]), y = try unb64(key["y"])
            XCTAssertEqual(x.count, 32)
            XCTAssertEqual(y.count, 32)
            if x.first == 0 || y.first == 0 { found = key; break }
        }
        let key = try XCTUnwrap(found, "no short coordinate in 3000 keys (probability < 1e-10)")
        let name = String((key["kid"] as? String ?? "").split(separator: "/")[3])
        let digest = HashAlgorithm.sha256.hash(Data("short".utf8))
        let signature = try XCTUnwrap(try harness.json("POST", "/keys/\(name)/sign", ["alg": "ES256", "value": b64(digest)])["value"] as? String)
        XCTAssertEqual(try unb64(signature).count, 64)
        let verified = try runPython(pythonPrelude + """
            jwk = inp["jwk"]
            x, y = unb64(jwk["x"]), unb64(jwk["y"])
            assert len(x) == 32 and len(y) == 32
            pub = ec.EllipticCurvePublicNumbers(int.from_bytes(x, "big"), int.from_bytes(y, "big"), ec.SECP256R1()).public_key()
            raw = unb64(inp["signature"])
            pub.verify(utils.encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")), b"short", ec.ECDSA(hashes.SHA256()))
            print(json.dumps({"ok": True}))
            """, input: ["jwk": key, "signature": signature])
        XCTAssertEqual(verified["ok"] as? Bool, true)
    }

    /// A JWK whose n and e carry leading zero bytes is answered minimal; P-521 is 66 bytes.
    func testRSAIntegersAreAnsweredMinimalAndPaddedBase64IsAccepted() throws {
        let harness = try KeyVaultHarness()
        let jwk = try runPython(pythonPrelude + """
            from cryptography.hazmat.primitives.asymmetric import rsa as r
            k = r.generate_private_key(public_exponent=65537, key_size=2048).private_numbers()
            def pad(v, extra):
                raw = v.to_bytes((v.bit_length() + 7) // 8, "big")
                return base64.urlsafe_b64encode(b"\\x00" * extra + raw).decode()    # with '=' padding too
            print(json.dumps({"kty": "RSA", "n": pad(k.public_numbers.n, 1), "e": pad(k.public_numbers.e, 2), "d": pad(k.d, 0),
                              "p": pad(k.p, 0), "q": pad(k.q, 0), "dp": pad(k.dmp1, 0), "dq": pad(k.dmq1, 0), "qi": pad(k.iqmp, 0),
                              "n_min": b64(k.public_numbers.n.to_bytes(256, "big"))}))
            """, input: [:])
        let key = try object(try harness.json("PUT", "/keys/padded", ["key": jwk])["key"])
        XCTAssertEqual(key["n"] as? String, jwk["n_min"] as? String)
        XCTAssertEqual(key["e"] as? String, "AQAB")
        let p521 = try object(try harness.create("p521", ["kty": "EC", "crv": "P-521"])["key"])
        XCTAssertEqual(try unb64(p521["x"]).count, 66)
        XCTAssertTrue(try unb64(p521["x"]).first! <= 1)                              // 521 bits in 66 bytes
        // Padded base64 is accepted on input; output never has padding.
        let digest = Data(HashAlgorithm.sha256.hash(Data("p".utf8)))
        let padded = digest.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        XCTAssertTrue(padded.hasSuffix("="))
        let signed = try harness.json("POST", "/keys/padded/sign", ["alg": "RS256", "value": padded])
        XCTAssertFalse((signed["value"] as? String ?? "=").contains("="))
    }
}
