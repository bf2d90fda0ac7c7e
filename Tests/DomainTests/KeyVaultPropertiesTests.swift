// DomainTests: get key and update key properties.

import Foundation
import ServiceCore
import XCTest
@testable import KeyVault

final class KeyVaultPropertiesTests: XCTestCase {
    private let notFound = "A key with (name/id) %@ was not found in this key vault. If you recently deleted this key you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182"

    func testGetLatestByEveryPathFormAndByVersion() throws {
        let harness = try KeyVaultHarness()
        let created = try harness.create("k1", ["kty": "RSA", "tags": ["t": "v"]])
        let kid = try XCTUnwrap(try object(created["key"])["kid"] as? String)
        let version = String(kid.split(separator: "/").last!)
        for path in ["/keys/k1", "/keys/k1/", "/keys/K1", "/keys/k1/\(version)", "/keys/k1/\(version.uppercased())"] {
            let bundle = try harness.json("GET", path)
            XCTAssertEqual(keys(bundle), ["key", "attributes", "tags"], path)
            XCTAssertEqual(try object(bundle["key"])["kid"] as? String, kid, path)
            XCTAssertEqual(try object(bundle["key"])["n"] as? String, try object(created["key"])["n"] as? String, path)
            XCTAssertEqual(bundle["tags"] as? [String: String], ["t": "v"])
        }
    }

    func testUnknownNameOrVersionIsKeyNotFoundWithAzuresMessage() throws {
        let harness = try KeyVaultHarness()
        try harness.create("k1")
        for (path, name) in [("/keys/nope", "nope"), ("/keys/k1/0123456789abcdef0123456789abcdef", "k1"), ("/keys/bad_name", "bad_name")] {
            let error = harness.error("GET", path)
            XCTAssertEqual(error?.kind, .notFound)
            XCTAssertEqual(error?.code, "KeyNotFound")
            XCTAssertNil(error?.innerCode)
            XCTAssertEqual(error?.message, String(format: notFound, name))
        }
        XCTAssertEqual(harness.error("PATCH", "/keys/nope", ["tags": [String: String]()])?.code, "KeyNotFound")
    }

    func testDisabledKeysAreStillReturned() throws {
        let harness = try KeyVaultHarness()
        try harness.create("k1", ["kty": "RSA", "attributes": ["enabled": false, "exp": KeyVaultHarness.start - 10]])
        let attributes = try object(try harness.json("GET", "/keys/k1")["attributes"])
        XCTAssertEqual(attributes["enabled"] as? Bool, false)
    }

    func testUpdateMergesAttributesReplacesOpsAndTagsAndBumpsUpdated() throws {
        let harness = try KeyVaultHarness()
        let created = try harness.create("k1", ["kty": "RSA", "attributes": ["exp": 1_893_456_000], "tags": ["a": "1", "b": "2"]])
        harness.clock.advance(by: 120)

        // Only `enabled` changes among the attributes; tags and key_ops are replaced wholesale.
        let updated = try harness.json("PATCH", "/keys/k1/", ["attributes": ["enabled": false], "tags": ["c": "3"], "key_ops": ["sign", "verify"]])
        XCTAssertEqual(keys(updated), ["key", "attributes", "tags"])
        let attributes = try object(updated["attributes"])
        XCTAssertEqual(attributes["enabled"] as? Bool, false)
        XCTAssertEqual((attributes["exp"] as? NSNumber)?.int64Value, 1_893_456_000)
        XCTAssertEqual((attributes["created"] as? NSNumber)?.int64Value, KeyVaultHarness.start)
        XCTAssertEqual((attributes["updated"] as? NSNumber)?.int64Value, KeyVaultHarness.start + 120)
        XCTAssertEqual(updated["tags"] as? [String: String], ["c": "3"])
        XCTAssertEqual(try object(updated["key"])["key_ops"] as? [String], ["sign", "verify"])
        XCTAssertEqual(try object(updated["key"])["kid"] as? String, try object(created["key"])["kid"] as? String)

        // Persisted, not just echoed.
        let fetched = try harness.json("GET", "/keys/k1")
        XCTAssertEqual(try object(fetched["attributes"])["enabled"] as? Bool, false)
        XCTAssertEqual(fetched["tags"] as? [String: String], ["c": "3"])

        // A disabled, expired key can still be updated: that is how it is re-enabled.
        harness.clock.advance(by: 400_000_000)
        let reenabled = try harness.json("PATCH", "/keys/k1", ["attributes": ["enabled": true, "nbf": 1_800_000_000]])
        let again = try object(reenabled["attributes"])
        XCTAssertEqual(again["enabled"] as? Bool, true)
        XCTAssertEqual((again["nbf"] as? NSNumber)?.int64Value, 1_800_000_000)
        XCTAssertEqual((again["exp"] as? NSNumber)?.int64Value, 1_893_456_000)
        XCTAssertEqual(reenabled["tags"] as? [String: String], ["c": "3"])   // not sent: kept

        // Empty tags remove them from the bundle.
        let untagged = try harness.json("PATCH", "/keys/k1", ["tags": [String: String]()])
        XCTAssertEqual(keys(untagged), ["key", "attributes"])
    }

    func testUpdateTargetsOneVersionOnly() throws {
        let harness = try KeyVaultHarness()
        let first = try XCTUnwrap(try object(try harness.create("k1")["key"])["kid"] as? String)
        try harness.create("k1")
        let firstVersion = String(first.split(separator: "/").last!)
        try harness.json("PATCH", "/keys/k1/\(firstVersion)", ["attributes": ["enabled": false]])
        XCTAssertEqual(try object(try harness.json("GET", "/keys/k1/\(firstVersion)")["attributes"])["enabled"] as? Bool, false)
        XCTAssertEqual(try object(try harness.json("GET", "/keys/k1")["attributes"])["enabled"] as? Bool, true)
    }

    func testRejectedUpdatesChangeNothing() throws {
        let harness = try KeyVaultHarness()
        try harness.create("k1", ["kty": "RSA", "tags": ["a": "1"]])
        let cases: [([String: Any]?, Data?, String)] = [
            (["key_ops": ["sign", "nope"]], nil,
             "The key operation 'nope' is not valid. Valid key operations: encrypt, decrypt, sign, verify, wrapKey, unwrapKey, import, export."),
            (["tags": Dictionary(uniqueKeysWithValues: (1...16).map { ("t\($0)", "v") })], nil, "A key can have at most 15 tags; the request has 16."),
            (["attributes": ["enabled": "no"]], nil, "The value of property 'attributes.enabled' has the wrong type: expected a boolean."),
            (nil, Data("[1]".utf8), "The value of the request body has the wrong type: expected an object."),
        ]
        for (body, raw, message) in cases {
            let error = harness.error("PATCH", "/keys/k1", body, raw: raw)
            XCTAssertEqual(error, ServiceError.badParameter(""))
            XCTAssertEqual(error?.message, message)
        }
        let bundle = try harness.json("GET", "/keys/k1")
        XCTAssertEqual(bundle["tags"] as? [String: String], ["a": "1"])
        XCTAssertEqual((try object(bundle["attributes"])["updated"] as? NSNumber)?.int64Value, KeyVaultHarness.start)
    }
}
