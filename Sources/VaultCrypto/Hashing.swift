// VaultCrypto: SHA-1/SHA-2 digests and HMAC-SHA256.

import COpenSSL
import Foundation

/// The digest algorithms Key Vault signature algorithms are built on.
///
/// ```swift
/// let digest = HashAlgorithm.sha256.hash(Data("abc".utf8))   // 32 bytes
/// ```
public enum HashAlgorithm: Sendable {
    case sha1, sha256, sha384, sha512

    /// Output size in bytes: 20, 32, 48 or 64.
    public var digestLength: Int {
        switch self {
        case .sha1: 20
        case .sha256: 32
        case .sha384: 48
        case .sha512: 64
        }
    }

    /// The static `EVP_MD` for this hash. These objects are owned by OpenSSL and never freed.
    var evpMD: OpaquePointer {
        let md: OpaquePointer? = switch self {
        case .sha1: EVP_sha1()
        case .sha256: EVP_sha256()
        case .sha384: EVP_sha384()
        case .sha512: EVP_sha512()
        }
        // The built-in digests always exist in the default provider.
        return md!
    }

    /// Digest of `data`.
    public func hash(_ data: Data) -> Data {
        var digest = Data(count: digestLength)
        var length: UInt32 = 0
        let result = data.withUnsafeBytes { input in
            digest.withUnsafeMutableBytes { output in
                // EVP_Digest writes at most EVP_MAX_MD_SIZE bytes; `digest` is sized to the exact length.
                EVP_Digest(input.baseAddress, input.count, output.bindMemory(to: UInt8.self).baseAddress,
                           &length, evpMD, nil)
            }
        }
        precondition(result == 1 && Int(length) == digestLength,
                     "EVP_Digest failed: \(OpenSSLErrorQueue.drain().joined(separator: "; "))")
        return digest
    }
}

/// HMAC with SHA-256 (RFC 2104), used for client-secret hashes and audit MACs.
///
/// ```swift
/// let mac = HMACSHA256.authenticate(Data("message".utf8), key: secretKey)   // 32 bytes
/// ```
public enum HMACSHA256 {
    public static func authenticate(_ data: Data, key: Data) -> Data {
        var mac = Data(count: 32)
        var length: UInt32 = 0
        // A zero-length key must still be a valid pointer for HMAC(); use a one-byte dummy buffer.
        let keyBytes = key.isEmpty ? Data([0]) : key
        let result = keyBytes.withUnsafeBytes { keyBuffer in
            data.withUnsafeBytes { input in
                mac.withUnsafeMutableBytes { output in
                    // HMAC() is the one-shot API (not deprecated in OpenSSL 3); it returns `md` or NULL.
                    HMAC(HashAlgorithm.sha256.evpMD, keyBuffer.baseAddress, Int32(key.count),
                         input.bindMemory(to: UInt8.self).baseAddress, input.count,
                         output.bindMemory(to: UInt8.self).baseAddress, &length)
                }
            }
        }
        precondition(result != nil && length == 32,
                     "HMAC failed: \(OpenSSLErrorQueue.drain().joined(separator: "; "))")
        return mac
    }
}
