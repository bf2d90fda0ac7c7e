// VaultCryptoTests: AES-256-CBC streams (NIST SP 800-38A, Python) and AES-256-GCM vectors.

import Foundation
import VaultCrypto
import XCTest

final class AESCBCStreamTests: XCTestCase {
    /// NIST SP 800-38A F.2.5 CBC-AES256.Encrypt.
    let nistKey = Data(hex: "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4")
    let nistIV = Data(hex: "000102030405060708090a0b0c0d0e0f")
    let nistPlaintext = Data(hex: "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
        + "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710")
    let nistCiphertext = "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"
        + "39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b"

    func oneShot(encrypt: Bool, _ data: Data, key: Data, iv: Data) throws -> Data {
        let stream = encrypt ? try AESCBCStream(encryptingWithKey: key, iv: iv) : try AESCBCStream(decryptingWithKey: key, iv: iv)
        return try stream.update(data) + stream.finish()
    }

    /// With PKCS#7 the 64-byte NIST plaintext gains one padding block; the first 64 bytes are the vector.
    func testNISTVectorWithPaddingBlock() throws {
        let ciphertext = try oneShot(encrypt: true, nistPlaintext, key: nistKey, iv: nistIV)
        XCTAssertEqual(ciphertext.count, 80)
        XCTAssertEqual(ciphertext.prefix(64).hex, nistCiphertext)
        XCTAssertEqual(try oneShot(encrypt: false, ciphertext, key: nistKey, iv: nistIV), nistPlaintext)
    }

    func testDecryptsPythonPKCS7Ciphertext() throws {
        let vector = try Vectors.load().aesCbc
        let plaintext = try oneShot(encrypt: false, Data(hex: vector.ciphertext), key: Data(hex: vector.key), iv: Data(hex: vector.iv))
        XCTAssertEqual(plaintext.hex, vector.plaintext)
        let ciphertext = try oneShot(encrypt: true, Data(hex: vector.plaintext), key: Data(hex: vector.key), iv: Data(hex: vector.iv))
        XCTAssertEqual(ciphertext.hex, vector.ciphertext)
    }

    func testStreamingInOddChunksEqualsOneShot() throws {
        let key = SecureRandom.bytes(32), iv = SecureRandom.bytes(16)
        let plaintext = Data((0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7) })
        let expected = try oneShot(encrypt: true, plaintext, key: key, iv: iv)
        for chunkSize in [1, 3, 15, 16, 17, 333] {
            let encryptor = try AESCBCStream(encryptingWithKey: key, iv: iv)
            var ciphertext = Data()
            for start in stride(from: 0, to: plaintext.count, by: chunkSize) {
                ciphertext += try encryptor.update(plaintext[start..<min(start + chunkSize, plaintext.count)])
            }
            ciphertext += try encryptor.finish()
            XCTAssertEqual(ciphertext, expected, "chunk size \(chunkSize)")

            let decryptor = try AESCBCStream(decryptingWithKey: key, iv: iv)
            var decrypted = Data()
            for start in stride(from: 0, to: ciphertext.count, by: chunkSize) {
                decrypted += try decryptor.update(ciphertext[start..<min(start + chunkSize, ciphertext.count)])
            }
            decrypted += try decryptor.finish()
            XCTAssertEqual(decrypted, plaintext, "chunk size \(chunkSize)")
        }
    }

    func testRejectsWrongKeyAndIVLengths() {
        XCTAssertCryptoError(.invalidInput, try AESCBCStream(encryptingWithKey: Data(count: 16), iv: Data(count: 16)))
        XCTAssertCryptoError(.invalidInput, try AESCBCStream(decryptingWithKey: Data(count: 32), iv: Data(count: 12)))
    }

    func testBadPaddingAndTruncationFailOnFinish() throws {
        // Fixed keys keep this deterministic: with a random wrong key the noise block would end
        // in a valid padding byte about once in 256 runs.
        let key = Data(repeating: 0x11, count: 32), iv = Data(repeating: 0x22, count: 16)
        let ciphertext = try oneShot(encrypt: true, Data("sixteen byte msg".utf8), key: key, iv: iv)
        let wrongKey = Data(repeating: 0x33, count: 32)
        XCTAssertCryptoError(.operationFailed, try oneShot(encrypt: false, ciphertext, key: wrongKey, iv: iv))
        XCTAssertCryptoError(.operationFailed, try oneShot(encrypt: false, ciphertext.dropLast(), key: key, iv: iv))
        // A last block whose plaintext ends in 0x00 has invalid PKCS#7 padding.
        let raw = try oneShot(encrypt: true, Data(count: 16), key: key, iv: iv).prefix(16)
        XCTAssertCryptoError(.operationFailed, try oneShot(encrypt: false, raw, key: key, iv: iv))
    }

    func testFinishedStreamRefusesMoreInput() throws {
        let stream = try AESCBCStream(encryptingWithKey: Data(count: 32), iv: Data(count: 16))
        XCTAssertEqual(try stream.finish().count, 16)
        XCTAssertCryptoError(.invalidInput, try stream.update(Data([1])))
        XCTAssertCryptoError(.invalidInput, try stream.finish())
    }
}

