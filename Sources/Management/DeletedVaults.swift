// Management: vault deletion and soft-deleted vaults — delete, recover (createMode recover), get, list, purge, expiry, name check.

import Foundation
import ServiceCore
import Storage

/// A deleted vault as ARM returns it (keyvault-spec.md §6.2).
struct DeletedVaultResource: Encodable {
    struct Properties: Encodable {
        var vaultId: String
        var location: String
        var deletionDate: String
        var scheduledPurgeDate: String
        var tags: [String: String]
        var purgeProtectionEnabled: Bool
    }

    var id: String
    var name: String
    var type = "Microsoft.KeyVault/deletedVaults"
    var properties: Properties
}

/// `checkNameAvailability`: body and answer.
struct NameAvailabilityRequest: Decodable {
    var name: String?
    var type: String?
}

struct NameAvailability: Encodable {
    var nameAvailable: Bool
    var reason: String?
    var message: String?
}

extension VaultRow {
    var deletedResource: DeletedVaultResource {
        DeletedVaultResource(
            id: "/subscriptions/\(subscriptionId)/providers/Microsoft.KeyVault/locations/\(location)/deletedVaults/\(name)", name: name,
            properties: .init(vaultId: resourceId, location: location, deletionDate: (deletedAt ?? updatedAt).iso8601,
                              scheduledPurgeDate: (scheduledPurgeAt ?? updatedAt).iso8601, tags: tags,
                              purgeProtectionEnabled: properties.enablePurgeProtection ?? false))
    }
}

extension ManagementService {
    /// `DELETE .../vaults/{vaultName}`: 200, or 204 when there is no such vault (ARM deletes are
    /// idempotent). Role assignments at and below the vault go with it and never come back.
    ///
    /// With soft delete on (the default) the vault becomes a deleted vault until its
    /// `scheduledPurgeDate` (deletion + `softDeleteRetentionInDays`) and keeps its keys, which the
    /// data plane cannot reach meanwhile. Without soft delete it is removed at once with its keys
    /// (`settings.vaultDeleted`, inside the same transaction).
    func deleteVault(_ request: ServiceRequest) throws -> ServiceResponse {
        let group = try existingResourceGroup(request)
        let name = request.parameter("vaultName")
        let now = request.context.now
        return try database.transaction {
            guard let vault = try vaultRow(nameKey: name.lowercased()), vault.deletedAt == nil,
                  vault.subscriptionId == group.subscriptionId, vault.resourceGroupKey == group.name.lowercased() else {
                return ServiceResponse(status: 204)
            }
            let scope = vault.resourceId.lowercased()
            try database.execute("DELETE FROM management_role_assignments WHERE scope_key = ? OR scope_key LIKE ? ESCAPE '\\'",
                                 [.text(scope), .text(Self.likePrefix(scope + "/"))])
            if vault.properties.enableSoftDelete {
                let purgeAt = now.addingTimeInterval(Double(vault.properties.softDeleteRetentionInDays) * 86_400)
                try database.execute("UPDATE management_vaults SET deleted_at = ?, scheduled_purge_at = ? WHERE name_key = ?",
                                     [.integer(Self.milliseconds(now)), .integer(Self.milliseconds(purgeAt)), .text(name.lowercased())])
            } else {
                try removeVault(nameKey: name.lowercased(), name: vault.name)
            }
            return ServiceResponse(status: 200)
        }
    }

    /// Removes a vault row for good and its keys with it (same transaction as the caller's).
    func removeVault(nameKey: String, name: String) throws {
        try database.execute("DELETE FROM management_vaults WHERE name_key = ?", [.text(nameKey)])
        try settings.vaultDeleted(name)
    }

    /// `PUT .../vaults/{name}` with `createMode: recover`: the soft-deleted vault comes back as it
    /// was (properties, tags, keys), without the role assignments it had. 200 with the vault.
    func recoverVault(_ existing: VaultRow?, group: ResourceGroupRow, name: String, location: String, givenLocation: String,
                      tags: [String: String]?, actor: (id: String, type: String), now: Int64) throws -> ServiceResponse {
        guard let vault = existing, vault.deletedAt != nil, vault.subscriptionId == group.subscriptionId else {
            throw ServiceError.softDeletedVaultDoesNotExist()
        }
        guard vault.location == location else {
            throw ServiceError.invalidResourceLocation(name: vault.name, existing: vault.location, resourceGroup: group.name, given: givenLocation)
        }
        guard vault.resourceGroupKey == group.name.lowercased() else {
            throw ServiceError.armBadRequest("The deleted vault '\(vault.name)' belongs to resource group '\(vault.resourceGroup)'; recover it there.")
        }
        try database.execute("""
            UPDATE management_vaults SET deleted_at = NULL, scheduled_purge_at = NULL, tags = ?, updated_at = ?, updated_by = ?,
                updated_by_type = ? WHERE name_key = ?
            """, [.text(Self.tagsJSON(tags ?? vault.tags)), .integer(now), .text(actor.id), .text(actor.type), .text(name.lowercased())])
        return try vaultResponse(nameKey: name.lowercased(), status: 200)
    }

