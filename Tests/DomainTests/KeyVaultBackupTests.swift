// DomainTests: backup and restore — an opaque sealed blob, restore into another vault, conflicts, tampering, subscription binding.

import Foundation
import ServiceCore
import VaultCrypto
import XCTest
@testable import KeyVault

final class KeyVaultBackupTests: XCTestCase {
    private static func vault(_ name: String, subscription: String = "00000000-0000-0000-0000-000000000001", sku: String = "standard") -> VaultInfo {
        VaultInfo(name: name, resourceId: "/subscriptions/\(subscription)/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults/\(name)",
                  location: "westeurope", tenantId: KeyVaultHarness.standardVault.tenantId, sku: sku,
                  softDeleteRetentionDays: 90, purgeProtection: false)
    }

    private func backup(_ harness: KeyVaultHarness, _ name: String) throws -> String {
        let result = try harness.json("POST", "/keys/\(name)/backup")
        XCTAssertEqual(keys(result), ["value"])
        let value = try XCTUnwrap(result["value"] as? String)
        XCTAssertFalse(value.contains("="))
        return value
    }

    func testRestoreIntoAnotherVaultKeepsNameVersionsAttributesTagsAndPolicy() throws {
        let harness = try KeyVaultHarness()
        let first = try object(try harness.create("Payroll", ["kty": "RSA", "tags": ["v": "1"], "key_ops": ["sign", "verify"]])["key"])
        harness.clock.advance(by: 60)
        let second = try harness.create("payroll", ["kty": "RSA", "attributes": ["exp": KeyVaultHarness.start + 86_400 * 365], "tags": ["v": "2"]])
        try harness.json("PUT", "/keys/payroll/rotationpolicy", ["lifetimeActions": [["trigger": ["timeAfterCreate": "P90D"], "action": ["type": "Rotate"]]]])
        let blob = try backup(harness, "PAYROLL")

        // Opaque: no private key material in clear, not even base64url-encoded.
        let bytes = try XCTUnwrap(Base64URL.decode(blob))
        XCTAssertTrue(bytes.starts(with: Data("KVEMU-KEY-BACKUP-V1\n".utf8)))
        let der = try XCTUnwrap(try harness.database.query("SELECT private_key FROM key_versions LIMIT 1").first?.data("private_key"))
        XCTAssertNil(bytes.range(of: der.subdata(in: 100..<140)))

        harness.vault = Self.vault("kv2")
        let restored = try harness.json("POST", "/keys/restore", ["value": blob])
        let restoredKey = try object(restored["key"])
        let secondKey = try object(second["key"])
        let secondVersion = String((secondKey["kid"] as? String ?? "").split(separator: "/").last!)
        XCTAssertEqual(restoredKey["kid"] as? String, "https://kv1.vault.localhost:8443/keys/Payroll/\(secondVersion)")   // origin of the request
        XCTAssertEqual(restoredKey["n"] as? String, secondKey["n"] as? String)
        XCTAssertEqual(restored["tags"] as? [String: String], ["v": "2"])
        let attributes = try object(restored["attributes"])
        XCTAssertEqual((attributes["created"] as? NSNumber)?.int64Value, KeyVaultHarness.start + 60)
        XCTAssertEqual((attributes["exp"] as? NSNumber)?.int64Value, KeyVaultHarness.start + 86_400 * 365)

        let versions = try XCTUnwrap(try harness.json("GET", "/keys/payroll/versions")["value"] as? [[String: Any]])
        XCTAssertEqual(versions.count, 2)
        let old = try object(try harness.json("GET", "/keys/payroll/\(String((first["kid"] as? String ?? "").split(separator: "/").last!))")["key"])
        XCTAssertEqual(old["n"] as? String, first["n"] as? String)
        XCTAssertEqual(old["key_ops"] as? [String], ["sign", "verify"])
        XCTAssertEqual(try harness.json("GET", "/keys/payroll/rotationpolicy")["lifetimeActions"].map { ($0 as? [Any])?.count }, 2)

        // The restored key works: it signs, and the original vault's key verifies the signature.
        let digest = b64(HashAlgorithm.sha256.hash(Data("m".utf8)))
        let signature = try XCTUnwrap(try harness.json("POST", "/keys/payroll/sign", ["alg": "RS256", "value": digest])["value"])
        harness.vault = KeyVaultHarness.standardVault
        XCTAssertEqual(try harness.json("POST", "/keys/payroll/verify", ["alg": "RS256", "digest": digest, "value": signature])["value"] as? Bool, true)
    }

