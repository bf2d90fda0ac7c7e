// VaultCrypto: the owner of one EVP_MD_CTX: a digest fed chunk by chunk.

import COpenSSL
import Foundation

/// A SHA-1/SHA-2 digest computed incrementally (files hashed while they stream, no second pass).
/// The concatenation of every `update` equals hashing the whole with `HashAlgorithm.hash(_:)`.
/// Not thread-safe: one stream per writer.
///
/// ```swift
/// let digest = try DigestStream(.sha256)
/// digest.update(Data("ab".utf8)); digest.update(Data("c".utf8))
/// digest.finish()   // SHA-256("abc")
/// ```
public final class DigestStream {
    private let pointer: OpaquePointer
    private let algorithm: HashAlgorithm
    private var finished = false

    public init(_ algorithm: HashAlgorithm) throws {
        self.algorithm = algorithm
        pointer = try OpenSSLErrorQueue.unwrap(EVP_MD_CTX_new(), .operationFailed, "EVP_MD_CTX_new")
        // EVP_DigestInit_ex with a NULL engine uses the default provider's implementation.
        guard EVP_DigestInit_ex(pointer, algorithm.evpMD, nil) == 1 else {
            EVP_MD_CTX_free(pointer)
            throw OpenSSLErrorQueue.error(.operationFailed, "EVP_DigestInit_ex")
        }
    }

    deinit { EVP_MD_CTX_free(pointer) }

    /// Feeds `data`. Digest updates cannot fail for in-memory input once initialized, so a failure
    /// is a broken library and stops the process.
    public func update(_ data: Data) {
        precondition(!finished, "DigestStream.update after finish")
        guard !data.isEmpty else { return }
        let result = data.withUnsafeBytes { EVP_DigestUpdate(pointer, $0.baseAddress, $0.count) }
        precondition(result == 1, "EVP_DigestUpdate failed: \(OpenSSLErrorQueue.drain().joined(separator: "; "))")
    }

    /// The digest (`algorithm.digestLength` bytes); the stream is finished afterwards.
    public func finish() -> Data {
        precondition(!finished, "DigestStream.finish called twice")
        finished = true
        var digest = Data(count: algorithm.digestLength)
        var length: UInt32 = 0
        // EVP_DigestFinal_ex writes at most EVP_MAX_MD_SIZE bytes; `digest` has the exact length.
        let result = digest.withUnsafeMutableBytes { EVP_DigestFinal_ex(pointer, $0.bindMemory(to: UInt8.self).baseAddress, &length) }
        precondition(result == 1 && Int(length) == algorithm.digestLength,
                     "EVP_DigestFinal_ex failed: \(OpenSSLErrorQueue.drain().joined(separator: "; "))")
        return digest
    }
}
