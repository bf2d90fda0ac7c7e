// DomainTests: ARM access — access policy add/replace/remove, custom roles, principals through the directory.

import Foundation
import XCTest
import ServiceCore
import Authorization
@testable import Management

final class ManagementAccessTests: XCTestCase {
    typealias H = ManagementHarness
    static let user = "11111111-1111-4111-8111-111111111111"
    static let group = "22222222-2222-4222-8222-222222222222"
    static let otherTenantSP = "33333333-3333-4333-8333-333333333333"

    /// A directory with a user in a group, and a service principal of another tenant.
    static let directory: @Sendable (String) -> DirectoryObject? = { id in
        switch id {
        case user: return DirectoryObject(objectId: user, tenantId: H.tenant, principalType: "User", groups: [group])
        case group: return DirectoryObject(objectId: group, tenantId: H.tenant, principalType: "Group")
        case otherTenantSP: return DirectoryObject(objectId: otherTenantSP, tenantId: "f00dfeed-0000-4000-8000-000000000000", principalType: "ServicePrincipal")
        default: return nil
        }
    }

    static func entry(_ object: String, _ keys: [String], app: String? = nil) -> [String: Any] {
        var value: [String: Any] = ["tenantId": H.tenant, "objectId": object, "permissions": ["keys": keys]]
        if let app { value["applicationId"] = app }
        return value
    }

    // MARK: - Access policies

    func testAccessPolicyEditing() throws {
        let arm = try ManagementHarness()
        try arm.createGroup()
        try arm.createVault("kv1", properties: ["accessPolicies": [Self.entry(Self.user, ["get"])]])
        func update(_ kind: String, _ entries: [[String: Any]]) throws -> ManagementHarness.Response {
            try arm.send("PUT", H.vaultPath("kv1") + "/accessPolicies/\(kind)", ["properties": ["accessPolicies": entries]])
        }
        func stored() -> [AccessPolicyEntry] { arm.service.vault(named: "kv1")?.accessPolicies ?? [] }

        let added = try update("add", [Self.entry(Self.user, ["List", "GET"]), Self.entry(Self.group, ["sign"])])
        XCTAssertEqual(added.object["type"] as? String, "Microsoft.KeyVault/vaults/accessPolicies")
        XCTAssertEqual(added.object["id"] as? String, H.vaultPath("kv1") + "/accessPolicies/add")
        XCTAssertEqual(stored().map(\.permissions.keys), [["get", "List"], ["sign"]], "union, first spelling kept")

        try update("add", [Self.entry(Self.user, ["get"], app: "44444444-4444-4444-8444-444444444444")])
        XCTAssertEqual(stored().count, 3, "a compound identity is another entry")

        try update("remove", [Self.entry(Self.user, ["get"])])
        XCTAssertEqual(stored().first?.permissions.keys, ["List"])
        try update("remove", [["tenantId": H.tenant, "objectId": Self.group, "permissions": [String: Any]()]])
        XCTAssertEqual(stored().map(\.objectId), [Self.user, Self.user], "an entry named without permissions is removed")

        try update("replace", [Self.entry(Self.group, ["all"])])
        XCTAssertEqual(stored().map(\.objectId), [Self.group])

        XCTAssertEqual(arm.error("PUT", H.vaultPath("kv1") + "/accessPolicies/merge", ["properties": ["accessPolicies": []]])?.code, "BadRequest")
        XCTAssertEqual(arm.error("PUT", H.vaultPath("kv1") + "/accessPolicies/add",
                                 ["properties": ["accessPolicies": [Self.entry(Self.user, ["unwrap"])]]])?.message,
                       "Invalid value found at accessPolicies[0].permissions.keys[0]: 'unwrap' is not a key permission.")
        XCTAssertEqual(arm.error("PUT", H.vaultPath("kv9") + "/accessPolicies/add", ["properties": ["accessPolicies": []]])?.code, "ResourceNotFound")
    }

    func testEditingRulesDirectly() {
        let a = AccessPolicyEntry(tenantId: "T", objectId: "O", permissions: AccessPolicyPermissions(keys: ["get"], secrets: ["list"]))
        let b = AccessPolicyEntry(tenantId: "t", objectId: "o", applicationId: "", permissions: AccessPolicyPermissions(keys: ["GET", "sign"]))
        XCTAssertTrue(AccessPolicyEditing.sameIdentity(a, b), "ids without case; empty application = none")
        let merged = AccessPolicyEditing.apply(.add, changes: [b], to: [a])
        XCTAssertEqual(merged.first?.permissions, AccessPolicyPermissions(keys: ["get", "sign"], secrets: ["list"]))
        let removed = AccessPolicyEditing.apply(.remove, changes: [AccessPolicyEntry(tenantId: "t", objectId: "o", permissions: AccessPolicyPermissions(keys: ["get"], secrets: ["list"]))], to: [a])
        XCTAssertEqual(removed, [], "nothing left")
    }

