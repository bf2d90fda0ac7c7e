// DomainTests: import key — private JWKs made by Python's `cryptography`, used by the service and checked back in Python.

import Foundation
import ServiceCore
import VaultCrypto
import XCTest
@testable import KeyVault

final class KeyVaultImportTests: XCTestCase {
    /// RSA-2048 and EC P-256/P-384/P-521/P-256K private JWKs, plus signatures Python makes with them.
    private static let pythonKeys = """
        from cryptography.hazmat.primitives.asymmetric import ec, rsa
        def i2b(v, n=None):
            n = n or (v.bit_length() + 7) // 8
            return b64(v.to_bytes(n, "big"))
        r = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        p = r.private_numbers()
        out = {"rsa": {"kty": "RSA", "n": i2b(p.public_numbers.n), "e": i2b(p.public_numbers.e), "d": i2b(p.d), "p": i2b(p.p),
                       "q": i2b(p.q), "dp": i2b(p.dmp1), "dq": i2b(p.dmq1), "qi": i2b(p.iqmp)}}
        for crv, curve, width in [("P-256", ec.SECP256R1(), 32), ("P-384", ec.SECP384R1(), 48), ("P-521", ec.SECP521R1(), 66), ("P-256K", ec.SECP256K1(), 32)]:
            k = ec.generate_private_key(curve)
            n = k.private_numbers()
            out[crv] = {"kty": "EC", "crv": crv, "x": i2b(n.public_numbers.x, width), "y": i2b(n.public_numbers.y, width), "d": i2b(n.private_value, width)}
        print(json.dumps(out))
        """

    func testImportedKeysSignAndDecryptAndPythonVerifies() throws {
        let harness = try KeyVaultHarness()
        let jwks = try runPython(pythonPrelude + Self.pythonKeys, input: [:])
        let rsaJWK = try object(jwks["rsa"])
        let imported = try harness.json("PUT", "/keys/imported-rsa", ["key": rsaJWK, "tags": ["src": "python"], "attributes": ["exp": KeyVaultHarness.start + 600]])
        let key = try object(imported["key"])
        XCTAssertEqual(keys(key), ["kid", "kty", "key_ops", "n", "e"])                   // private members never answered
        XCTAssertEqual(key["n"] as? String, rsaJWK["n"] as? String)
        XCTAssertEqual(key["kty"] as? String, "RSA")
        XCTAssertEqual(key["key_ops"] as? [String], ["encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"])
        XCTAssertEqual(imported["tags"] as? [String: String], ["src": "python"])
        XCTAssertEqual((try object(imported["attributes"])["exp"] as? NSNumber)?.int64Value, KeyVaultHarness.start + 600)

        let message = Data("imported".utf8)
        var signatures: [[String: Any]] = []
        let rsaSignature = try harness.json("POST", "/keys/imported-rsa/sign", ["alg": "PS256", "value": b64(HashAlgorithm.sha256.hash(message))])["value"]
        signatures.append(["jwk": rsaJWK, "alg": "PS256", "signature": rsaSignature as Any])
        for (curve, alg, hash) in [("P-256", "ES256", HashAlgorithm.sha256), ("P-384", "ES384", .sha384), ("P-521", "ES512", .sha512), ("P-256K", "ES256K", .sha256)] {
            var jwk = try object(jwks[curve])
            jwk["key_ops"] = ["sign"]
            let name = "imported-\(curve)"
            let answer = try object(try harness.json("PUT", "/keys/\(name)", ["key": jwk])["key"])
            XCTAssertEqual(answer["x"] as? String, jwk["x"] as? String)
            XCTAssertEqual(answer["y"] as? String, jwk["y"] as? String)
            XCTAssertEqual(answer["key_ops"] as? [String], ["sign"])
            let signature = try harness.json("POST", "/keys/\(name)/sign", ["alg": alg, "value": b64(hash.hash(message))])["value"]
            signatures.append(["jwk": jwk, "alg": alg, "signature": signature as Any])
        }
        let verified = try XCTUnwrap(try runPython(pythonPrelude + """
            curves = {"P-256": ec.SECP256R1(), "P-384": ec.SECP384R1(), "P-521": ec.SECP521R1(), "P-256K": ec.SECP256K1()}
            msg = b"imported"
            out = []
            for item in inp["items"]:
                jwk, sig = item["jwk"], unb64(item["signature"])
                try:
                    if jwk["kty"] == "RSA":
                        rsa_public(jwk).verify(sig, msg, padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32), hashes.SHA256())
                    else:
                        pub = ec.EllipticCurvePublicNumbers(int.from_bytes(unb64(jwk["x"]), "big"), int.from_bytes(unb64(jwk["y"]), "big"), curves[jwk["crv"]]).public_key()
                        half = len(sig) // 2
                        pub.verify(utils.encode_dss_signature(int.from_bytes(sig[:half], "big"), int.from_bytes(sig[half:], "big")), msg, ec.ECDSA(HASHES[item["alg"][2:]]))
                    out.append(True)
                except Exception:
                    out.append(False)
            print(json.dumps({"verified": out}))
            """, input: ["items": signatures])["verified"] as? [Bool])
        XCTAssertEqual(verified, [true, true, true, true, true])
    }

