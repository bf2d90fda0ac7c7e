// Management: Microsoft.KeyVault/vaults — create or update, patch, get, delete and the three lists.

import Foundation
import ServiceCore
import Storage

extension ManagementService {
    /// `PUT .../vaults/{vaultName}`: 201 with the new vault, 200 with the replaced one. Always
    /// `provisioningState: Succeeded`, which ends the SDK's long-running operation at once.
    func createOrUpdateVault(_ request: ServiceRequest) throws -> ServiceResponse {
        let group = try existingResourceGroup(request)
        let body = try Self.decodeBody(VaultParameters.self, request)
        let name = request.parameter("vaultName")
        try VaultValidation.validateName(name)
        guard let givenLocation = body.location, !givenLocation.allSatisfy(\.isWhitespace) else {
            throw ServiceError.armBadRequest("The property 'location' is required.")
        }
        let location = Self.normalizedLocation(givenLocation)
        let actor = Self.actor(request.context)
        let now = Self.milliseconds(request.context.now)
        let recover = try VaultValidation.isRecover(body.properties?.createMode)
        return try database.transaction {
            let existing = try vaultRow(nameKey: name.lowercased())
            if recover {
                return try recoverVault(existing, group: group, name: name, location: location, givenLocation: givenLocation,
                                        tags: body.tags, actor: actor, now: now)
            }
            if let existing, existing.deletedAt != nil {
                // The name is held by a soft-deleted vault until it is recovered or purged.
                throw ServiceError.conflictError()
            }
            if let existing {
                guard existing.subscriptionId == group.subscriptionId, existing.resourceGroupKey == group.name.lowercased() else {
                    throw ServiceError.vaultAlreadyExists(name)
                }
                guard existing.location == location else {
                    throw ServiceError.invalidResourceLocation(name: existing.name, existing: existing.location,
                                                               resourceGroup: group.name, given: givenLocation)
                }
                let properties = try VaultValidation.replace(body.properties, existing: existing.properties)
                try storeVaultUpdate(nameKey: name.lowercased(), tags: body.tags ?? [:], properties: properties, actor: actor, now: now)
            } else {
                let properties = try VaultValidation.create(body.properties, apiVersion: request.context.apiVersion)
                try database.execute("""
                    INSERT INTO management_vaults(name_key, name, subscription_id, resource_group_key, location, tags, properties,
                        created_at, created_by, created_by_type, updated_at, updated_by, updated_by_type)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [.text(name.lowercased()), .text(name), .text(group.subscriptionId), .text(group.name.lowercased()),
                          .text(location), .text(Self.tagsJSON(body.tags ?? [:])), .text(Self.propertiesJSON(properties)),
                          .integer(now), .text(actor.id), .text(actor.type), .integer(now), .text(actor.id), .text(actor.type)])
            }
            return try vaultResponse(nameKey: name.lowercased(), status: existing == nil ? 201 : 200)
        }
    }

    /// `PATCH .../vaults/{vaultName}`: merges the given tags and properties.
    func updateVault(_ request: ServiceRequest) throws -> ServiceResponse {
        let group = try existingResourceGroup(request)
        let name = request.parameter("vaultName")
        return try database.transaction {
            let existing = try vaultInGroup(group, name: name)
            let body = try Self.decodeBody(VaultParameters.self, request)
            let properties = try VaultValidation.patch(body.properties, existing: existing.properties)
            try storeVaultUpdate(nameKey: name.lowercased(), tags: body.tags ?? existing.tags, properties: properties,
                                 actor: Self.actor(request.context), now: Self.milliseconds(request.context.now))
            return try vaultResponse(nameKey: name.lowercased(), status: 200)
        }
    }

    /// `GET .../vaults/{vaultName}`.
    func getVault(_ request: ServiceRequest) throws -> ServiceResponse {
        let group = try existingResourceGroup(request)
        let vault = try vaultInGroup(group, name: request.parameter("vaultName"))
        return .json(vault.resource(vaultURI: settings.vaultURI(vault.name)))
    }

    /// `GET /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults`.
    func listVaultsByResourceGroup(_ request: ServiceRequest) throws -> ServiceResponse {
        let group = try existingResourceGroup(request)
        let rows = try database.query(VaultRow.select + " WHERE v.subscription_id = ? AND v.resource_group_key = ? AND v.deleted_at IS NULL ORDER BY v.name_key",
                                      [.text(group.subscriptionId), .text(group.name.lowercased())]).map(VaultRow.init)
        let path = "/subscriptions/\(group.subscriptionId)/resourceGroups/\(group.name)/providers/Microsoft.KeyVault/vaults"
        return try Self.page(rows.map { $0.resource(vaultURI: settings.vaultURI($0.name)) }, request, path: path)
    }

    /// `GET /subscriptions/{s}/providers/Microsoft.KeyVault/vaults`.
    func listVaultsBySubscription(_ request: ServiceRequest) throws -> ServiceResponse {
        let subscriptionId = try subscription(request.parameter("subscriptionId"))
        let rows = try vaultRows(subscriptionId: subscriptionId)
        let path = "/subscriptions/\(subscriptionId)/providers/Microsoft.KeyVault/vaults"
        return try Self.page(rows.map { $0.resource(vaultURI: settings.vaultURI($0.name)) }, request, path: path)
    }

    /// `GET /subscriptions/{s}/resources?$filter=resourceType eq 'Microsoft.KeyVault/vaults'`, what the
    /// SDK's legacy `vaults.list()` calls. Vaults are the only resources here, so no filter lists
    /// them all and a filter on another resource type lists none.
    func listResources(_ request: ServiceRequest) throws -> ServiceResponse {
        let subscriptionId = try subscription(request.parameter("subscriptionId"))
        let filterText = Self.queryValue(request, "$filter")
        var includeVaults = true
        for clause in try ODataFilter.parse(filterText).clauses {
            guard case .equals("resourcetype", let type) = clause else { throw ServiceError.invalidFilter(filterText ?? "") }
            includeVaults = includeVaults && type.lowercased() == "microsoft.keyvault/vaults"
        }
        let rows = includeVaults ? try vaultRows(subscriptionId: subscriptionId) : []
        return try Self.page(rows.map(\.genericResource), request, path: "/subscriptions/\(subscriptionId)/resources",
                             extraQuery: filterText.map { [("$filter", $0)] } ?? [])
    }

    // MARK: - Store

    func vaultRow(nameKey: String) throws -> VaultRow? {
        try database.query(VaultRow.select + " WHERE v.name_key = ?", [.text(nameKey)]).first.map(VaultRow.init)
    }

    func vaultRows(subscriptionId: String) throws -> [VaultRow] {
        try database.query(VaultRow.select + " WHERE v.subscription_id = ? AND v.deleted_at IS NULL ORDER BY v.name_key",
                           [.text(subscriptionId)]).map(VaultRow.init)
    }

    /// The active vault `name` of `group`, or 404 `ResourceNotFound`.
    func vaultInGroup(_ group: ResourceGroupRow, name: String) throws -> VaultRow {
        guard let vault = try vaultRow(nameKey: name.lowercased()), vault.deletedAt == nil,
              vault.subscriptionId == group.subscriptionId, vault.resourceGroupKey == group.name.lowercased() else {
            throw ServiceError.resourceNotFound(type: "Microsoft.KeyVault/vaults", name: name, resourceGroup: group.name)
        }
        return vault
    }

    func storeVaultUpdate(nameKey: String, tags: [String: String], properties: VaultProperties,
                          actor: (id: String, type: String), now: Int64) throws {
        try database.execute("""
            UPDATE management_vaults SET tags = ?, properties = ?, updated_at = ?, updated_by = ?, updated_by_type = ?
            WHERE name_key = ?
            """, [.text(Self.tagsJSON(tags)), .text(Self.propertiesJSON(properties)), .integer(now), .text(actor.id),
                  .text(actor.type), .text(nameKey)])
    }

    func vaultResponse(nameKey: String, status: Int) throws -> ServiceResponse {
        guard let vault = try vaultRow(nameKey: nameKey) else {
            throw ServiceError(.internalFailure, code: "InternalServerError", message: "The vault just written could not be read back.")
        }
        return .json(vault.resource(vaultURI: settings.vaultURI(vault.name)), status: status)
    }

    static func propertiesJSON(_ properties: VaultProperties) -> String {
        String(decoding: WireJSON.encode(properties), as: UTF8.self)
    }

    /// A LIKE pattern matching strings that start with `prefix` (`%`, `_` and `\` escaped).
    static func likePrefix(_ prefix: String) -> String {
        prefix.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
    }
}
