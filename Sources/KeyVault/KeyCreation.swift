// KeyVault: create key — validating KeyCreateParameters, generating material, storing a version.

import Foundation
import ServiceCore
import VaultCrypto

/// A validated create request: everything needed to generate and store a new version.
struct KeySpecification: Sendable {
    var keyType: KeyType
    var keySize: Int?
    var curve: ECCurve?
    var operations: [KeyOperationName]
    var enabled: Bool
    var notBefore: Int64?
    var expires: Int64?
    var tags: [String: String]

    /// Applies the service's rules in order: key type (and tier), size or curve, key_ops,
    /// attributes (``ExportRules``), tags. Any violation is 400 BadParameter.
    init(_ parameters: KeyCreateParameters, vault: VaultInfo, features: APIVersionFeatures) throws {
        guard let keyType = KeyType(rawValue: parameters.kty) else { throw ServiceError.unsupportedKeyType(parameters.kty) }
        if keyType == .oct || keyType == .octHSM { throw ServiceError.symmetricKeysNeedManagedHSM(parameters.kty) }
        if keyType.isHSM && !vault.isPremium { throw ServiceError.hsmKeysNeedPremium(parameters.kty, vault: vault.name) }
        self.keyType = keyType

        if keyType.isRSA {
            let size = parameters.keySize ?? KeyLimits.defaultRSAKeySize
            guard KeyLimits.rsaKeySizes.contains(size) else { throw ServiceError.unsupportedKeySize(size) }
            if let exponent = parameters.publicExponent, exponent != KeyLimits.rsaPublicExponent {
                throw ServiceError.unsupportedPublicExponent(exponent)
            }
            keySize = size
        } else {
            let name = parameters.crv ?? ECCurve.p256.rawValue
            guard let curve = ECCurve(rawValue: name) else { throw ServiceError.unsupportedCurve(name) }
            self.curve = curve
        }

        operations = try parameters.keyOps.map(KeyLimits.parse(operations:)) ?? keyType.defaultOperations
        let attributes = parameters.attributes
        try ExportRules.checkNewKey(exportable: attributes?.exportable, hasReleasePolicy: parameters.hasReleasePolicy,
                                    vault: vault, features: features)
        enabled = attributes?.enabled ?? true
        notBefore = attributes?.nbf
        expires = attributes?.exp
        tags = parameters.tags ?? [:]
        try KeyLimits.validate(tags: tags)
    }

    /// Generates the private key (slow for large RSA sizes; runs outside any transaction). RSA
    /// keys come from `pool` when it holds one: generated the same way, ahead of time, used once.
    func generate(pool: RSAKeyPool?) throws -> KeyMaterial {
        try KeyMaterial.generate(keySize: keySize, curve: curve, pool: pool)
    }
}

extension KeyVaultService {
    /// `POST /keys/{name}/create`: a new key, or a new current version of an existing one.
    /// Nothing is written unless every check passed and the key was generated.
    func createKey(_ request: ServiceRequest, in vault: VaultInfo) throws -> ServiceResponse {
        let name = request.parameter("name")
        guard KeyLimits.isValidName(name) else { throw ServiceError.invalidKeyName(name) }
        try refuseDeletedName(name, in: vault, request: request)
        let specification = try KeySpecification(try request.decodeBody(KeyCreateParameters.self), vault: vault, features: request.features)
        let material = try specification.generate(pool: keyPool)
        let now = request.context.now.unixSeconds
        let record = KeyVersionRecord(
            name: name, version: Self.newVersion(), keyType: specification.keyType,
            keySize: specification.keySize, curve: specification.curve?.rawValue,
            operations: specification.operations, enabled: specification.enabled,
            notBefore: specification.notBefore, expires: specification.expires,
            created: now, updated: now, tags: specification.tags)
        let stored = try store.insertVersion(vault: vault.storageName, record: record, privateKey: try material.pkcs8DER())
        cache.invalidate(vault: vault.storageName, nameLower: stored.nameLower)
        cache.remember(material, vault: vault.storageName, nameLower: stored.nameLower, version: stored.version)
        return .json(try bundle(of: stored, in: vault, for: request))
    }

    /// 409 when `name` is held by a soft-deleted key (after due purges): a deleted name can
    /// only be recovered or purged.
    func refuseDeletedName(_ name: String, in vault: VaultInfo, request: ServiceRequest) throws {
        try applyScheduledPurges(in: vault, request: request)
        if case .deleted = try store.state(vault: vault.storageName, nameLower: name.lowercased()) {
            throw ServiceError.keyIsDeletedButRecoverable(name: name)
        }
    }

    /// 32 lowercase hex characters from the system's CSPRNG, as the service's version ids.
    static func newVersion() -> String {
        SecureRandom.bytes(16).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
