// VaultCrypto: the owner of one EVP_PKEY_CTX, the per-operation state for a key.

import COpenSSL
import Foundation

/// Owns one `EVP_PKEY_CTX`. A context is created per operation and never shared between
/// threads, which is what OpenSSL requires of it.
final class PKeyContext {
    private let pointer: OpaquePointer

    /// Adopts an `EVP_PKEY_CTX` this object alone will free.
    init(takingOwnershipOf pointer: OpaquePointer) {
        self.pointer = pointer
    }

    /// A key-less context for key generation or EVP_PKEY_fromdata of `algorithm` ("RSA", "EC").
    convenience init(algorithm: String) throws {
        // NULL library context and property query select the default provider.
        let context = EVP_PKEY_CTX_new_from_name(nil, algorithm, nil)
        self.init(takingOwnershipOf: try OpenSSLErrorQueue.unwrap(context, .unsupported, "EVP_PKEY_CTX_new_from_name(\(algorithm))"))
    }

    deinit { EVP_PKEY_CTX_free(pointer) }

    func withPointer<T>(_ body: (OpaquePointer) throws -> T) rethrows -> T {
        try body(pointer)
    }

    /// Runs a two-call EVP_PKEY_{sign,encrypt,decrypt}-style function: first with a NULL
    /// output to learn the maximum size, then into a buffer of that size, trimmed to the
    /// length actually written.
    func produce(
        _ operation: String, failure: CryptoError.Code,
        _ call: (OpaquePointer, UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<Int>) -> Int32
    ) throws -> Data {
        var capacity = 0
        try OpenSSLErrorQueue.check(call(pointer, nil, &capacity), failure, operation)
        var output = Data(count: capacity)
        var length = capacity
        let result = output.withUnsafeMutableBytes { call(pointer, $0.bindMemory(to: UInt8.self).baseAddress, &length) }
        guard result == 1 else {
            SecretWiper.wipe(&output)
            throw OpenSSLErrorQueue.error(failure, operation)
        }
        if length < capacity {
            // Wipe the tail before dropping it: for decryption it may hold padding remnants.
            let tail = output.count - length
            output.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress! + length, tail) }
            output.removeLast(tail)
        }
        return output
    }
}
