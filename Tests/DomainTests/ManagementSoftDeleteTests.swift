// DomainTests: vault soft delete — deleted vaults, recover, purge, purge protection, expiry, name check.

import Foundation
import XCTest
import ServiceCore
import Authorization
@testable import Management

final class ManagementSoftDeleteTests: XCTestCase {
    typealias H = ManagementHarness
    var arm: ManagementHarness!

    override func setUpWithError() throws {
        arm = try ManagementHarness()
        try arm.createGroup()
    }

    static let deletedPath = "/subscriptions/\(H.subscription)/providers/Microsoft.KeyVault/locations/westus/deletedVaults/kv1"

    func testDeleteKeepsADeletedVaultUntilItsPurgeDate() throws {
        try arm.createVault("kv1", properties: ["softDeleteRetentionInDays": 7])
        XCTAssertEqual(try arm.send("DELETE", H.vaultPath("kv1")).status, 200)
        XCTAssertNil(arm.service.vault(named: "kv1"), "the data plane no longer sees it")
        XCTAssertEqual(arm.error("GET", H.vaultPath("kv1"))?.code, "ResourceNotFound")
        XCTAssertEqual(try arm.send("DELETE", H.vaultPath("kv1")).status, 204)

        let deleted = try arm.send("GET", Self.deletedPath)
        XCTAssertEqual(deleted.object["id"] as? String, Self.deletedPath)
        XCTAssertEqual(deleted.object["type"] as? String, "Microsoft.KeyVault/deletedVaults")
        XCTAssertEqual(deleted.properties["vaultId"] as? String, H.vaultPath("kv1").replacingOccurrences(of: "resourceGroups/rg1", with: "resourceGroups/rg1"))
        XCTAssertEqual(deleted.properties["deletionDate"] as? String, H.start.iso8601)
        XCTAssertEqual(deleted.properties["scheduledPurgeDate"] as? String, H.start.addingTimeInterval(7 * 86_400).iso8601)
        XCTAssertEqual(deleted.properties["purgeProtectionEnabled"] as? Bool, false)
        XCTAssertEqual(try arm.send("GET", "/subscriptions/\(H.subscription)/providers/Microsoft.KeyVault/deletedVaults").names, ["kv1"])
        XCTAssertEqual(arm.error("GET", Self.deletedPath.replacingOccurrences(of: "westus", with: "eastus"))?.code, "DeletedVaultNotFound")

        // The day before: still there. The purge date on the emulator clock: gone, keys with it.
        arm.clock.advance(by: 7 * 86_400 - 1)
        XCTAssertEqual(try arm.service.purgeExpiredVaults(now: arm.clock.now()), [])
        arm.clock.advance(by: 1)
        XCTAssertEqual(try arm.service.purgeExpiredVaults(now: arm.clock.now()), ["kv1"])
        XCTAssertEqual(arm.purged.all, ["kv1"])
        XCTAssertEqual(arm.error("GET", Self.deletedPath)?.code, "DeletedVaultNotFound")
        XCTAssertEqual(try arm.createVault("kv1").status, 201, "the name is free again")
    }

    func testNameConflictThenRecoverWithoutRoleAssignments() throws {
        try arm.createVault("kv1", properties: ["enableRbacAuthorization": true])
        try arm.send("PUT", H.vaultPath("kv1") + "/providers/Microsoft.Authorization/roleAssignments/8f4bc3f4-1b1a-4f76-9a1f-0a0b0c0d0e01",
                     ["properties": ["roleDefinitionId": BuiltInRoles.keyVaultCryptoUserId, "principalId": "11111111-1111-1111-1111-111111111111"]])
        try arm.send("DELETE", H.vaultPath("kv1"))
        let conflict = arm.error("PUT", H.vaultPath("kv1"), H.vaultBody())
        XCTAssertEqual(conflict?.kind, .conflict)
        XCTAssertEqual(conflict?.code, "ConflictError")
        try arm.createGroup("rg2")
        XCTAssertEqual(arm.error("PUT", H.vaultPath("kv1", rg: "rg2"), H.vaultBody(["createMode": "recover"]))?.code, "BadRequest",
                       "recovered into its own resource group only")

        let recovered = try arm.send("PUT", H.vaultPath("kv1"), H.vaultBody(["createMode": "recover"]))
        XCTAssertEqual(recovered.status, 200)
        XCTAssertEqual(recovered.properties["enableRbacAuthorization"] as? Bool, true)
        XCTAssertNotNil(arm.service.vault(named: "kv1"))
        XCTAssertEqual(arm.service.roleAssignments(forPrincipals: ["11111111-1111-1111-1111-111111111111"]), [])
        XCTAssertEqual(arm.purged.all, [], "the keys were never dropped")
        XCTAssertEqual(arm.error("PUT", H.vaultPath("kv1"), H.vaultBody(["createMode": "recover"]))?.code, "SoftDeletedVaultDoesNotExist")
    }

    func testPurgeAndPurgeProtection() throws {
        try arm.createVault("kv1")
        try arm.send("DELETE", H.vaultPath("kv1"))
        XCTAssertEqual(try arm.send("POST", Self.deletedPath + "/purge").status, 200)
        XCTAssertEqual(arm.purged.all, ["kv1"])
        XCTAssertEqual(arm.error("POST", Self.deletedPath + "/purge")?.code, "DeletedVaultNotFound")

        try arm.createVault("kv2", properties: ["enablePurgeProtection": true])
        try arm.send("DELETE", H.vaultPath("kv2"))
        let refused = arm.error("POST", Self.deletedPath.replacingOccurrences(of: "kv1", with: "kv2") + "/purge")
        XCTAssertEqual(refused, ServiceError(.methodNotAllowed, code: "MethodNotAllowed", message: "Operation 'DeletedVaultPurge' is not allowed."))
        XCTAssertEqual(refused?.message, "Operation 'DeletedVaultPurge' is not allowed.")
        arm.clock.advance(by: 90 * 86_400)
        XCTAssertEqual(try arm.service.purgeExpiredVaults(now: arm.clock.now()), ["kv2"], "the retention still ends")
    }

    func testWithoutSoftDeleteTheVaultGoesAtOnce() throws {
        try arm.createVault("kv1", properties: ["enableSoftDelete": false])
        try arm.send("DELETE", H.vaultPath("kv1"))
        XCTAssertEqual(arm.purged.all, ["kv1"])
        XCTAssertEqual(arm.error("GET", Self.deletedPath)?.code, "DeletedVaultNotFound")
        XCTAssertEqual(try arm.createVault("kv1").status, 201)
    }

    func testCheckNameAvailability() throws {
        let path = "/subscriptions/\(H.subscription)/providers/Microsoft.KeyVault/checkNameAvailability"
        func check(_ name: String) throws -> [String: Any] {
            try arm.send("POST", path, ["name": name, "type": "Microsoft.KeyVault/vaults"]).object
        }
        XCTAssertEqual(try check("kv1")["nameAvailable"] as? Bool, true)
        try arm.createVault("kv1")
        XCTAssertEqual(try check("KV1")["reason"] as? String, "AlreadyExists")
        try arm.send("DELETE", H.vaultPath("kv1"))
        XCTAssertEqual(try check("kv1")["message"] as? String, ServiceError.conflictError().message)
        XCTAssertEqual(try check("9kv")["reason"] as? String, "AccountNameInvalid")
        XCTAssertEqual(arm.error("POST", path, ["name": "kv1", "type": "Microsoft.Storage/storageAccounts"])?.code, "BadRequest")
    }
}
