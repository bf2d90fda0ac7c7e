// DomainTests: create key — wire shape, defaults, key types, and every rejected parameter.

import Foundation
import ServiceCore
import VaultCrypto
import XCTest
@testable import KeyVault

final class KeyVaultCreateTests: XCTestCase {
    func testDefaultRSAKeyBundleHasExactlyTheAzureFields() throws {
        let harness = try KeyVaultHarness()
        let bundle = try harness.create("k1")
        XCTAssertEqual(keys(bundle), ["key", "attributes"])          // no tags when none were set

        let key = try object(bundle["key"])
        XCTAssertEqual(keys(key), ["kid", "kty", "key_ops", "n", "e"])   // public parts only
        XCTAssertEqual(key["kty"] as? String, "RSA")
        XCTAssertEqual(key["key_ops"] as? [String], ["encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"])
        XCTAssertEqual(key["e"] as? String, "AQAB")
        let n = try unb64(key["n"])
        XCTAssertEqual(n.count, 256)                                     // 2048 bits, no leading zero byte
        XCTAssertGreaterThanOrEqual(n.first ?? 0, 0x80)
        XCTAssertFalse((key["n"] as? String ?? "").contains("="))

        let kid = try XCTUnwrap(key["kid"] as? String)
        let prefix = "https://kv1.vault.localhost:8443/keys/k1/"
        XCTAssertTrue(kid.hasPrefix(prefix), kid)
        let version = String(kid.dropFirst(prefix.count))
        XCTAssertEqual(version.count, 32)
        XCTAssertTrue(version.allSatisfy { "0123456789abcdef".contains($0) }, version)

        let attributes = try object(bundle["attributes"])
        XCTAssertEqual(keys(attributes), ["enabled", "created", "updated", "recoveryLevel", "recoverableDays", "exportable"])
        XCTAssertEqual(attributes["enabled"] as? Bool, true)
        XCTAssertEqual(attributes["exportable"] as? Bool, false)                 // 7.3+ writes it on every key
        XCTAssertEqual((attributes["created"] as? NSNumber)?.int64Value, KeyVaultHarness.start)
        XCTAssertEqual((attributes["updated"] as? NSNumber)?.int64Value, KeyVaultHarness.start)
        XCTAssertEqual(attributes["recoveryLevel"] as? String, "Recoverable+Purgeable")
        XCTAssertEqual(attributes["recoverableDays"] as? Int, 90)
    }

    func testCreateWithAttributesOpsAndTagsEchoesThem() throws {
        let harness = try KeyVaultHarness()
        let bundle = try harness.create("k1", [
            "kty": "RSA", "key_size": 2048, "public_exponent": 65537, "key_ops": ["wrapKey", "unwrapKey", "wrapKey"],
            "attributes": ["enabled": false, "nbf": 1_700_000_000, "exp": 1_893_456_000], "tags": ["a": "b", "env": "test"],
        ])
        XCTAssertEqual(keys(bundle), ["key", "attributes", "tags"])
        XCTAssertEqual(bundle["tags"] as? [String: String], ["a": "b", "env": "test"])
        XCTAssertEqual(try object(bundle["key"])["key_ops"] as? [String], ["wrapKey", "unwrapKey"])   // repeats dropped
        let attributes = try object(bundle["attributes"])
        XCTAssertEqual(keys(attributes), ["enabled", "nbf", "exp", "created", "updated", "recoveryLevel", "recoverableDays", "exportable"])
        XCTAssertEqual(attributes["enabled"] as? Bool, false)
        XCTAssertEqual((attributes["nbf"] as? NSNumber)?.int64Value, 1_700_000_000)
        XCTAssertEqual((attributes["exp"] as? NSNumber)?.int64Value, 1_893_456_000)
    }

    func testLargerRSASizes() throws {
        let harness = try KeyVaultHarness()
        let key = try object(try harness.create("k3072", ["kty": "RSA", "key_size": 3072])["key"])
        XCTAssertEqual(try unb64(key["n"]).count, 384)
    }

    func testRSAHSMNeedsAPremiumVault() throws {
        let standard = try KeyVaultHarness()
        let error = standard.error("POST", "/keys/h1/create", ["kty": "RSA-HSM"])
        XCTAssertEqual(error, ServiceError.badParameter(""))
        XCTAssertEqual(error?.message, "The key type 'RSA-HSM' requires a premium vault; vault 'kv1' uses the standard tier.")

        let premiumVault = VaultInfo(name: "kv2", resourceId: "/x/kv2", location: "westeurope", tenantId: "t", sku: "Premium",
                                     softDeleteRetentionDays: 30, purgeProtection: true)
        let premium = try KeyVaultHarness(vault: premiumVault)
        let bundle = try premium.create("h1", ["kty": "RSA-HSM"])
        XCTAssertEqual(try object(bundle["key"])["kty"] as? String, "RSA-HSM")
        XCTAssertEqual(try object(bundle["attributes"])["recoveryLevel"] as? String, "CustomizedRecoverable")
        XCTAssertEqual(try object(bundle["attributes"])["recoverableDays"] as? Int, 30)
    }

