// VaultCryptoTests: RSA import/export, the RFC 7515 A.2 RS256 vector, limits and encodings.

import Foundation
import Synchronization
import VaultCrypto
import XCTest

final class RSAKeyTests: XCTestCase {
    func testRFC7515A2SignatureFromJWKPrivateKey() throws {
        let key = try RFC7515A2.privateKey()
        XCTAssertTrue(key.hasPrivateKey)
        XCTAssertEqual(key.bits, 2048)
        XCTAssertEqual(key.modulus, RFC7515A2.bytes(RFC7515A2.n))
        XCTAssertEqual(key.publicExponent, Data([0x01, 0x00, 0x01]))
        let digest = HashAlgorithm.sha256.hash(Data(RFC7515A2.signingInput.utf8))
        let signature = try key.sign(digest: digest, hash: .sha256, padding: .pkcs1v15)
        // PKCS#1 v1.5 is deterministic, so the bytes must equal the RFC's.
        XCTAssertEqual(Base64URL.encode(signature), RFC7515A2.signature)
        XCTAssertTrue(key.verify(signature: signature, digest: digest, hash: .sha256, padding: .pkcs1v15))
    }

    func testRFC7515A2VerifiesWithPublicJWK() throws {
        let key = try RSAKey(modulus: RFC7515A2.bytes(RFC7515A2.n), exponent: RFC7515A2.bytes(RFC7515A2.e))
        XCTAssertFalse(key.hasPrivateKey)
        let digest = HashAlgorithm.sha256.hash(Data(RFC7515A2.signingInput.utf8))
        let signature = RFC7515A2.bytes(RFC7515A2.signature)
        XCTAssertTrue(key.verify(signature: signature, digest: digest, hash: .sha256, padding: .pkcs1v15))
        var tampered = signature
        tampered[10] ^= 0x01
        XCTAssertFalse(key.verify(signature: tampered, digest: digest, hash: .sha256, padding: .pkcs1v15))
        XCTAssertFalse(key.verify(signature: signature, digest: digest, hash: .sha256, padding: .pss))
        XCTAssertCryptoError(.invalidKey, try key.sign(digest: digest, hash: .sha256, padding: .pkcs1v15))
        XCTAssertCryptoError(.invalidKey, try key.pkcs8DER())
    }

    func testRejectsInconsistentJWKPrivateKey() {
        var wrongD = RFC7515A2.bytes(RFC7515A2.d)
        wrongD[wrongD.count - 1] ^= 0x02
        XCTAssertCryptoError(.invalidKey, try RSAKey(
            modulus: RFC7515A2.bytes(RFC7515A2.n), publicExponent: RFC7515A2.bytes(RFC7515A2.e), privateExponent: wrongD,
            prime1: RFC7515A2.bytes(RFC7515A2.p), prime2: RFC7515A2.bytes(RFC7515A2.q), exponent1: RFC7515A2.bytes(RFC7515A2.dp),
            exponent2: RFC7515A2.bytes(RFC7515A2.dq), coefficient: RFC7515A2.bytes(RFC7515A2.qi)))
    }

    func testPKCS8AndPublicDERRoundTrip() throws {
        let key = try RFC7515A2.privateKey()
        let restored = try RSAKey(pkcs8DER: key.pkcs8DER())
        XCTAssertEqual(restored.modulus, key.modulus)
        XCTAssertTrue(restored.hasPrivateKey)
        let publicKey = try RSAKey(publicKeyDER: key.publicKeyDER())
        XCTAssertFalse(publicKey.hasPrivateKey)
        XCTAssertEqual(publicKey.modulus, key.modulus)
        XCTAssertEqual(try publicKey.publicKeyDER(), try key.publicKeyDER())
    }

    func testRejectsMalformedAndForeignDER() throws {
        XCTAssertCryptoError(.invalidKey, try RSAKey(pkcs8DER: Data()))
        XCTAssertCryptoError(.invalidKey, try RSAKey(pkcs8DER: Data([0x30, 0x03, 0x02, 0x01, 0x00])))
        XCTAssertCryptoError(.invalidKey, try RSAKey(publicKeyDER: Data("not der".utf8)))
        let pkcs8 = try RFC7515A2.privateKey().pkcs8DER()
        XCTAssertCryptoError(.invalidKey, try RSAKey(pkcs8DER: pkcs8 + Data([0])))
        let ecKey = try ECKey.generate(curve: .p256)
        XCTAssertCryptoError(.invalidKey, try RSAKey(pkcs8DER: ecKey.pkcs8DER()))
    }

    func testGenerateSizesAndExponent() throws {
        XCTAssertCryptoError(.unsupported, try RSAKey.generate(bits: 1024))
        XCTAssertCryptoError(.invalidInput, try RSAKey.generate(bits: 2048, publicExponent: 4))
        let key = try RSAKey.generate(bits: 3072)
        XCTAssertEqual(key.bits, 3072)
        XCTAssertEqual(key.modulus.count, 384)
        XCTAssertEqual(key.publicExponent, Data([0x01, 0x00, 0x01]))
        let small = try RSAKey.generate(bits: 2048, publicExponent: 3)
        XCTAssertEqual(small.publicExponent, Data([0x03]))
    }

