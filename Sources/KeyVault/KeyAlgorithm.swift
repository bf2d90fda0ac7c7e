// KeyVault: JWA algorithm names and what each means for a given key (keyvault-spec.md §2.7).

import VaultCrypto

/// An algorithm resolved against a key: the operation it serves and its parameters.
enum KeyAlgorithm: Sendable {
    /// RSA1_5, RSA-OAEP (SHA-1), RSA-OAEP-256: encrypt, decrypt, wrapKey, unwrapKey.
    case rsaEncryption(RSAEncryptionPadding)
    /// RS256/384/512 (PKCS#1 v1.5) and PS256/384/512 (PSS, salt = digest length) over a digest.
    case rsaSignature(HashAlgorithm, RSASignaturePadding)
    /// ES256 / ES384 / ES512 / ES256K over a digest; signatures are raw r||s.
    case ecSignature(HashAlgorithm)

    private static let rsaEncryption: [(String, RSAEncryptionPadding)] = [
        ("RSA1_5", .pkcs1v15), ("RSA-OAEP", .oaepSHA1), ("RSA-OAEP-256", .oaepSHA256),
    ]
    private static let rsaSignature: [(String, HashAlgorithm, RSASignaturePadding)] = [
        ("RS256", .sha256, .pkcs1v15), ("RS384", .sha384, .pkcs1v15), ("RS512", .sha512, .pkcs1v15),
        ("PS256", .sha256, .pss), ("PS384", .sha384, .pss), ("PS512", .sha512, .pss),
    ]
    /// Each curve has exactly one ECDSA algorithm.
    private static let ecSignature: [ECCurve: (String, HashAlgorithm)] = [
        .p256: ("ES256", .sha256), .p384: ("ES384", .sha384), .p521: ("ES512", .sha512), .p256k: ("ES256K", .sha256),
    ]

    /// The algorithm names valid for `operation` on `material`, in the order error messages list them.
    static func supported(for operation: KeyOperationName, on material: KeyMaterial) -> [String] {
        switch (material, operation) {
        case (.rsa, .encrypt), (.rsa, .decrypt), (.rsa, .wrapKey), (.rsa, .unwrapKey): rsaEncryption.map(\.0)
        case (.rsa, .sign), (.rsa, .verify): rsaSignature.map(\.0)
        case (.ec(let key), .sign), (.ec(let key), .verify): ecSignature[key.curve].map { [$0.0] } ?? []
        default: []
        }
    }

    /// `name` resolved for `operation` on `material`, or `nil` when unknown or not valid for them
    /// (names are case-sensitive, as JWA defines them).
    static func resolve(_ name: String, for operation: KeyOperationName, on material: KeyMaterial) -> KeyAlgorithm? {
        guard supported(for: operation, on: material).contains(name) else { return nil }
        if let padding = rsaEncryption.first(where: { $0.0 == name })?.1 { return .rsaEncryption(padding) }
        if let entry = rsaSignature.first(where: { $0.0 == name }) { return .rsaSignature(entry.1, entry.2) }
        if let entry = ecSignature.values.first(where: { $0.0 == name }) { return .ecSignature(entry.1) }
        return nil
    }

    /// Largest plaintext RSA encryption accepts with a `modulusBytes`-byte key (RFC 8017 §7.1.1, §7.2.1).
    static func maximumPlaintext(_ padding: RSAEncryptionPadding, modulusBytes: Int) -> Int {
        switch padding {
        case .pkcs1v15: modulusBytes - 11
        case .oaepSHA1: modulusBytes - 2 * 20 - 2
        case .oaepSHA256: modulusBytes - 2 * 32 - 2
        }
    }
}
