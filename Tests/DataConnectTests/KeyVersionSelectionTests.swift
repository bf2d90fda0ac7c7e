// DataConnectTests: which key version a run encrypts with: the latest enabled one inside nbf..exp.

import Foundation
import XCTest
@testable import DataConnect

final class KeyVersionSelectionTests: XCTestCase {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let v1 = "11111111111111111111111111111111"
    static let v2 = "22222222222222222222222222222222"
    static let v3 = "33333333333333333333333333333333"
    static let modulus = "x" + String(repeating: "A", count: 340)

    static func item(_ version: String, enabled: Bool = true, nbf: Int64? = nil, exp: Int64? = 1_900_000_000, created: Int64) -> [String: Any] {
        var attributes: [String: Any] = ["enabled": enabled, "created": created, "updated": created]
        if let nbf { attributes["nbf"] = nbf }
        if let exp { attributes["exp"] = exp }
        return ["kid": "\(TestConnection.vault)/keys/\(TestConnection.tenantId)/\(version)", "attributes": attributes]
    }

    /// A vault whose current version is `current`, listing `items` (in pages of `pageSize`).
    private func vault(current: [String: Any], items: [[String: Any]], pageSize: Int = 10,
                       nextLinkOrigin: String = TestConnection.vault) -> ScriptedTransport {
        let currentAnswer = CannedVault.json(200, current)
        let itemData = items.map { (try? JSONSerialization.data(withJSONObject: $0)) ?? Data() }
        return CannedVault.transport { request in
            let path = URLComponents(string: request.url)!.path
            let base = "/keys/\(TestConnection.tenantId)"
            if path == base { return currentAnswer }
            if path == base + "/versions" {
                let skip = Int(URLComponents(string: request.url)!.queryItems?.first { $0.name == "$skiptoken" }?.value ?? "0") ?? 0
                let page = itemData.dropFirst(skip).prefix(pageSize).compactMap { try? JSONSerialization.jsonObject(with: $0) }
                var body: [String: Any] = ["value": page]
                if skip + pageSize < itemData.count { body["nextLink"] = "\(nextLinkOrigin)\(base)/versions?api-version=7.4&$skiptoken=\(skip + pageSize)" }
                return CannedVault.json(200, body)
            }
            for version in [Self.v1, Self.v2, Self.v3] where path == "\(base)/\(version)" {
                return CannedVault.json(200, CannedVault.keyBundle(n: Self.modulus, version: version))
            }
            return CannedVault.azureError(404, code: "KeyNotFound", inner: nil)
        }
    }

    private func select(_ transport: ScriptedTransport) throws -> String? {
        let client = VaultClient(transport: transport, credential: try TestConnection.load().dataConnectApp,
                                 authorityHost: TestConnection.authority, tenantId: TestConnection.tenantId)
        let bundle = try KeyVersionSelection.select(client: client, vault: URLOrigin(TestConnection.vault)!, name: TestConnection.tenantId, now: Self.now)
        return bundle.key.kid.flatMap(KeyIdentifier.init)?.version
    }

    func testAUsableCurrentVersionIsUsedWithoutListing() throws {
        let transport = vault(current: CannedVault.keyBundle(n: Self.modulus, version: Self.v3), items: [])
        XCTAssertEqual(try select(transport), Self.v3)
        XCTAssertFalse(transport.requests.contains { $0.url.contains("/versions") })
    }

    func testADisabledCurrentVersionFallsBackToTheNewestUsableOne() throws {
        let current = CannedVault.keyBundle(n: Self.modulus, enabled: false, version: Self.v3)
        let items = [Self.item(Self.v1, created: 100), Self.item(Self.v2, created: 200), Self.item(Self.v3, enabled: false, created: 300)]
        XCTAssertEqual(try select(vault(current: current, items: items)), Self.v2)
    }

    func testVersionsOutsideTheirWindowAreSkipped() throws {
        let current = CannedVault.keyBundle(n: Self.modulus, exp: 1_700_000_000, version: Self.v3)   // expired
        let items = [Self.item(Self.v1, created: 100),
                     Self.item(Self.v2, nbf: 1_850_000_000, created: 200),                            // not yet valid
                     Self.item(Self.v3, exp: 1_700_000_000, created: 300)]
        XCTAssertEqual(try select(vault(current: current, items: items)), Self.v1)
    }

    func testTiesOnCreatedGoToTheHigherVersionAndPagesAreFollowed() throws {
        let current = CannedVault.keyBundle(n: Self.modulus, enabled: false, version: Self.v3)
        let items = [Self.item(Self.v2, created: 500), Self.item(Self.v3, enabled: false, created: 500), Self.item(Self.v1, created: 500)]
        let transport = vault(current: current, items: items, pageSize: 1)
        XCTAssertEqual(try select(transport), Self.v2)
        XCTAssertEqual(transport.requests.filter { $0.url.contains("/versions") && $0.header("Authorization") != nil }.count, 3)
    }

    func testNoUsableVersionReturnsTheCurrentOneForTheChecksToName() throws {
        let current = CannedVault.keyBundle(n: Self.modulus, enabled: false, version: Self.v3)
        XCTAssertEqual(try select(vault(current: current, items: [Self.item(Self.v3, enabled: false, created: 1)])), Self.v3)
    }

    func testANextLinkToAnotherOriginIsRefused() throws {
        let current = CannedVault.keyBundle(n: Self.modulus, enabled: false, version: Self.v3)
        let transport = vault(current: current, items: [Self.item(Self.v1, created: 1), Self.item(Self.v2, created: 2)], pageSize: 1,
                              nextLinkOrigin: "https://evil.example")
        let error = dataConnectError { _ = try self.select(transport) }
        XCTAssertEqual(error?.code, .transport)
        XCTAssertEqual(error?.reason, "the vault's nextLink points to another origin: https://evil.example/keys/\(TestConnection.tenantId)/versions")
    }
}