    func testECKeysOnEveryCurve() throws {
        let harness = try KeyVaultHarness()
        let defaultKey = try object(try harness.create("e0", ["kty": "EC"])["key"])
        XCTAssertEqual(keys(defaultKey), ["kid", "kty", "key_ops", "crv", "x", "y"])
        XCTAssertEqual(defaultKey["crv"] as? String, "P-256")
        XCTAssertEqual(defaultKey["key_ops"] as? [String], ["sign", "verify"])
        for (curve, width) in [("P-256", 32), ("P-384", 48), ("P-521", 66), ("P-256K", 32)] {
            let key = try object(try harness.create("e-\(curve)", ["kty": "EC", "crv": curve])["key"])
            XCTAssertEqual(key["crv"] as? String, curve)
            XCTAssertEqual(try unb64(key["x"]).count, width, curve)
            XCTAssertEqual(try unb64(key["y"]).count, width, curve)
        }
        XCTAssertEqual(harness.error("POST", "/keys/e9/create", ["kty": "EC-HSM"])?.message,
                       "The key type 'EC-HSM' requires a premium vault; vault 'kv1' uses the standard tier.")
    }

    func testRecoveryLevelFollowsTheVaultSettings() {
        func info(_ days: Int, _ protection: Bool) -> VaultInfo {
            VaultInfo(name: "v", resourceId: "/v", location: "l", tenantId: "t", sku: "standard", softDeleteRetentionDays: days, purgeProtection: protection)
        }
        XCTAssertEqual(info(90, false).recoveryLevel, "Recoverable+Purgeable")
        XCTAssertEqual(info(7, false).recoveryLevel, "CustomizedRecoverable+Purgeable")
        XCTAssertEqual(info(89, false).recoveryLevel, "CustomizedRecoverable+Purgeable")
        XCTAssertEqual(info(90, true).recoveryLevel, "Recoverable")
        XCTAssertEqual(info(7, true).recoveryLevel, "CustomizedRecoverable")
        XCTAssertEqual(info(0, false).recoveryLevel, "Purgeable")
        XCTAssertEqual(info(0, false).recoverableDays, 0)
        XCTAssertEqual(info(45, true).recoverableDays, 45)
    }

    func testEveryRejectedCreateIsBadParameterAndWritesNothing() throws {
        let harness = try KeyVaultHarness()
        let longTag = String(repeating: "t", count: 257)
        let sixteenTags = Dictionary(uniqueKeysWithValues: (1...16).map { ("t\($0)", "v") })
        let cases: [(String, [String: Any]?, Data?, String?)] = [
            ("k1", ["kty": "RSA", "key_size": 1024], nil, "The key size 1024 is not supported. Supported sizes: 2048, 3072, 4096."),
            ("k1", ["kty": "RSA", "key_size": 2047], nil, "The key size 2047 is not supported. Supported sizes: 2048, 3072, 4096."),
            ("k1", ["kty": "RSA", "public_exponent": 3], nil, "The public exponent 3 is not supported. Supported public exponent: 65537."),
            ("k1", ["kty": "RSA", "key_ops": ["sign", "frobnicate"]], nil,
             "The key operation 'frobnicate' is not valid. Valid key operations: encrypt, decrypt, sign, verify, wrapKey, unwrapKey, import, export."),
            ("k1", ["kty": "RSA", "key_ops": ["Sign"]], nil, nil),                       // JWK ops are case-sensitive
            ("k1", ["kty": "RSA", "tags": sixteenTags], nil, "A key can have at most 15 tags; the request has 16."),
            ("k1", ["kty": "RSA", "tags": ["a": longTag]], nil, "Tag values must be at most 256 characters."),
            ("k1", ["kty": "RSA", "tags": [longTag: "a"]], nil, "Tag names must be at most 256 characters."),
            ("k1", ["kty": "RSA", "tags": ["a": 1]], nil, "The value of property 'tags.a' has the wrong type: expected a string."),
            ("k1", ["kty": "oct", "key_size": 256], nil, "The key type 'oct' is only supported by Managed HSM, not by a key vault."),
            ("k1", ["kty": "oct-HSM"], nil, "The key type 'oct-HSM' is only supported by Managed HSM, not by a key vault."),
            ("k1", ["kty": "DSA"], nil, "The key type 'DSA' is not valid. Supported key types: RSA, RSA-HSM, EC, EC-HSM."),
            ("k1", ["kty": "rsa"], nil, nil),
            ("k1", ["kty": "EC", "crv": "P-192"], nil, "The curve 'P-192' is not supported. Supported curves: P-256, P-384, P-521, P-256K."),
            ("k1", ["key_size": 2048], nil, "The required property 'kty' is missing."),
            ("k1", ["kty": "RSA", "key_size": "big"], nil, "The value of property 'key_size' has the wrong type: expected an integer."),
            ("k1", ["kty": "RSA", "attributes": ["exp": "soon"]], nil, nil),
            ("k1", nil, Data("{\"kty\":".utf8), "The request body is not valid JSON."),
            ("k1", nil, Data(), nil),
            ("bad_name", ["kty": "RSA"], nil, "The key name 'bad_name' is not valid: it must be 1 to 127 characters, letters, digits and '-' only."),
            (String(repeating: "a", count: 128), ["kty": "RSA"], nil, nil),
            ("k%C3%A9", ["kty": "RSA"], nil, "The key name 'ké' is not valid: it must be 1 to 127 characters, letters, digits and '-' only."),
        ]
        for (name, body, raw, message) in cases {
            let error = harness.error("POST", "/keys/\(name)/create", body, raw: raw)
            XCTAssertEqual(error, ServiceError.badParameter(""), "\(name) \(String(describing: body))")
            if let message { XCTAssertEqual(error?.message, message) }
        }
        XCTAssertEqual((try harness.json("GET", "/keys")["value"] as? [Any])?.count, 0)
        XCTAssertEqual(try harness.database.query("SELECT COUNT(*) AS n FROM key_versions").first?.int("n"), 0)
    }

