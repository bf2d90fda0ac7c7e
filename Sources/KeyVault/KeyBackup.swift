// KeyVault: backup a key and restore it from its blob (keyvault-spec.md §2.6).

import Foundation
import ServiceCore
import VaultCrypto

/// KeyRestoreParameters.
struct KeyRestoreParameters: Decodable, Sendable {
    var value: String
}

extension KeyVaultService {
    /// `POST /keys/{name}/backup`: BackupKeyResult with the whole key sealed in ``BackupBlob``.
    func backupKey(_ request: ServiceRequest, in vault: VaultInfo) throws -> ServiceResponse {
        let name = request.parameter("name")
        let nameLower = name.lowercased()
        guard let row = try store.keyRow(vault: vault.storageName, nameLower: nameLower) else { throw ServiceError.keyNotFound(name: name) }
        let versions = try store.allVersions(vault: vault.storageName, nameLower: nameLower).map { entry in
            let r = entry.record
            return BackupContent.Version(version: r.version, kty: r.keyType.rawValue, keySize: r.keySize, crv: r.curve,
                                         keyOps: r.operations.map(\.rawValue), enabled: r.enabled, nbf: r.notBefore, exp: r.expires,
                                         created: r.created, updated: r.updated, tags: r.tags, privateKey: Base64URL.encode(entry.privateKey))
        }
        let content = BackupContent(name: row.name, currentVersion: row.currentVersion, rotationPolicy: row.rotationPolicy,
                                    sourceVault: vault.storageName, versions: versions)
        let key = try backupKey.key(from: store, now: request.context.now.unixSeconds)
        let blob = try BackupBlob.seal(content, subscription: vault.subscriptionId, key: key)
        return .json(ValueResultWire(value: Base64URL.encode(blob)))
    }

    /// `POST /keys/restore`: the key of the blob under its own name and version ids, with ids
    /// rebuilt for this vault; 409 when a key (active or deleted) holds the name.
    func restoreKey(_ request: ServiceRequest, in vault: VaultInfo) throws -> ServiceResponse {
        let body = try request.decodeBody(KeyRestoreParameters.self)
        guard let blob = Base64URL.decode(body.value) else { throw ServiceError.notBase64URL("value") }
        let key = try backupKey.key(from: store, now: request.context.now.unixSeconds)
        let content = try BackupBlob.open(blob, subscription: vault.subscriptionId, key: key)
        let versions = try content.versions.map { try Self.restoredVersion($0, name: content.name, vault: vault) }
        guard let current = versions.first(where: { $0.record.version == content.currentVersion })?.record else {
            throw ServiceError.backupBlobInvalid()
        }
        try applyScheduledPurges(in: vault, request: request)
        try store.insertRestoredKey(vault: vault.storageName, name: content.name, currentVersion: content.currentVersion,
                                    rotationPolicy: content.rotationPolicy, versions: versions)
        cache.invalidate(vault: vault.storageName, nameLower: current.nameLower)
        return .json(try bundle(of: current, in: vault, for: request))
    }

    /// One version of a blob as a record for `vault`; HSM keys need a premium vault here too.
    private static func restoredVersion(_ version: BackupContent.Version, name: String, vault: VaultInfo) throws
        -> (record: KeyVersionRecord, privateKey: Data) {
        guard let keyType = KeyType(rawValue: version.kty), let der = Base64URL.decode(version.privateKey) else {
            throw ServiceError.backupBlobInvalid()
        }
        if keyType.isHSM && !vault.isPremium { throw ServiceError.hsmKeysNeedPremium(version.kty, vault: vault.name) }
        let operations = try KeyLimits.parse(operations: version.keyOps)
        let record = KeyVersionRecord(name: name, version: version.version, keyType: keyType, keySize: version.keySize, curve: version.crv,
                                      operations: operations, enabled: version.enabled, notBefore: version.nbf, expires: version.exp,
                                      created: version.created, updated: version.updated, tags: version.tags)
        return (record, der)
    }
}
