// KeyVault: exportable keys, release policies and the release operation, as a key vault answers them.

import ServiceCore

/// Secure key release needs an exportable key with a release policy, which Azure allows only on
/// premium vaults (HSM-backed) from api-version 7.3. The emulator answers exactly as the service
/// does for every case a standard vault can reach:
///
/// | Request | Answer |
/// |---|---|
/// | `exportable: true` on a standard vault, or before 7.3 | 400 `AKV.SKR.1001: The exportable attribute is only supported with premium vaults ...` |
/// | `exportable: true` without `release_policy` | 400 `Exportable keys must have release policy` |
/// | `release_policy` without `exportable: true` | 400 `AKV.SKR.1005: Non-exportable keys must not have release policy` |
/// | update setting `exportable: true` | 400 `AKV.SKR.1014: Cannot modify the exportable state of a key.` |
/// | `POST /keys/{name}/{version}/release` | 400: the key is not exportable (every key here) |
///
/// An exportable key with a policy on a premium vault is refused with 501: releasing it would
/// need an attestation service this emulator does not run.
enum ExportRules {
    /// Checks `exportable` / `release_policy` of a create or import request.
    static func checkNewKey(exportable: Bool?, hasReleasePolicy: Bool, vault: VaultInfo, features: APIVersionFeatures) throws {
        if exportable == true {
            guard vault.isPremium, features.reportsExportable else { throw ServiceError.exportableNeedsPremium() }
            guard hasReleasePolicy else { throw ServiceError.exportableNeedsReleasePolicy() }
            throw ServiceError.keyFeatureNotImplemented("Secure key release (exportable keys with a release policy) is")
        }
        if hasReleasePolicy { throw ServiceError.releasePolicyNeedsExportable() }
    }

    /// Checks an update: `exportable` cannot change (every stored key is non-exportable) and a
    /// non-exportable key takes no policy.
    static func checkUpdate(exportable: Bool?, hasReleasePolicy: Bool) throws {
        if exportable == true { throw ServiceError.exportableIsImmutable() }
        if hasReleasePolicy { throw ServiceError.releasePolicyNeedsExportable() }
    }
}

/// KeyReleaseParameters.
struct KeyReleaseParameters: Decodable, Sendable {
    var target: String
    var nonce: String?
    var enc: String?

    /// `enc` values of the REST spec (KeyEncryptionAlgorithm).
    static let encryptionAlgorithms = ["CKM_RSA_AES_KEY_WRAP", "RSA_AES_KEY_WRAP_256", "RSA_AES_KEY_WRAP_384"]
}

extension KeyVaultService {
    /// `POST /keys/{name}[/{version}]/release`: the key must exist (404), the body must be a
    /// KeyReleaseParameters with a non-empty `target` and a known `enc` (400), and then the key
    /// is refused as not exportable (400).
    func releaseKey(_ request: ServiceRequest, in vault: VaultInfo) throws -> ServiceResponse {
        let record = try existingKey(request.parameter("name"), version: request.parameter("version"), in: vault)
        let body = try request.decodeBody(KeyReleaseParameters.self)
        guard !body.target.isEmpty else { throw ServiceError.badParameter("The property 'target' must be a non-empty attestation token.") }
        if let enc = body.enc, !KeyReleaseParameters.encryptionAlgorithms.contains(enc) {
            throw ServiceError.badParameter("The value '\(enc)' of property 'enc' is not valid. Valid values: \(KeyReleaseParameters.encryptionAlgorithms.joined(separator: ", ")).")
        }
        throw ServiceError.keyNotExportable(name: record.name)
    }
}
