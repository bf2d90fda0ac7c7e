// VaultCrypto: ECDSA signing and verification with JOSE's raw r || s signature format.

import COpenSSL
import Foundation

extension ECKey {
    /// Signs a precomputed digest and returns `r || s`, each left-padded to the curve's
    /// coordinate length (64 bytes for P-256, 132 for P-521), as JWS requires.
    public func sign(digest: Data) throws -> Data {
        guard hasPrivateKey else { throw CryptoError(.invalidKey, "signing needs the EC private key") }
        guard !digest.isEmpty, digest.count <= HashAlgorithm.sha512.digestLength else {
            throw CryptoError(.invalidInput, "digest is \(digest.count) bytes; expected a SHA-2 digest")
        }
        let context = try pkey.makeContext()
        try context.withPointer {
            try OpenSSLErrorQueue.check(EVP_PKEY_sign_init($0), .operationFailed, "EVP_PKEY_sign_init")
        }
        // With no signature digest set, EVP_PKEY_sign signs its input as the digest (truncated to
        // the order's bit length per FIPS 186) and returns a DER ECDSA-Sig-Value.
        let der = try digest.withNonNullBytes { input, count in
            try context.produce("ECDSA signing", failure: .operationFailed) { ctx, output, length in
                EVP_PKEY_sign(ctx, output, length, input, count)
            }
        }
        return try ECDSASignature(der: der).raw(width: curve.coordinateLength)
    }

    /// Verifies a raw `r || s` signature over a precomputed digest. Malformed input yields `false`.
    public func verify(signature: Data, digest: Data) -> Bool {
        let width = curve.coordinateLength
        guard signature.count == 2 * width, !digest.isEmpty else { return false }
        defer { OpenSSLErrorQueue.drain() }
        guard let der = try? ECDSASignature(raw: signature).der(), let context = try? pkey.makeContext() else { return false }
        return context.withPointer { ctx in
            guard EVP_PKEY_verify_init(ctx) == 1 else { return false }
            // EVP_PKEY_verify returns 1 only for a valid signature.
            return der.withNonNullBytes { sig, sigCount in
                digest.withNonNullBytes { input, count in EVP_PKEY_verify(ctx, sig, sigCount, input, count) == 1 }
            }
        }
    }
}

/// Owns one `ECDSA_SIG` and converts between DER (what OpenSSL speaks) and raw `r || s`.
final class ECDSASignature {
    private let pointer: OpaquePointer

    /// Parses a DER ECDSA-Sig-Value; trailing bytes are rejected.
    init(der: Data) throws {
        pointer = try der.withNonNullBytes { bytes, count in
            var cursor: UnsafePointer<UInt8>? = bytes
            // d2i_ECDSA_SIG advances `cursor` past the bytes it consumed.
            let parsed = try OpenSSLErrorQueue.unwrap(d2i_ECDSA_SIG(nil, &cursor, count), .operationFailed, "d2i_ECDSA_SIG")
            guard cursor == bytes + count else {
                ECDSA_SIG_free(parsed)
                throw CryptoError(.operationFailed, "trailing bytes after ECDSA signature")
            }
            return parsed
        }
    }

    /// Builds a signature from raw `r || s` (two halves of equal length).
    init(raw: Data) throws {
        let half = raw.count / 2
        let r = try BigNumber(unsignedBigEndian: raw.prefix(half), secret: false)
        let s = try BigNumber(unsignedBigEndian: raw.suffix(half), secret: false)
        let signature = try OpenSSLErrorQueue.unwrap(ECDSA_SIG_new(), .operationFailed, "ECDSA_SIG_new")
        // ECDSA_SIG_set0 takes ownership of r and s, so duplicate them first.
        guard let rCopy = BN_dup(r.pointer), let sCopy = BN_dup(s.pointer) else {
            ECDSA_SIG_free(signature)
            throw OpenSSLErrorQueue.error(.operationFailed, "BN_dup")
        }
        guard ECDSA_SIG_set0(signature, rCopy, sCopy) == 1 else {
            BN_free(rCopy)
            BN_free(sCopy)
            ECDSA_SIG_free(signature)
            throw OpenSSLErrorQueue.error(.operationFailed, "ECDSA_SIG_set0")
        }
        pointer = signature
    }

    deinit { ECDSA_SIG_free(pointer) }

    /// DER ECDSA-Sig-Value.
    func der() throws -> Data {
        try DEREncoder.encode("ECDSA signature") { i2d_ECDSA_SIG(pointer, $0) }
    }

    /// `r || s`, each left-padded to `width` bytes.
    func raw(width: Int) throws -> Data {
        var r: OpaquePointer?
        var s: OpaquePointer?
        // ECDSA_SIG_get0 returns internal pointers that stay owned by the ECDSA_SIG.
        ECDSA_SIG_get0(pointer, &r, &s)
        guard let r, let s else { throw CryptoError(.operationFailed, "ECDSA signature has no r or s") }
        return try Self.padded(r, width) + Self.padded(s, width)
    }

    private static func padded(_ number: OpaquePointer, _ width: Int) throws -> Data {
        var data = Data(count: width)
        // BN_bn2binpad left-pads with zeros and returns -1 if the value is wider than `width`.
        let written = data.withUnsafeMutableBytes { BN_bn2binpad(number, $0.bindMemory(to: UInt8.self).baseAddress, Int32(width)) }
        guard written == Int32(width) else { throw CryptoError(.operationFailed, "ECDSA signature component too wide") }
        return data
    }
}