    // MARK: - Principals

    func testPrincipalChecksAgainstTheDirectory() throws {
        let arm = try ManagementHarness(directory: Self.directory)
        try arm.createGroup()
        let scope = H.vaultPath("kv1")
        try arm.createVault("kv1")
        func put(_ principal: String, type: String? = nil, name: String = UUID().uuidString) -> Result<ManagementHarness.Response, ServiceError> {
            var properties: [String: Any] = ["roleDefinitionId": BuiltInRoles.keyVaultReaderId, "principalId": principal]
            if let type { properties["principalType"] = type }
            do { return .success(try arm.send("PUT", scope + "/providers/Microsoft.Authorization/roleAssignments/\(name)", ["properties": properties])) }
            catch let error as ServiceError { return .failure(error) }
            catch { XCTFail("\(error)"); return .failure(ServiceError(.internalFailure, code: "x", message: "")) }
        }
        let missing = "55555555-5555-4555-8555-555555555555"
        guard case .failure(let notFound) = put(missing) else { return XCTFail("expected PrincipalNotFound") }
        XCTAssertEqual(notFound.code, "PrincipalNotFound")
        XCTAssertEqual(notFound.message, "Principal 55555555555545558555555555555555 does not exist in the directory \(H.tenant). Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype")
        guard case .failure(let foreign) = put(Self.otherTenantSP) else { return XCTFail("another tenant's principal") }
        XCTAssertEqual(foreign.code, "PrincipalNotFound")
        guard case .failure(let unmatched) = put(Self.user, type: "ServicePrincipal") else { return XCTFail("type mismatch") }
        XCTAssertEqual(unmatched.message, "The PrincipalId '11111111111141118111111111111111' has type 'User' , which is different from specified PrinciaplType 'ServicePrincipal'.")
        guard case .success(let typed) = put(Self.group) else { return XCTFail("group") }
        XCTAssertEqual(typed.properties["principalType"] as? String, "Group", "taken from the directory")
        // ForeignGroup passes the type check for a group; the same grant again is then RoleAssignmentExists.
        guard case .failure(let again) = put(Self.group, type: "ForeignGroup") else { return XCTFail("duplicate") }
        XCTAssertEqual(again.code, "RoleAssignmentExists")
    }

    func testAssignedToExpandsGroups() throws {
        let arm = try ManagementHarness(directory: Self.directory)
        try arm.createGroup()
        try arm.createVault("kv1")
        let scope = H.vaultPath("kv1")
        for (name, principal) in [("8f4bc3f4-1b1a-4f76-9a1f-0a0b0c0d0e01", Self.user), ("8f4bc3f4-1b1a-4f76-9a1f-0a0b0c0d0e02", Self.group)] {
            try arm.send("PUT", scope + "/providers/Microsoft.Authorization/roleAssignments/\(name)",
                         ["properties": ["roleDefinitionId": BuiltInRoles.keyVaultReaderId, "principalId": principal]])
        }
        let list = scope + "/providers/Microsoft.Authorization/roleAssignments"
        XCTAssertEqual(try arm.send("GET", list + "?$filter=assignedTo('\(Self.user)')").names.sorted(),
                       ["8f4bc3f4-1b1a-4f76-9a1f-0a0b0c0d0e01", "8f4bc3f4-1b1a-4f76-9a1f-0a0b0c0d0e02"])
        XCTAssertEqual(try arm.send("GET", list + "?$filter=principalId eq '\(Self.user)'").names, ["8f4bc3f4-1b1a-4f76-9a1f-0a0b0c0d0e01"])
    }

