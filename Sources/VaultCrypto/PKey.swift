// VaultCrypto: the owner of one EVP_PKEY and the DER codecs shared by RSA and EC keys.

import COpenSSL
import Foundation

/// Owns one `EVP_PKEY`. ``RSAKey`` and ``ECKey`` each hold exactly one of these; the raw pointer
/// is only lent out inside ``withPointer(_:)``.
///
/// An `EVP_PKEY` may be used from several threads at once for read-only operations (signing,
/// verifying, encrypting with separate `EVP_PKEY_CTX`s); nothing here mutates it after creation.
final class PKey {
    private let pointer: OpaquePointer

    /// Adopts an `EVP_PKEY` this object alone will free.
    init(takingOwnershipOf pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit { EVP_PKEY_free(pointer) }

    func withPointer<T>(_ body: (OpaquePointer) throws -> T) rethrows -> T {
        try body(pointer)
    }

    /// True when the key's type is `name` ("RSA", "EC"), per EVP_PKEY_is_a(3).
    func isA(_ name: String) -> Bool { EVP_PKEY_is_a(pointer, name) == 1 }

    /// Key size in bits (modulus bits for RSA, order bits for EC).
    var bits: Int { Int(EVP_PKEY_get_bits(pointer)) }

    /// A fresh operation context for this key.
    func makeContext() throws -> PKeyContext {
        // EVP_PKEY_CTX_new_from_pkey takes its own reference on the key.
        let context = EVP_PKEY_CTX_new_from_pkey(nil, pointer, nil)
        return PKeyContext(takingOwnershipOf: try OpenSSLErrorQueue.unwrap(context, .operationFailed, "EVP_PKEY_CTX_new_from_pkey"))
    }

    /// A BIGNUM-valued key parameter (OSSL_PKEY_PARAM_RSA_N, OSSL_PKEY_PARAM_EC_PUB_X, ...), or nil.
    func bigNumber(_ name: String, secret: Bool = false) -> BigNumber? {
        var value: OpaquePointer?
        // EVP_PKEY_get_bn_param allocates *bn when it is NULL; the caller frees it.
        guard EVP_PKEY_get_bn_param(pointer, name, &value) == 1, let value else {
            OpenSSLErrorQueue.drain()
            return nil
        }
        return BigNumber(takingOwnershipOf: value, secret: secret)
    }

    /// A UTF-8 string key parameter such as OSSL_PKEY_PARAM_GROUP_NAME, or nil.
    func stringParameter(_ name: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 80)
        var length = 0
        // EVP_PKEY_get_utf8_string_param NUL-terminates when the buffer has room for it.
        guard EVP_PKEY_get_utf8_string_param(pointer, name, &buffer, buffer.count, &length) == 1 else {
            OpenSSLErrorQueue.drain()
            return nil
        }
        return String(nulTerminated: buffer)
    }

    // MARK: - DER

    /// Parses a PKCS#8 PrivateKeyInfo. Trailing bytes are rejected.
    static func fromPKCS8(_ der: Data) throws -> PKey {
        guard !der.isEmpty else { throw CryptoError(.invalidKey, "empty PKCS#8 key") }
        let info = try parseWhole(der, "PKCS#8 PrivateKeyInfo", free: { PKCS8_PRIV_KEY_INFO_free($0) }) {
            d2i_PKCS8_PRIV_KEY_INFO(nil, $0, $1)
        }
        defer { PKCS8_PRIV_KEY_INFO_free(info) }
        // EVP_PKCS82PKEY returns a new key that does not share memory with `info`.
        let key = EVP_PKCS82PKEY(info)
        return PKey(takingOwnershipOf: try OpenSSLErrorQueue.unwrap(key, .invalidKey, "EVP_PKCS82PKEY"))
    }

    /// Parses a DER SubjectPublicKeyInfo. Trailing bytes are rejected.
    static func fromSubjectPublicKeyInfo(_ der: Data) throws -> PKey {
        guard !der.isEmpty else { throw CryptoError(.invalidKey, "empty SubjectPublicKeyInfo") }
        let key = try parseWhole(der, "SubjectPublicKeyInfo", free: { EVP_PKEY_free($0) }) { d2i_PUBKEY(nil, $0, $1) }
        return PKey(takingOwnershipOf: key)
    }

