// VaultCryptoTests: EC keys: fixed-width coordinates, JWK/PKCS#8/PEM, ECDSA against RFC 7515 and Python.

import Foundation
import VaultCrypto
import XCTest

final class ECKeyTests: XCTestCase {
    let curves: [ECCurve] = [.p256, .p384, .p521, .p256k]

    func testCoordinateLengths() {
        XCTAssertEqual(curves.map(\.coordinateLength), [32, 48, 66, 32])
        XCTAssertEqual(ECCurve(rawValue: "P-256K"), .p256k)
    }

    func testGeneratedKeysSignAndRoundTripPKCS8() throws {
        for curve in curves {
            let key = try ECKey.generate(curve: curve)
            XCTAssertEqual(key.curve, curve)
            XCTAssertTrue(key.hasPrivateKey)
            let restored = try ECKey(pkcs8DER: key.pkcs8DER())
            XCTAssertEqual(restored.curve, curve)
            XCTAssertEqual(restored.x, key.x)
            XCTAssertEqual(restored.y, key.y)
            let digest = HashAlgorithm.sha256.hash(Data(curve.rawValue.utf8))
            let signature = try key.sign(digest: digest)
            XCTAssertEqual(signature.count, 2 * curve.coordinateLength)
            XCTAssertTrue(restored.verify(signature: signature, digest: digest))
        }
    }

    /// About 1 in 128 P-256 keys has an x or y below 2^248; 300 keys make a short one very likely
    /// and the Python-made vectors below guarantee one.
    func testCoordinatesAreAlwaysFixedWidth() throws {
        for _ in 0..<300 {
            let key = try ECKey.generate(curve: .p256)
            XCTAssertEqual(key.x.count, 32)
            XCTAssertEqual(key.y.count, 32)
        }
    }

    func testKeysWithLeadingZeroCoordinatesFromPython() throws {
        let vectors = try Vectors.load().ecShortCoordinates
        XCTAssertEqual(Set(vectors.compactMap(\.shortField)), ["x", "y", "d"])
        for vector in vectors {
            let curve = try XCTUnwrap(ECCurve(rawValue: vector.curve))
            let key = try ECKey(pkcs8DER: Data(hex: vector.pkcs8))
            XCTAssertEqual(key.x.hex, vector.x, vector.curve)
            XCTAssertEqual(key.y.hex, vector.y, vector.curve)
            XCTAssertEqual(key.x.count, curve.coordinateLength)
            // JWK import with the same fixed-width values must give the same key.
            let imported = try ECKey(curve: curve, x: Data(hex: vector.x), y: Data(hex: vector.y), d: Data(hex: vector.d))
            XCTAssertEqual(try imported.pkcs8DER(), try key.pkcs8DER())
        }
    }

    func testJWKImportChecksPointAndPrivateScalar() throws {
        let key = try ECKey.generate(curve: .p384)
        let publicOnly = try ECKey(curve: .p384, x: key.x, y: key.y, d: nil)
        XCTAssertFalse(publicOnly.hasPrivateKey)
        XCTAssertCryptoError(.invalidKey, try publicOnly.sign(digest: Data(count: 48)))
        XCTAssertCryptoError(.invalidKey, try publicOnly.pkcs8DER())
        var offCurveY = key.y
        offCurveY[offCurveY.count - 1] ^= 0x01
        XCTAssertCryptoError(.invalidKey, try ECKey(curve: .p384, x: key.x, y: offCurveY, d: nil))
        let other = try ECKey.generate(curve: .p384)
        let otherD = try XCTUnwrap(jwkD(of: other))
        XCTAssertCryptoError(.invalidKey, try ECKey(curve: .p384, x: key.x, y: key.y, d: otherD))
        XCTAssertCryptoError(.invalidKey, try ECKey(curve: .p256, x: key.x, y: key.y, d: nil))
    }

