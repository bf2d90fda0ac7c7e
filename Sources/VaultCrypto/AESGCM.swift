// VaultCrypto: one-shot AES-256-GCM sealing and opening (backup blobs).

import COpenSSL
import Foundation

/// AES-256-GCM with a 12-byte nonce and a 16-byte tag.
///
/// ```swift
/// let nonce = SecureRandom.bytes(12)
/// let (ciphertext, tag) = try AESGCM.seal(blob, key: key, nonce: nonce, aad: header)
/// let blob2 = try AESGCM.open(ciphertext, key: key, nonce: nonce, aad: header, tag: tag)
/// ```
public enum AESGCM {
    public static let keyLength = 32
    public static let nonceLength = 12
    public static let tagLength = 16

    /// Encrypts and authenticates `plaintext`, also authenticating `aad`.
    public static func seal(_ plaintext: Data, key: Data, nonce: Data, aad: Data) throws -> (ciphertext: Data, tag: Data) {
        let context = try start(key: key, nonce: nonce, aad: aad, encrypt: true)
        var ciphertext = try context.update(plaintext)
        ciphertext += try context.finish(failure: "AES-GCM encryption failed")
        var tag = Data(count: tagLength)
        try tag.withUnsafeMutableBytes {
            // EVP_CTRL_AEAD_GET_TAG copies `arg` bytes of the tag after EVP_EncryptFinal_ex.
            try context.control(EVP_CTRL_AEAD_GET_TAG, Int32(tagLength), $0.baseAddress)
        }
        return (ciphertext, tag)
    }

    /// Checks the tag and returns the plaintext.
    /// - Throws: `.operationFailed` if the ciphertext, AAD, nonce or tag were altered.
    public static func open(_ ciphertext: Data, key: Data, nonce: Data, aad: Data, tag: Data) throws -> Data {
        guard tag.count == tagLength else {
            throw CryptoError(.invalidInput, "AES-GCM tag must be \(tagLength) bytes, got \(tag.count)")
        }
        let context = try start(key: key, nonce: nonce, aad: aad, encrypt: false)
        var plaintext = try context.update(ciphertext)
        var expectedTag = tag
        try expectedTag.withUnsafeMutableBytes {
            // EVP_CTRL_AEAD_SET_TAG must precede EVP_DecryptFinal_ex, which then compares tags.
            try context.control(EVP_CTRL_AEAD_SET_TAG, Int32(tagLength), $0.baseAddress)
        }
        do {
            plaintext += try context.finish(failure: "AES-GCM authentication failed")
        } catch {
            SecretWiper.wipe(&plaintext)
            throw CryptoError(.operationFailed, "AES-GCM authentication failed")
        }
        return plaintext
    }

    private static func start(key: Data, nonce: Data, aad: Data, encrypt: Bool) throws -> CipherContext {
        guard key.count == keyLength else {
            throw CryptoError(.invalidInput, "AES-256-GCM key must be \(keyLength) bytes, got \(key.count)")
        }
        guard nonce.count == nonceLength else {
            throw CryptoError(.invalidInput, "AES-GCM nonce must be \(nonceLength) bytes, got \(nonce.count)")
        }
        let context = try CipherContext()
        // GCM's default IV length is 12 bytes (EVP_EncryptInit(3)), matching `nonceLength`.
        try context.initialize(EVP_aes_256_gcm(), key: key, iv: nonce, encrypt: encrypt)
        try context.updateAAD(aad)
        return context
    }
}
