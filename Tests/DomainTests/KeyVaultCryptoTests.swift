// DomainTests: crypto operations cross-checked against Python's `cryptography` using only the
// public key the service returns.

import Foundation
import ServiceCore
import VaultCrypto
import XCTest
@testable import KeyVault

final class KeyVaultCryptoTests: XCTestCase {
    private let signatureAlgorithms: [(String, HashAlgorithm)] = [
        ("RS256", .sha256), ("RS384", .sha384), ("RS512", .sha512), ("PS256", .sha256), ("PS384", .sha384), ("PS512", .sha512),
    ]

    /// The service signs the digest it is given: Python verifies each signature over the
    /// *message* (hashing it once itself), with PSS salt length = digest length.
    func testRSASignaturesVerifyInPythonOverTheMessage() throws {
        let harness = try KeyVaultHarness()
        let jwk = try object(try harness.create("signer")["key"])
        let kid = try XCTUnwrap(jwk["kid"] as? String)
        let message = SecureRandom.bytes(100)
        var signatures: [String: String] = [:]
        for (alg, hash) in signatureAlgorithms {
            let digest = hash.hash(message)
            let result = try harness.json("POST", "/keys/signer/sign", ["alg": alg, "value": b64(digest)])
            XCTAssertEqual(keys(result), ["kid", "value"])
            XCTAssertEqual(result["kid"] as? String, kid)
            let signature = try unb64(result["value"])
            XCTAssertEqual(signature.count, 256, alg)
            signatures[alg] = b64(signature)

            // The service's own verify agrees, and says false (200, not an error) for a wrong digest.
            let good = try harness.json("POST", "/keys/signer/verify", ["alg": alg, "digest": b64(digest), "value": b64(signature)])
            XCTAssertEqual(keys(good), ["value"])
            XCTAssertEqual(good["value"] as? Bool, true, alg)
            let other = hash.hash(message + Data([1]))
            let bad = try harness.json("POST", "/keys/signer/verify", ["alg": alg, "digest": b64(other), "value": b64(signature)])
            XCTAssertEqual(bad["value"] as? Bool, false, alg)
        }
        let verified = try object(try runPython(pythonPrelude + """
            pub = rsa_public(inp["jwk"])
            msg = unb64(inp["message"])
            out = {}
            for alg, sig in inp["signatures"].items():
                h = HASHES[alg[2:]]
                pad = padding.PKCS1v15() if alg.startswith("RS") else padding.PSS(mgf=padding.MGF1(h), salt_length=h.digest_size)
                def ok(m):
                    try:
                        pub.verify(unb64(sig), m, pad, h)
                        return True
                    except Exception:
                        return False
                out[alg] = [ok(msg), ok(msg + b"x")]
            print(json.dumps({"verified": out}))
            """, input: ["jwk": jwk, "message": b64(message), "signatures": signatures])["verified"])
        for (alg, _) in signatureAlgorithms {
            XCTAssertEqual(verified[alg] as? [Bool], [true, false], alg)
        }
    }

    func testPKCS1SignaturesAreDeterministicAndPSSIsRandomized() throws {
        let harness = try KeyVaultHarness()
        try harness.create("k1")
        let digest = b64(HashAlgorithm.sha256.hash(Data("abc".utf8)))
        let rs = try (0..<2).map { _ in try harness.json("POST", "/keys/k1/sign", ["alg": "RS256", "value": digest])["value"] as? String }
        let ps = try (0..<2).map { _ in try harness.json("POST", "/keys/k1/sign", ["alg": "PS256", "value": digest])["value"] as? String }
        XCTAssertEqual(rs[0], rs[1])
        XCTAssertNotEqual(ps[0], ps[1])
    }

    /// Python encrypts with the public key from the service (OAEP-256, OAEP, RSA1_5; short and
    /// maximum-length plaintexts); decrypt and unwrapKey in the service give the plaintext back.
    func testPythonCiphertextsDecryptAndUnwrapInTheService() throws {
        let harness = try KeyVaultHarness()
        let jwk = try object(try harness.create("crypt")["key"])
        let version = String((jwk["kid"] as? String ?? "").split(separator: "/").last ?? "")
        let plaintexts: [String: [Data]] = [
            "RSA1_5": [SecureRandom.bytes(32), SecureRandom.bytes(245)],
            "RSA-OAEP": [SecureRandom.bytes(32), SecureRandom.bytes(214)],
            "RSA-OAEP-256": [SecureRandom.bytes(32), SecureRandom.bytes(190), Data()],
        ]
        let ciphertexts = try object(try runPython(pythonPrelude + """
            pub = rsa_public(inp["jwk"])
            pads = {
                "RSA1_5": padding.PKCS1v15(),
                "RSA-OAEP": padding.OAEP(mgf=padding.MGF1(hashes.SHA1()), algorithm=hashes.SHA1(), label=None),
                "RSA-OAEP-256": padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None),
            }
            print(json.dumps({"ciphertexts": {alg: [b64(pub.encrypt(unb64(p), pads[alg])) for p in ps] for alg, ps in inp["plaintexts"].items()}}))
            """, input: ["jwk": jwk, "plaintexts": plaintexts.mapValues { $0.map(b64) }])["ciphertexts"])
        for (alg, expected) in plaintexts {
            let encrypted = try XCTUnwrap(ciphertexts[alg] as? [String])
            XCTAssertEqual(encrypted.count, expected.count)
            for (ciphertext, plaintext) in zip(encrypted, expected) {
                for path in ["/keys/crypt/decrypt", "/keys/crypt/\(version)/unwrapkey"] {
                    let result = try harness.json("POST", path, ["alg": alg, "value": ciphertext])
                    XCTAssertEqual(keys(result), ["kid", "value"])
                    XCTAssertEqual(result["kid"] as? String, jwk["kid"] as? String)
                    XCTAssertEqual(try unb64(result["value"]), plaintext, "\(alg) \(path) \(plaintext.count)")
                }
            }
        }
    }

