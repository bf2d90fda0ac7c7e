// DomainTests: soft delete — delete, get/list deleted, recover, purge, reuse conflicts, purge protection, scheduled purge.

import Foundation
import ServiceCore
import VaultCrypto
import XCTest
@testable import KeyVault

final class KeyVaultDeletionTests: XCTestCase {
    private func vault(retention: Int, protection: Bool = false) -> VaultInfo {
        VaultInfo(name: "kv1", resourceId: KeyVaultHarness.standardVault.resourceId, location: "westeurope",
                  tenantId: KeyVaultHarness.standardVault.tenantId, sku: "standard", softDeleteRetentionDays: retention,
                  purgeProtection: protection)
    }

    func testDeleteAnswersADeletedKeyBundleAndTheKeyMovesToDeletedKeys() throws {
        let harness = try KeyVaultHarness()
        let created = try harness.create("MyKey", ["kty": "RSA", "tags": ["a": "b"]])
        let deleted = try harness.json("DELETE", "/keys/mykey")
        XCTAssertEqual(keys(deleted), ["recoveryId", "deletedDate", "scheduledPurgeDate", "key", "attributes", "tags"])
        XCTAssertEqual(deleted["recoveryId"] as? String, "https://kv1.vault.localhost:8443/deletedkeys/MyKey")   // first casing, request host
        XCTAssertEqual((deleted["deletedDate"] as? NSNumber)?.int64Value, KeyVaultHarness.start)
        XCTAssertEqual((deleted["scheduledPurgeDate"] as? NSNumber)?.int64Value, KeyVaultHarness.start + 90 * 86_400)
        XCTAssertEqual(try object(deleted["key"])["kid"] as? String, try object(created["key"])["kid"] as? String)
        XCTAssertEqual(deleted["tags"] as? [String: String], ["a": "b"])

        // Gone from /keys at once, present under /deletedkeys at once (what the SDK's pollers see).
        XCTAssertEqual(harness.error("GET", "/keys/MyKey")?.code, "KeyNotFound")
        XCTAssertEqual((try harness.json("GET", "/keys")["value"] as? [Any])?.count, 0)
        XCTAssertEqual(harness.error("POST", "/keys/MyKey/sign", ["alg": "RS256", "value": b64(Data(count: 32))])?.code, "KeyNotFound")
        let fetched = try harness.json("GET", "/deletedkeys/MYKEY")
        XCTAssertEqual(fetched["recoveryId"] as? String, deleted["recoveryId"] as? String)
        XCTAssertEqual(try object(fetched["key"])["n"] as? String, try object(created["key"])["n"] as? String)

        // The name cannot be reused while deleted (observed message).
        let conflict = harness.error("POST", "/keys/mykey/create", ["kty": "EC"])
        XCTAssertEqual(conflict?.kind, .conflict)
        XCTAssertEqual(conflict?.code, "Conflict")
        XCTAssertEqual(conflict?.innerCode, "ObjectIsDeletedButRecoverable")
        XCTAssertEqual(conflict?.message, "Key mykey is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the key can only be recovered or purged.")
        XCTAssertEqual(harness.error("DELETE", "/keys/MyKey")?.code, "KeyNotFound")
    }

    func testRecoverBringsBackEveryVersion() throws {
        let harness = try KeyVaultHarness()
        let first = try object(try harness.create("k1", ["kty": "EC"])["key"])
        harness.clock.advance(by: 5)
        let second = try object(try harness.create("k1", ["kty": "EC"])["key"])
        try harness.json("DELETE", "/keys/k1")
        let recovered = try harness.json("POST", "/deletedkeys/k1/recover")
        XCTAssertEqual(keys(recovered), ["key", "attributes"])
        XCTAssertEqual(try object(recovered["key"])["kid"] as? String, second["kid"] as? String)
        let versions = try XCTUnwrap(try harness.json("GET", "/keys/k1/versions")["value"] as? [[String: Any]])
        XCTAssertEqual(Set(versions.compactMap { $0["kid"] as? String }), Set([first, second].compactMap { $0["kid"] as? String }))
        let digest = b64(HashAlgorithm.sha256.hash(Data("m".utf8)))
        XCTAssertNotNil(try harness.json("POST", "/keys/k1/sign", ["alg": "ES256", "value": digest])["value"])
        XCTAssertEqual(harness.error("GET", "/deletedkeys/k1")?.message, "Deleted Key not found: k1")
        XCTAssertEqual(harness.error("POST", "/deletedkeys/k1/recover")?.message, "Deleted Key not found: k1")
    }

    func testPurgeRemovesTheKeyForGoodAndFreesTheName() throws {
        let harness = try KeyVaultHarness()
        try harness.create("k1", ["kty": "EC"])
        XCTAssertEqual(harness.error("DELETE", "/deletedkeys/k1")?.message, "Deleted Key not found: k1")   // active, not deleted
        try harness.json("DELETE", "/keys/k1")
        let purged = try harness.send("DELETE", "/deletedkeys/k1")
        XCTAssertEqual(purged.status, 204)
        XCTAssertNil(purged.body)
        XCTAssertEqual(harness.error("GET", "/deletedkeys/k1")?.code, "KeyNotFound")
        XCTAssertEqual(try harness.database.query("SELECT COUNT(*) AS n FROM key_versions").first?.int("n"), 0)
        XCTAssertNoThrow(try harness.create("K1", ["kty": "EC"]))                // a purged name is free, new casing taken
        XCTAssertTrue((try object(try harness.json("GET", "/keys/k1")["key"])["kid"] as? String ?? "").contains("/keys/K1/"))
    }

