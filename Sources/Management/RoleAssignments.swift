// Management: Microsoft.Authorization/roleAssignments — create, get, delete and list at a scope.

import Foundation
import ServiceCore
import Authorization
import Storage

extension ManagementService {
    static let principalTypes = ["User", "Group", "ServicePrincipal", "ForeignGroup", "Device"]

    /// `PUT /{scope}/providers/Microsoft.Authorization/roleAssignments/{roleAssignmentName}`: 201.
    /// Sending the same assignment again answers 201 with it; changing it is refused (409).
    func createRoleAssignment(_ request: ServiceRequest) throws -> ServiceResponse {
        let scope = try assignmentScope(request)
        let name = try assignmentName(request)
        let body = try Self.decodeBody(RoleAssignmentParameters.self, request)
        let properties = try Self.required(body.properties, "properties")
        let givenRole = try Self.required(properties.roleDefinitionId, "roleDefinitionId")
        guard let role = Self.roleDefinitionGUID(givenRole), roleDefinitions()[role] != nil else {
            throw ServiceError.roleDefinitionDoesNotExist(Self.roleDefinitionGUID(givenRole) ?? givenRole)
        }
        let principal = try Self.required(properties.principalId, "principalId")
        guard Self.isGUID(principal) else { throw ServiceError.invalidPrincipalId(principal) }
        let givenType = try properties.principalType.map { try Self.canonical($0, among: Self.principalTypes, property: "principalType") }
        let principalType = try checkedPrincipalType(principal, given: givenType, scope: scope)
        // ABAC conditions are not evaluated; refusing them beats granting more than asked.
        if let condition = properties.condition, !condition.isEmpty {
            throw ServiceError.armBadRequest("Role assignment conditions are not supported by the emulator.")
        }
        let caller = request.context.principal?.objectId
        let now = Self.milliseconds(request.context.now)
        return try database.transaction {
            if let existing = try assignmentRow(name: name) {
                guard existing.scopeKey == scope.lowercased(), existing.roleDefinitionId == role,
                      existing.principalId == principal.lowercased() else { throw ServiceError.roleAssignmentUpdateNotPermitted() }
                return .json(existing.resource, status: 201)
            }
            if let duplicate = try assignmentRow(scopeKey: scope.lowercased(), roleDefinitionId: role, principalId: principal.lowercased()) {
                throw ServiceError.roleAssignmentExists(existingName: duplicate.name)
            }
            try database.execute("""
                INSERT INTO management_role_assignments(name, scope, scope_key, role_definition_id, principal_id, principal_type,
                    description, condition, condition_version, created_at, updated_at, created_by, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?)
                """, [.text(name), .text(scope), .text(scope.lowercased()), .text(role), .text(principal.lowercased()),
                      .text(principalType), .optionalText(properties.description), .integer(now), .integer(now),
                      .optionalText(caller), .optionalText(caller)])
            guard let stored = try assignmentRow(name: name) else { throw ServiceError.roleAssignmentNotFound(name) }
            return .json(stored.resource, status: 201)
        }
    }

    /// `GET /{scope}/providers/Microsoft.Authorization/roleAssignments/{roleAssignmentName}`.
    func getRoleAssignment(_ request: ServiceRequest) throws -> ServiceResponse {
        .json(try assignmentAtScope(request).resource)
    }

    /// `DELETE /{scope}/providers/Microsoft.Authorization/roleAssignments/{roleAssignmentName}`: 200 with the deleted assignment.
    func deleteRoleAssignment(_ request: ServiceRequest) throws -> ServiceResponse {
        try database.transaction {
            let existing = try assignmentAtScope(request)
            try database.execute("DELETE FROM management_role_assignments WHERE name = ?", [.text(existing.name)])
            return .json(existing.resource)
        }
    }

    /// `GET /{scope}/providers/Microsoft.Authorization/roleAssignments`: assignments at, above and
    /// below the scope; with `atScope()` only at and above. `principalId eq '{id}'` keeps one
    /// principal's; `assignedTo('{id}')` also those of the groups it belongs to (from the directory).
    func listRoleAssignments(_ request: ServiceRequest) throws -> ServiceResponse {
        let target = ScopePath(try assignmentScope(request))
        let filterText = Self.queryValue(request, "$filter")
        var atScopeOnly = false
        var principals: Set<String>?
        for clause in try ODataFilter.parse(filterText).clauses {
            switch clause {
            case .function("atscope", nil):
                atScopeOnly = true
            case .equals("principalid", let id):
                principals = [id.lowercased()]
            case .function("assignedto", let id?):
                let groups = settings.directory?(id.lowercased())?.groups ?? []
                principals = Set(([id] + groups).map { $0.lowercased() })
            default:
                throw ServiceError.invalidFilter(filterText ?? "")
            }
        }
        let rows = try database.query("SELECT * FROM management_role_assignments ORDER BY created_at, name").map(StoredRoleAssignment.init)
        let selected = rows.filter { row in
            let scope = ScopePath(row.scope)
            let related = scope.contains(target) || (!atScopeOnly && target.contains(scope))
            return related && (principals?.contains(row.principalId) ?? true)
        }
        return .json(ARMList(value: selected.map(\.resource), nextLink: nil))
    }

