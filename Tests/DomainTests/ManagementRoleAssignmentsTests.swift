// DomainTests: Microsoft.Authorization/roleAssignments through the ARM operation table.

import Foundation
import XCTest
import ServiceCore
import Authorization
@testable import Management

final class ManagementRoleAssignmentsTests: XCTestCase {
    typealias H = ManagementHarness
    var arm: ManagementHarness!

    static let app = "5d1c0b4a-2222-4e5f-8a9b-0123456789ab"
    static let other = "6e2d1c5b-3333-4f60-9bac-123456789abc"
    static let a1 = "0a1b2c3d-0000-4000-8000-000000000001"
    static let a2 = "0a1b2c3d-0000-4000-8000-000000000002"
    static let a3 = "0a1b2c3d-0000-4000-8000-000000000003"
    static let a4 = "0a1b2c3d-0000-4000-8000-000000000004"
    static let subscriptionScope = "/subscriptions/\(H.subscription)"
    static let vaultScope = H.vaultPath("kv1")

    override func setUpWithError() throws {
        arm = try ManagementHarness()
        try arm.createGroup()
        try arm.createVault("kv1")
    }

    override func tearDown() { arm = nil }

    static func path(_ scope: String, _ name: String? = nil) -> String {
        scope + "/providers/Microsoft.Authorization/roleAssignments" + (name.map { "/" + $0 } ?? "")
    }

    static func body(_ role: String, principal: String = app, form: String = "subscription", extra: [String: Any] = [:]) -> [String: Any] {
        let prefix = form == "subscription" ? "/subscriptions/\(H.subscription)" : ""
        var properties: [String: Any] = ["roleDefinitionId": prefix + "/providers/Microsoft.Authorization/roleDefinitions/" + role,
                                         "principalId": principal]
        for (key, value) in extra { properties[key] = value }
        return ["properties": properties]
    }

    @discardableResult
    func assign(_ role: String, at scope: String, name: String, principal: String = app) throws -> ManagementHarness.Response {
        try arm.send("PUT", Self.path(scope, name), Self.body(role, principal: principal), apiVersion: "2022-04-01")
    }

    func testCreateAnswers201WithARMShape() throws {
        let created = try arm.send("PUT", Self.path(Self.vaultScope, Self.a1),
                                   Self.body(BuiltInRoles.keyVaultCryptoUserId, form: "tenant", extra: ["principalType": "servicePrincipal"]))
        XCTAssertEqual(created.status, 201)
        XCTAssertEqual(created.object["id"] as? String, Self.vaultScope + "/providers/Microsoft.Authorization/roleAssignments/" + Self.a1)
        XCTAssertEqual(created.object["name"] as? String, Self.a1)
        XCTAssertEqual(created.object["type"] as? String, "Microsoft.Authorization/roleAssignments")
        let p = created.properties
        XCTAssertEqual(p["roleDefinitionId"] as? String,
                       "/subscriptions/\(H.subscription)/providers/Microsoft.Authorization/roleDefinitions/12338af0-0e69-4776-bea7-57ae8d297424")
        XCTAssertEqual(p["principalId"] as? String, Self.app)
        XCTAssertEqual(p["principalType"] as? String, "ServicePrincipal")
        XCTAssertEqual(p["scope"] as? String, Self.vaultScope)
        XCTAssertEqual(p["createdOn"] as? String, H.start.iso8601)
        XCTAssertEqual(p["updatedOn"] as? String, H.start.iso8601)
        XCTAssertEqual(p["createdBy"] as? String, arm.principal.objectId)
        XCTAssertEqual(p["updatedBy"] as? String, arm.principal.objectId)
        for key in ["condition", "conditionVersion", "description", "delegatedManagedIdentityResourceId"] {
            XCTAssertTrue(p[key] is NSNull, "\(key) is written as null")
        }
        XCTAssertEqual(try arm.send("GET", Self.path(Self.vaultScope, Self.a1)).properties["principalType"] as? String, "ServicePrincipal")

        let defaulted = try assign(BuiltInRoles.readerId, at: Self.subscriptionScope, name: Self.a2)
        XCTAssertEqual(defaulted.properties["principalType"] as? String, "User", "ARM's default principal type")

        // The new assignment is what the data plane's RBAC sees.
        let assignments = arm.service.roleAssignments(forPrincipals: [Self.app.uppercased()])
        XCTAssertEqual(assignments, [
            RoleAssignment(name: Self.a1, scope: Self.vaultScope, roleDefinitionId: BuiltInRoles.keyVaultCryptoUserId, principalId: Self.app,
                           principalType: "ServicePrincipal"),
            RoleAssignment(name: Self.a2, scope: Self.subscriptionScope, roleDefinitionId: BuiltInRoles.readerId, principalId: Self.app,
                           principalType: "User"),
        ])
        let caller = Principal(tenantId: H.tenant, objectId: Self.app, applicationId: "x", issuer: "i")
        let rbac = RBACEvaluator(assignments: assignments, definitions: arm.service.roleDefinitions())
        XCTAssertTrue(rbac.evaluate(principal: caller, action: "Microsoft.KeyVault/vaults/keys/unwrap/action", kind: .data,
                                    resource: Self.vaultScope + "/keys/k1").isAllowed)
        XCTAssertFalse(rbac.evaluate(principal: caller, action: "Microsoft.KeyVault/vaults/keys/create/action", kind: .data,
                                     resource: Self.vaultScope + "/keys/k1").isAllowed)
    }

