// VaultCryptoTests: RSA results checked against Python `cryptography`, in both directions.

import Foundation
import VaultCrypto
import XCTest

final class RSACrossCheckTests: XCTestCase {
    let paddings: [(String, RSAEncryptionPadding)] = [("RSA1_5", .pkcs1v15), ("RSA-OAEP", .oaepSHA1), ("RSA-OAEP-256", .oaepSHA256)]

    static func hash(_ name: String) -> HashAlgorithm {
        ["sha1": .sha1, "sha256": .sha256, "sha384": .sha384, "sha512": .sha512][name]!
    }

    func testImportsPythonKeyAndItsComponents() throws {
        let vectors = try Vectors.load().rsa
        let key = try RSAKey(pkcs8DER: Data(hex: vectors.pkcs8))
        XCTAssertEqual(key.modulus.hex, vectors.n)
        XCTAssertEqual(key.publicExponent.hex, vectors.e)
        XCTAssertEqual(try key.publicKeyDER().hex, vectors.spki)
        XCTAssertEqual(try RSAKey(publicKeyDER: Data(hex: vectors.spki)).modulus.hex, vectors.n)
    }

    func testDecryptsPythonCiphertexts() throws {
        let vectors = try Vectors.load().rsa
        let key = try RSAKey(pkcs8DER: Data(hex: vectors.pkcs8))
        for (name, padding) in paddings {
            let ciphertext = Data(hex: try XCTUnwrap(vectors.ciphertexts[name]))
            XCTAssertEqual(try key.decrypt(ciphertext, padding: padding).hex, vectors.plaintext, name)
        }
    }

    func testSwiftCiphertextsDecryptInPython() throws {
        let vectors = try Vectors.load().rsa
        let key = try RSAKey(publicKeyDER: Data(hex: vectors.spki))
        let plaintext = Data("wrapped by Swift".utf8)
        let items = try paddings.map { name, padding in
            ["padding": name, "ciphertext": try key.encrypt(plaintext, padding: padding).hex]
        }
        let results = try ExternalTool.pythonCheck("rsa-decrypt", ["pkcs8": vectors.pkcs8, "items": items])
        XCTAssertEqual(results as? [String], Array(repeating: plaintext.hex, count: 3))
    }

    /// PKCS#1 v1.5 signatures are deterministic: Swift must produce Python's exact bytes.
    /// PSS signatures are randomized: Swift must verify Python's.
    func testPythonSignaturesOnKnownDigests() throws {
        let vectors = try Vectors.load().rsa
        let key = try RSAKey(pkcs8DER: Data(hex: vectors.pkcs8))
        let publicKey = try RSAKey(publicKeyDER: Data(hex: vectors.spki))
        for vector in vectors.signatures {
            let hash = Self.hash(vector.hash)
            let padding: RSASignaturePadding = vector.padding == "pss" ? .pss : .pkcs1v15
            let digest = Data(hex: vector.digest), signature = Data(hex: vector.signature)
            XCTAssertTrue(publicKey.verify(signature: signature, digest: digest, hash: hash, padding: padding), vector.alg)
            var wrongDigest = digest
            wrongDigest[0] ^= 0x80
            XCTAssertFalse(publicKey.verify(signature: signature, digest: wrongDigest, hash: hash, padding: padding), vector.alg)
            if padding == .pkcs1v15 {
                XCTAssertEqual(try key.sign(digest: digest, hash: hash, padding: padding).hex, vector.signature, vector.alg)
            }
        }
    }

    func testSwiftSignaturesVerifyInPython() throws {
        let key = try RSAKey(pkcs8DER: Data(hex: try Vectors.load().rsa.pkcs8))
        let cases: [(String, HashAlgorithm, RSASignaturePadding)] = [
            ("RS256", .sha256, .pkcs1v15), ("PS256", .sha256, .pss), ("RS384", .sha384, .pkcs1v15), ("PS512", .sha512, .pss),
        ]
        var items: [[String: String]] = []
        for (alg, hash, padding) in cases {
            let digest = hash.hash(Data("signed in Swift with \(alg)".utf8))
            let signature = try key.sign(digest: digest, hash: hash, padding: padding)
            let hashName = ["RS256": "sha256", "PS256": "sha256", "RS384": "sha384", "PS512": "sha512"][alg]!
            let item = ["hash": hashName, "padding": padding == .pss ? "pss" : "pkcs1v15", "digest": digest.hex]
            items.append(item.merging(["signature": signature.hex]) { $1 })
            // A corrupted copy must fail in Python too, proving the checker can say no.
            var corrupted = signature
            corrupted[corrupted.count - 1] ^= 0x01
            items.append(item.merging(["signature": corrupted.hex]) { $1 })
        }
        let spki = try key.publicKeyDER().hex
        let results = try ExternalTool.pythonCheck("rsa-verify", ["spki": spki, "items": items])
        XCTAssertEqual(results as? [Bool], [true, false, true, false, true, false, true, false])
    }
}
