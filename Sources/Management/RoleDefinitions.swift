// Management: Microsoft.Authorization/roleDefinitions — get by id and list with `$filter`.

import Foundation
import ServiceCore
import Authorization
import Storage

/// A role definition as ARM returns it (keyvault-spec.md §6.3).
struct RoleDefinitionResource: Encodable {
    struct Properties: Encodable {
        var roleName: String
        var description: String
        var type: String
        var permissions: [RolePermission]
        var assignableScopes: [String]
        var createdOn: String?
        var updatedOn: String?
        var createdBy: String?
        var updatedBy: String?

        enum CodingKeys: String, CodingKey {
            case roleName, description, type, permissions, assignableScopes, createdOn, updatedOn, createdBy, updatedBy
        }

        /// Writes absent metadata as `null`, as ARM does for built-in roles.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(roleName, forKey: .roleName)
            try c.encode(description, forKey: .description)
            try c.encode(type, forKey: .type)
            try c.encode(permissions, forKey: .permissions)
            try c.encode(assignableScopes, forKey: .assignableScopes)
            try c.encode(createdOn, forKey: .createdOn)
            try c.encode(updatedOn, forKey: .updatedOn)
            try c.encode(createdBy, forKey: .createdBy)
            try c.encode(updatedBy, forKey: .updatedBy)
        }
    }

    var id: String
    var name: String
    var type = "Microsoft.Authorization/roleDefinitions"
    var properties: Properties
}

/// A custom role as stored, with its audit fields.
struct StoredRoleDefinition {
    let definition: RoleDefinition
    let createdOn: Date, updatedOn: Date
    let createdBy: String?, updatedBy: String?

    init(_ row: Row) {
        let permissions = (try? JSONDecoder().decode([RolePermission].self, from: Data((row.string("permissions") ?? "[]").utf8))) ?? []
        let scopes = (try? JSONDecoder().decode([String].self, from: Data((row.string("assignable_scopes") ?? "[]").utf8))) ?? []
        definition = RoleDefinition(id: row.string("id") ?? "", roleName: row.string("role_name") ?? "",
                                    description: row.string("description") ?? "", roleType: "CustomRole",
                                    permissions: permissions, assignableScopes: scopes)
        createdOn = ManagementService.date(milliseconds: row.int("created_at"))
        updatedOn = ManagementService.date(milliseconds: row.int("updated_at"))
        createdBy = row.string("created_by")
        updatedBy = row.string("updated_by")
    }
}

extension ManagementService {
    /// `GET /{scope}/providers/Microsoft.Authorization/roleDefinitions/{roleDefinitionId}`; the scope may be empty.
    func getRoleDefinition(_ request: ServiceRequest) throws -> ServiceResponse {
        let subscriptionId = try roleDefinitionScope(request)
        let id = request.parameter("roleDefinitionId").lowercased()
        guard let resource = try roleDefinitionResources(subscriptionId: subscriptionId).first(where: { $0.name == id }) else {
            throw ServiceError.roleDefinitionDoesNotExist(request.parameter("roleDefinitionId"), kind: .notFound)
        }
        return .json(resource)
    }

    /// `GET /{scope}/providers/Microsoft.Authorization/roleDefinitions[?$filter=roleName eq '...' | type eq 'BuiltInRole']`.
    func listRoleDefinitions(_ request: ServiceRequest) throws -> ServiceResponse {
        let subscriptionId = try roleDefinitionScope(request)
        let filterText = Self.queryValue(request, "$filter")
        var resources = try roleDefinitionResources(subscriptionId: subscriptionId)
        for clause in try ODataFilter.parse(filterText).clauses {
            switch clause {
            case .equals("rolename", let name):
                resources = resources.filter { $0.properties.roleName.lowercased() == name.lowercased() }
            case .equals("type", let type):
                resources = resources.filter { $0.properties.type.lowercased() == type.lowercased() }
            default:
                throw ServiceError.invalidFilter(filterText ?? "")
            }
        }
        return .json(ARMList(value: resources, nextLink: nil))
    }

    /// Custom role definitions from the store.
    func customRoleDefinitions() throws -> [RoleDefinition] {
        try storedRoleDefinitions().map(\.definition)
    }

    func storedRoleDefinitions() throws -> [StoredRoleDefinition] {
        try database.query("SELECT * FROM management_role_definitions ORDER BY role_name").map(StoredRoleDefinition.init)
    }

    /// The subscription of the request's scope, `nil` for the tenant scope (empty), or 404 / 400.
    func roleDefinitionScope(_ request: ServiceRequest) throws -> String? {
        let scope = ScopePath(request.parameter("scope"))
        if scope.segments.isEmpty { return nil }
        guard let subscriptionId = scope.subscriptionId else { throw ServiceError.missingSubscription() }
        return try subscription(subscriptionId)
    }

    /// Every role definition in wire form, ids in the subscription form when asked within a subscription.
    func roleDefinitionResources(subscriptionId: String?) throws -> [RoleDefinitionResource] {
        let builtIn = BuiltInRoles.all.map { Self.roleDefinitionResource($0, subscriptionId: subscriptionId) }
        let custom = try storedRoleDefinitions().map { stored in
            Self.roleDefinitionResource(stored.definition, subscriptionId: subscriptionId, created: stored.createdOn,
                                        updated: stored.updatedOn, createdBy: stored.createdBy, updatedBy: stored.updatedBy)
        }
        return (builtIn + custom).sorted { $0.properties.roleName.lowercased() < $1.properties.roleName.lowercased() }
    }

    static func roleDefinitionResource(_ role: RoleDefinition, subscriptionId: String?, created: Date? = nil, updated: Date? = nil,
                                       createdBy: String? = nil, updatedBy: String? = nil) -> RoleDefinitionResource {
        RoleDefinitionResource(
            id: roleDefinitionResourceId(role.id, subscriptionId: subscriptionId), name: role.id,
            properties: .init(roleName: role.roleName, description: role.description, type: role.roleType,
                              permissions: role.permissions, assignableScopes: role.assignableScopes,
                              createdOn: created?.iso8601, updatedOn: updated?.iso8601, createdBy: createdBy, updatedBy: updatedBy))
    }

    /// `/subscriptions/{s}/providers/Microsoft.Authorization/roleDefinitions/{guid}`, or the
    /// tenant form `/providers/...` without a subscription.
    static func roleDefinitionResourceId(_ guid: String, subscriptionId: String?) -> String {
        (subscriptionId.map { "/subscriptions/\($0)" } ?? "") + "/providers/Microsoft.Authorization/roleDefinitions/\(guid)"
    }

    /// The GUID of a role definition id in any of its forms (`/subscriptions/{s}/providers/...`,
    /// `/providers/...`, or the bare GUID); `nil` when there is none.
    static func roleDefinitionGUID(_ id: String) -> String? {
        let segments = id.split(separator: "/").map(String.init)
        if segments.count == 1, isGUID(segments[0]) { return segments[0].lowercased() }
        guard segments.count >= 2, segments[segments.count - 2].lowercased() == "roledefinitions",
              isGUID(segments[segments.count - 1]) else { return nil }
        return segments[segments.count - 1].lowercased()
    }
}
