// DomainTests: every ARM validation error of the vault operations, with code, status and message.

import Foundation
import XCTest
import ServiceCore
@testable import Management

final class ManagementVaultValidationTests: XCTestCase {
    typealias H = ManagementHarness
    var arm: ManagementHarness!

    override func setUpWithError() throws {
        arm = try ManagementHarness()
        try arm.createGroup()
    }

    override func tearDown() { arm = nil }

    func put(_ name: String = "kv1", _ properties: [String: Any] = [:]) -> ServiceError? {
        arm.error("PUT", H.vaultPath(name), H.vaultBody(properties))
    }

    func testVaultNameRule() throws {
        for bad in ["ab", String(repeating: "a", count: 25), "1abc", "-abc", "abc-", "a--bc", "ab_c", "abc.d", "kv\u{e9}1"] {
            let error = put(bad)
            XCTAssertEqual(error, ServiceError(.badRequest, code: "VaultNameNotValid", message: ""), bad)
        }
        XCTAssertEqual(put("ab")?.message, "The vault name 'ab' is invalid. A vault's name must be between 3-24 alphanumeric characters. The name must begin with a letter, end with a letter or digit, and not contain consecutive hyphens.")
        for good in ["abc", String(repeating: "a", count: 24), "a-b-c-1", "Kv9"] {
            XCTAssertEqual(try arm.createVault(good).status, 201, good)
        }
    }

    func testRequiredProperties() {
        let noLocation = arm.error("PUT", H.vaultPath("kv1"), ["properties": ["tenantId": H.tenant, "sku": ["name": "standard"]]])
        XCTAssertEqual(noLocation, ServiceError(.badRequest, code: "BadRequest", message: ""))
        XCTAssertEqual(noLocation?.message, "The property 'location' is required.")
        XCTAssertEqual(arm.error("PUT", H.vaultPath("kv1"), ["location": "westus"])?.message, "The property 'properties' is required.")
        XCTAssertEqual(arm.error("PUT", H.vaultPath("kv1"), ["location": "westus", "properties": ["sku": ["name": "standard"]]])?.message,
                       "The property 'tenantId' is required.")
        XCTAssertEqual(arm.error("PUT", H.vaultPath("kv1"), ["location": "westus", "properties": ["tenantId": H.tenant]])?.message,
                       "The property 'sku' is required.")
    }

    func testPropertyValues() {
        XCTAssertEqual(put("kv1", ["tenantId": "not-a-guid"])?.message, "The tenant ID 'not-a-guid' is not a valid GUID.")
        XCTAssertEqual(put("kv1", ["sku": ["family": "A", "name": "basic"]])?.message,
                       "The SKU name 'basic' is invalid. Valid values are 'standard' and 'premium'.")
        XCTAssertEqual(put("kv1", ["sku": ["family": "B", "name": "standard"]])?.code, "BadRequest")
        for days in [6, 91] {
            XCTAssertEqual(put("kv1", ["softDeleteRetentionInDays": days])?.message,
                           "The property \"softDeleteRetentionInDays\" must be between 7 and 90, but was \(days).")
        }
        XCTAssertEqual(put("kv1", ["publicNetworkAccess": "Sometimes"])?.message,
                       "The value 'Sometimes' of property \"publicNetworkAccess\" is invalid. Valid values are 'Enabled' and 'Disabled'.")
        XCTAssertEqual(put("kv1", ["networkAcls": ["defaultAction": "Block"]])?.code, "BadRequest")
        XCTAssertEqual(put("kv1", ["networkAcls": ["ipRules": [["value": "300.1.1.1"]]]])?.message,
                       "The IP rule '300.1.1.1' is not a valid IPv4 address or CIDR range.")
        XCTAssertEqual(put("kv1", ["accessPolicies": [["tenantId": H.tenant, "objectId": "x", "permissions": [:]]]])?.code, "BadRequest")
        let purge = put("kv1", ["enablePurgeProtection": false])
        XCTAssertEqual(purge, ServiceError(.badRequest, code: "BadRequest", message: ""))
        XCTAssertEqual(purge?.message, "The property \"enablePurgeProtection\" cannot be set to false. Enabling the purge protection for a vault is an irreversible action.")
        XCTAssertEqual(put("kv1", ["createMode": "recover"])?.code, "SoftDeletedVaultDoesNotExist", "nothing to recover")
        XCTAssertNil(arm.service.vault(named: "kv1"), "nothing was stored")
    }