    /// Encrypt and wrapKey produce randomized, modulus-length ciphertexts the key decrypts.
    func testServiceEncryptAndWrapRoundTripWithEveryAlgorithm() throws {
        let harness = try KeyVaultHarness()
        try harness.create("k1", ["kty": "RSA", "key_size": 3072])
        for alg in ["RSA1_5", "RSA-OAEP", "RSA-OAEP-256"] {
            for (forward, backward) in [("encrypt", "decrypt"), ("wrapkey", "unwrapkey")] {
                let plaintext = SecureRandom.bytes(32)
                let first = try harness.json("POST", "/keys/k1/\(forward)", ["alg": alg, "value": b64(plaintext)])
                let second = try harness.json("POST", "/keys/k1/\(forward)", ["alg": alg, "value": b64(plaintext)])
                let ciphertext = try unb64(first["value"])
                XCTAssertEqual(ciphertext.count, 384)
                XCTAssertNotEqual(first["value"] as? String, second["value"] as? String)
                let back = try harness.json("POST", "/keys/k1/\(backward)", ["alg": alg, "value": b64(ciphertext)])
                XCTAssertEqual(try unb64(back["value"]), plaintext, "\(alg) \(forward)")
            }
        }
    }

    /// A key made by Python is stored as a version (import is not an operation yet, so the row is
    /// written through the store); the service's encrypt and wrapKey ciphertexts then decrypt in
    /// Python with its private key, and the JWK the service reports is Python's n and e.
    func testServiceCiphertextsDecryptInPythonWithAPythonMadeKey() throws {
        let harness = try KeyVaultHarness()
        let generated = try runPython(pythonPrelude + """
            from cryptography.hazmat.primitives import serialization
            k = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            der = k.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
            nums = k.public_key().public_numbers()
            print(json.dumps({"pkcs8": b64(der), "n": b64(nums.n.to_bytes(256, "big")), "e": b64(nums.e.to_bytes(3, "big"))}))
            """, input: [:])
        let now = harness.now
        let record = KeyVersionRecord(name: "py", version: KeyVaultService.newVersion(), keyType: .rsa, keySize: 2048, curve: nil,
                                      operations: [.encrypt, .wrapKey], enabled: true, notBefore: nil, expires: nil,
                                      created: now, updated: now, tags: [:])
        _ = try harness.service.store.insertVersion(vault: "kv1", record: record, privateKey: try unb64(generated["pkcs8"]))

        let jwk = try object(try harness.json("GET", "/keys/py")["key"])
        XCTAssertEqual(jwk["n"] as? String, generated["n"] as? String)
        XCTAssertEqual(jwk["e"] as? String, generated["e"] as? String)

        var cases: [[String]] = []          // [alg, operation, plaintext, ciphertext]
        for alg in ["RSA1_5", "RSA-OAEP", "RSA-OAEP-256"] {
            for segment in ["encrypt", "wrapkey"] {
                let plaintext = SecureRandom.bytes(48)
                let result = try harness.json("POST", "/keys/py/\(segment)", ["alg": alg, "value": b64(plaintext)])
                cases.append([alg, segment, b64(plaintext), try XCTUnwrap(result["value"] as? String)])
            }
        }
        let decrypted = try XCTUnwrap(try runPython(pythonPrelude + """
            from cryptography.hazmat.primitives import serialization
            k = serialization.load_der_private_key(unb64(inp["pkcs8"]), password=None)
            pads = {
                "RSA1_5": padding.PKCS1v15(),
                "RSA-OAEP": padding.OAEP(mgf=padding.MGF1(hashes.SHA1()), algorithm=hashes.SHA1(), label=None),
                "RSA-OAEP-256": padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None),
            }
            print(json.dumps({"plaintexts": [b64(k.decrypt(unb64(c[3]), pads[c[0]])) for c in inp["cases"]]}))
            """, input: ["pkcs8": generated["pkcs8"] as Any, "cases": cases])["plaintexts"] as? [String])
        XCTAssertEqual(decrypted, cases.map { $0[2] })
    }

