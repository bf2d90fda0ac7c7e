// DomainTests: Microsoft.Authorization/roleDefinitions and the OData filter parser.

import Foundation
import XCTest
import ServiceCore
import Authorization
@testable import Management

final class ManagementRoleDefinitionsTests: XCTestCase {
    typealias H = ManagementHarness

    func testGetBuiltInRoleAtSubscriptionAndTenantScope() throws {
        let arm = try ManagementHarness()
        let id = BuiltInRoles.keyVaultCryptoServiceEncryptionUserId
        let atSubscription = try arm.send("GET", "/subscriptions/\(H.subscription)/providers/Microsoft.Authorization/roleDefinitions/\(id)",
                                          apiVersion: "2022-04-01")
        XCTAssertEqual(atSubscription.status, 200)
        XCTAssertEqual(atSubscription.object["id"] as? String, "/subscriptions/\(H.subscription)/providers/Microsoft.Authorization/roleDefinitions/\(id)")
        XCTAssertEqual(atSubscription.object["name"] as? String, id)
        XCTAssertEqual(atSubscription.object["type"] as? String, "Microsoft.Authorization/roleDefinitions")
        let p = atSubscription.properties
        XCTAssertEqual(p["roleName"] as? String, "Key Vault Crypto Service Encryption User")
        XCTAssertEqual(p["type"] as? String, "BuiltInRole")
        XCTAssertEqual(p["assignableScopes"] as? [String], ["/"])
        XCTAssertTrue(p["createdOn"] is NSNull)
        let permissions = try XCTUnwrap((p["permissions"] as? [[String: Any]])?.first)
        XCTAssertEqual(permissions["dataActions"] as? [String], ["Microsoft.KeyVault/vaults/keys/read", "Microsoft.KeyVault/vaults/keys/wrap/action",
                                                                "Microsoft.KeyVault/vaults/keys/unwrap/action"])
        XCTAssertEqual(permissions["notDataActions"] as? [String], [])
        XCTAssertNil(permissions["condition"])

        let atTenant = try arm.send("GET", "/providers/Microsoft.Authorization/roleDefinitions/\(id.uppercased())")
        XCTAssertEqual(atTenant.object["id"] as? String, "/providers/Microsoft.Authorization/roleDefinitions/\(id)")
        let atVault = try arm.send("GET", H.vaultPath("kv1") + "/providers/Microsoft.Authorization/roleDefinitions/\(id)")
        XCTAssertEqual(atVault.object["id"] as? String, "/subscriptions/\(H.subscription)/providers/Microsoft.Authorization/roleDefinitions/\(id)")

        let missing = arm.error("GET", "/providers/Microsoft.Authorization/roleDefinitions/00000000-0000-0000-0000-000000000000")
        XCTAssertEqual(missing, ServiceError(.notFound, code: "RoleDefinitionDoesNotExist", message: ""))
        XCTAssertEqual(arm.error("GET", "/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/\(id)")?.code, "SubscriptionNotFound")
    }

    func testListWithFilters() throws {
        let arm = try ManagementHarness()
        let base = "/subscriptions/\(H.subscription)/providers/Microsoft.Authorization/roleDefinitions"
        let byName = try arm.send("GET", base + "?$filter=roleName eq 'Key Vault Crypto User'")
        XCTAssertEqual(byName.names, [BuiltInRoles.keyVaultCryptoUserId])
        XCTAssertEqual(try arm.send("GET", base + "?$filter=roleName%20eq%20%27owner%27").names, [BuiltInRoles.ownerId])
        XCTAssertEqual(try arm.send("GET", base + "?$filter=type eq 'BuiltInRole'").values.count, BuiltInRoles.all.count)
        XCTAssertEqual(try arm.send("GET", base + "?$filter=type eq 'CustomRole'").values.count, 0)
        XCTAssertEqual(try arm.send("GET", base).values.count, 16)
        let dataAccess = try arm.send("GET", "/providers/Microsoft.Authorization/roleDefinitions?$filter=roleName eq 'Key Vault Data Access Administrator'")
        let block = ((dataAccess.values.first?["properties"] as? [String: Any])?["permissions"] as? [[String: Any]])?.first
        XCTAssertEqual(block?["conditionVersion"] as? String, "2.0")
        XCTAssertEqual(arm.error("GET", base + "?$filter=roleName ne 'Owner'")?.code, "InvalidFilterInQueryString")
        XCTAssertEqual(arm.service.roleDefinitions().count, 16)
        XCTAssertEqual(arm.service.roleDefinitions()[BuiltInRoles.ownerId]?.roleName, "Owner")
    }

    func testODataFilterParser() throws {
        XCTAssertEqual(try ODataFilter.parse(nil).clauses, [])
        XCTAssertEqual(try ODataFilter.parse("  ").clauses, [])
        XCTAssertEqual(try ODataFilter.parse("atScope()").clauses, [.function("atscope", nil)])
        XCTAssertEqual(try ODataFilter.parse("atScope() AND assignedTo('ab-1')").clauses,
                       [.function("atscope", nil), .function("assignedto", "ab-1")])
        XCTAssertEqual(try ODataFilter.parse("roleName eq 'Sand and Sea'").clauses, [.equals("rolename", "Sand and Sea")])
        XCTAssertEqual(try ODataFilter.parse("roleName eq 'it''s'").clauses, [.equals("rolename", "it's")])
        XCTAssertEqual(try ODataFilter.parse("resourceType eq 'Microsoft.KeyVault/vaults'").clauses,
                       [.equals("resourcetype", "Microsoft.KeyVault/vaults")])
        for bad in ["roleName eq Owner", "roleName eq 'Owner", "principalId ne 'x'", "assignedTo(x)", "atScope() and", "f('a') or g()"] {
            XCTAssertThrowsError(try ODataFilter.parse(bad), bad) { error in
                XCTAssertEqual((error as? ServiceError)?.code, "InvalidFilterInQueryString")
            }
        }
    }
}
