// DomainTests: Microsoft.KeyVault/vaults through the ARM operation table — create/update, defaults, patch, lists, delete.

import Foundation
import XCTest
import ServiceCore
import Authorization
@testable import Management

final class ManagementVaultsTests: XCTestCase {
    typealias H = ManagementHarness
    var arm: ManagementHarness!

    override func setUpWithError() throws {
        arm = try ManagementHarness()
        try arm.createGroup()
    }

    override func tearDown() { arm = nil }

    func testCreateAnswers201WithTheFullVaultThenUpdateAnswers200() throws {
        let created = try arm.send("PUT", H.vaultPath("kv1"), H.vaultBody(["accessPolicies": []], location: "West US"))
        XCTAssertEqual(created.status, 201)
        let vault = created.object
        XCTAssertEqual(vault["id"] as? String, "/subscriptions/\(H.subscription)/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults/kv1")
        XCTAssertEqual(vault["name"] as? String, "kv1")
        XCTAssertEqual(vault["type"] as? String, "Microsoft.KeyVault/vaults")
        XCTAssertEqual(vault["location"] as? String, "westus")
        XCTAssertEqual(vault["tags"] as? [String: String], [:])
        let systemData = try XCTUnwrap(vault["systemData"] as? [String: String])
        XCTAssertEqual(systemData, ["createdBy": arm.principal.applicationId, "createdByType": "Application", "createdAt": H.start.iso8601,
                                    "lastModifiedBy": arm.principal.applicationId, "lastModifiedByType": "Application",
                                    "lastModifiedAt": H.start.iso8601])
        let p = created.properties
        XCTAssertEqual(p["tenantId"] as? String, H.tenant)
        XCTAssertEqual(p["sku"] as? [String: String], ["family": "A", "name": "standard"])
        XCTAssertEqual((p["accessPolicies"] as? [Any])?.count, 0)
        XCTAssertEqual(p["enableRbacAuthorization"] as? Bool, false)
        XCTAssertEqual(p["enableSoftDelete"] as? Bool, true)
        XCTAssertEqual(p["softDeleteRetentionInDays"] as? Int, 90)
        XCTAssertNil(p["enablePurgeProtection"], "omitted until set")
        XCTAssertEqual(p["publicNetworkAccess"] as? String, "Enabled")
        XCTAssertNil(p["networkAcls"], "omitted until set")
        XCTAssertEqual(p["enabledForDeployment"] as? Bool, false)
        XCTAssertEqual(p["enabledForDiskEncryption"] as? Bool, false)
        XCTAssertEqual(p["enabledForTemplateDeployment"] as? Bool, false)
        XCTAssertEqual(p["vaultUri"] as? String, "https://kv1.vault.localhost:8443/")
        XCTAssertEqual(p["provisioningState"] as? String, "Succeeded")

        arm.clock.advance(by: 60)
        var body = H.vaultBody(["enablePurgeProtection": true])
        body["tags"] = ["env": "test"]
        let updated = try arm.send("PUT", H.vaultPath("KV1", rg: "RG1"), body, apiVersion: "2026-05-15")
        XCTAssertEqual(updated.status, 200)
        XCTAssertEqual(updated.object["name"] as? String, "kv1", "the stored name is kept")
        XCTAssertEqual(updated.object["tags"] as? [String: String], ["env": "test"])
        XCTAssertEqual(updated.properties["enablePurgeProtection"] as? Bool, true)
        XCTAssertEqual(updated.properties["enableRbacAuthorization"] as? Bool, false, "update never changes it implicitly")
        let data = try XCTUnwrap(updated.object["systemData"] as? [String: String])
        XCTAssertEqual(data["createdAt"], H.start.iso8601)
        XCTAssertEqual(data["lastModifiedAt"], H.start.addingTimeInterval(60).iso8601)
        XCTAssertEqual(try arm.send("GET", H.vaultPath("kv1")).properties["enablePurgeProtection"] as? Bool, true)
    }

    func testRbacDefaultDependsOnAPIVersion() throws {
        XCTAssertEqual(try arm.createVault("kv2025", apiVersion: "2025-05-01").properties["enableRbacAuthorization"] as? Bool, false)
        XCTAssertEqual(try arm.createVault("kv2026", apiVersion: "2026-02-01").properties["enableRbacAuthorization"] as? Bool, true)
        XCTAssertEqual(try arm.createVault("kvnew", apiVersion: "2026-05-15").properties["enableRbacAuthorization"] as? Bool, true)
        XCTAssertEqual(try arm.createVault("kvpreview", apiVersion: "2025-12-01-preview").properties["enableRbacAuthorization"] as? Bool, false)
        XCTAssertEqual(try arm.createVault("kvexplicit", properties: ["enableRbacAuthorization": false], apiVersion: "2026-02-01")
            .properties["enableRbacAuthorization"] as? Bool, false)
        XCTAssertEqual(try arm.createVault("kvrbac", properties: ["enableRbacAuthorization": true])
            .properties["enableRbacAuthorization"] as? Bool, true)
        XCTAssertEqual(arm.service.vault(named: "KV2026")?.enableRbacAuthorization, true)
        XCTAssertEqual(arm.service.vault(named: "kv2025")?.enableRbacAuthorization, false)
    }

