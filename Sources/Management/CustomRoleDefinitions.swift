// Management: custom role definitions — PUT (create or replace) and DELETE.

import Foundation
import ServiceCore
import Authorization
import Storage

/// `PUT` body of a role definition.
struct RoleDefinitionParameters: Decodable {
    struct Properties: Decodable {
        var roleName: String?
        var description: String?
        var type: String?
        var permissions: [RolePermission]?
        var assignableScopes: [String]?
    }
    var properties: Properties?
}

extension ManagementService {
    /// `PUT /{scope}/providers/Microsoft.Authorization/roleDefinitions/{roleDefinitionId}`: 201 with
    /// the role, created or replaced (ARM answers 201 both times). Names are unique in the tenant,
    /// built-in ones included; every assignable scope must lie in a known subscription.
    func createOrUpdateRoleDefinition(_ request: ServiceRequest) throws -> ServiceResponse {
        let subscriptionId = try roleDefinitionScope(request)
        let given = request.parameter("roleDefinitionId")
        guard Self.isGUID(given) else { throw ServiceError.invalidRoleDefinitionId(given) }
        let id = given.lowercased()
        guard BuiltInRoles.withId(id) == nil else { throw ServiceError.builtInRoleNotModifiable(id) }
        let body = try Self.decodeBody(RoleDefinitionParameters.self, request)
        let properties = try Self.required(body.properties, "properties")
        let roleName = try Self.required(properties.roleName, "roleName").strippedOfSurroundingSpace
        guard !roleName.isEmpty else { throw ServiceError.armBadRequest("The property 'roleName' must not be empty.") }
        let scopes = try Self.required(properties.assignableScopes, "assignableScopes")
        guard !scopes.isEmpty else { throw ServiceError.invalidAssignableScope("") }
        let normalizedScopes = try scopes.map { scope -> String in
            var segments = scope.split(separator: "/").map(String.init)
            guard segments.count >= 2, segments[0].lowercased() == "subscriptions",
                  let known = settings.knownSubscriptions.keys.first(where: { $0.lowercased() == segments[1].lowercased() }) else {
                throw ServiceError.invalidAssignableScope(scope)
            }
            segments[0] = "subscriptions"
            segments[1] = known
            return "/" + segments.joined(separator: "/")
        }
        let permissions = properties.permissions ?? []
        let caller = request.context.principal?.objectId
        let now = Self.milliseconds(request.context.now)
        return try database.transaction {
            let custom = try storedRoleDefinitions()
            let clash = BuiltInRoles.all.contains { $0.roleName.lowercased() == roleName.lowercased() }
                || custom.contains { $0.definition.roleName.lowercased() == roleName.lowercased() && $0.definition.id != id }
            if clash { throw ServiceError.roleDefinitionWithSameNameExists() }
            let permissionsJSON = String(decoding: WireJSON.encode(permissions), as: UTF8.self)
            let scopesJSON = String(decoding: WireJSON.encode(normalizedScopes), as: UTF8.self)
            try database.execute("""
                INSERT INTO management_role_definitions(id, role_name, description, permissions, assignable_scopes, created_at,
                    updated_at, created_by, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET role_name = excluded.role_name, description = excluded.description,
                    permissions = excluded.permissions, assignable_scopes = excluded.assignable_scopes,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """, [.text(id), .text(roleName), .text(properties.description ?? ""), .text(permissionsJSON), .text(scopesJSON),
                      .integer(now), .integer(now), .optionalText(caller), .optionalText(caller)])
            guard let resource = try roleDefinitionResources(subscriptionId: subscriptionId).first(where: { $0.name == id }) else {
                throw ServiceError.roleDefinitionDoesNotExist(id, kind: .notFound)
            }
            return .json(resource, status: 201)
        }
    }

    /// `DELETE /{scope}/providers/Microsoft.Authorization/roleDefinitions/{roleDefinitionId}`: 200 with
    /// the deleted role, 204 when there is none; 409 while assignments still name it.
    func deleteRoleDefinition(_ request: ServiceRequest) throws -> ServiceResponse {
        let subscriptionId = try roleDefinitionScope(request)
        let id = request.parameter("roleDefinitionId").lowercased()
        guard BuiltInRoles.withId(id) == nil else { throw ServiceError.builtInRoleNotModifiable(id) }
        return try database.transaction {
            guard let resource = try roleDefinitionResources(subscriptionId: subscriptionId).first(where: { $0.name == id }) else {
                return ServiceResponse(status: 204)
            }
            let uses = try database.query("SELECT 1 FROM management_role_assignments WHERE role_definition_id = ? LIMIT 1", [.text(id)])
            guard uses.isEmpty else { throw ServiceError.roleDefinitionHasAssignments(id) }
            try database.execute("DELETE FROM management_role_definitions WHERE id = ?", [.text(id)])
            return .json(resource)
        }
    }
}

extension String {
    /// Without leading and trailing whitespace.
    var strippedOfSurroundingSpace: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