    func testPEMIsPKCS8() throws {
        let key = try ECKey.generate(curve: .p256)
        let pem = try key.pem()
        XCTAssertTrue(pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        XCTAssertTrue(pem.hasSuffix("-----END PRIVATE KEY-----\n"))
        let body = pem.split(separator: "\n").dropFirst().dropLast().joined()
        XCTAssertEqual(Data(base64Encoded: body), try key.pkcs8DER())
        XCTAssertTrue(pem.split(separator: "\n").allSatisfy { $0.count <= 64 })
    }

    /// RFC 7515 Appendix A.3 (ES256) and A.4 (ES512): verify the RFC's raw r||s signatures.
    func testRFC7515ECDSAVectors() throws {
        let es256 = try ECKey(curve: .p256, x: b64("f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"),
                              y: b64("x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"),
                              d: b64("jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"))
        let input = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
        let es256Signature = b64("DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q")
        let digest256 = HashAlgorithm.sha256.hash(Data(input.utf8))
        XCTAssertTrue(es256.verify(signature: es256Signature, digest: digest256))
        XCTAssertFalse(es256.verify(signature: es256Signature, digest: HashAlgorithm.sha256.hash(Data("x".utf8))))

        let es512 = try ECKey(curve: .p521,
                              x: b64("AekpBQ8ST8a8VcfVOTNl353vSrDCLLJXmPk06wTjxrrjcBpXp5EOnYG_NjFZ6OvLFV1jSfS9tsz4qUxcWceqwQGk"),
                              y: b64("ADSmRA43Z1DSNx_RvcLI87cdL07l6jQyyBXMoxVg_l2Th-x3S1WDhjDly79ajL4Kkd0AZMaZmh9ubmf63e3kyMj2"),
                              d: b64("AY5pb7A0UFiB3RELSD64fTLOSV_jazdF7fLYyuTw8lOfRhWg6Y6rUrPAxerEzgdRhajnu0ferB0d53vM9mE15j2C"))
        XCTAssertEqual(es512.y.first, 0x00)
        let es512Signature = b64("AdwMgeerwtHoh-l192l60hp9wAHZFVJbLfD_UxMi70cwnZOYaRI1bKPWROc-mZZqwqT2SI-KGDKB34XO0aw_7XdtAG8Ga"
            + "SwFKdCAPZgoXD2YBJZCPEX3xKpRwcdOO8KpEHwJjyqOgzDO7iKvU8vcnwNrmxYbSW9ERBXukOXolLzeO_Jn")
        let digest512 = HashAlgorithm.sha512.hash(Data("eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA".utf8))
        XCTAssertTrue(es512.verify(signature: es512Signature, digest: digest512))
    }

    func testVerifyRejectsMalformedSignatures() throws {
        let key = try ECKey.generate(curve: .p256)
        let digest = HashAlgorithm.sha256.hash(Data("m".utf8))
        let signature = try key.sign(digest: digest)
        XCTAssertFalse(key.verify(signature: signature.dropLast(), digest: digest))
        XCTAssertFalse(key.verify(signature: Data(count: 64), digest: digest))
        XCTAssertFalse(key.verify(signature: Data(repeating: 0xFF, count: 64), digest: digest))
        XCTAssertFalse(key.verify(signature: signature, digest: Data()))
        XCTAssertCryptoError(.invalidInput, try key.sign(digest: Data()))
    }

    func testPythonSignaturesVerifyInSwift() throws {
        for vector in try Vectors.load().ec {
            let key = try ECKey(pkcs8DER: Data(hex: vector.pkcs8))
            XCTAssertEqual(key.curve.rawValue, vector.curve)
            XCTAssertEqual(key.x.hex, vector.x)
            let digest = Data(hex: try XCTUnwrap(vector.digest)), signature = Data(hex: try XCTUnwrap(vector.signature))
            XCTAssertTrue(key.verify(signature: signature, digest: digest), vector.curve)
            var tampered = signature
            tampered[5] ^= 0x10
            XCTAssertFalse(key.verify(signature: tampered, digest: digest), vector.curve)
        }
    }

    func testSwiftSignaturesVerifyInPython() throws {
        let hashes: [ECCurve: HashAlgorithm] = [.p256: .sha256, .p384: .sha384, .p521: .sha512, .p256k: .sha256]
        for curve in curves {
            let key = try ECKey.generate(curve: curve)
            let digest = hashes[curve]!.hash(Data("signed in Swift on \(curve.rawValue)".utf8))
            let signature = try key.sign(digest: digest)
            var corrupted = signature
            corrupted[0] ^= 0x01
            let items = [["digest": digest.hex, "signature": signature.hex], ["digest": digest.hex, "signature": corrupted.hex]]
            let results = try ExternalTool.pythonCheck(
                "ec-verify", ["curve": curve.rawValue, "x": key.x.hex, "y": key.y.hex, "items": items])
            XCTAssertEqual(results as? [Bool], [true, false], curve.rawValue)
        }
    }

    private func b64(_ text: String) -> Data { Base64URL.decode(text)! }

    /// The private scalar `d` of `key`, read out of its PKCS#8 DER: the wrapped ECPrivateKey
    /// (RFC 5915) holds it in the OCTET STRING right after `version INTEGER 1` (02 01 01 04 <len>).
    private func jwkD(of key: ECKey) -> Data? {
        guard let der = try? key.pkcs8DER() else { return nil }
        let bytes = [UInt8](der), marker: [UInt8] = [0x02, 0x01, 0x01, 0x04]
        guard let start = (0..<(bytes.count - 5)).first(where: { Array(bytes[$0..<$0 + 4]) == marker }) else { return nil }
        let length = Int(bytes[start + 4])
        return Data(bytes[(start + 5)..<(start + 5 + length)])
    }
}
