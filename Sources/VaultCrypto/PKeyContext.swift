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

    /// A key-less context for key generation or EVP_PKEY_fromdata of `algorithm`.
    convenience init(algorithm: KeyAlgorithm) throws {
        // NULL library context and property query select the default provider. The context
        // keeps the `name` pointer itself (EVP_PKEY_CTX.keytype), so it must be static.
        let context = EVP_PKEY_CTX_new_from_name(nil, algorithm.staticName, nil)
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

/// Key types created from scratch, with names that outlive every context.
enum KeyAlgorithm: CustomStringConvertible {
    case rsa, ec

    /// Allocated once and never freed: EVP_PKEY_CTX_new_from_name stores the pointer it is
    /// given rather than a copy, and a Swift String only lends a temporary one.
    private nonisolated(unsafe) static let rsaName = UnsafePointer<CChar>(strdup("RSA")!)
    private nonisolated(unsafe) static let ecName = UnsafePointer<CChar>(strdup("EC")!)

    var staticName: UnsafePointer<CChar> { self == .rsa ? Self.rsaName : Self.ecName }

    var description: String { self == .rsa ? "RSA" : "EC" }
}