    func testPurgeProtectionRefusesPurgeWithTheServiceMessage() throws {
        let harness = try KeyVaultHarness(vault: vault(retention: 7, protection: true))
        try harness.create("k1", ["kty": "EC"])
        let deleted = try harness.json("DELETE", "/keys/k1")
        XCTAssertEqual((deleted["scheduledPurgeDate"] as? NSNumber)?.int64Value, KeyVaultHarness.start + 7 * 86_400)
        XCTAssertEqual(try object(deleted["attributes"])["recoveryLevel"] as? String, "CustomizedRecoverable")
        let refused = harness.error("DELETE", "/deletedkeys/k1")
        XCTAssertEqual(refused?.kind, .forbidden)
        XCTAssertEqual(refused?.code, "Forbidden")
        XCTAssertNil(refused?.innerCode)
        XCTAssertEqual(refused?.message, "Operation \"purge\" is not allowed because purge protection is enabled for this vault. Key Vault service will automatically purge it after the retention period has passed.\r\nVault: kv1;location=westeurope")
        XCTAssertNotNil(try harness.json("GET", "/deletedkeys/k1")["recoveryId"])

        // The scheduled purge still happens, by the emulator clock.
        harness.clock.advance(by: 7 * 86_400 - 1)
        XCTAssertNotNil(try harness.json("GET", "/deletedkeys/k1")["recoveryId"])
        harness.clock.advance(by: 1)
        XCTAssertEqual(harness.error("GET", "/deletedkeys/k1")?.code, "KeyNotFound")
        XCTAssertEqual(try harness.database.query("SELECT COUNT(*) AS n FROM keys").first?.int("n"), 0)
        XCTAssertNoThrow(try harness.create("k1", ["kty": "EC"]))
    }

    func testScheduledPurgeFreesTheNameForCreate() throws {
        let harness = try KeyVaultHarness(vault: vault(retention: 7))
        try harness.create("k1", ["kty": "EC"])
        try harness.json("DELETE", "/keys/k1")
        harness.clock.advance(by: 6 * 86_400)
        XCTAssertEqual(harness.error("POST", "/keys/k1/create", ["kty": "EC"])?.kind, .conflict)
        harness.clock.advance(by: 86_400)
        XCTAssertNoThrow(try harness.create("k1", ["kty": "EC"]))
    }

    func testWithoutSoftDeleteDeleteRemovesAtOnceAndHasNoRecoveryMembers() throws {
        let harness = try KeyVaultHarness(vault: vault(retention: 0))
        try harness.create("k1", ["kty": "EC"])
        let deleted = try harness.json("DELETE", "/keys/k1")
        XCTAssertEqual(keys(deleted), ["key", "attributes"])
        XCTAssertEqual(try object(deleted["attributes"])["recoveryLevel"] as? String, "Purgeable")
        XCTAssertEqual(harness.error("GET", "/deletedkeys/k1")?.code, "KeyNotFound")
        XCTAssertEqual(try harness.database.query("SELECT COUNT(*) AS n FROM keys").first?.int("n"), 0)
        XCTAssertNoThrow(try harness.create("k1", ["kty": "EC"]))
    }

    /// Reads write nothing: the database generation (which empties the read caches of vaults and
    /// RBAC when it moves) stays where it was.
    func testReadsLeaveTheDatabaseGenerationAlone() throws {
        let harness = try KeyVaultHarness()
        try harness.create("k1", ["kty": "EC"])
        try harness.create("k2", ["kty": "EC"])
        try harness.json("DELETE", "/keys/k2")
        let generation = harness.database.generation
        try harness.json("GET", "/keys/k1")
        try harness.json("GET", "/keys/k1/versions")
        try harness.json("GET", "/deletedkeys/k2")
        try harness.json("GET", "/deletedkeys")
        try harness.json("GET", "/keys/k1/rotationpolicy")
        XCTAssertEqual(harness.database.generation, generation)
    }

    func testDeletedKeysListPagesEveryDeletedKeyOnceAndOnlyThem() throws {
        let harness = try KeyVaultHarness()
        let names = (0..<12).map { String(format: "d%02d", $0) }
        for name in names { try harness.create(name, ["kty": "EC"]) }
        try harness.create("active", ["kty": "EC"])
        for name in names { try harness.json("DELETE", "/keys/\(name)") }
        var seen: [String] = []
        var query = ["maxresults": "5"]
        var pages = 0
        while true {
            let page = try harness.json("GET", "/deletedkeys", query: query)
            pages += 1
            let items = try XCTUnwrap(page["value"] as? [[String: Any]])
            for item in items {
                XCTAssertEqual(keys(item), ["recoveryId", "deletedDate", "scheduledPurgeDate", "kid", "attributes"])
                seen.append(String((item["kid"] as? String ?? "").split(separator: "/").last ?? ""))
            }
            guard let next = page["nextLink"] as? String else { break }
            XCTAssertTrue(next.hasPrefix("https://kv1.vault.localhost:8443/deletedkeys?api-version=7.6&$skiptoken="), next)
            let token = try XCTUnwrap(URLComponents(string: next)?.queryItems?.first { $0.name == "$skiptoken" }?.value)
            query = ["maxresults": "5", "$skiptoken": token]
            if pages == 1 { try harness.create("d00a", ["kty": "EC"]); try harness.json("DELETE", "/keys/d00a") }   // behind the cursor
        }
        XCTAssertEqual(seen, names)
        XCTAssertEqual(pages, 3)
    }
}