    /// A 2048-bit modulus has its top bit set, so the minimal encoding is always 256 bytes.
    func testModulusNeverHasLeadingZeroAcrossGeneratedKeys() throws {
        for _ in 0..<50 {
            let key = try RSAKey.generate(bits: 2048)
            XCTAssertEqual(key.modulus.count, 256)
            XCTAssertNotEqual(key.modulus.first, 0)
        }
    }

    func testModulusImportStripsLeadingZero() throws {
        let n = RFC7515A2.bytes(RFC7515A2.n)
        let key = try RSAKey(modulus: Data([0]) + n, exponent: Data([0, 1, 0, 1]))
        XCTAssertEqual(key.modulus, n)
        XCTAssertEqual(key.publicExponent, Data([1, 0, 1]))
    }

    func testRejectsInvalidPublicModulus() throws {
        var even = RFC7515A2.bytes(RFC7515A2.n)
        even[even.count - 1] &= 0xFE
        XCTAssertCryptoError(.invalidKey, try RSAKey(modulus: even, exponent: Data([1, 0, 1])))
        XCTAssertCryptoError(.invalidKey, try RSAKey(modulus: Data(), exponent: Data([1, 0, 1])))
        XCTAssertCryptoError(.unsupported, try RSAKey(modulus: Data(repeating: 0xFF, count: 64) + Data([0x01]), exponent: Data([3])))
    }

    /// One key shared by several threads: each operation gets its own EVP_PKEY_CTX.
    func testConcurrentUseOfOneKey() throws {
        let key = try RFC7515A2.privateKey()
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            let digest = HashAlgorithm.sha256.hash(Data("thread \(index)".utf8))
            let ok = (try? key.sign(digest: digest, hash: .sha256, padding: .pss))
                .map { key.verify(signature: $0, digest: digest, hash: .sha256, padding: .pss) } ?? false
            let roundTrip = (try? key.decrypt(key.encrypt(digest, padding: .oaepSHA256), padding: .oaepSHA256)) == digest
            if !ok || !roundTrip { failures.withLock { $0 += 1 } }
        }
        XCTAssertEqual(failures.withLock { $0 }, 0)
    }

    func testEncryptionPlaintextLimits() throws {
        let key = try RFC7515A2.privateKey()
        for (padding, limit) in [(RSAEncryptionPadding.pkcs1v15, 245), (.oaepSHA1, 214), (.oaepSHA256, 190)] {
            let ciphertext = try key.encrypt(Data(repeating: 0x41, count: limit), padding: padding)
            XCTAssertEqual(ciphertext.count, 256)
            XCTAssertEqual(try key.decrypt(ciphertext, padding: padding), Data(repeating: 0x41, count: limit))
            XCTAssertCryptoError(.invalidInput, try key.encrypt(Data(repeating: 0x41, count: limit + 1), padding: padding))
        }
        XCTAssertEqual(try key.decrypt(key.encrypt(Data(), padding: .oaepSHA256), padding: .oaepSHA256), Data())
    }

    func testDecryptChecksCiphertextLengthAndPadding() throws {
        let key = try RFC7515A2.privateKey()
        XCTAssertCryptoError(.invalidInput, try key.decrypt(Data(repeating: 1, count: 255), padding: .oaepSHA1))
        XCTAssertCryptoError(.invalidInput, try key.decrypt(Data(), padding: .pkcs1v15))
        let ciphertext = try key.encrypt(Data("secret".utf8), padding: .oaepSHA256)
        XCTAssertCryptoError(.operationFailed, try key.decrypt(ciphertext, padding: .oaepSHA1))
        let publicKey = try RSAKey(publicKeyDER: key.publicKeyDER())
        XCTAssertCryptoError(.invalidKey, try publicKey.decrypt(ciphertext, padding: .oaepSHA256))
    }

    func testSignRejectsWrongDigestLength() throws {
        let key = try RFC7515A2.privateKey()
        XCTAssertCryptoError(.invalidInput, try key.sign(digest: Data(count: 31), hash: .sha256, padding: .pkcs1v15))
        XCTAssertCryptoError(.invalidInput, try key.sign(digest: Data(count: 32), hash: .sha384, padding: .pss))
        XCTAssertCryptoError(.invalidInput, try key.sign(digest: Data(), hash: .sha512, padding: .pkcs1v15))
        let signature = try key.sign(digest: Data(count: 32), hash: .sha256, padding: .pkcs1v15)
        XCTAssertFalse(key.verify(signature: signature, digest: Data(count: 31), hash: .sha256, padding: .pkcs1v15))
    }

    /// The digest is signed as given: signing the message itself must not verify against its digest.
    func testSignNeverRehashes() throws {
        let key = try RFC7515A2.privateKey()
        let digest = HashAlgorithm.sha256.hash(Data("message".utf8))
        let signature = try key.sign(digest: digest, hash: .sha256, padding: .pss)
        XCTAssertTrue(key.verify(signature: signature, digest: digest, hash: .sha256, padding: .pss))
        let rehashed = HashAlgorithm.sha256.hash(digest)
        XCTAssertFalse(key.verify(signature: signature, digest: rehashed, hash: .sha256, padding: .pss))
    }
}