    func testRestoreConflictsWithAnActiveOrDeletedName() throws {
        let harness = try KeyVaultHarness()
        try harness.create("k1", ["kty": "EC"])
        let blob = try backup(harness, "k1")
        let active = harness.error("POST", "/keys/restore", ["value": blob])
        XCTAssertEqual(active?.kind, .conflict)
        XCTAssertEqual(active?.code, "Conflict")
        try harness.json("DELETE", "/keys/k1")
        let deleted = harness.error("POST", "/keys/restore", ["value": blob])
        XCTAssertEqual(deleted?.innerCode, "ObjectIsDeletedButRecoverable")
        XCTAssertEqual(try harness.send("DELETE", "/deletedkeys/k1").status, 204)
        XCTAssertNotNil(try harness.json("POST", "/keys/restore", ["value": blob])["key"])       // purged: the name is free
        XCTAssertEqual(harness.error("POST", "/keys/missing/backup")?.code, "KeyNotFound")
    }

    func testAlteredForeignOrMalformedBlobsAreBadParameterAndWriteNothing() throws {
        let harness = try KeyVaultHarness()
        try harness.create("k1", ["kty": "EC"])
        let blob = try XCTUnwrap(Base64URL.decode(try backup(harness, "k1")))
        try harness.json("DELETE", "/keys/k1")
        _ = try harness.send("DELETE", "/deletedkeys/k1")

        var flipped = blob
        flipped[blob.count - 3] ^= 0x01
        let invalid = "The backup blob is invalid or corrupted: it was not produced by this emulator's backup operation, or it was altered."
        for value in [b64(flipped), b64(blob.prefix(40)), b64(Data("not a backup".utf8)), ""] {
            let error = harness.error("POST", "/keys/restore", ["value": value])
            XCTAssertEqual(error?.code, "BadParameter")
            XCTAssertEqual(error?.message, invalid)
        }
        XCTAssertEqual(harness.error("POST", "/keys/restore", ["value": "***"])?.code, "BadParameter")
        XCTAssertEqual(harness.error("POST", "/keys/restore", [:])?.code, "BadParameter")

        // Another subscription: refused even though the blob is intact.
        harness.vault = Self.vault("kv3", subscription: "00000000-0000-0000-0000-0000000000ff")
        XCTAssertEqual(harness.error("POST", "/keys/restore", ["value": b64(blob)])?.message,
                       "The backup blob was made in another subscription; a key backup can only be restored into a vault of the same subscription.")
        // Relabelling the subscription in the header breaks the seal.
        var relabelled = blob
        let subscriptionStart = BackupBlob.magic.count + 1
        relabelled.replaceSubrange(subscriptionStart..<(subscriptionStart + 36), with: Data("00000000-0000-0000-0000-0000000000ff".utf8))
        XCTAssertEqual(harness.error("POST", "/keys/restore", ["value": b64(relabelled)])?.message, invalid)

        // Another data directory has another backup key.
        let other = try KeyVaultHarness()
        XCTAssertEqual(other.error("POST", "/keys/restore", ["value": b64(blob)])?.message, invalid)
        XCTAssertEqual(try harness.database.query("SELECT COUNT(*) AS n FROM keys").first?.int("n"), 0)
    }

    func testTheBackupKeyIsMadeOnceAndHSMKeysNeedAPremiumTarget() throws {
        let harness = try KeyVaultHarness(vault: Self.vault("kvp", sku: "premium"))
        try harness.create("h1", ["kty": "RSA-HSM"])
        let blob = try backup(harness, "h1")
        _ = try backup(harness, "h1")
        XCTAssertEqual(try harness.database.query("SELECT COUNT(*) AS n FROM keyvault_backup_key").first?.int("n"), 1)
        harness.vault = Self.vault("kvs")
        XCTAssertEqual(harness.error("POST", "/keys/restore", ["value": blob])?.message,
                       "The key type 'RSA-HSM' requires a premium vault; vault 'kvs' uses the standard tier.")
        harness.vault = Self.vault("kvp2", sku: "premium")
        XCTAssertEqual(try object(try harness.json("POST", "/keys/restore", ["value": blob])["key"])["kty"] as? String, "RSA-HSM")
    }
}