    func testExportableAndReleasePolicyAnswerAsAStandardVault() throws {
        let harness = try KeyVaultHarness()
        let policy: [String: Any] = ["contentType": "application/json; charset=utf-8", "data": "e30"]
        for (body, message) in [
            (["kty": "RSA", "attributes": ["exportable": true]],
             "AKV.SKR.1001: The exportable attribute is only supported with premium vaults and API version >= '7.3-preview'."),
            (["kty": "RSA", "attributes": ["exportable": true], "release_policy": policy],
             "AKV.SKR.1001: The exportable attribute is only supported with premium vaults and API version >= '7.3-preview'."),
            (["kty": "RSA", "release_policy": policy], "AKV.SKR.1005: Non-exportable keys must not have release policy"),
            (["kty": "EC", "attributes": ["exportable": false], "release_policy": policy], "AKV.SKR.1005: Non-exportable keys must not have release policy"),
        ] as [([String: Any], String)] {
            let error = harness.error("POST", "/keys/k1/create", body)
            XCTAssertEqual(error?.code, "BadParameter")
            XCTAssertEqual(error?.message, message)
        }
        // `exportable: false` and `release_policy: null` are what the SDK sends by default.
        XCTAssertNoThrow(try harness.create("k1", ["kty": "RSA", "attributes": ["exportable": false], "release_policy": NSNull()]))
        XCTAssertEqual(harness.error("PATCH", "/keys/k1", ["attributes": ["exportable": true]])?.message,
                       "AKV.SKR.1014: Cannot modify the exportable state of a key.")
        XCTAssertEqual(harness.error("PATCH", "/keys/k1", ["release_policy": policy])?.message,
                       "AKV.SKR.1005: Non-exportable keys must not have release policy")

        // A premium vault: exportable needs a policy; with one, release itself is not emulated (501).
        harness.vault = VaultInfo(name: "kvp", resourceId: KeyVaultHarness.standardVault.resourceId, location: "westeurope",
                                  tenantId: KeyVaultHarness.standardVault.tenantId, sku: "premium", softDeleteRetentionDays: 90, purgeProtection: false)
        XCTAssertEqual(harness.error("POST", "/keys/k2/create", ["kty": "RSA-HSM", "attributes": ["exportable": true]])?.message,
                       "Exportable keys must have release policy")
        XCTAssertEqual(harness.error("POST", "/keys/k2/create", ["kty": "RSA-HSM", "attributes": ["exportable": true], "release_policy": policy])?.kind,
                       .notImplemented)
    }

    func testNameBoundaryAndCaseInsensitiveNewVersions() throws {
        let harness = try KeyVaultHarness()
        let longest = String(repeating: "A-9", count: 42) + "z"          // 127 characters
        XCTAssertNoThrow(try harness.create(longest))

        let first = try object(try harness.create("MyKey")["key"])
        harness.clock.advance(by: 10)
        let second = try object(try harness.create("MYKEY")["key"])            // same key, new version, first casing kept
        let firstKid = try XCTUnwrap(first["kid"] as? String)
        let secondKid = try XCTUnwrap(second["kid"] as? String)
        XCTAssertTrue(secondKid.hasPrefix("https://kv1.vault.localhost:8443/keys/MyKey/"), secondKid)
        XCTAssertNotEqual(firstKid, secondKid)

        let current = try object(try harness.json("GET", "/keys/mykey")["key"])
        XCTAssertEqual(current["kid"] as? String, secondKid)
        XCTAssertEqual(current["n"] as? String, second["n"] as? String)
        let oldVersion = String(firstKid.split(separator: "/").last!)
        let old = try object(try harness.json("GET", "/keys/MYKEY/\(oldVersion)")["key"])
        XCTAssertEqual(old["kid"] as? String, firstKid)
        XCTAssertEqual(old["n"] as? String, first["n"] as? String)
        XCTAssertNotEqual(old["n"] as? String, current["n"] as? String)
    }
}
