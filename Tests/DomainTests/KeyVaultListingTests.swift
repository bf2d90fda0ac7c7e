// DomainTests: list keys and list key versions, with paging.

import Foundation
import ServiceCore
import XCTest
@testable import KeyVault

final class KeyVaultListingTests: XCTestCase {
    /// Follows nextLinks the way the SDK does: keeps the link's query (skiptoken, maxresults).
    private func allPages(_ harness: KeyVaultHarness, path: String, query: [String: String]) throws -> [[String: Any]] {
        var pages: [[String: Any]] = []
        var next: [String: String]? = query
        while let current = next {
            let page = try harness.json("GET", path, query: current)
            pages.append(page)
            XCTAssertEqual(keys(page), ["value", "nextLink"])
            guard let link = page["nextLink"] as? String else {
                XCTAssertTrue(page["nextLink"] is NSNull, "last page writes nextLink: null")
                break
            }
            let components = try XCTUnwrap(URLComponents(string: link))
            XCTAssertEqual("\(components.scheme!)://\(components.host!):\(components.port!)", KeyVaultHarness.origin)
            XCTAssertEqual(components.path, path)
            let items = Dictionary(uniqueKeysWithValues: (components.queryItems ?? []).map { ($0.name, $0.value ?? "") })
            XCTAssertEqual(Set(items.keys), ["api-version", "$skiptoken", "maxresults"])
            XCTAssertEqual(items["api-version"], "7.6")
            next = items.filter { $0.key != "api-version" }
            XCTAssertLessThan(pages.count, 50, "paging must end")
        }
        return pages
    }

    func testThirtyKeysInPagesOfSevenVisitEveryKeyOnce() throws {
        let harness = try KeyVaultHarness()
        let names = (1...30).map { String(format: "Key-%02d", $0) }
        for name in names.shuffled() { try harness.create(name, ["kty": "EC"]) }
        try harness.create("key-05", ["kty": "EC"])             // a second version: still one item

        let pages = try allPages(harness, path: "/keys", query: ["maxresults": "7"])
        XCTAssertEqual(pages.map { ($0["value"] as? [Any])?.count ?? -1 }, [7, 7, 7, 7, 2])
        let items = try pages.flatMap { try XCTUnwrap($0["value"] as? [[String: Any]]) }
        let kids = items.compactMap { $0["kid"] as? String }
        XCTAssertEqual(kids, names.map { "\(KeyVaultHarness.origin)/keys/\($0)" })   // base ids, name order, each once
        for item in items {
            XCTAssertEqual(keys(item), ["kid", "attributes"])
            XCTAssertEqual(keys(item["attributes"]), ["enabled", "created", "updated", "recoveryLevel", "recoverableDays", "exportable"])
        }
    }

    func testDefaultPageSizeIsTwentyFiveAndItemsCarryCurrentAttributesAndTags() throws {
        let harness = try KeyVaultHarness()
        for index in 1...26 { try harness.create("k\(index)", ["kty": "EC"]) }
        try harness.create("k1", ["kty": "EC", "tags": ["gen": "2"], "attributes": ["enabled": false]])
        let first = try harness.json("GET", "/keys")
        let items = try XCTUnwrap(first["value"] as? [[String: Any]])
        XCTAssertEqual(items.count, 25)
        XCTAssertTrue((first["nextLink"] as? String)?.hasSuffix("&maxresults=25") ?? false)
        let k1 = try XCTUnwrap(items.first { $0["kid"] as? String == "\(KeyVaultHarness.origin)/keys/k1" })
        XCTAssertEqual(keys(k1), ["kid", "attributes", "tags"])
        XCTAssertEqual(k1["tags"] as? [String: String], ["gen": "2"])
        XCTAssertEqual(try object(k1["attributes"])["enabled"] as? Bool, false)
    }

    func testVersionsListEveryVersionWithVersionedKids() throws {
        let harness = try KeyVaultHarness()
        var created: [String] = []
        for index in 0..<5 {
            harness.clock.advance(by: 1)
            let kid = try object(try harness.create("Multi", ["kty": "EC", "tags": ["i": "\(index)"]])["key"])["kid"] as? String
            created.append(try XCTUnwrap(kid))
        }
        try harness.create("other", ["kty": "EC"])
        let pages = try allPages(harness, path: "/keys/Multi/versions", query: ["maxresults": "2"])
        XCTAssertEqual(pages.map { ($0["value"] as? [Any])?.count ?? -1 }, [2, 2, 1])
        let items = try pages.flatMap { try XCTUnwrap($0["value"] as? [[String: Any]]) }
        XCTAssertEqual(Set(items.compactMap { $0["kid"] as? String }), Set(created))
        XCTAssertEqual(items.count, 5)
        for item in items { XCTAssertEqual(keys(item), ["kid", "attributes", "tags"]) }

        // The name is case-insensitive here too; an unknown name lists nothing.
        let lower = try harness.json("GET", "/keys/multi/versions")
        XCTAssertEqual((lower["value"] as? [Any])?.count, 5)
        XCTAssertTrue(lower["nextLink"] is NSNull)
        XCTAssertEqual((try harness.json("GET", "/keys/none/versions")["value"] as? [Any])?.count, 0)
    }

    func testBadPagingParametersAreBadParameter() throws {
        let harness = try KeyVaultHarness()
        for value in ["0", "26", "-1", "abc", "2.5"] {
            let error = harness.error("GET", "/keys", query: ["maxresults": value])
            XCTAssertEqual(error, ServiceError.badParameter(""))
            XCTAssertEqual(error?.message, "The value '\(value)' of maxresults is not valid: it must be an integer from 1 to 25.")
        }
        for token in ["!!!", "bm90LWEtdG9rZW4"] {          // not base64url; base64url of "not-a-token"
            let error = harness.error("GET", "/keys/k1/versions", query: ["$skiptoken": token])
            XCTAssertEqual(error?.message, "The $skiptoken is not valid; use the nextLink of a previous page.")
        }
        XCTAssertEqual((try harness.json("GET", "/keys", query: ["maxResults": "1", "$skiptoken": ""])["value"] as? [Any])?.count, 0)
    }

    func testKeysOfOtherVaultsAreInvisibleAndDeleteAllRemovesAVaultsKeys() throws {
        let harness = try KeyVaultHarness()
        try harness.create("shared", ["kty": "EC"])
        let first = harness.vault
        harness.vault = VaultInfo(name: "KV2", resourceId: "/x/kv2", location: "l", tenantId: "t", sku: "standard",
                                  softDeleteRetentionDays: 7, purgeProtection: false)
        XCTAssertEqual((try harness.json("GET", "/keys")["value"] as? [Any])?.count, 0)
        XCTAssertEqual(harness.error("GET", "/keys/shared")?.code, "KeyNotFound")
        let own = try harness.create("shared", ["kty": "EC"])
        XCTAssertEqual(try object(own["attributes"])["recoveryLevel"] as? String, "CustomizedRecoverable+Purgeable")

        try harness.service.deleteAll(vaultName: "kv2")
        XCTAssertEqual((try harness.json("GET", "/keys")["value"] as? [Any])?.count, 0)
        XCTAssertEqual(try harness.database.query("SELECT COUNT(*) AS n FROM key_versions WHERE vault = 'kv2'").first?.int("n"), 0)
        harness.vault = first
        XCTAssertEqual((try harness.json("GET", "/keys")["value"] as? [Any])?.count, 1)
    }
}
