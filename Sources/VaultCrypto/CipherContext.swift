// VaultCrypto: the owner of one EVP_CIPHER_CTX, shared by AES-CBC and AES-GCM.

import COpenSSL
import Foundation

/// Owns one `EVP_CIPHER_CTX`. Freeing it with EVP_CIPHER_CTX_free also cleanses the expanded
/// key schedule it holds.
final class CipherContext {
    private let pointer: OpaquePointer

    init() throws {
        pointer = try OpenSSLErrorQueue.unwrap(EVP_CIPHER_CTX_new(), .operationFailed, "EVP_CIPHER_CTX_new")
    }

    deinit { EVP_CIPHER_CTX_free(pointer) }

    func withPointer<T>(_ body: (OpaquePointer) throws -> T) rethrows -> T {
        try body(pointer)
    }

    /// Sets cipher, key and IV for encryption (`encrypt == true`) or decryption.
    func initialize(_ cipher: OpaquePointer, key: Data, iv: Data, encrypt: Bool) throws {
        let result = key.withNonNullBytes { keyBytes, _ in
            iv.withNonNullBytes { ivBytes, _ in
                // EVP_CipherInit_ex copies the key into its schedule; `enc` 1 encrypts, 0 decrypts.
                EVP_CipherInit_ex(pointer, cipher, nil, keyBytes, ivBytes, encrypt ? 1 : 0)
            }
        }
        try OpenSSLErrorQueue.check(result, .operationFailed, "EVP_CipherInit_ex")
    }

    /// Feeds `input` and returns the bytes the cipher released.
    func update(_ input: Data) throws -> Data {
        guard !input.isEmpty else { return Data() }
        // EVP_CipherUpdate may hold back up to one block, and release up to one extra block
        // when decrypting, so the output needs room for inl + block size bytes.
        var output = Data(count: input.count + Int(EVP_MAX_BLOCK_LENGTH))
        var written: Int32 = 0
        let result = input.withNonNullBytes { bytes, count in
            output.withUnsafeMutableBytes {
                EVP_CipherUpdate(pointer, $0.bindMemory(to: UInt8.self).baseAddress, &written, bytes, Int32(count))
            }
        }
        guard result == 1 else {
            SecretWiper.wipe(&output)
            throw OpenSSLErrorQueue.error(.operationFailed, "EVP_CipherUpdate")
        }
        output.removeLast(output.count - Int(written))
        return output
    }

    /// Feeds additional authenticated data (AEAD modes only; no output).
    func updateAAD(_ aad: Data) throws {
        guard !aad.isEmpty else { return }
        var written: Int32 = 0
        // With a NULL output buffer, EVP_CipherUpdate in GCM mode treats the input as AAD.
        let result = aad.withNonNullBytes { EVP_CipherUpdate(pointer, nil, &written, $0, Int32($1)) }
        try OpenSSLErrorQueue.check(result, .operationFailed, "EVP_CipherUpdate (AAD)")
    }

    /// Finishes the operation: emits the final padded block, or checks padding / tag.
    /// `failure` names the reason for a rejected final block.
    func finish(failure: String) throws -> Data {
        var output = Data(count: Int(EVP_MAX_BLOCK_LENGTH))
        var written: Int32 = 0
        let result = output.withUnsafeMutableBytes {
            EVP_CipherFinal_ex(pointer, $0.bindMemory(to: UInt8.self).baseAddress, &written)
        }
        guard result == 1 else {
            SecretWiper.wipe(&output)
            throw OpenSSLErrorQueue.error(.operationFailed, failure)
        }
        output.removeLast(output.count - Int(written))
        return output
    }

    /// EVP_CIPHER_CTX_ctrl for GCM tag and IV-length controls.
    func control(_ type: Int32, _ argument: Int32, _ pointerArgument: UnsafeMutableRawPointer?) throws {
        try OpenSSLErrorQueue.check(EVP_CIPHER_CTX_ctrl(pointer, type, argument, pointerArgument), .operationFailed,
                                    "EVP_CIPHER_CTX_ctrl")
    }
}
