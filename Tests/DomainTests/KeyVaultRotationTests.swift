// DomainTests: rotate, the rotation policy (default answer, validation, the added Notify action) and scheduled rotations.

import Foundation
import ServiceCore
import VaultCrypto
import XCTest
@testable import KeyVault

final class KeyVaultRotationTests: XCTestCase {
    private let policyPath = "/keys/k1/rotationpolicy"

    /// The members of `GET policyPath` when they are all JSON null (`{"lifetimeActions":null,"attributes":null}`).
    private func emptyPolicyBody(_ harness: KeyVaultHarness) throws -> [String] {
        let body = try XCTUnwrap(try JSONSerialization.jsonObject(with: try harness.send("GET", policyPath).body ?? Data()) as? [String: Any])
        XCTAssertTrue(body.values.allSatisfy { $0 is NSNull })
        return body.keys.sorted()
    }

    func testRotateMakesANewVersionLikeTheCurrentOne() throws {
        let harness = try KeyVaultHarness()
        let created = try harness.create("k1", ["kty": "RSA", "key_size": 3072, "key_ops": ["sign", "verify"], "tags": ["t": "1"],
                                                "attributes": ["exp": KeyVaultHarness.start + 1000, "enabled": false]])
        harness.clock.advance(by: 30)
        let rotated = try harness.json("POST", "/keys/k1/rotate")
        let key = try object(rotated["key"])
        XCTAssertNotEqual(key["kid"] as? String, try object(created["key"])["kid"] as? String)
        XCTAssertNotEqual(key["n"] as? String, try object(created["key"])["n"] as? String)
        XCTAssertEqual(try unb64(key["n"]).count, 384)
        XCTAssertEqual(key["key_ops"] as? [String], ["sign", "verify"])
        XCTAssertEqual(rotated["tags"] as? [String: String], ["t": "1"])
        let attributes = try object(rotated["attributes"])
        XCTAssertEqual(attributes["enabled"] as? Bool, true)
        XCTAssertNil(attributes["exp"])                                            // no policy: no expiry
        XCTAssertEqual((attributes["created"] as? NSNumber)?.int64Value, KeyVaultHarness.start + 30)
        XCTAssertEqual(try object(try harness.json("GET", "/keys/k1")["key"])["kid"] as? String, key["kid"] as? String)
        XCTAssertEqual(harness.error("POST", "/keys/nope/rotate")?.code, "KeyNotFound")

        let ec = try harness.create("e1", ["kty": "EC", "crv": "P-521"])
        let rotatedEC = try object(try harness.json("POST", "/keys/e1/rotate")["key"])
        XCTAssertEqual(rotatedEC["crv"] as? String, "P-521")
        XCTAssertNotEqual(rotatedEC["x"] as? String, try object(ec["key"])["x"] as? String)
    }

    func testAKeyWithoutAPolicyAnswersTheServicesEmptyPolicy() throws {
        let harness = try KeyVaultHarness()
        try harness.create("k1", ["kty": "EC"])
        XCTAssertEqual(try emptyPolicyBody(harness), ["attributes", "lifetimeActions"])
        XCTAssertEqual(harness.error("GET", "/keys/k2/rotationpolicy")?.code, "KeyNotFound")
        try harness.json("DELETE", "/keys/k1")
        XCTAssertEqual(harness.error("GET", policyPath)?.code, "KeyNotFound")
    }

