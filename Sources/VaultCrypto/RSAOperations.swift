// VaultCrypto: RSA encryption (PKCS#1 v1.5, OAEP) and signatures over precomputed digests.

import COpenSSL
import Foundation

/// RSA encryption schemes, named after their JWA algorithms.
public enum RSAEncryptionPadding: Sendable {
    /// RSAES-PKCS1-v1_5 (JWA "RSA1_5").
    case pkcs1v15
    /// RSAES-OAEP with SHA-1 and MGF1-SHA-1 (JWA "RSA-OAEP").
    case oaepSHA1
    /// RSAES-OAEP with SHA-256 and MGF1-SHA-256 (JWA "RSA-OAEP-256").
    case oaepSHA256

    /// Bytes of padding overhead: the plaintext may be at most `k - overhead` bytes (RFC 8017 7.1, 7.2).
    var overhead: Int {
        switch self {
        case .pkcs1v15: 11
        case .oaepSHA1: 2 * HashAlgorithm.sha1.digestLength + 2
        case .oaepSHA256: 2 * HashAlgorithm.sha256.digestLength + 2
        }
    }

    var name: String {
        switch self {
        case .pkcs1v15: "RSA1_5"
        case .oaepSHA1: "RSA-OAEP"
        case .oaepSHA256: "RSA-OAEP-256"
        }
    }
}

/// RSA signature schemes. PSS always uses MGF1 with the message hash and a salt as long as
/// the digest, which is what Key Vault's PS256/PS384/PS512 mean.
public enum RSASignaturePadding: Sendable { case pkcs1v15, pss }

extension RSAKey {
    /// Encrypts `plaintext` with the public key.
    ///
    /// ```swift
    /// let wrapped = try key.encrypt(contentKey, padding: .oaepSHA256)
    /// ```
    /// - Throws: `.invalidInput` if `plaintext` exceeds the padding's limit (k-11, k-42, k-66).
    public func encrypt(_ plaintext: Data, padding: RSAEncryptionPadding) throws -> Data {
        let limit = modulusLength - padding.overhead
        guard plaintext.count <= limit else {
            throw CryptoError(.invalidInput, "plaintext is \(plaintext.count) bytes; \(padding.name) with a "
                + "\(bits)-bit key allows at most \(limit)")
        }
        let context = try pkey.makeContext()
        try context.withPointer { ctx in
            try OpenSSLErrorQueue.check(EVP_PKEY_encrypt_init(ctx), .operationFailed, "EVP_PKEY_encrypt_init")
            try Self.configure(ctx, padding)
        }
        return try plaintext.withNonNullBytes { input, count in
            try context.produce("RSA encryption", failure: .operationFailed) { ctx, output, length in
                EVP_PKEY_encrypt(ctx, output, length, input, count)
            }
        }
    }

    /// Decrypts `ciphertext` with the private key.
    /// - Throws: `.invalidInput` unless the ciphertext is exactly `k` bytes; `.operationFailed`
    ///   when the padding does not check out.
    public func decrypt(_ ciphertext: Data, padding: RSAEncryptionPadding) throws -> Data {
        guard hasPrivateKey else { throw CryptoError(.invalidKey, "decryption needs the RSA private key") }
        guard ciphertext.count == modulusLength else {
            throw CryptoError(.invalidInput, "ciphertext is \(ciphertext.count) bytes; a \(bits)-bit key needs exactly \(modulusLength)")
        }
        let context = try pkey.makeContext()
        try context.withPointer { ctx in
            try OpenSSLErrorQueue.check(EVP_PKEY_decrypt_init(ctx), .operationFailed, "EVP_PKEY_decrypt_init")
            try Self.configure(ctx, padding)
        }
        return try ciphertext.withNonNullBytes { input, count in
            try context.produce("RSA decryption (\(padding.name))", failure: .operationFailed) { ctx, output, length in
                EVP_PKEY_decrypt(ctx, output, length, input, count)
            }
        }
    }

