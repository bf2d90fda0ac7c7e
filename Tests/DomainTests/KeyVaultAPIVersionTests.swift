// DomainTests: attribute members gated by api-version (recoverableDays 7.1+, exportable 7.3+, hsmPlatform 7.5+).

import Foundation
import ServiceCore
import XCTest
@testable import KeyVault

final class KeyVaultAPIVersionTests: XCTestCase {
    private func attributes(_ harness: KeyVaultHarness, _ path: String, apiVersion: String) throws -> [String: Any] {
        let response = try harness.send("GET", path, apiVersion: apiVersion)
        let body = try XCTUnwrap(try JSONSerialization.jsonObject(with: response.body ?? Data()) as? [String: Any])
        return try object(body["attributes"])
    }

    func testAttributeMembersFollowTheRequestsVersion() throws {
        let premium = VaultInfo(name: "kvp", resourceId: KeyVaultHarness.standardVault.resourceId, location: "westeurope",
                                tenantId: KeyVaultHarness.standardVault.tenantId, sku: "premium", softDeleteRetentionDays: 90, purgeProtection: false)
        let harness = try KeyVaultHarness(vault: premium)
        try harness.create("soft", ["kty": "EC"])
        try harness.create("hard", ["kty": "EC-HSM"])
        let base: Set<String> = ["enabled", "created", "updated", "recoveryLevel"]
        XCTAssertEqual(keys(try attributes(harness, "/keys/soft", apiVersion: "7.0")), base)
        XCTAssertEqual(keys(try attributes(harness, "/keys/soft", apiVersion: "2016-10-01")), base)
        XCTAssertEqual(keys(try attributes(harness, "/keys/soft", apiVersion: "7.2")), base.union(["recoverableDays"]))
        XCTAssertEqual(keys(try attributes(harness, "/keys/soft", apiVersion: "7.3")), base.union(["recoverableDays", "exportable"]))
        XCTAssertEqual(keys(try attributes(harness, "/keys/hard", apiVersion: "7.4")), base.union(["recoverableDays", "exportable"]))
        for version in ["7.5", "7.6", "2025-07-01"] {
            XCTAssertEqual(keys(try attributes(harness, "/keys/soft", apiVersion: version)), base.union(["recoverableDays", "exportable"]), version)
            let hard = try attributes(harness, "/keys/hard", apiVersion: version)
            XCTAssertEqual(keys(hard), base.union(["recoverableDays", "exportable", "hsmPlatform"]), version)
            XCTAssertEqual(hard["hsmPlatform"] as? String, "2")
        }
        // Exportable keys need 7.3 even on a premium vault.
        let body = try JSONSerialization.data(withJSONObject: ["kty": "RSA-HSM", "attributes": ["exportable": true]])
        XCTAssertThrowsError(try harness.send("POST", "/keys/x/create", body: body, apiVersion: "7.2")) { error in
            XCTAssertEqual((error as? ServiceError)?.message,
                           "AKV.SKR.1001: The exportable attribute is only supported with premium vaults and API version >= '7.3-preview'.")
        }
        XCTAssertEqual(harness.error("POST", "/keys/x/create", ["kty": "RSA-HSM", "attributes": ["exportable": true]])?.message,
                       "Exportable keys must have release policy")
    }

    func testFeaturesOrderTheVersions() {
        XCTAssertTrue(APIVersionFeatures("2025-07-01").atLeast("7.6"))
        XCTAssertFalse(APIVersionFeatures("7.6").atLeast("2025-07-01"))
        XCTAssertFalse(APIVersionFeatures("2016-10-01").atLeast("7.0"))
        XCTAssertTrue(APIVersionFeatures(nil).hasKeyAttestation)                     // no version: the newest
        XCTAssertFalse(APIVersionFeatures("7.6").atLeast("8.0"))
    }
}