    func testIrreversibleSettingsOnUpdate() throws {
        try arm.createVault("kv1", properties: ["enablePurgeProtection": true])
        XCTAssertEqual(arm.error("PATCH", H.vaultPath("kv1"), ["properties": ["enablePurgeProtection": false]])?.code, "BadRequest")
        XCTAssertEqual(arm.error("PATCH", H.vaultPath("kv1"), ["properties": ["softDeleteRetentionInDays": 30]])?.code, "BadRequest")
        XCTAssertEqual(try arm.send("PATCH", H.vaultPath("kv1"), ["properties": ["softDeleteRetentionInDays": 90]]).status, 200)
        XCTAssertEqual(arm.service.vault(named: "kv1")?.purgeProtection, true)
    }

    func testMalformedBody() {
        let error = arm.error("PUT", H.vaultPath("kv1"), "{\"location\": ")
        XCTAssertEqual(error, ServiceError(.badRequest, code: "InvalidRequestContent", message: ""))
        XCTAssertEqual(error?.message, "The request content was invalid and could not be deserialized: 'The request body is not valid JSON.'.")
        XCTAssertEqual(arm.error("PUT", H.vaultPath("kv1"), ["location": "westus", "tags": ["a": 1]])?.code, "InvalidRequestContent")
        XCTAssertEqual(arm.error("PUT", H.vaultPath("kv1"), "")?.code, "InvalidRequestContent")
        XCTAssertEqual(arm.error("PATCH", H.vaultPath("kv1"), "[]")?.code, "ResourceNotFound", "the vault is looked up first")
    }

    func testMissingResourceGroupVaultAndSubscription() {
        let group = arm.error("PUT", H.vaultPath("kv1", rg: "nope"), H.vaultBody())
        XCTAssertEqual(group, ServiceError(.notFound, code: "ResourceGroupNotFound", message: ""))
        XCTAssertEqual(group?.message, "Resource group 'nope' could not be found.")
        let vault = arm.error("GET", H.vaultPath("missing"))
        XCTAssertEqual(vault, ServiceError(.notFound, code: "ResourceNotFound", message: ""))
        XCTAssertEqual(vault?.message, "The Resource 'Microsoft.KeyVault/vaults/missing' under resource group 'rg1' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix")
        XCTAssertEqual(arm.error("PATCH", H.vaultPath("missing"), ["properties": [:]])?.code, "ResourceNotFound")
        let unknown = "11112222-3333-4444-5555-666677778888"
        let subscription = arm.error("PUT", H.vaultPath("kv1", subscription: unknown), H.vaultBody())
        XCTAssertEqual(subscription, ServiceError(.notFound, code: "SubscriptionNotFound", message: ""))
        XCTAssertEqual(subscription?.message, "The subscription '\(unknown)' could not be found.")
        XCTAssertEqual(arm.error("GET", "/subscriptions/\(unknown)/providers/Microsoft.KeyVault/vaults")?.code, "SubscriptionNotFound")
    }

    func testVaultNamesAreGloballyUnique() throws {
        try arm.createVault("kv1")
        try arm.createGroup("rg2")
        try arm.createGroup("rg1", subscription: H.otherSubscription)
        let otherGroup = arm.error("PUT", H.vaultPath("KV1", rg: "rg2"), H.vaultBody())
        XCTAssertEqual(otherGroup, ServiceError(.conflict, code: "VaultAlreadyExists", message: ""))
        XCTAssertTrue(otherGroup?.message.hasPrefix("The vault name 'KV1' is already in use.") ?? false)
        XCTAssertEqual(arm.error("PUT", H.vaultPath("kv1", subscription: H.otherSubscription), H.vaultBody())?.code, "VaultAlreadyExists")
        XCTAssertEqual(arm.error("GET", H.vaultPath("kv1", rg: "rg2"))?.code, "ResourceNotFound", "a vault is found in its own group only")
        XCTAssertEqual(arm.error("PUT", H.vaultPath("kv1"), H.vaultBody(location: "eastus"))?.code, "InvalidResourceLocation")
    }
}
