// VaultCrypto: RSA keys over EVP_PKEY: generation, import (DER, JWK) and export.

import COpenSSL
import Foundation

/// An RSA public or private key. Owns one `EVP_PKEY` (through ``PKey``), which is freed when
/// the key is released. Immutable after creation, so it may be shared between threads.
///
/// ```swift
/// let key = try RSAKey.generate(bits: 2048)
/// let n = key.modulus                  // 256 bytes, no leading zero
/// let stored = try key.pkcs8DER()      // keep this; RSAKey(pkcs8DER:) restores it
/// ```
public final class RSAKey: @unchecked Sendable {
    let pkey: PKey
    public let hasPrivateKey: Bool
    public let modulus: Data
    public let publicExponent: Data

    /// Sizes accepted for import; generation only offers 2048, 3072 and 4096.
    static let importableBits = 1024...16384

    /// Adopts `pkey`, which must be an RSA key, and caches its public components.
    init(pkey: PKey, hasPrivateKey: Bool) throws {
        guard pkey.isA("RSA") else { throw CryptoError(.invalidKey, "not an RSA key") }
        guard Self.importableBits.contains(pkey.bits) else {
            throw CryptoError(.unsupported, "RSA modulus of \(pkey.bits) bits is not supported")
        }
        guard let n = pkey.bigNumber(OSSL_PKEY_PARAM_RSA_N), let e = pkey.bigNumber(OSSL_PKEY_PARAM_RSA_E) else {
            throw CryptoError(.invalidKey, "RSA key has no modulus or exponent")
        }
        self.pkey = pkey
        self.hasPrivateKey = hasPrivateKey
        modulus = n.minimalBytes
        publicExponent = e.minimalBytes
    }

    /// Generates a new key pair of 2048, 3072 or 4096 bits.
    public static func generate(bits: Int, publicExponent: Int = 65537) throws -> RSAKey {
        guard [2048, 3072, 4096].contains(bits) else {
            throw CryptoError(.unsupported, "RSA key size \(bits) is not supported; use 2048, 3072 or 4096")
        }
        guard publicExponent >= 3, publicExponent % 2 == 1 else {
            throw CryptoError(.invalidInput, "RSA public exponent must be odd and at least 3")
        }
        let exponent = try BigNumber(word: UInt(publicExponent))
        let pkey = try PKey.generate(.rsa) { context in
            try context.withPointer { ctx in
                try OpenSSLErrorQueue.check(EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, Int32(bits)), .operationFailed,
                                            "EVP_PKEY_CTX_set_rsa_keygen_bits")
                // set1_ copies the exponent, so `exponent` may be freed afterwards.
                try OpenSSLErrorQueue.check(EVP_PKEY_CTX_set1_rsa_keygen_pubexp(ctx, exponent.pointer), .operationFailed,
                                            "EVP_PKEY_CTX_set1_rsa_keygen_pubexp")
            }
        }
        return try RSAKey(pkey: pkey, hasPrivateKey: true)
    }

    /// Restores a private key from PKCS#8 PrivateKeyInfo DER (the stored form).
    public convenience init(pkcs8DER: Data) throws {
        try self.init(pkey: PKey.fromPKCS8(pkcs8DER), hasPrivateKey: true)
    }

    /// Imports a public key from DER SubjectPublicKeyInfo.
    public convenience init(publicKeyDER: Data) throws {
        try self.init(pkey: PKey.fromSubjectPublicKeyInfo(publicKeyDER), hasPrivateKey: false)
    }

    /// Imports a public key from JWK `n` and `e` (unsigned big-endian; leading zeros allowed).
    public convenience init(modulus: Data, exponent: Data) throws {
        guard !modulus.isEmpty, !exponent.isEmpty else { throw CryptoError(.invalidKey, "RSA n and e are required") }
        let parameters = try ParameterList()
        try parameters.addInteger(OSSL_PKEY_PARAM_RSA_N, modulus, secret: false)
        try parameters.addInteger(OSSL_PKEY_PARAM_RSA_E, exponent, secret: false)
        let pkey = try PKey.fromParameters(.rsa, selection: KeySelection.publicKey, parameters)
        try pkey.checkPublic()
        try self.init(pkey: pkey, hasPrivateKey: false)
    }

    /// Imports a private key from its JWK components (n, e, d, p, q, dp, dq, qi), checking
    /// that they are consistent with each other.
    public convenience init(modulus: Data, publicExponent: Data, privateExponent: Data, prime1: Data, prime2: Data,
                            exponent1: Data, exponent2: Data, coefficient: Data) throws {
        let components: [(String, Data, Bool)] = [
            (OSSL_PKEY_PARAM_RSA_N, modulus, false), (OSSL_PKEY_PARAM_RSA_E, publicExponent, false),
            (OSSL_PKEY_PARAM_RSA_D, privateExponent, true), (RSAParameterName.prime1, prime1, true),
            (RSAParameterName.prime2, prime2, true), (RSAParameterName.exponent1, exponent1, true),
            (RSAParameterName.exponent2, exponent2, true), (RSAParameterName.coefficient, coefficient, true),
        ]
        let parameters = try ParameterList()
        for (name, value, secret) in components {
            guard !value.isEmpty else { throw CryptoError(.invalidKey, "RSA private key component \(name) is empty") }
            try parameters.addInteger(name, value, secret: secret)
        }
        let pkey = try PKey.fromParameters(.rsa, selection: KeySelection.keyPair, parameters)
        try pkey.checkPairwise()
        try self.init(pkey: pkey, hasPrivateKey: true)
    }

    /// Modulus size in bits.
    public var bits: Int { pkey.bits }

    /// Modulus size in bytes, `k` in RFC 8017.
    var modulusLength: Int { (bits + 7) / 8 }

    /// PKCS#8 PrivateKeyInfo DER. The caller is responsible for storing it safely.
    public func pkcs8DER() throws -> Data {
        guard hasPrivateKey else { throw CryptoError(.invalidKey, "RSA key has no private part") }
        return try pkey.pkcs8DER()
    }

    /// DER SubjectPublicKeyInfo.
    public func publicKeyDER() throws -> Data {
        try pkey.subjectPublicKeyInfoDER()
    }
}

/// Selection flags for EVP_PKEY_fromdata(3), spelled out because the EVP_PKEY_PUBLIC_KEY and
/// EVP_PKEY_KEYPAIR macros are compound expressions Swift does not import.
enum KeySelection {
    static let publicKey = Int32(OSSL_KEYMGMT_SELECT_PUBLIC_KEY | OSSL_KEYMGMT_SELECT_DOMAIN_PARAMETERS
        | OSSL_KEYMGMT_SELECT_OTHER_PARAMETERS)
    static let keyPair = publicKey | Int32(OSSL_KEYMGMT_SELECT_PRIVATE_KEY)
}

/// Names of the CRT parameters (core_names.h). The OSSL_PKEY_PARAM_RSA_FACTOR1 family are
/// built by string-literal concatenation, which Swift does not import.
enum RSAParameterName {
    static let prime1 = "rsa-factor1"
    static let prime2 = "rsa-factor2"
    static let exponent1 = "rsa-exponent1"
    static let exponent2 = "rsa-exponent2"
    static let coefficient = "rsa-coefficient1"
}