    func testExistsAndUpdateConflicts() throws {
        try assign(BuiltInRoles.keyVaultCryptoUserId, at: Self.vaultScope, name: Self.a1)
        XCTAssertEqual(try assign(BuiltInRoles.keyVaultCryptoUserId, at: Self.vaultScope.uppercased(), name: Self.a1).status, 201,
                       "the same assignment again is accepted")
        let exists = arm.error("PUT", Self.path(Self.vaultScope, Self.a2), Self.body(BuiltInRoles.keyVaultCryptoUserId, form: "tenant"))
        XCTAssertEqual(exists, ServiceError(.conflict, code: "RoleAssignmentExists", message: ""))
        XCTAssertEqual(exists?.message, "The role assignment already exists. The ID of the existing role assignment is 0a1b2c3d000040008000000000000001.")
        let changed = arm.error("PUT", Self.path(Self.vaultScope, Self.a1), Self.body(BuiltInRoles.keyVaultCryptoOfficerId))
        XCTAssertEqual(changed, ServiceError(.conflict, code: "RoleAssignmentUpdateNotPermitted", message: ""))
        XCTAssertEqual(arm.error("PUT", Self.path(H.rgPath, Self.a1), Self.body(BuiltInRoles.keyVaultCryptoUserId))?.code,
                       "RoleAssignmentUpdateNotPermitted", "a name cannot move to another scope")
    }

    func testCreateErrors() {
        let unknownRole = arm.error("PUT", Self.path(Self.vaultScope, Self.a1), Self.body("00000000-1111-2222-3333-444444444444"))
        XCTAssertEqual(unknownRole, ServiceError(.badRequest, code: "RoleDefinitionDoesNotExist", message: ""))
        XCTAssertEqual(unknownRole?.message, "The specified role definition with ID '00000000-1111-2222-3333-444444444444' does not exist.")
        let badName = arm.error("PUT", Self.path(Self.vaultScope, "not-a-guid"), Self.body(BuiltInRoles.readerId))
        XCTAssertEqual(badName, ServiceError(.badRequest, code: "InvalidRoleAssignmentId", message: ""))
        XCTAssertEqual(badName?.message, "The role assignment ID 'not-a-guid' is not valid. The role assignment ID must be a GUID.")
        XCTAssertEqual(arm.error("PUT", Self.path(Self.vaultScope, Self.a1), Self.body(BuiltInRoles.readerId, principal: "bob"))?.code,
                       "InvalidPrincipalId")
        XCTAssertEqual(arm.error("PUT", Self.path(Self.vaultScope, Self.a1), ["properties": ["principalId": Self.app]])?.message,
                       "The property 'roleDefinitionId' is required.")
        XCTAssertEqual(arm.error("PUT", Self.path(Self.vaultScope, Self.a1),
                                 Self.body(BuiltInRoles.readerId, extra: ["principalType": "Robot"]))?.code, "BadRequest")
        XCTAssertEqual(arm.error("PUT", Self.path(Self.vaultScope, Self.a1),
                                 Self.body(BuiltInRoles.readerId, extra: ["condition": "true", "conditionVersion": "2.0"]))?.code, "BadRequest")
        XCTAssertEqual(arm.error("PUT", Self.path(Self.vaultScope, Self.a1), "{")?.code, "InvalidRequestContent")
        let unknownSubscription = "/subscriptions/99999999-0000-0000-0000-000000000000"
        XCTAssertEqual(arm.error("PUT", Self.path(unknownSubscription, Self.a1), Self.body(BuiltInRoles.readerId))?.code, "SubscriptionNotFound")
        XCTAssertEqual(arm.error("PUT", Self.path("", Self.a1), Self.body(BuiltInRoles.readerId))?.code, "MissingSubscription")
        XCTAssertEqual(arm.service.roleAssignments(forPrincipals: [Self.app]), [], "nothing was stored")
    }

