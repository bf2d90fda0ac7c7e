// VaultCryptoTests: RS256 JWTs: round trip, header, tampering, alg none and garbage input.

import Foundation
import VaultCrypto
import XCTest

final class JWTTests: XCTestCase {
    func testRoundTripWithHeaderAndTypedClaims() throws {
        let key = try RFC7515A2.privateKey()
        let claims: [String: any Sendable] = [
            "iss": "https://login.localhost/tenant/v2.0", "exp": 1_700_000_000, "big": Int64(9_007_199_254_740_993),
            "admin": true, "roles": ["a", "b"], "nested": ["k": "v", "n": 1] as [String: any Sendable],
        ]
        let token = try JWT.sign(claims: claims, keyId: "key-1", key: key)
        let decoded = try JWT.decode(token)
        XCTAssertEqual(decoded.header, ["alg": "RS256", "typ": "JWT", "kid": "key-1"])
        XCTAssertEqual(String(decoding: decoded.claimsJSON, as: UTF8.self),
                       #"{"admin":true,"big":9007199254740993,"exp":1700000000,"iss":"https://login.localhost/tenant/v2.0","#
                       + #""nested":{"k":"v","n":1},"roles":["a","b"]}"#)
        XCTAssertEqual(decoded.signingInput, Data(token.split(separator: ".").prefix(2).joined(separator: ".").utf8))
        XCTAssertEqual(decoded.signature.count, 256)
        XCTAssertTrue(JWT.verifySignature(decoded, key: key))
        let publicKey = try RSAKey(modulus: key.modulus, exponent: key.publicExponent)
        XCTAssertTrue(JWT.verifySignature(decoded, key: publicKey))
        XCTAssertFalse(JWT.verifySignature(decoded, key: try RSAKey.generate(bits: 2048)))
    }

    /// The RFC 7515 A.2 token verifies, and so does a decode of its exact bytes.
    func testVerifiesRFC7515Token() throws {
        let token = RFC7515A2.signingInput + "." + RFC7515A2.signature
        let decoded = try JWT.decode(token)
        XCTAssertEqual(decoded.header, ["alg": "RS256"])
        XCTAssertTrue(JWT.verifySignature(decoded, key: try RFC7515A2.privateKey()))
    }

    func testTamperedPayloadFails() throws {
        let key = try RFC7515A2.privateKey()
        let parts = try JWT.sign(claims: ["sub": "user"], keyId: "k", key: key).split(separator: ".").map(String.init)
        let forged = Base64URL.encode(Data(#"{"sub":"admin"}"#.utf8))
        let decoded = try JWT.decode([parts[0], forged, parts[2]].joined(separator: "."))
        XCTAssertFalse(JWT.verifySignature(decoded, key: key))
    }

    func testAlgNoneAndOtherAlgorithmsFail() throws {
        let key = try RFC7515A2.privateKey()
        let payload = Base64URL.encode(Data(#"{"sub":"admin"}"#.utf8))
        let none = Base64URL.encode(Data(#"{"alg":"none","typ":"JWT"}"#.utf8))
        XCTAssertFalse(JWT.verifySignature(try JWT.decode("\(none).\(payload)."), key: key))
        // A valid RS256 signature under a header that claims another algorithm is still rejected.
        let signed = try JWT.sign(claims: ["sub": "admin"], keyId: "k", key: key).split(separator: ".").map(String.init)
        for alg in ["none", "HS256", "RS512", "rs256"] {
            let header = Base64URL.encode(Data(#"{"alg":"\#(alg)"}"#.utf8))
            let input = "\(header).\(signed[1])"
            let signature = try key.sign(digest: HashAlgorithm.sha256.hash(Data(input.utf8)), hash: .sha256, padding: .pkcs1v15)
            XCTAssertFalse(JWT.verifySignature(try JWT.decode("\(input).\(Base64URL.encode(signature))"), key: key), alg)
        }
    }

    func testGarbageTokensThrowInvalidInput() {
        let header = Base64URL.encode(Data(#"{"alg":"RS256"}"#.utf8))
        let garbage = ["", "a.b", "!!!.???.***", "...", "a.b.c.d", "\(header)..", "\(header).W10.", "W10.\(header).",
                       "\(header).bm90IGpzb24.", "\(header).\(header).!!", "🙂.🙂.🙂"]
        for token in garbage {
            XCTAssertCryptoError(.invalidInput, try JWT.decode(token))
        }
    }

    func testUnsupportedClaimTypeThrows() throws {
        struct Opaque: Sendable {}
        XCTAssertCryptoError(.invalidInput, try JWT.sign(claims: ["x": Opaque()], keyId: "k", key: RFC7515A2.privateKey()))
    }
}
