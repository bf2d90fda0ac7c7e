// DataConnect: the RSA paddings the agent can wrap the AES key with, by their Key Vault names.

import VaultCrypto

/// How the drop's AES key is RSA-encrypted. The raw value is the Key Vault `alg` name that the
/// customer passes to the vault's decrypt (and that run.json records as `wrapAlgorithm`).
///
/// Our choice (the real service does not say): `RSA-OAEP-256` by default, the padding Key Vault
/// recommends; the two older ones are selectable to reproduce other setups.
public enum KeyWrapAlgorithm: String, Sendable, CaseIterable, Codable {
    case rsaOAEP256 = "RSA-OAEP-256"
    case rsaOAEP = "RSA-OAEP"
    case rsa1_5 = "RSA1_5"

    public static let `default` = KeyWrapAlgorithm.rsaOAEP256

    /// The padding VaultCrypto applies for this algorithm (OAEP with SHA-256 or SHA-1 and MGF1 of the
    /// same hash; PKCS#1 v1.5).
    public var padding: RSAEncryptionPadding {
        switch self {
        case .rsaOAEP256: return .oaepSHA256
        case .rsaOAEP: return .oaepSHA1
        case .rsa1_5: return .pkcs1v15
        }
    }
}