final class AESGCMTests: XCTestCase {
    /// McGrew & Viega, "The GCM Mode of Operation", test cases 13 and 14 (AES-256, zero key and IV).
    func testGCMSpecificationVectors() throws {
        let key = Data(count: 32), nonce = Data(count: 12)
        let empty = try AESGCM.seal(Data(), key: key, nonce: nonce, aad: Data())
        XCTAssertEqual(empty.ciphertext, Data())
        XCTAssertEqual(empty.tag.hex, "530f8afbc74536b9a963b4f1c4cb738b")
        let block = try AESGCM.seal(Data(count: 16), key: key, nonce: nonce, aad: Data())
        XCTAssertEqual(block.ciphertext.hex, "cea7403d4d606b6e074ec5d3baf39d18")
        XCTAssertEqual(block.tag.hex, "d0d1c8a799996bf0265b98b5d48ab919")
    }

    func testMatchesPythonAndDetectsTampering() throws {
        let v = try Vectors.load().aesGcm
        let key = Data(hex: v.key), nonce = Data(hex: v.nonce), aad = Data(hex: v.aad)
        let sealed = try AESGCM.seal(Data(hex: v.plaintext), key: key, nonce: nonce, aad: aad)
        XCTAssertEqual(sealed.ciphertext.hex, v.ciphertext)
        XCTAssertEqual(sealed.tag.hex, v.tag)
        let ciphertext = Data(hex: v.ciphertext), tag = Data(hex: v.tag)
        XCTAssertEqual(try AESGCM.open(ciphertext, key: key, nonce: nonce, aad: aad, tag: tag).hex, v.plaintext)
        var flipped = ciphertext
        flipped[0] ^= 1
        XCTAssertCryptoError(.operationFailed, try AESGCM.open(flipped, key: key, nonce: nonce, aad: aad, tag: tag))
        XCTAssertCryptoError(.operationFailed, try AESGCM.open(ciphertext, key: key, nonce: nonce, aad: Data("x".utf8), tag: tag))
        XCTAssertCryptoError(.operationFailed, try AESGCM.open(ciphertext, key: key, nonce: Data(count: 12), aad: aad, tag: tag))
    }

    func testRejectsWrongSizes() {
        XCTAssertCryptoError(.invalidInput, try AESGCM.seal(Data(), key: Data(count: 16), nonce: Data(count: 12), aad: Data()))
        XCTAssertCryptoError(.invalidInput, try AESGCM.seal(Data(), key: Data(count: 32), nonce: Data(count: 16), aad: Data()))
        XCTAssertCryptoError(.invalidInput, try AESGCM.open(Data(), key: Data(count: 32), nonce: Data(count: 12), aad: Data(),
                                                            tag: Data(count: 8)))
    }
}
