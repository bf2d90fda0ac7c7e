// VaultCrypto: random bytes, constant-time comparison and buffer wiping.

import COpenSSL
import Foundation

/// Cryptographically secure random bytes from OpenSSL's DRBG.
///
/// ```swift
/// let nonce = SecureRandom.bytes(12)
/// ```
public enum SecureRandom {
    /// Returns `count` random bytes. Traps only if the system DRBG cannot be seeded, which
    /// leaves no safe way to continue.
    public static func bytes(_ count: Int) -> Data {
        precondition(count >= 0, "negative byte count")
        var data = Data(count: count)
        if count == 0 { return data }
        // RAND_bytes returns 1 on success; anything else means the DRBG is unusable.
        let result = data.withUnsafeMutableBytes {
            RAND_bytes($0.bindMemory(to: UInt8.self).baseAddress, Int32(count))
        }
        precondition(result == 1, "RAND_bytes failed: \(OpenSSLErrorQueue.drain().joined(separator: "; "))")
        return data
    }
}

/// Compares two byte strings in time that depends only on their lengths, for MACs and tokens.
///
/// ```swift
/// constantTimeEquals(expectedMAC, receivedMAC)
/// ```
public func constantTimeEquals(_ a: Data, _ b: Data) -> Bool {
    guard a.count == b.count else { return false }
    if a.isEmpty { return true }
    return a.withUnsafeBytes { left in
        b.withUnsafeBytes { right in
            // CRYPTO_memcmp's running time depends only on `len`, not on where bytes differ.
            CRYPTO_memcmp(left.baseAddress, right.baseAddress, a.count) == 0
        }
    }
}

/// Wipes secret bytes this module allocated before they are released.
enum SecretWiper {
    /// Overwrites the contents of `data` with zeros in a way the compiler cannot elide.
    static func wipe(_ data: inout Data) {
        let count = data.count
        guard count > 0 else { return }
        // OPENSSL_cleanse is guaranteed not to be optimised away, unlike memset.
        data.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, count) }
    }
}