    func testConditionAttributesOfRoleAssignmentRequests() throws {
        let arm = try ManagementHarness()
        try arm.createGroup()
        let path = H.rgPath + "/providers/Microsoft.Authorization/roleAssignments/8f4bc3f4-1b1a-4f76-9a1f-0a0b0c0d0e01"
        try arm.send("PUT", path, ["properties": ["roleDefinitionId": BuiltInRoles.ownerId, "principalId": Self.user]])
        func attributes(_ method: String, _ body: Any?) throws -> ConditionAttributes {
            let data = try (body as? String).map { Data($0.utf8) } ?? body.map { try JSONSerialization.data(withJSONObject: $0) } ?? Data()
            guard case .found(let operation, let parameters) = arm.routes.match(method: method, path: path) else { throw ServiceError(.notFound, code: "x", message: "") }
            let context = OperationContext(principal: arm.principal, now: arm.clock.now(), requestId: "r", clientAddress: "::1", origin: "o", apiVersion: "v")
            return operation.conditionAttributes?(arm.service, ServiceRequest(method: method, parameters: parameters, query: [:], body: data, context: context)) ?? .none
        }
        let attribute = "microsoft.authorization/roleassignments:roledefinitionid"
        XCTAssertEqual(try attributes("PUT", ["properties": ["roleDefinitionId": "/providers/Microsoft.Authorization/roleDefinitions/" + BuiltInRoles.keyVaultReaderId.uppercased()]]).request[attribute],
                       [BuiltInRoles.keyVaultReaderId])
        XCTAssertEqual(try attributes("DELETE", nil).resource[attribute], [BuiltInRoles.ownerId])
        XCTAssertEqual(try attributes("PUT", "not json"), .none)
    }

    // MARK: - Custom roles

    func testCustomRoleLifecycle() throws {
        let arm = try ManagementHarness()
        try arm.createGroup()
        let base = "/subscriptions/\(H.subscription)/providers/Microsoft.Authorization/roleDefinitions/"
        let id = "6a1f0000-0000-4000-8000-00000000c001"
        func body(_ name: String, scopes: [String] = ["/subscriptions/\(H.subscription.uppercased())"]) -> [String: Any] {
            ["properties": ["roleName": name, "description": "d", "assignableScopes": scopes,
                            "permissions": [["actions": [], "notActions": [], "dataActions": ["Microsoft.KeyVault/vaults/keys/*"],
                                             "notDataActions": ["Microsoft.KeyVault/vaults/keys/delete"]]]]]
        }
        let created = try arm.send("PUT", base + id, body("Key Operator"))
        XCTAssertEqual(created.status, 201)
        XCTAssertEqual(created.properties["type"] as? String, "CustomRole")
        XCTAssertEqual(created.properties["assignableScopes"] as? [String], ["/subscriptions/\(H.subscription)"], "subscription as configured")
        XCTAssertEqual(arm.service.roleDefinitions()[id]?.permissions.first?.notDataActions, ["Microsoft.KeyVault/vaults/keys/delete"])
        XCTAssertEqual(try arm.send("PUT", base + id, body("Key Operator 2")).status, 201, "ARM answers 201 on update too")
        XCTAssertEqual(arm.service.roleDefinitions()[id]?.roleName, "Key Operator 2")

        XCTAssertEqual(arm.error("PUT", base + "6a1f0000-0000-4000-8000-00000000c002", body("key operator 2"))?.code, "RoleDefinitionWithSameNameExists")
        XCTAssertEqual(arm.error("PUT", base + "6a1f0000-0000-4000-8000-00000000c002", body("Owner"))?.code, "RoleDefinitionWithSameNameExists")
        XCTAssertEqual(arm.error("PUT", base + BuiltInRoles.ownerId, body("Mine"))?.code, "RoleDefinitionUpdateNotPermitted")
        XCTAssertEqual(arm.error("PUT", base + "nope", body("x"))?.code, "InvalidRoleDefinitionId")
        XCTAssertEqual(arm.error("PUT", base + "6a1f0000-0000-4000-8000-00000000c003", body("y", scopes: ["/"]))?.code, "InvalidAssignableScope")
        XCTAssertEqual(arm.error("PUT", base + "6a1f0000-0000-4000-8000-00000000c003", body("y", scopes: []))?.code, "InvalidAssignableScope")

        let assignment = H.rgPath + "/providers/Microsoft.Authorization/roleAssignments/8f4bc3f4-1b1a-4f76-9a1f-0a0b0c0d0e09"
        try arm.send("PUT", assignment, ["properties": ["roleDefinitionId": base + id, "principalId": Self.user]])
        XCTAssertEqual(arm.error("DELETE", base + id)?.code, "RoleDefinitionHasAssignments")
        try arm.send("DELETE", assignment)
        let deleted = try arm.send("DELETE", base + id)
        XCTAssertEqual(deleted.status, 200)
        XCTAssertEqual(deleted.object["name"] as? String, id)
        XCTAssertEqual(try arm.send("DELETE", base + id).status, 204)
        XCTAssertNil(arm.service.roleDefinitions()[id])
    }
}
