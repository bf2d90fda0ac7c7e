// KeyVault: delete, get deleted, list deleted, recover and purge (keyvault-spec.md §2.6, §2.8).

import ServiceCore

/// Soft delete follows the vault: with a retention period (7-90 days) a deleted key keeps every
/// version, is listed under `/deletedkeys` and can be recovered until its `scheduledPurgeDate`;
/// without one (legacy vaults) delete removes it at once and the answer has no `recoveryId`, so
/// the SDK's poller finishes without polling. Every change is visible to the next request, so
/// `begin_delete_key(...).result()` and `begin_recover_deleted_key(...).result()` return at
/// their first poll.
///
/// Scheduled purges are applied lazily with the request's clock: each deleted-key operation
/// first removes the vault's deleted keys whose `scheduledPurgeDate` has passed, so moving the
/// emulator clock past it (admin API) makes them disappear.
extension KeyVaultService {
    /// `DELETE /keys/{name}`: DeletedKeyBundle of the current version.
    func deleteKey(_ request: ServiceRequest, in vault: VaultInfo) throws -> ServiceResponse {
        let name = request.parameter("name")
        let nameLower = name.lowercased()
        guard let record = try store.record(vault: vault.storageName, nameLower: nameLower, version: "") else {
            throw ServiceError.keyNotFound(name: name)
        }
        let origin = request.context.origin
        let key = try publicKey(of: record, in: vault, origin: origin)
        let attributes = record.attributes(in: vault, features: request.features)
        defer { cache.invalidate(vault: vault.storageName, nameLower: nameLower) }
        guard vault.softDeleteRetentionDays > 0 else {
            try store.removeKey(vault: vault.storageName, nameLower: nameLower)
            return .json(DeletedKeyBundleWire(key: key, attributes: attributes, tags: record.wireTags))
        }
        let now = request.context.now.unixSeconds
        let purgeDate = now + Int64(vault.softDeleteRetentionDays) * Self.secondsPerDay
        guard try store.markDeleted(vault: vault.storageName, nameLower: nameLower, deletedDate: now, scheduledPurgeDate: purgeDate) else {
            throw ServiceError.keyNotFound(name: name)
        }
        return .json(DeletedKeyBundleWire(recoveryId: Self.recoveryId(record.name, origin: origin), deletedDate: now,
                                          scheduledPurgeDate: purgeDate, key: key, attributes: attributes, tags: record.wireTags))
    }

    /// `GET /deletedkeys/{name}`.
    func getDeletedKey(_ request: ServiceRequest, in vault: VaultInfo) throws -> ServiceResponse {
        let deleted = try existingDeletedKey(request, in: vault)
        let origin = request.context.origin
        return .json(DeletedKeyBundleWire(
            recoveryId: Self.recoveryId(deleted.record.name, origin: origin), deletedDate: deleted.deletedDate,
            scheduledPurgeDate: deleted.scheduledPurgeDate, key: try publicKey(of: deleted.record, in: vault, origin: origin),
            attributes: deleted.record.attributes(in: vault, features: request.features), tags: deleted.record.wireTags))
    }

    /// `GET /deletedkeys`: one DeletedKeyItem per deleted key, in name order, paged like `/keys`.
    func listDeletedKeys(_ request: ServiceRequest, in vault: VaultInfo) throws -> ServiceResponse {
        let page = try KeyPage(query: request.query)
        try applyScheduledPurges(in: vault, request: request)
        let origin = request.context.origin
        let records = try store.deletedKeys(vault: vault.storageName, after: page.after, limit: page.size + 1)
        let shown = records.prefix(page.size)
        let items = shown.map { deleted in
            DeletedKeyItemWire(recoveryId: Self.recoveryId(deleted.record.name, origin: origin), deletedDate: deleted.deletedDate,
                               scheduledPurgeDate: deleted.scheduledPurgeDate, kid: deleted.record.baseKid(origin: origin),
                               attributes: deleted.record.attributes(in: vault, features: request.features), tags: deleted.record.wireTags)
        }
        let last = records.count > page.size ? shown.last : nil
        let next = last.map { page.nextLink(origin: origin, path: "/deletedkeys", apiVersion: request.apiVersionForLinks, after: $0.record.nameLower) }
        return .json(DeletedKeyListWire(value: items, nextLink: next))
    }

    /// `POST /deletedkeys/{name}/recover`: every version back, KeyBundle of the current one.
    func recoverDeletedKey(_ request: ServiceRequest, in vault: VaultInfo) throws -> ServiceResponse {
        let deleted = try existingDeletedKey(request, in: vault)
        guard try store.recover(vault: vault.storageName, nameLower: deleted.record.nameLower) else {
            throw ServiceError.deletedKeyNotFound(name: request.parameter("name"))
        }
        return .json(try bundle(of: deleted.record, in: vault, for: request))
    }

    /// `DELETE /deletedkeys/{name}`: 204, or 403 when the vault has purge protection.
    func purgeDeletedKey(_ request: ServiceRequest, in vault: VaultInfo) throws -> ServiceResponse {
        let deleted = try existingDeletedKey(request, in: vault)
        if vault.purgeProtection { throw ServiceError.purgeProtected(vaultName: vault.name, location: vault.location) }
        try store.removeKey(vault: vault.storageName, nameLower: deleted.record.nameLower)
        cache.invalidate(vault: vault.storageName, nameLower: deleted.record.nameLower)
        return .noContent
    }

    // MARK: Shared

    static let secondsPerDay: Int64 = 86_400

    /// `{origin}/deletedkeys/{name}`, on the request's own host.
    static func recoveryId(_ name: String, origin: String) -> String { "\(origin)/deletedkeys/\(name)" }

    /// The deleted key the request names (after due purges), or 404 `Deleted Key not found`.
    func existingDeletedKey(_ request: ServiceRequest, in vault: VaultInfo) throws -> DeletedKeyRecord {
        let name = request.parameter("name")
        try applyScheduledPurges(in: vault, request: request)
        guard let deleted = try store.deletedKey(vault: vault.storageName, nameLower: name.lowercased()) else {
            throw ServiceError.deletedKeyNotFound(name: name)
        }
        return deleted
    }

    /// Purges the vault's deleted keys whose scheduled purge date is at or before the request's time.
    func applyScheduledPurges(in vault: VaultInfo, request: ServiceRequest) throws {
        for name in try store.purgeExpired(vault: vault.storageName, now: request.context.now.unixSeconds) {
            cache.invalidate(vault: vault.storageName, nameLower: name)
        }
    }
}
