// KeyVault: the keys data-plane service, its api-versions and its shared lookups.

import Foundation
import ServiceCore
import Storage
import VaultCrypto

/// The Key Vault keys data plane for every vault of the emulator. It knows nothing of HTTP: the
/// pipeline routes a request to one of ``operations``, authenticates and authorizes it, checks
/// the api-version with ``validateAPIVersion(_:)``, then calls the operation's handler with the
/// vault the request's host names.
///
/// ```swift
/// try database.migrate(KeyVaultService.migrations)
/// let keys = KeyVaultService(database: database, clock: clock)
/// let create = KeyVaultService.operations.first { $0.name == "createKey" }!
/// let response = try create.handler(keys, request, vault)
/// ```
public final class KeyVaultService: Sendable {
    let store: KeyStore
    let cache = KeyMaterialCache()
    /// Handlers read time from `request.context.now`; the clock is for work outside requests.
    let clock: any Clock
    /// Pre-generated RSA keys for create and rotate; `nil` generates every key inline.
    let keyPool: RSAKeyPool?
    /// The emulator's backup-blob key, read from (or made in) the database on first use.
    let backupKey = BackupKeyHolder()

    public init(database: Database, clock: any Clock, keyPool: RSAKeyPool? = nil) {
        self.store = KeyStore(database: database)
        self.clock = clock
        self.keyPool = keyPool
    }

    // MARK: api-version

    /// The newest api-version; named in the unknown-version message.
    public static let latestAPIVersion = "2025-07-01"

    /// Every api-version the Python SDK can send (keyvault-spec.md §2.1).
    public static let supportedAPIVersions: [String] = ["2016-10-01", "7.0", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", latestAPIVersion]

    /// Step 5 of the request order (keyvault-spec.md §2.9), called by the pipeline before any
    /// handler: the parameter is required and must be a known version.
    public static func validateAPIVersion(_ version: String?) throws {
        guard let version, !version.isEmpty else { throw ServiceError.missingAPIVersion() }
        guard supportedAPIVersions.contains(version) else { throw ServiceError.unknownAPIVersion(version) }
    }

    // MARK: Vault lifecycle

    /// Removes every key of a vault (the vault was deleted or purged).
    public func deleteAll(vaultName: String) throws {
        let vault = vaultName.lowercased()
        try store.deleteAll(vault: vault)
        cache.invalidate(vault: vault)
    }

    // MARK: Lookups shared by the handlers

    /// The addressed version (current when `version` is empty), or 404 KeyNotFound.
    func existingKey(_ name: String, version: String, in vault: VaultInfo) throws -> KeyVersionRecord {
        guard let record = try store.record(vault: vault.storageName, nameLower: name.lowercased(), version: version) else {
            throw ServiceError.keyNotFound(name: name)
        }
        return record
    }

    /// The parsed private key of a version, from the cache or parsed from its stored DER.
    func material(of record: KeyVersionRecord, in vault: VaultInfo) throws -> KeyMaterial {
        try cache.material(vault: vault.storageName, nameLower: record.nameLower, version: record.version) {
            guard let der = try store.privateKey(vault: vault.storageName, nameLower: record.nameLower, version: record.version) else {
                throw ServiceError.storedKeyUnreadable()
            }
            return try KeyMaterial(kind: record.keyType, pkcs8DER: der)
        }
    }

    /// KeyBundle of a version, with ids on the request's origin and the attributes its
    /// api-version knows.
    func bundle(of record: KeyVersionRecord, in vault: VaultInfo, for request: ServiceRequest) throws -> KeyBundleWire {
        let key = try publicKey(of: record, in: vault, origin: request.context.origin)
        return KeyBundleWire(key: key, attributes: record.attributes(in: vault, features: request.features), tags: record.wireTags)
    }

    /// The public JWK of a version, `kid` on `origin`.
    func publicKey(of record: KeyVersionRecord, in vault: VaultInfo, origin: String) throws -> JsonWebKeyWire {
        try material(of: record, in: vault).publicJWK(kid: record.kid(origin: origin), kty: record.keyType, operations: record.operations)
    }
}
