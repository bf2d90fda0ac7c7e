// Management: role assignment wire models — the PUT body, the ARM response and the stored row.

import Foundation
import Authorization
import Storage

/// `PUT` body of a role assignment.
struct RoleAssignmentParameters: Decodable {
    struct Properties: Decodable {
        var roleDefinitionId: String?
        var principalId: String?
        var principalType: String?
        var description: String?
        var condition: String?
        var conditionVersion: String?
    }
    var properties: Properties?
}

/// A role assignment as ARM returns it (keyvault-spec.md §6.3); absent values are written as `null`.
struct RoleAssignmentResource: Encodable {
    struct Properties: Encodable {
        var roleDefinitionId: String
        var principalId: String
        var principalType: String
        var scope: String
        var condition: String?
        var conditionVersion: String?
        var description: String?
        var createdOn: String
        var updatedOn: String
        var createdBy: String?
        var updatedBy: String?
        var delegatedManagedIdentityResourceId: String?

        enum CodingKeys: String, CodingKey {
            case roleDefinitionId, principalId, principalType, scope, condition, conditionVersion, description
            case createdOn, updatedOn, createdBy, updatedBy, delegatedManagedIdentityResourceId
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(roleDefinitionId, forKey: .roleDefinitionId)
            try c.encode(principalId, forKey: .principalId)
            try c.encode(principalType, forKey: .principalType)
            try c.encode(scope, forKey: .scope)
            try c.encode(condition, forKey: .condition)
            try c.encode(conditionVersion, forKey: .conditionVersion)
            try c.encode(description, forKey: .description)
            try c.encode(createdOn, forKey: .createdOn)
            try c.encode(updatedOn, forKey: .updatedOn)
            try c.encode(createdBy, forKey: .createdBy)
            try c.encode(updatedBy, forKey: .updatedBy)
            try c.encode(delegatedManagedIdentityResourceId, forKey: .delegatedManagedIdentityResourceId)
        }
    }

    var id: String
    var name: String
    var type = "Microsoft.Authorization/roleAssignments"
    var properties: Properties
}

/// One row of `management_role_assignments`.
struct StoredRoleAssignment {
    let name, scope, scopeKey, roleDefinitionId, principalId, principalType: String
    let description, condition, conditionVersion, createdBy, updatedBy: String?
    let createdOn, updatedOn: Date

    init(_ row: Row) {
        name = row.string("name") ?? ""
        scope = row.string("scope") ?? ""
        scopeKey = row.string("scope_key") ?? ""
        roleDefinitionId = row.string("role_definition_id") ?? ""
        principalId = row.string("principal_id") ?? ""
        principalType = row.string("principal_type") ?? ""
        description = row.string("description")
        condition = row.string("condition")
        conditionVersion = row.string("condition_version")
        createdBy = row.string("created_by")
        updatedBy = row.string("updated_by")
        createdOn = ManagementService.date(milliseconds: row.int("created_at"))
        updatedOn = ManagementService.date(milliseconds: row.int("updated_at"))
    }

    var assignment: RoleAssignment {
        RoleAssignment(name: name, scope: scope, roleDefinitionId: roleDefinitionId, principalId: principalId, principalType: principalType)
    }

    var resource: RoleAssignmentResource {
        let roleId = ManagementService.roleDefinitionResourceId(roleDefinitionId, subscriptionId: ScopePath(scope).subscriptionId)
        return RoleAssignmentResource(
            id: scope + "/providers/Microsoft.Authorization/roleAssignments/" + name, name: name,
            properties: .init(roleDefinitionId: roleId, principalId: principalId, principalType: principalType, scope: scope,
                              condition: condition, conditionVersion: conditionVersion, description: description,
                              createdOn: createdOn.iso8601, updatedOn: updatedOn.iso8601, createdBy: createdBy, updatedBy: updatedBy,
                              delegatedManagedIdentityResourceId: nil))
    }
}