    /// The attributes the ABAC conditions of roles read for a role-assignment request: the role a
    /// new assignment asks for (`@Request`), the role of the assignment being deleted (`@Resource`).
    func roleAssignmentConditionAttributes(_ request: ServiceRequest) -> ConditionAttributes {
        let attribute = "Microsoft.Authorization/roleAssignments:RoleDefinitionId"
        switch request.method {
        case "PUT":
            let body = try? Self.decodeBody(RoleAssignmentParameters.self, request)
            guard let given = body?.properties?.roleDefinitionId, let guid = Self.roleDefinitionGUID(given) else { return .none }
            return ConditionAttributes(request: [attribute: [guid]])
        case "DELETE":
            let name = request.parameter("roleAssignmentName").lowercased()
            guard let row = try? assignmentRow(name: name) else { return .none }
            return ConditionAttributes(resource: [attribute: [row.roleDefinitionId]])
        default:
            return .none
        }
    }

    /// The principal type to store: checked against the directory when there is one (400
    /// `PrincipalNotFound` for an object the subscription's tenant does not hold, 400
    /// `UnmatchedPrincipalType` for a wrong `principalType`), else as given (default `User`).
    func checkedPrincipalType(_ principalId: String, given: String?, scope: String) throws -> String {
        guard let directory = settings.directory else { return given ?? "User" }
        let subscriptionId = ScopePath(scope).subscriptionId ?? ""
        let tenant = settings.knownSubscriptions.first { $0.key.lowercased() == subscriptionId.lowercased() }?.value ?? ""
        guard let object = directory(principalId.lowercased()), object.tenantId.lowercased() == tenant.lowercased() else {
            throw ServiceError.principalNotFound(principalId, tenantId: tenant)
        }
        if let given, given != object.principalType, !(given == "ForeignGroup" && object.principalType == "Group") {
            throw ServiceError.unmatchedPrincipalType(principalId, actual: object.principalType, given: given)
        }
        return given ?? object.principalType
    }

    // MARK: - Helpers

    /// The request's scope, normalized, with the subscription id as configured; 400
    /// `MissingSubscription` outside a subscription, 404 for an unknown one.
    func assignmentScope(_ request: ServiceRequest) throws -> String {
        var segments = request.parameter("scope").split(separator: "/").map(String.init)
        guard segments.count >= 2, segments[0].lowercased() == "subscriptions" else { throw ServiceError.missingSubscription() }
        segments[1] = try subscription(segments[1])
        return "/" + segments.joined(separator: "/")
    }

    func assignmentName(_ request: ServiceRequest) throws -> String {
        let name = request.parameter("roleAssignmentName")
        guard Self.isGUID(name) else { throw ServiceError.invalidRoleAssignmentId(name) }
        return name.lowercased()
    }

    /// The assignment named by the request at exactly the request's scope, or 404.
    func assignmentAtScope(_ request: ServiceRequest) throws -> StoredRoleAssignment {
        let scope = try assignmentScope(request)
        let name = try assignmentName(request)
        guard let row = try assignmentRow(name: name), row.scopeKey == scope.lowercased() else {
            throw ServiceError.roleAssignmentNotFound(request.parameter("roleAssignmentName"))
        }
        return row
    }

    func assignmentRow(name: String) throws -> StoredRoleAssignment? {
        try database.query("SELECT * FROM management_role_assignments WHERE name = ?", [.text(name)]).first.map(StoredRoleAssignment.init)
    }

    func assignmentRow(scopeKey: String, roleDefinitionId: String, principalId: String) throws -> StoredRoleAssignment? {
        try database.query("""
            SELECT * FROM management_role_assignments WHERE scope_key = ? AND role_definition_id = ? AND principal_id = ?
            """, [.text(scopeKey), .text(roleDefinitionId), .text(principalId)]).first.map(StoredRoleAssignment.init)
    }
}