    func testPatchMergesGivenProperties() throws {
        let policy: [String: Any] = ["tenantId": H.tenant, "objectId": "11111111-1111-1111-1111-111111111111",
                                     "permissions": ["keys": ["get", "wrapKey"]]]
        try arm.createVault("kv1", properties: ["accessPolicies": [policy], "softDeleteRetentionInDays": 30])
        let patched = try arm.send("PATCH", H.vaultPath("kv1"), ["properties": [
            "publicNetworkAccess": "disabled",
            "networkAcls": ["defaultAction": "Deny", "bypass": "None", "ipRules": [["value": "203.0.113.7"], ["value": "198.51.100.0/24"]],
                            "virtualNetworkRules": [["id": "/subscriptions/S/resourceGroups/RG/providers/Microsoft.Network/virtualNetworks/V/subnets/Default"]]],
        ]])
        XCTAssertEqual(patched.status, 200)
        let p = patched.properties
        XCTAssertEqual(p["publicNetworkAccess"] as? String, "Disabled")
        let acls = try XCTUnwrap(p["networkAcls"] as? [String: Any])
        XCTAssertEqual(acls["defaultAction"] as? String, "Deny")
        XCTAssertEqual(acls["bypass"] as? String, "None")
        XCTAssertEqual(acls["ipRules"] as? [[String: String]], [["value": "203.0.113.7/32"], ["value": "198.51.100.0/24"]])
        XCTAssertEqual((acls["virtualNetworkRules"] as? [[String: Any]])?.first?["id"] as? String,
                       "/subscriptions/s/resourcegroups/rg/providers/microsoft.network/virtualnetworks/v/subnets/default")
        XCTAssertEqual((p["accessPolicies"] as? [Any])?.count, 1, "untouched")
        XCTAssertEqual(p["softDeleteRetentionInDays"] as? Int, 30, "untouched")
        XCTAssertEqual(p["sku"] as? [String: String], ["family": "A", "name": "standard"], "untouched")

        let record = try XCTUnwrap(arm.service.vault(named: "KV1"))
        XCTAssertEqual(record.resourceId, H.vaultPath("kv1"))
        XCTAssertEqual(record.location, "westus")
        XCTAssertEqual(record.tenantId, H.tenant)
        XCTAssertEqual(record.sku, "standard")
        XCTAssertEqual(record.softDeleteRetentionDays, 30)
        XCTAssertFalse(record.purgeProtection)
        XCTAssertEqual(record.network, NetworkSettings(publicNetworkAccess: "Disabled", defaultAction: "Deny", bypass: "None",
                                                       ipRules: ["203.0.113.7/32", "198.51.100.0/24"],
                                                       virtualNetworkRules: ["/subscriptions/s/resourcegroups/rg/providers/microsoft.network/virtualnetworks/v/subnets/default"]))
        XCTAssertEqual(record.accessPolicies.first?.permissions.keys, ["get", "wrapKey"])

        let sku = try arm.send("PATCH", H.vaultPath("kv1"), ["properties": ["sku": ["family": "A", "name": "Premium"]], "tags": ["a": "b"]])
        XCTAssertEqual(sku.properties["sku"] as? [String: String], ["family": "A", "name": "premium"])
        XCTAssertEqual(sku.object["tags"] as? [String: String], ["a": "b"])
        XCTAssertEqual(arm.service.vault(named: "kv1")?.sku, "premium")
    }

    func testPutReplacesNetworkAndPoliciesButKeepsIrreversibleSettings() throws {
        try arm.createVault("kv1", properties: ["enablePurgeProtection": true, "softDeleteRetentionInDays": 7, "enableRbacAuthorization": true,
                                                "networkAcls": ["defaultAction": "Deny"]])
        let replaced = try arm.createVault("kv1")
        XCTAssertEqual(replaced.status, 200)
        XCTAssertEqual(replaced.properties["enablePurgeProtection"] as? Bool, true)
        XCTAssertEqual(replaced.properties["softDeleteRetentionInDays"] as? Int, 7)
        XCTAssertEqual(replaced.properties["enableRbacAuthorization"] as? Bool, true)
        XCTAssertNil(replaced.properties["networkAcls"])
    }

    func testSoftDeleteOffOnlyAtCreation() throws {
        let created = try arm.createVault("kvnosoft", properties: ["enableSoftDelete": false])
        XCTAssertEqual(created.properties["enableSoftDelete"] as? Bool, false)
        XCTAssertNil(created.properties["softDeleteRetentionInDays"])
        XCTAssertEqual(arm.service.vault(named: "kvnosoft")?.softDeleteRetentionDays, 0)
        try arm.createVault("kv1")
        let error = arm.error("PATCH", H.vaultPath("kv1"), ["properties": ["enableSoftDelete": false]])
        XCTAssertEqual(error, ServiceError(.badRequest, code: "BadRequest", message: ""))
        XCTAssertEqual(error?.message, "The property \"enableSoftDelete\" can be set to false only for creating new vault. Enabling the 'soft delete' functionality is an irreversible action.")
        XCTAssertEqual(arm.error("PUT", H.vaultPath("kv1"), H.vaultBody(["enableSoftDelete": false]))?.code, "BadRequest")
    }