    /// Runs a d2i_* parser over all of `der`, failing if it stops early.
    private static func parseWhole(
        _ der: Data, _ what: String, free: (OpaquePointer) -> Void,
        _ parse: (UnsafeMutablePointer<UnsafePointer<UInt8>?>, Int) -> OpaquePointer?
    ) throws -> OpaquePointer {
        try der.withUnsafeBytes { buffer in
            let start = buffer.bindMemory(to: UInt8.self).baseAddress!
            var cursor: UnsafePointer<UInt8>? = start
            // d2i_* advance *in past the bytes they consumed (d2i_X509(3)).
            let parsed = try OpenSSLErrorQueue.unwrap(parse(&cursor, buffer.count), .invalidKey, "cannot parse \(what)")
            guard let cursor, cursor - start == buffer.count else {
                free(parsed)
                throw CryptoError(.invalidKey, "trailing bytes after \(what)")
            }
            return parsed
        }
    }

    /// PKCS#8 PrivateKeyInfo DER of the private key.
    func pkcs8DER() throws -> Data {
        // EVP_PKEY2PKCS8 fails (NULL) for public-only keys.
        let info = try OpenSSLErrorQueue.unwrap(EVP_PKEY2PKCS8(pointer), .invalidKey, "EVP_PKEY2PKCS8")
        defer { PKCS8_PRIV_KEY_INFO_free(info) }
        return try DEREncoder.encode("PKCS#8") { i2d_PKCS8_PRIV_KEY_INFO(info, $0) }
    }

    /// SubjectPublicKeyInfo DER of the public key.
    func subjectPublicKeyInfoDER() throws -> Data {
        try DEREncoder.encode("SubjectPublicKeyInfo") { i2d_PUBKEY(pointer, $0) }
    }

    // MARK: - Construction

    /// Generates a key of `algorithm` after `configure` sets keygen parameters.
    static func generate(_ algorithm: KeyAlgorithm, configure: (PKeyContext) throws -> Void) throws -> PKey {
        let context = try PKeyContext(algorithm: algorithm)
        try context.withPointer { try OpenSSLErrorQueue.check(EVP_PKEY_keygen_init($0), .operationFailed, "EVP_PKEY_keygen_init") }
        try configure(context)
        var key: OpaquePointer?
        try context.withPointer { try OpenSSLErrorQueue.check(EVP_PKEY_generate($0, &key), .operationFailed, "EVP_PKEY_generate") }
        return PKey(takingOwnershipOf: try OpenSSLErrorQueue.unwrap(key, .operationFailed, "EVP_PKEY_generate"))
    }

    /// Builds a key of `algorithm` from provider parameters (EVP_PKEY_fromdata(3)).
    /// `selection` is `EVP_PKEY_PUBLIC_KEY` or `EVP_PKEY_KEYPAIR`.
    static func fromParameters(_ algorithm: KeyAlgorithm, selection: Int32, _ parameters: ParameterList) throws -> PKey {
        let context = try PKeyContext(algorithm: algorithm)
        var key: OpaquePointer?
        try context.withPointer { ctx in
            try OpenSSLErrorQueue.check(EVP_PKEY_fromdata_init(ctx), .operationFailed, "EVP_PKEY_fromdata_init")
            try parameters.withPointer { params in
                try OpenSSLErrorQueue.check(EVP_PKEY_fromdata(ctx, &key, selection, params), .invalidKey,
                                            "cannot build \(algorithm) key from its components")
            }
        }
        return PKey(takingOwnershipOf: try OpenSSLErrorQueue.unwrap(key, .invalidKey, "EVP_PKEY_fromdata"))
    }

    /// Checks that the private and public halves belong together (EVP_PKEY_pairwise_check(3)).
    func checkPairwise() throws {
        let context = try makeContext()
        try context.withPointer {
            try OpenSSLErrorQueue.check(EVP_PKEY_pairwise_check($0), .invalidKey, "private and public key components do not match")
        }
    }

    /// Checks the public key's validity, e.g. an EC point on its curve (EVP_PKEY_public_check(3)).
    func checkPublic() throws {
        let context = try makeContext()
        try context.withPointer {
            try OpenSSLErrorQueue.check(EVP_PKEY_public_check($0), .invalidKey, "public key is not valid")
        }
    }
}

/// Runs an i2d_* encoder twice: once for the length, once into a buffer of that size.
enum DEREncoder {
    static func encode(_ what: String, _ i2d: (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?) -> Int32) throws -> Data {
        // With a NULL `out`, i2d_* return the encoded length without writing (d2i_X509(3)).
        let length = i2d(nil)
        guard length > 0 else { throw OpenSSLErrorQueue.error(.operationFailed, "cannot encode \(what)") }
        var data = Data(count: Int(length))
        let written = data.withUnsafeMutableBytes { buffer -> Int32 in
            var cursor: UnsafeMutablePointer<UInt8>? = buffer.bindMemory(to: UInt8.self).baseAddress
            return i2d(&cursor)
        }
        guard written == length else { throw OpenSSLErrorQueue.error(.operationFailed, "cannot encode \(what)") }
        return data
    }
}
