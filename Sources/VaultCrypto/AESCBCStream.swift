// VaultCrypto: streaming AES-256-CBC with PKCS#7 padding (the Data Connect delivery envelope).

import COpenSSL
import Foundation

/// AES-256-CBC with PKCS#7 padding, fed in chunks of any size.
///
/// The concatenation of every `update` result plus `finish()` equals the one-shot result.
/// Not thread-safe: one stream belongs to one writer or reader.
///
/// ```swift
/// let stream = try AESCBCStream(encryptingWithKey: key, iv: iv)   // 32-byte key, 16-byte IV
/// var ciphertext = Data()
/// for chunk in chunks { ciphertext += try stream.update(chunk) }
/// ciphertext += try stream.finish()
/// ```
public final class AESCBCStream {
    private let context: CipherContext
    private let encrypting: Bool
    private var finished = false

    public static let keyLength = 32
    public static let ivLength = 16

    /// Starts an encrypting stream.
    public convenience init(encryptingWithKey key: Data, iv: Data) throws {
        try self.init(key: key, iv: iv, encrypting: true)
    }

    /// Starts a decrypting stream; `finish()` verifies the padding.
    public convenience init(decryptingWithKey key: Data, iv: Data) throws {
        try self.init(key: key, iv: iv, encrypting: false)
    }

    private init(key: Data, iv: Data, encrypting: Bool) throws {
        guard key.count == Self.keyLength else {
            throw CryptoError(.invalidInput, "AES-256-CBC key must be \(Self.keyLength) bytes, got \(key.count)")
        }
        guard iv.count == Self.ivLength else {
            throw CryptoError(.invalidInput, "AES-CBC IV must be \(Self.ivLength) bytes, got \(iv.count)")
        }
        context = try CipherContext()
        self.encrypting = encrypting
        // PKCS#7 padding is EVP's default for block ciphers (EVP_CIPHER_CTX_set_padding(3)).
        try context.initialize(EVP_aes_256_cbc(), key: key, iv: iv, encrypt: encrypting)
    }

    /// Processes the next chunk and returns whatever whole blocks are ready.
    public func update(_ chunk: Data) throws -> Data {
        guard !finished else { throw CryptoError(.invalidInput, "AES-CBC stream already finished") }
        return try context.update(chunk)
    }

    /// Ends the stream: returns the final padded block when encrypting; when decrypting,
    /// returns the last plaintext bytes after checking the padding.
    /// - Throws: `.operationFailed` for a bad padding or a ciphertext that is not whole blocks.
    public func finish() throws -> Data {
        guard !finished else { throw CryptoError(.invalidInput, "AES-CBC stream already finished") }
        finished = true
        return try context.finish(failure: encrypting ? "AES-CBC encryption failed" : "AES-CBC padding check failed")
    }
}