    func testListsByResourceGroupSubscriptionAndLegacyFilter() throws {
        try arm.createGroup("rg2")
        try arm.createGroup("rgx", subscription: H.otherSubscription)
        try arm.createVault("kvb")
        try arm.createVault("kva")
        try arm.createVault("kvc", rg: "rg2")
        try arm.send("PUT", H.vaultPath("kvother", rg: "rgx", subscription: H.otherSubscription), H.vaultBody())

        let byGroup = try arm.send("GET", "/subscriptions/\(H.subscription)/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults")
        XCTAssertEqual(byGroup.names, ["kva", "kvb"])
        XCTAssertNil(byGroup.object["nextLink"])
        XCTAssertEqual(byGroup.values.first?["type"] as? String, "Microsoft.KeyVault/vaults")
        let bySubscription = try arm.send("GET", "/subscriptions/\(H.subscription)/providers/Microsoft.KeyVault/vaults")
        XCTAssertEqual(bySubscription.names, ["kva", "kvb", "kvc"])

        let legacy = try arm.send("GET", "/subscriptions/\(H.subscription)/resources?$filter=resourceType eq 'Microsoft.KeyVault/vaults'&api-version=2015-11-01")
        XCTAssertEqual(legacy.names, ["kva", "kvb", "kvc"])
        XCTAssertEqual(legacy.values.first?.keys.sorted(), ["id", "location", "name", "tags", "type"])
        XCTAssertEqual(legacy.values.first?["id"] as? String, H.vaultPath("kva"))
        let none = try arm.send("GET", "/subscriptions/\(H.subscription)/resources?$filter=resourceType%20eq%20'Microsoft.Storage/storageAccounts'")
        XCTAssertEqual(none.names, [])
        XCTAssertEqual(arm.error("GET", "/subscriptions/\(H.subscription)/resources?$filter=name eq 'kva'")?.code, "InvalidFilterInQueryString")

        let first = try arm.send("GET", "/subscriptions/\(H.subscription)/providers/Microsoft.KeyVault/vaults?$top=2", apiVersion: "2025-05-01")
        XCTAssertEqual(first.names, ["kva", "kvb"])
        let next = try XCTUnwrap(first.object["nextLink"] as? String)
        XCTAssertEqual(next, "https://management.localhost:8443/subscriptions/\(H.subscription)/providers/Microsoft.KeyVault/vaults?api-version=2025-05-01&$top=2&$skiptoken=2")
        let second = try arm.send("GET", String(next.dropFirst("https://management.localhost:8443".count)))
        XCTAssertEqual(second.names, ["kvc"])
        XCTAssertNil(second.object["nextLink"])
        XCTAssertEqual(arm.error("GET", "/subscriptions/\(H.subscription)/providers/Microsoft.KeyVault/vaults?$top=0")?.code, "BadRequest")
    }

    func testDeleteHidesTheVaultAndRemovesItsRoleAssignments() throws {
        try arm.createVault("kv1")
        let vaultScope = H.vaultPath("kv1")
        try arm.send("PUT", vaultScope + "/keys/k1/providers/Microsoft.Authorization/roleAssignments/8f4bc3f4-1b1a-4f76-9a1f-0a0b0c0d0e01",
                     ["properties": ["roleDefinitionId": "/providers/Microsoft.Authorization/roleDefinitions/" + BuiltInRoles.keyVaultCryptoUserId,
                                     "principalId": "11111111-1111-1111-1111-111111111111"]])
        try arm.send("PUT", H.rgPath + "/providers/Microsoft.Authorization/roleAssignments/8f4bc3f4-1b1a-4f76-9a1f-0a0b0c0d0e02",
                     ["properties": ["roleDefinitionId": "/providers/Microsoft.Authorization/roleDefinitions/" + BuiltInRoles.readerId,
                                     "principalId": "11111111-1111-1111-1111-111111111111"]])
        XCTAssertEqual(try arm.send("DELETE", vaultScope).status, 200)
        XCTAssertNil(arm.service.vault(named: "kv1"))
        XCTAssertEqual(arm.error("GET", vaultScope)?.code, "ResourceNotFound")
        XCTAssertEqual(try arm.send("DELETE", vaultScope).status, 204, "deleting a missing vault is a no-op")
        let left = arm.service.roleAssignments(forPrincipals: ["11111111-1111-1111-1111-111111111111"])
        XCTAssertEqual(left.map(\.name), ["8f4bc3f4-1b1a-4f76-9a1f-0a0b0c0d0e02"], "the resource group's assignment stays")
        // Soft delete is on by default: the name stays taken by the deleted vault, whose keys stay.
        XCTAssertEqual(arm.error("PUT", vaultScope, ManagementHarness.vaultBody())?.code, "ConflictError")
        XCTAssertEqual(arm.purged.all, [])
    }
}