    /// Signs a digest the caller already computed with `hash`; the digest is never hashed again.
    ///
    /// ```swift
    /// let digest = HashAlgorithm.sha256.hash(message)
    /// let signature = try key.sign(digest: digest, hash: .sha256, padding: .pkcs1v15)   // RS256
    /// ```
    /// - Throws: `.invalidInput` if `digest` is not `hash.digestLength` bytes.
    public func sign(digest: Data, hash: HashAlgorithm, padding: RSASignaturePadding) throws -> Data {
        guard hasPrivateKey else { throw CryptoError(.invalidKey, "signing needs the RSA private key") }
        try Self.checkDigest(digest, hash)
        let context = try pkey.makeContext()
        try context.withPointer { ctx in
            try OpenSSLErrorQueue.check(EVP_PKEY_sign_init(ctx), .operationFailed, "EVP_PKEY_sign_init")
            try Self.configure(ctx, hash, padding)
        }
        return try digest.withNonNullBytes { input, count in
            try context.produce("RSA signing", failure: .operationFailed) { ctx, output, length in
                EVP_PKEY_sign(ctx, output, length, input, count)
            }
        }
    }

    /// Verifies `signature` over a precomputed `digest`. Any malformed input yields `false`.
    public func verify(signature: Data, digest: Data, hash: HashAlgorithm, padding: RSASignaturePadding) -> Bool {
        guard digest.count == hash.digestLength, signature.count == modulusLength else { return false }
        defer { OpenSSLErrorQueue.drain() }
        guard let context = try? pkey.makeContext() else { return false }
        return context.withPointer { ctx in
            guard EVP_PKEY_verify_init(ctx) == 1, (try? Self.configure(ctx, hash, padding)) != nil else { return false }
            // EVP_PKEY_verify returns 1 for a valid signature, 0 for an invalid one, <0 on error.
            return signature.withNonNullBytes { sig, sigCount in
                digest.withNonNullBytes { input, count in EVP_PKEY_verify(ctx, sig, sigCount, input, count) == 1 }
            }
        }
    }

    private static func checkDigest(_ digest: Data, _ hash: HashAlgorithm) throws {
        guard digest.count == hash.digestLength else {
            throw CryptoError(.invalidInput, "digest is \(digest.count) bytes; \(hash) needs \(hash.digestLength)")
        }
    }

    /// Sets the encryption padding on an initialised encrypt/decrypt context.
    private static func configure(_ ctx: OpaquePointer, _ padding: RSAEncryptionPadding) throws {
        switch padding {
        case .pkcs1v15:
            try OpenSSLErrorQueue.check(EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING), .operationFailed, "set RSA padding")
        case .oaepSHA1, .oaepSHA256:
            let md = (padding == .oaepSHA1 ? HashAlgorithm.sha1 : .sha256).evpMD
            try OpenSSLErrorQueue.check(EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING), .operationFailed, "set RSA padding")
            // The OAEP label hash and the MGF1 hash are set separately; JWA uses the same one for both.
            try OpenSSLErrorQueue.check(EVP_PKEY_CTX_set_rsa_oaep_md(ctx, md), .operationFailed, "set OAEP digest")
            try OpenSSLErrorQueue.check(EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, md), .operationFailed, "set MGF1 digest")
        }
    }

    /// Sets the signature padding and digest on an initialised sign/verify context.
    private static func configure(_ ctx: OpaquePointer, _ hash: HashAlgorithm, _ padding: RSASignaturePadding) throws {
        let md = hash.evpMD
        let mode = padding == .pss ? RSA_PKCS1_PSS_PADDING : RSA_PKCS1_PADDING
        try OpenSSLErrorQueue.check(EVP_PKEY_CTX_set_rsa_padding(ctx, mode), .operationFailed, "set RSA padding")
        // With a signature digest set, EVP_PKEY_sign treats its input as that digest's output
        // (checking its length) and, for PKCS#1 v1.5, wraps it in the DigestInfo for `md`.
        try OpenSSLErrorQueue.check(EVP_PKEY_CTX_set_signature_md(ctx, md), .operationFailed, "set signature digest")
        if padding == .pss {
            // RSA_PSS_SALTLEN_DIGEST: salt length equals the digest length, on signing and verifying.
            try OpenSSLErrorQueue.check(EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, RSA_PSS_SALTLEN_DIGEST), .operationFailed, "set PSS salt")
            try OpenSSLErrorQueue.check(EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, md), .operationFailed, "set MGF1 digest")
        }
    }
}
