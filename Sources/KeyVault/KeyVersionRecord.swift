// KeyVault: one stored key version, without its private key.

import Foundation

/// A key version's properties as stored in `key_versions` (the private key is read separately,
/// only when ``KeyMaterialCache`` does not hold it).
struct KeyVersionRecord: Sendable, Equatable {
    /// The name as first created (display casing).
    var name: String
    var version: String
    var keyType: KeyType
    /// RSA modulus bits; `nil` for EC.
    var keySize: Int?
    /// EC curve name; `nil` for RSA.
    var curve: String?
    var operations: [KeyOperationName]
    var enabled: Bool
    var notBefore: Int64?
    var expires: Int64?
    var created: Int64
    var updated: Int64
    var tags: [String: String]
    /// The key's rotation policy JSON as read with this version (`nil`: none set); key-level
    /// data carried along so reading the current version needs one query.
    var rotationPolicy: String? = nil

    var nameLower: String { name.lowercased() }

    /// `{origin}/keys/{name}/{version}`.
    func kid(origin: String) -> String { "\(origin)/keys/\(name)/\(version)" }

    /// `{origin}/keys/{name}`: list items name the key, not a version.
    func baseKid(origin: String) -> String { "\(origin)/keys/\(name)" }

    /// Attributes as reported, with the vault's recovery settings and the members the
    /// request's api-version knows.
    func attributes(in vault: VaultInfo, features: APIVersionFeatures) -> KeyAttributesWire {
        KeyAttributesWire(enabled: enabled, nbf: notBefore, exp: expires, created: created, updated: updated,
                          recoveryLevel: vault.recoveryLevel,
                          recoverableDays: features.reportsRecoverableDays ? vault.recoverableDays : nil,
                          exportable: features.reportsExportable ? false : nil,
                          hsmPlatform: features.reportsHSMPlatform && keyType.isHSM ? KeyType.hsmPlatform : nil)
    }

    /// Tags as reported: omitted when there are none.
    var wireTags: [String: String]? { tags.isEmpty ? nil : tags }

    /// Why `operation` may not run at `now` (enablement, then the nbf/exp window for the
    /// operations Azure restricts to it, then `key_ops`), or `nil` when it may.
    func refusal(of operation: KeyOperationName, at now: Date) -> KeyRefusal? {
        if !enabled { return .disabled }
        if operation.requiresValidityWindow {
            if let expires, now > Date(timeIntervalSince1970: TimeInterval(expires)) { return .expired }
            if let notBefore, now < Date(timeIntervalSince1970: TimeInterval(notBefore)) { return .notYetValid }
        }
        if !operations.contains(operation) { return .operationNotPermitted }
        return nil
    }
}

/// The state rules of keyvault-spec.md §2.9 steps 8-10, in their order.
enum KeyRefusal: Sendable, Equatable {
    case disabled, expired, notYetValid, operationNotPermitted
}

extension KeyOperationName {
    /// Outside nbf/exp only decrypt, unwrapKey and verify keep working (about-keys-details).
    var requiresValidityWindow: Bool { self == .encrypt || self == .wrapKey || self == .sign }
}