    /// ES256/384/512/256K: raw r||s signatures that Python verifies over the message.
    func testECSignaturesVerifyInPythonOverTheMessage() throws {
        let harness = try KeyVaultHarness()
        let message = SecureRandom.bytes(64)
        var items: [[String: Any]] = []
        for (curve, alg, hash, width) in [("P-256", "ES256", HashAlgorithm.sha256, 32), ("P-384", "ES384", .sha384, 48),
                                           ("P-521", "ES512", .sha512, 66), ("P-256K", "ES256K", .sha256, 32)] {
            let name = "ec-\(alg)"
            let jwk = try object(try harness.create(name, ["kty": "EC", "crv": curve])["key"])
            let digest = hash.hash(message)
            let result = try harness.json("POST", "/keys/\(name)/sign", ["alg": alg, "value": b64(digest)])
            let signature = try unb64(result["value"])
            XCTAssertEqual(signature.count, 2 * width, alg)
            XCTAssertEqual(try harness.json("POST", "/keys/\(name)/verify", ["alg": alg, "digest": b64(digest), "value": b64(signature)])["value"] as? Bool, true)
            var tampered = signature
            tampered[5] ^= 1
            XCTAssertEqual(try harness.json("POST", "/keys/\(name)/verify", ["alg": alg, "digest": b64(digest), "value": b64(tampered)])["value"] as? Bool, false)
            items.append(["jwk": jwk, "alg": alg, "signature": b64(signature)])
        }
        let verified = try XCTUnwrap(try runPython(pythonPrelude + """
            curves = {"P-256": ec.SECP256R1(), "P-384": ec.SECP384R1(), "P-521": ec.SECP521R1(), "P-256K": ec.SECP256K1()}
            msg = unb64(inp["message"])
            out = []
            for item in inp["items"]:
                jwk = item["jwk"]
                pub = ec.EllipticCurvePublicNumbers(int.from_bytes(unb64(jwk["x"]), "big"), int.from_bytes(unb64(jwk["y"]), "big"), curves[jwk["crv"]]).public_key()
                raw = unb64(item["signature"])
                half = len(raw) // 2
                der = utils.encode_dss_signature(int.from_bytes(raw[:half], "big"), int.from_bytes(raw[half:], "big"))
                def ok(m):
                    try:
                        pub.verify(der, m, ec.ECDSA(HASHES[item["alg"][2:]]))
                        return True
                    except Exception:
                        return False
                out.append([item["alg"], ok(msg), ok(msg + b"x")])
            print(json.dumps({"verified": out}))
            """, input: ["message": b64(message), "items": items])["verified"] as? [[Any]])
        XCTAssertEqual(verified.map { $0[0] as? String }, ["ES256", "ES384", "ES512", "ES256K"])
        for row in verified { XCTAssertEqual(row.dropFirst().map { $0 as? Bool }, [true, false], "\(row[0])") }
    }

    /// A sign on a named version uses that version's key, and the kid says so.
    func testOperationsOnAnOlderVersionUseThatVersion() throws {
        let harness = try KeyVaultHarness()
        let old = try object(try harness.create("k1", ["kty": "EC"])["key"])
        let new = try object(try harness.create("k1", ["kty": "EC"])["key"])
        let oldKid = try XCTUnwrap(old["kid"] as? String)
        let oldVersion = String(oldKid.split(separator: "/").last!)
        let digest = b64(HashAlgorithm.sha256.hash(Data("m".utf8)))
        let signed = try harness.json("POST", "/keys/k1/\(oldVersion)/sign", ["alg": "ES256", "value": digest])
        XCTAssertEqual(signed["kid"] as? String, oldKid)
        let signature = try XCTUnwrap(signed["value"] as? String)
        XCTAssertEqual(try harness.json("POST", "/keys/k1/\(oldVersion)/verify", ["alg": "ES256", "digest": digest, "value": signature])["value"] as? Bool, true)
        XCTAssertEqual(try harness.json("POST", "/keys/k1/verify", ["alg": "ES256", "digest": digest, "value": signature])["value"] as? Bool, false)
        XCTAssertEqual(try harness.json("POST", "/keys/k1//sign", ["alg": "ES256", "value": digest])["kid"] as? String, new["kid"] as? String)
    }

    /// Parsed keys are cached once per version; deleteAll drops the vault's entries.
    func testParsedKeysAreCachedAndInvalidatedOnWrite() throws {
        let harness = try KeyVaultHarness()
        try harness.create("k1", ["kty": "EC"])
        try harness.create("k2", ["kty": "EC"])
        harness.service.cache.invalidate(vault: "kv1")
        XCTAssertEqual(harness.service.cache.count, 0)
        let digest = b64(HashAlgorithm.sha256.hash(Data("m".utf8)))
        try harness.json("POST", "/keys/k1/sign", ["alg": "ES256", "value": digest])
        try harness.json("POST", "/keys/k1/sign", ["alg": "ES256", "value": digest])
        try harness.json("GET", "/keys/k2")
        XCTAssertEqual(harness.service.cache.count, 2)
        try harness.service.deleteAll(vaultName: "KV1")
        XCTAssertEqual(harness.service.cache.count, 0)
    }
}