    /// `GET /subscriptions/{s}/providers/Microsoft.KeyVault/locations/{location}/deletedVaults/{vaultName}`.
    func getDeletedVault(_ request: ServiceRequest) throws -> ServiceResponse {
        .json(try deletedVault(request).deletedResource)
    }

    /// `GET /subscriptions/{s}/providers/Microsoft.KeyVault/deletedVaults`, in name order.
    func listDeletedVaults(_ request: ServiceRequest) throws -> ServiceResponse {
        let subscriptionId = try subscription(request.parameter("subscriptionId"))
        let rows = try database.query(VaultRow.select + " WHERE v.subscription_id = ? AND v.deleted_at IS NOT NULL ORDER BY v.name_key",
                                      [.text(subscriptionId)]).map(VaultRow.init)
        return try Self.page(rows.map(\.deletedResource), request, path: "/subscriptions/\(subscriptionId)/providers/Microsoft.KeyVault/deletedVaults")
    }

    /// `POST .../locations/{location}/deletedVaults/{vaultName}/purge`: 200, the vault and its keys
    /// are gone and the name is free. With purge protection, 405 `MethodNotAllowed`: the vault
    /// stays until its scheduled purge date.
    func purgeDeletedVault(_ request: ServiceRequest) throws -> ServiceResponse {
        try database.transaction {
            let vault = try deletedVault(request)
            if vault.properties.enablePurgeProtection == true { throw ServiceError.deletedVaultPurgeNotAllowed() }
            try removeVault(nameKey: vault.name.lowercased(), name: vault.name)
            return ServiceResponse(status: 200)
        }
    }

    /// Purges every deleted vault whose scheduled purge date is at or before `now` (the emulator
    /// clock), keys included; returns their names. The management plane calls it before each
    /// request, so moving the clock past a retention period purges as Azure would.
    @discardableResult
    public func purgeExpiredVaults(now: Date) throws -> [String] {
        let due = try database.query(
            "SELECT name_key, name FROM management_vaults WHERE deleted_at IS NOT NULL AND scheduled_purge_at <= ? ORDER BY name_key",
            [.integer(Self.milliseconds(now))])
        var purged: [String] = []
        for row in due {
            guard let key = row.string("name_key"), let name = row.string("name") else { continue }
            try database.transaction {
                // Re-read inside the transaction: a concurrent recover wins.
                let still = try database.query("SELECT 1 FROM management_vaults WHERE name_key = ? AND deleted_at IS NOT NULL AND scheduled_purge_at <= ?",
                                               [.text(key), .integer(Self.milliseconds(now))])
                if !still.isEmpty {
                    try removeVault(nameKey: key, name: name)
                    purged.append(name)
                }
            }
        }
        return purged
    }

    /// `POST /subscriptions/{s}/providers/Microsoft.KeyVault/checkNameAvailability`.
    func checkNameAvailability(_ request: ServiceRequest) throws -> ServiceResponse {
        _ = try subscription(request.parameter("subscriptionId"))
        let body = try Self.decodeBody(NameAvailabilityRequest.self, request)
        let name = try Self.required(body.name, "name")
        let type = try Self.required(body.type, "type")
        guard type.lowercased() == "microsoft.keyvault/vaults" else {
            throw ServiceError.armBadRequest("The resource type '\(type)' is invalid. The only valid value is 'Microsoft.KeyVault/vaults'.")
        }
        do {
            try VaultValidation.validateName(name)
        } catch let error as ServiceError {
            return .json(NameAvailability(nameAvailable: false, reason: "AccountNameInvalid", message: error.message))
        }
        guard let existing = try vaultRow(nameKey: name.lowercased()) else { return .json(NameAvailability(nameAvailable: true)) }
        let message = existing.deletedAt == nil ? ServiceError.vaultAlreadyExists(name).message : ServiceError.conflictError().message
        return .json(NameAvailability(nameAvailable: false, reason: "AlreadyExists", message: message))
    }

    /// The deleted vault the request names, in its subscription and location, or 404.
    func deletedVault(_ request: ServiceRequest) throws -> VaultRow {
        let subscriptionId = try subscription(request.parameter("subscriptionId"))
        let name = request.parameter("vaultName")
        let location = Self.normalizedLocation(request.parameter("location"))
        guard let vault = try vaultRow(nameKey: name.lowercased()), vault.deletedAt != nil,
              vault.subscriptionId == subscriptionId, vault.location == location else {
            throw ServiceError.deletedVaultNotFound(name: name, location: request.parameter("location"))
        }
        return vault
    }
}