    func testSetAddsTheNotifyActionKeepsCreatedAndNormalizesTypes() throws {
        let harness = try KeyVaultHarness()
        try harness.create("k1", ["kty": "EC"])
        let set = try harness.json("PUT", policyPath, ["lifetimeActions": [["trigger": ["timeAfterCreate": "P2M"], "action": ["type": "rotate"]]],
                                                       "attributes": [:]])
        XCTAssertEqual(set["id"] as? String, "https://kv1.vault.localhost:8443/keys/k1/rotationpolicy")
        let actions = try XCTUnwrap(set["lifetimeActions"] as? [[String: Any]])
        XCTAssertEqual(actions.count, 2)
        XCTAssertEqual(try object(actions[0]["trigger"]) as? [String: String], ["timeAfterCreate": "P2M"])
        XCTAssertEqual(try object(actions[0]["action"]) as? [String: String], ["type": "Rotate"])
        XCTAssertEqual(try object(actions[1]["trigger"]) as? [String: String], ["timeBeforeExpiry": "P30D"])
        XCTAssertEqual(try object(actions[1]["action"]) as? [String: String], ["type": "Notify"])
        let attributes = try object(set["attributes"])
        XCTAssertEqual(keys(attributes), ["created", "updated"])
        XCTAssertEqual((attributes["created"] as? NSNumber)?.int64Value, KeyVaultHarness.start)

        harness.clock.advance(by: 100)
        let replaced = try harness.json("PUT", policyPath, ["lifetimeActions": [["trigger": ["timeBeforeExpiry": "P10D"], "action": ["type": "NOTIFY"]]],
                                                            "attributes": ["expiryTime": "P90D"]])
        XCTAssertEqual((replaced["lifetimeActions"] as? [Any])?.count, 1)               // has its own Notify: nothing added
        let replacedAttributes = try object(replaced["attributes"])
        XCTAssertEqual(replacedAttributes["expiryTime"] as? String, "P90D")
        XCTAssertEqual((replacedAttributes["created"] as? NSNumber)?.int64Value, KeyVaultHarness.start)
        XCTAssertEqual((replacedAttributes["updated"] as? NSNumber)?.int64Value, KeyVaultHarness.start + 100)
        let fetched = try harness.json("GET", policyPath)
        XCTAssertEqual(try JSONSerialization.data(withJSONObject: fetched, options: .sortedKeys),
                       try JSONSerialization.data(withJSONObject: replaced, options: .sortedKeys))

        // An empty list resets to the default: just the Notify action.
        let reset = try harness.json("PUT", policyPath, ["lifetimeActions": []])
        XCTAssertEqual((reset["lifetimeActions"] as? [[String: Any]])?.compactMap { ($0["action"] as? [String: String])?["type"] }, ["Notify"])
    }

    func testInvalidPoliciesAreBadParameterAndChangeNothing() throws {
        let harness = try KeyVaultHarness()
        try harness.create("k1", ["kty": "EC"])
        func action(_ type: String, _ trigger: [String: String]) -> [String: Any] { ["trigger": trigger, "action": ["type": type]] }
        let cases: [([String: Any], String)] = [
            (["attributes": ["expiryTime": "P27D"]], "expiryTime must be at least 28 days (P28D); it is P27D."),
            (["attributes": ["expiryTime": "90 days"]], "expiryTime '90 days' is not an ISO 8601 duration."),
            (["lifetimeActions": [action("Rotate", ["timeAfterCreate": "P6D"])]], "lifetimeActions[0].trigger must be at least 7 days (P7D); it is P6D."),
            (["lifetimeActions": [action("Rotate", ["timeAfterCreate": "P7D", "timeBeforeExpiry": "P7D"])]],
             "lifetimeActions[0].trigger needs exactly one of timeAfterCreate and timeBeforeExpiry."),
            (["lifetimeActions": [action("Rotate", [:])]], "lifetimeActions[0].trigger needs exactly one of timeAfterCreate and timeBeforeExpiry."),
            (["lifetimeActions": [action("Archive", ["timeAfterCreate": "P7D"])]], "lifetimeActions[0].action.type 'Archive' is not valid; use Rotate or Notify."),
            (["lifetimeActions": [action("Notify", ["timeAfterCreate": "P30D"])]], "lifetimeActions[0]: a Notify action takes timeBeforeExpiry only."),
            (["lifetimeActions": [action("Rotate", ["timeAfterCreate": "P7D"]), action("rotate", ["timeAfterCreate": "P8D"])]],
             "a policy has at most one Rotate action."),
            (["lifetimeActions": [action("Rotate", ["timeAfterCreate": "P25D"])], "attributes": ["expiryTime": "P30D"]],
             "lifetimeActions[0].trigger P25D must leave at least 7 days before expiryTime P30D."),
            (["lifetimeActions": [action("Rotate", ["timeAfterCreate": "PT"])]], "lifetimeActions[0].trigger 'PT' is not an ISO 8601 duration."),
        ]
        for (body, reason) in cases {
            let error = harness.error("PUT", policyPath, body)
            XCTAssertEqual(error?.code, "BadParameter", reason)
            XCTAssertEqual(error?.message, "The key rotation policy is not valid: \(reason)")
        }
        XCTAssertEqual(harness.error("PUT", policyPath, raw: Data("[]".utf8))?.code, "BadParameter")
        XCTAssertEqual(try emptyPolicyBody(harness), ["attributes", "lifetimeActions"])
        // At the limits it is accepted.
        XCTAssertNoThrow(try harness.json("PUT", policyPath, ["lifetimeActions": [action("Rotate", ["timeAfterCreate": "P21D"])],
                                                              "attributes": ["expiryTime": "P28D"]]))
    }