    func testGetAndDelete() throws {
        try assign(BuiltInRoles.keyVaultCryptoUserId, at: Self.vaultScope, name: Self.a1)
        XCTAssertEqual(try arm.send("GET", Self.path(Self.vaultScope.lowercased(), Self.a1)).object["name"] as? String, Self.a1)
        let elsewhere = arm.error("GET", Self.path(H.rgPath, Self.a1))
        XCTAssertEqual(elsewhere, ServiceError(.notFound, code: "RoleAssignmentNotFound", message: ""))
        XCTAssertEqual(elsewhere?.message, "The role assignment '\(Self.a1)' is not found.")

        let deleted = try arm.send("DELETE", Self.path(Self.vaultScope, Self.a1))
        XCTAssertEqual(deleted.status, 200)
        XCTAssertEqual(deleted.object["name"] as? String, Self.a1)
        XCTAssertEqual(deleted.properties["scope"] as? String, Self.vaultScope)
        XCTAssertEqual(arm.error("GET", Self.path(Self.vaultScope, Self.a1))?.code, "RoleAssignmentNotFound")
        XCTAssertEqual(arm.error("DELETE", Self.path(Self.vaultScope, Self.a1))?.code, "RoleAssignmentNotFound")
        XCTAssertEqual(arm.error("GET", Self.path(Self.vaultScope, "x"))?.code, "InvalidRoleAssignmentId")
        XCTAssertEqual(arm.service.roleAssignments(forPrincipals: [Self.app]), [])
    }

    func testListAtScopeWithFilters() throws {
        try arm.createGroup("rg10")
        try assign(BuiltInRoles.readerId, at: Self.subscriptionScope, name: Self.a1)                       // above
        try assign(BuiltInRoles.keyVaultCryptoUserId, at: Self.vaultScope, name: Self.a2)                  // at
        try assign(BuiltInRoles.keyVaultCryptoOfficerId, at: Self.vaultScope + "/keys/k1", name: Self.a3, principal: Self.other)  // below
        try assign(BuiltInRoles.ownerId, at: "/subscriptions/\(H.subscription)/resourceGroups/rg10", name: Self.a4)  // unrelated

        func names(_ query: String) throws -> [String] {
            try arm.send("GET", Self.path(Self.vaultScope) + query).names
        }
        XCTAssertEqual(try names(""), [Self.a1, Self.a2, Self.a3])
        XCTAssertEqual(try names("?$filter=atScope()"), [Self.a1, Self.a2])
        XCTAssertEqual(try names("?$filter=principalId eq '\(Self.other)'"), [Self.a3])
        XCTAssertEqual(try names("?$filter=assignedTo('\(Self.app.uppercased())')"), [Self.a1, Self.a2])
        XCTAssertEqual(try names("?$filter=atScope()%20and%20assignedTo('\(Self.other)')&tenantId=\(H.tenant)"), [])
        XCTAssertEqual(try arm.send("GET", Self.path(Self.subscriptionScope)).names, [Self.a1, Self.a2, Self.a3, Self.a4])
        XCTAssertEqual(try arm.send("GET", Self.path(H.rgPath) + "?$filter=atScope()").names, [Self.a1])
        XCTAssertNil(try arm.send("GET", Self.path(Self.vaultScope)).object["nextLink"])
        XCTAssertEqual(arm.error("GET", Self.path(Self.vaultScope) + "?$filter=roleDefinitionId eq 'x'")?.code, "InvalidFilterInQueryString")
        XCTAssertEqual(arm.error("GET", Self.path(Self.vaultScope) + "?$filter=principalId eq 'x")?.code, "InvalidFilterInQueryString")
    }

    func testBootstrapIsIdempotentAndGrantsOwner() throws {
        let admin = "7f3e2d1c-4444-4a71-8bcd-23456789abcd"
        let owner = RoleAssignment(name: "b0075712-0000-4000-8000-000000000000", scope: Self.subscriptionScope,
                                   roleDefinitionId: BuiltInRoles.ownerId, principalId: admin, principalType: "ServicePrincipal")
        try arm.service.bootstrapRoleAssignment(owner)
        try arm.service.bootstrapRoleAssignment(owner)
        let renamed = RoleAssignment(name: "b0075712-0000-4000-8000-000000000001", scope: Self.subscriptionScope + "/",
                                     roleDefinitionId: BuiltInRoles.ownerId.uppercased(), principalId: admin.uppercased(), principalType: "ServicePrincipal")
        try arm.service.bootstrapRoleAssignment(renamed)
        let stored = arm.service.roleAssignments(forPrincipals: [admin])
        XCTAssertEqual(stored, [owner])
        let listed = try arm.send("GET", Self.path(Self.vaultScope))
        XCTAssertEqual(listed.names, [owner.name])
        XCTAssertTrue(listed.values.first?["properties"].flatMap { ($0 as? [String: Any])?["createdBy"] } is NSNull)

        let caller = Principal(tenantId: H.tenant, objectId: admin, applicationId: "x", issuer: "i")
        let rbac = RBACEvaluator(assignments: stored, definitions: arm.service.roleDefinitions())
        XCTAssertTrue(rbac.evaluate(principal: caller, action: "Microsoft.KeyVault/vaults/write", kind: .control, resource: Self.vaultScope).isAllowed)
        XCTAssertFalse(rbac.evaluate(principal: caller, action: "Microsoft.KeyVault/vaults/keys/read", kind: .data,
                                     resource: Self.vaultScope + "/keys/k1").isAllowed, "Owner has no data actions")
    }
}