    func testHsmFlagStoresAnHSMKeyOnPremiumVaultsOnly() throws {
        let harness = try KeyVaultHarness()
        let jwk = try object(try runPython(pythonPrelude + Self.pythonKeys, input: [:])["P-256"])
        XCTAssertEqual(harness.error("PUT", "/keys/h1", ["key": jwk, "Hsm": true])?.message,
                       "The key type 'EC-HSM' requires a premium vault; vault 'kv1' uses the standard tier.")
        harness.vault = VaultInfo(name: "kvp", resourceId: KeyVaultHarness.standardVault.resourceId, location: "westeurope",
                                  tenantId: KeyVaultHarness.standardVault.tenantId, sku: "premium", softDeleteRetentionDays: 90, purgeProtection: false)
        let imported = try harness.json("PUT", "/keys/h1", ["key": jwk, "Hsm": true])
        XCTAssertEqual(try object(imported["key"])["kty"] as? String, "EC-HSM")
        XCTAssertEqual(try object(imported["attributes"])["hsmPlatform"] as? String, "2")
    }

    func testBadJWKsAreBadParameterAndWriteNothing() throws {
        let harness = try KeyVaultHarness()
        let jwks = try runPython(pythonPrelude + Self.pythonKeys, input: [:])
        let rsaJWK = try object(jwks["rsa"])
        let ecJWK = try object(jwks["P-256"])
        var publicOnly = rsaJWK
        publicOnly["d"] = nil
        var mismatched = rsaJWK
        mismatched["e"] = "Aw"                                                          // e = 3 does not fit d
        var offCurve = ecJWK
        offCurve["y"] = offCurve["x"]
        var wrongCurve = ecJWK
        wrongCurve["crv"] = "P-384"
        let cases: [([String: Any], String?)] = [
            (["key": publicOnly], "The JSON Web Key lacks 'd', which importing a private RSA key requires."),
            (["key": mismatched], "The JSON Web Key is not a valid RSA private key: its members do not form one key."),
            (["key": offCurve], "The JSON Web Key is not a valid P-256 private key: the point is not on the curve or does not match 'd'."),
            (["key": wrongCurve], nil),
            (["key": ["kty": "oct", "k": "AAAAAAAAAAAAAAAAAAAAAA"]], "The key type 'oct' is only supported by Managed HSM, not by a key vault."),
            (["key": ["kty": "DSA"]], nil),
            (["key": ["kty": "EC", "x": ecJWK["x"] as Any, "y": ecJWK["y"] as Any, "d": ecJWK["d"] as Any]], "The JSON Web Key lacks 'crv', which importing an EC key requires."),
            (["key": ["kty": "EC", "crv": "P-192", "x": "AA", "y": "AA", "d": "AA"]], "The curve 'P-192' is not supported. Supported curves: P-256, P-384, P-521, P-256K."),
            (["key": rsaJWK.merging(["n": "***"]) { $1 }], "The value of property 'key.n' is not valid base64url."),
            (["key": rsaJWK.merging(["key_ops": ["sign", "fly"]]) { $1 }], nil),
            (["key": rsaJWK, "tags": Dictionary(uniqueKeysWithValues: (0..<16).map { ("t\($0)", "v") })], nil),
            (["key": rsaJWK, "attributes": ["exportable": true]], nil),
            (["tags": [:]], "The required property 'key' is missing."),
        ]
        for (body, message) in cases {
            let error = harness.error("PUT", "/keys/bad", body)
            XCTAssertEqual(error?.code, "BadParameter", "\(body)")
            if let message { XCTAssertEqual(error?.message, message) }
        }
        XCTAssertEqual(harness.error("PUT", "/keys/bad_name", ["key": rsaJWK])?.code, "BadParameter")
        XCTAssertEqual(harness.error("PUT", "/keys/bad", ["key": rsaJWK.merging(["key_hsm": "AAAA"]) { $1 }])?.kind, .notImplemented)
        XCTAssertEqual(try harness.database.query("SELECT COUNT(*) AS n FROM keys").first?.int("n"), 0)
    }

    func testImportAddsAVersionAndRespectsSoftDeletedNames() throws {
        let harness = try KeyVaultHarness()
        let jwks = try runPython(pythonPrelude + Self.pythonKeys, input: [:])
        let created = try object(try harness.create("k1", ["kty": "EC"])["key"])
        let imported = try object(try harness.json("PUT", "/keys/K1", ["key": try object(jwks["P-256"])])["key"])
        XCTAssertTrue((imported["kid"] as? String ?? "").hasPrefix("https://kv1.vault.localhost:8443/keys/k1/"))
        XCTAssertNotEqual(imported["kid"] as? String, created["kid"] as? String)
        XCTAssertEqual((try harness.json("GET", "/keys/k1/versions")["value"] as? [Any])?.count, 2)
        try harness.json("DELETE", "/keys/k1")
        XCTAssertEqual(harness.error("PUT", "/keys/k1", ["key": try object(jwks["P-256"])])?.innerCode, "ObjectIsDeletedButRecoverable")
    }
}