    func testRotationUnderAPolicyWithExpiryTimeSetsExp() throws {
        let harness = try KeyVaultHarness()
        try harness.create("k1", ["kty": "EC"])
        try harness.json("PUT", policyPath, ["attributes": ["expiryTime": "P3M"]])
        let rotated = try object(try harness.json("POST", "/keys/k1/rotate")["attributes"])
        // 2025-01-01 + 3 calendar months = 2025-04-01T00:00:00Z.
        XCTAssertEqual((rotated["exp"] as? NSNumber)?.int64Value, 1_743_465_600)
    }

    func testAScheduledRotationHappensWhenTheKeyIsReadAfterItFellDue() throws {
        let harness = try KeyVaultHarness()
        let first = try object(try harness.create("k1", ["kty": "EC"])["key"])
        try harness.json("PUT", policyPath, ["lifetimeActions": [["trigger": ["timeAfterCreate": "P30D"], "action": ["type": "Rotate"]]],
                                             "attributes": ["expiryTime": "P90D"]])
        harness.clock.advance(by: 30 * 86_400 - 1)
        XCTAssertEqual(try object(try harness.json("GET", "/keys/k1")["key"])["kid"] as? String, first["kid"] as? String)
        harness.clock.advance(by: 1)
        let second = try harness.json("GET", "/keys/k1")
        XCTAssertNotEqual(try object(second["key"])["kid"] as? String, first["kid"] as? String)
        let attributes = try object(second["attributes"])
        XCTAssertEqual((attributes["created"] as? NSNumber)?.int64Value, KeyVaultHarness.start + 30 * 86_400)
        XCTAssertEqual((attributes["exp"] as? NSNumber)?.int64Value, KeyVaultHarness.start + 120 * 86_400)
        XCTAssertEqual((try harness.json("GET", "/keys/k1/versions")["value"] as? [Any])?.count, 2)   // not again until due again

        // timeBeforeExpiry counts back from the current version's exp.
        try harness.json("PUT", policyPath, ["lifetimeActions": [["trigger": ["timeBeforeExpiry": "P10D"], "action": ["type": "Rotate"]]],
                                             "attributes": ["expiryTime": "P90D"]])
        harness.clock.advance(by: 80 * 86_400 - 1)
        XCTAssertEqual((try harness.json("GET", "/keys/k1/versions")["value"] as? [Any])?.count, 2)
        harness.clock.advance(by: 1)
        XCTAssertEqual((try harness.json("GET", "/keys/k1/versions")["value"] as? [Any])?.count, 3)
    }

    func testISODurationsOnTheCalendar() throws {
        let start = Date(unixSeconds: 1_706_659_200)                        // 2024-01-31T00:00:00Z
        XCTAssertEqual(ISODuration("P1M")?.added(to: start).unixSeconds, 1_709_164_800)   // 2024-02-29 (leap year)
        XCTAssertEqual(ISODuration("P1Y")?.added(to: start).unixSeconds, 1_738_281_600)   // 2025-01-31
        XCTAssertEqual(ISODuration("P2W")?.added(to: start).unixSeconds, 1_706_659_200 + 14 * 86_400)
        XCTAssertEqual(ISODuration("P1DT12H30M5S")?.added(to: start).unixSeconds, 1_706_659_200 + 86_400 + 45_005)
        XCTAssertEqual(ISODuration("p30d")?.subtracted(from: start).unixSeconds, 1_706_659_200 - 30 * 86_400)
        for bad in ["", "P", "PT", "30D", "P1.5D", "P1DT", "P-1D", "PD", "P1H", "PT1D", "P1D2"] {
            XCTAssertNil(ISODuration(bad), bad)
        }
        XCTAssertTrue(try XCTUnwrap(ISODuration("P28D")).lasts(atLeastDays: 28, from: start))
        XCTAssertFalse(try XCTUnwrap(ISODuration("P27DT23H")).lasts(atLeastDays: 28, from: start))
    }
}
