// EmulatorTests: the portal host: console files, settings, and the /login, /arm, /vaults doors (tier 1 and 2).

import Foundation
import XCTest
@testable import Emulator
import EmulatorClient
import HTTPServer
import Identity
import ServiceCore
import Storage

final class PortalPlaneTests: XCTestCase {
    // MARK: - Tier 1: path rewriting, no sockets

    /// A portal plane over an empty directory in a temporary database.
    private func makePlane() throws -> PortalPlane {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("portal-\(UUID().uuidString).sqlite").path
        let database = try Database(path: path)
        addTeardownBlock {
            try? database.close()
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        try database.migrate(IdentityService.migrations)
        let identity = try IdentityService(database: database, clock: AdjustableClock())
        let settings = ConsoleSettings(tenants: [])
        return try PortalPlane(dnsSuffix: "localhost", settings: settings,
                               directory: ConsoleDirectory(identity: identity, dnsSuffix: "localhost", settings: settings))
    }

    func testForwardedPathKeepsTheRestRaw() {
        XCTAssertEqual(PortalPlane.droppingSegments(1, of: "/arm/subscriptions/s1/resourcegroups"), "/subscriptions/s1/resourcegroups")
        XCTAssertEqual(PortalPlane.droppingSegments(2, of: "/vaults/kv1/keys/a%2Fb/create"), "/keys/a%2Fb/create")
        XCTAssertEqual(PortalPlane.droppingSegments(1, of: "/login/t1/oauth2/v2.0/token"), "/t1/oauth2/v2.0/token")
        XCTAssertEqual(PortalPlane.droppingSegments(1, of: "/arm"), "/")
        XCTAssertEqual(PortalPlane.droppingSegments(2, of: "/vaults/kv1/"), "/")
        XCTAssertEqual(PortalPlane.droppingSegments(1, of: "//arm//keys"), "//keys")
    }

    func testRewriteChangesHostAndPathOnly() throws {
        let plane = try makePlane()
        let request = HTTPRequest(method: "POST", host: "portal.localhost:8443", path: "/vaults/KV1/keys/k1/create",
                                  query: ["api-version": "7.4"], headers: HTTPHeaders([("Host", "portal.localhost:8443"), ("Authorization", "Bearer t")]),
                                  body: Data("{}".utf8), remoteAddress: "::1", localPort: 8443)
        guard case .forward(let forwarded) = try plane.route(request, requestId: "r", now: Date()) else { return XCTFail("not forwarded") }
        XCTAssertEqual(forwarded.host, "kv1.vault.localhost:8443")
        XCTAssertEqual(forwarded.path, "/keys/k1/create")
        XCTAssertEqual(forwarded.headers["Host"], "kv1.vault.localhost:8443")
        XCTAssertEqual(forwarded.headers["Authorization"], "Bearer t")
        XCTAssertEqual(forwarded.query, ["api-version": "7.4"])
        XCTAssertEqual(forwarded.body, Data("{}".utf8))
        XCTAssertEqual(forwarded.remoteAddress, "::1")
        XCTAssertEqual(forwarded.method, "POST")
    }

    func testVaultNamesMustBeOneLabel() throws {
        let plane = try makePlane()
        for path in ["/vaults/a.b/keys", "/vaults/a%2Eb/keys", "/vaults/a_b/keys"] {
            XCTAssertThrowsError(try plane.route(HTTPRequest(method: "GET", host: "portal.localhost", path: path), requestId: "r", now: Date()), path) { error in
                XCTAssertEqual((error as? ServiceError)?.code, "NotFound")
            }
        }
    }

    func testModulesImportOnlyServedFilesAndNothingLeavesTheOrigin() {
        let served = Set(ConsoleAssets.all.map(\.path))
        for asset in ConsoleAssets.all + [ConsoleAssets.index] {
            let text = String(decoding: asset.body, as: UTF8.self)
            for match in text.matches(of: /from '\.\/([a-z]+\.js)'/) {
                XCTAssertTrue(served.contains("/console/\(match.1)"), "\(asset.path) imports \(match.1), which is not served")
            }
            // The only absolute URL any file holds is the SVG namespace: no CDN, no font service.
            let urls = text.matches(of: /https?:\/\/[^\s'"<>)]+/).map { String($0.0) }
            XCTAssertEqual(Set(urls).subtracting(["http://www.w3.org/2000/svg"]), [], asset.path)
        }
        let page = String(decoding: ConsoleAssets.index.body, as: UTF8.self)
        XCTAssertFalse(page.contains("style="), "inline styles would be refused by the CSP")
        XCTAssertEqual(page.matches(of: /<script[^>]*>/).map { String($0.0) }, [#"<script type="module" src="/console/app.js">"#])
    }

    // MARK: - Tier 2: a live emulator

    func testConsoleFilesAreServedWithTypesCachingAndCSP() throws {
        let emulator = try LiveEmulator()
        defer { emulator.stop() }
        let portal = emulator.connection.portalUrl
        let expectedTypes = ["/": "text/html; charset=utf-8", "/console/console.css": "text/css; charset=utf-8",
                             "/console/app.js": "text/javascript; charset=utf-8", "/console/favicon.svg": "image/svg+xml"]
        for asset in [ConsoleAssets.index] + ConsoleAssets.all {
            let response = try emulator.http.send("GET", portal + asset.path)
            XCTAssertEqual(response.status, 200, asset.path)
            XCTAssertEqual(response.body, asset.body, asset.path)
            if let type = expectedTypes[asset.path] { XCTAssertEqual(response.headers["content-type"], type, asset.path) }
            if asset.path.hasSuffix(".js") { XCTAssertEqual(response.headers["content-type"], "text/javascript; charset=utf-8", asset.path) }
            XCTAssertEqual(response.headers["content-security-policy"],
                           "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; "
                           + "form-action 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types 'none'", asset.path)
            XCTAssertEqual(response.headers["x-content-type-options"], "nosniff")
            XCTAssertEqual(response.headers["x-frame-options"], "DENY")
            XCTAssertEqual(response.headers["cache-control"], "no-cache")
            XCTAssertNil(response.headers["access-control-allow-origin"], "same-origin only: no CORS")
            let etag = try XCTUnwrap(response.headers["etag"])
            let again = try emulator.http.send("GET", portal + asset.path, headers: [("If-None-Match", etag)])
            XCTAssertEqual(again.status, 304, asset.path)
            XCTAssertEqual(again.body, Data())
        }
    }

    func testSettingsNameTheResourcesAndNoSecret() throws {
        let emulator = try LiveEmulator()
        defer { emulator.stop() }
        let c = emulator.connection
        let response = try emulator.http.send("GET", c.portalUrl + "/console/settings.json")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.headers["cache-control"], "no-store")
        let text = String(decoding: response.body, as: UTF8.self)
        XCTAssertFalse(text.contains(c.admin.clientSecret))
        XCTAssertFalse(text.contains(c.dataConnectApp.clientSecret))
        XCTAssertFalse(text.lowercased().contains("secret"))
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        XCTAssertEqual(json["managementResource"] as? String, c.managementEndpoint)
        XCTAssertEqual(json["vaultResource"] as? String, "https://vault.localhost:\(c.port)")
        XCTAssertEqual(json["vaultDnsSuffix"] as? String, c.vaultDnsSuffix)
        let tenant = try XCTUnwrap((json["tenants"] as? [[String: Any]])?.first)
        XCTAssertEqual(tenant["tenantId"] as? String, c.tenantId)
        XCTAssertEqual(tenant["subscriptions"] as? [String], [c.subscriptionId])
        let principals = try XCTUnwrap(tenant["principals"] as? [[String: Any]])
        let app = try XCTUnwrap(principals.first { $0["wellKnownRole"] as? String == "dataConnectApp" })
        XCTAssertEqual(app["objectId"] as? String, c.dataConnectApp.objectId)
        XCTAssertEqual(app["appId"] as? String, c.dataConnectApp.clientId)
        XCTAssertEqual(app["principalType"] as? String, "ServicePrincipal")
    }

    func testDirectoryListsTheCallersTenantToSignedInCallersOnly() throws {
        let emulator = try LiveEmulator()
        defer { emulator.stop() }
        let c = emulator.connection
        let url = c.portalUrl + "/console/directory.json"
        let anonymous = try emulator.send("GET", url)
        XCTAssertEqual(anonymous.status, 401)
        XCTAssertEqual(anonymous.json.errorCode, "AuthenticationFailed")
        let vaultToken = try emulator.admin.token(resource: emulator.admin.vaultResource)
        XCTAssertEqual(try emulator.send("GET", url, token: vaultToken).json.errorCode, "InvalidAuthenticationTokenAudience")

        // A group added through the admin API is listed beside the bootstrap principals.
        let group = try emulator.admin.admin("POST", "/admin/principals", body: ["kind": "Group", "displayName": "Key custodians"])
        let groupId = try XCTUnwrap(group["objectId"] as? String)
        let token = try emulator.app.token(resource: c.managementEndpoint)
        let response = try emulator.http.send("GET", url, headers: [("Authorization", "Bearer \(token)")])
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.headers["cache-control"], "no-store")
        XCTAssertFalse(String(decoding: response.body, as: UTF8.self).lowercased().contains("secret"))
        let listed = try XCTUnwrap((try JSONSerialization.jsonObject(with: response.body) as? [String: Any])?["value"] as? [[String: Any]])
        let byId = Dictionary(uniqueKeysWithValues: listed.compactMap { entry in (entry["objectId"] as? String).map { ($0, entry) } })
        XCTAssertEqual(byId[c.admin.objectId]?["wellKnownRole"] as? String, "admin")
        XCTAssertEqual(byId[c.dataConnectApp.objectId]?["displayName"] as? String, "Data Connect application")
        XCTAssertEqual(byId[c.dataConnectApp.objectId]?["appId"] as? String, c.dataConnectApp.clientId)
        XCTAssertEqual(byId[groupId]?["principalType"] as? String, "Group")
        XCTAssertEqual(byId[groupId]?["displayName"] as? String, "Key custodians")
    }

    func testLoginThroughThePortalIssuesTheSameTokensAndErrors() throws {
        let emulator = try LiveEmulator()
        defer { emulator.stop() }
        let c = emulator.connection
        func form(_ secret: String) -> Data {
            Data("grant_type=client_credentials&client_id=\(c.admin.clientId)&client_secret=\(secret)&scope=https%3A%2F%2Fvault.localhost%3A\(c.port)%2F.default".utf8)
        }
        let url = "\(c.portalUrl)/login/\(c.tenantId)/oauth2/v2.0/token"
        let headers = [("Content-Type", "application/x-www-form-urlencoded")]
        let good = try emulator.http.send("POST", url, headers: headers, body: form(c.admin.clientSecret))
        XCTAssertEqual(good.status, 200)
        let token = try XCTUnwrap((try JSONSerialization.jsonObject(with: good.body) as? [String: Any])?["access_token"] as? String)
        // The token works on the vault host directly: it is the authority's own.
        _ = try PortalWalkthrough(session: emulator.admin, print: { _ in }).run()
        XCTAssertEqual(try emulator.send("GET", "\(c.vaultURL("lobencryption-demo"))/keys/\(c.tenantId)?api-version=7.4", token: token).status, 200)

        let bad = try emulator.http.send("POST", url, headers: headers, body: form("wrong"))
        XCTAssertEqual(bad.status, 401)
        let error = try XCTUnwrap(try JSONSerialization.jsonObject(with: bad.body) as? [String: Any])
        XCTAssertEqual(error["error"] as? String, "invalid_client")
        XCTAssertTrue((error["error_description"] as? String ?? "").hasPrefix("AADSTS7000215: "))
    }

    func testARMThroughThePortalChecksTheSameAndAnswersTheSame() throws {
        let emulator = try LiveEmulator()
        defer { emulator.stop() }
        let c = emulator.connection
        _ = try PortalWalkthrough(session: emulator.admin, print: { _ in }).run()
        let path = "/subscriptions/\(c.subscriptionId)/resourceGroups/dataconnect-rg/providers/Microsoft.KeyVault/vaults/lobencryption-demo"

        let anonymous = try emulator.send("GET", "\(c.portalUrl)/arm\(path)?api-version=2023-07-01")
        let anonymousDirect = try emulator.send("GET", "\(c.managementEndpoint)\(path)?api-version=2023-07-01")
        XCTAssertEqual(anonymous.status, 401)
        XCTAssertEqual(anonymous.json.errorCode, "AuthenticationFailed")
        XCTAssertEqual(anonymous.json.errorMessage, anonymousDirect.json.errorMessage)

        let adminToken = try emulator.admin.token(resource: c.managementEndpoint)
        let viaPortal = try emulator.http.send("GET", "\(c.portalUrl)/arm\(path)?api-version=2023-07-01", headers: [("Authorization", "Bearer \(adminToken)")])
        let direct = try emulator.http.send("GET", "\(c.managementEndpoint)\(path)?api-version=2023-07-01", headers: [("Authorization", "Bearer \(adminToken)")])
        XCTAssertEqual(viaPortal.status, 200)
        XCTAssertEqual(try Self.object(viaPortal.body), try Self.object(direct.body))

        // RBAC on the action: the app has data roles only, so ARM refuses it the vault.
        let appToken = try emulator.app.token(resource: c.managementEndpoint)
        let denied = try emulator.send("GET", "\(c.portalUrl)/arm\(path)?api-version=2023-07-01", token: appToken)
        XCTAssertEqual(denied.status, 403)
        XCTAssertEqual(denied.json.errorCode, "AuthorizationFailed")

        let noVersion = try emulator.send("GET", "\(c.portalUrl)/arm\(path)", token: adminToken)
        XCTAssertEqual(noVersion.status, 400)
        XCTAssertEqual(noVersion.json.errorCode, "MissingApiVersionParameter")
    }

    func testVaultThroughThePortalChallengesAuthorizesAndAnswersTheSame() throws {
        let emulator = try LiveEmulator()
        defer { emulator.stop() }
        let c = emulator.connection
        _ = try PortalWalkthrough(session: emulator.admin, print: { _ in }).run()
        let portalVault = "\(c.portalUrl)/vaults/lobencryption-demo"

        // No token: 401 with the very challenge the vault host sends, before the body is read.
        let anonymous = try emulator.send("POST", "\(portalVault)/keys/k/create?api-version=7.4", json: "{not json")
        XCTAssertEqual(anonymous.status, 401)
        XCTAssertEqual(anonymous.json.errorMessage, "AKV10000: Request is missing a Bearer or PoP token.")
        XCTAssertEqual(anonymous.headers["www-authenticate"],
                       "Bearer authorization=\"https://login.localhost:\(c.port)/\(c.tenantId)\", resource=\"https://vault.localhost:\(c.port)\"")

        // Same key, same identifiers (kid names the vault host), as the app with Crypto User.
        let appToken = try emulator.app.token(resource: emulator.app.vaultResource)
        let viaPortal = try emulator.http.send("GET", "\(portalVault)/keys/\(c.tenantId)?api-version=7.4", headers: [("Authorization", "Bearer \(appToken)")])
        let direct = try emulator.http.send("GET", "\(c.vaultURL("lobencryption-demo"))/keys/\(c.tenantId)?api-version=7.4", headers: [("Authorization", "Bearer \(appToken)")])
        XCTAssertEqual(viaPortal.status, 200)
        XCTAssertEqual(try Self.object(viaPortal.body), try Self.object(direct.body))
        let kid = try XCTUnwrap(((try JSONSerialization.jsonObject(with: viaPortal.body) as? [String: Any])?["key"] as? [String: Any])?["kid"] as? String)
        XCTAssertTrue(kid.hasPrefix("https://lobencryption-demo.vault.localhost:\(c.port)/keys/\(c.tenantId)/"))

        // RBAC: Crypto User may not create keys.
        let denied = try emulator.send("POST", "\(portalVault)/keys/other/create?api-version=7.4", token: appToken, json: #"{"kty":"RSA"}"#)
        XCTAssertEqual(denied.status, 403)
        XCTAssertEqual(denied.json.errorCode, "Forbidden")
        XCTAssertEqual(denied.json.innerErrorCode, "ForbiddenByRbac")

        // A management token is refused with the vault's own audience message.
        let managementToken = try emulator.admin.token(resource: c.managementEndpoint)
        let wrongAudience = try emulator.send("GET", "\(portalVault)/keys?api-version=7.4", token: managementToken)
        XCTAssertEqual(wrongAudience.status, 401)
        XCTAssertEqual(wrongAudience.json.errorMessage,
                       "AKV10022: Invalid audience. Expected https://vault.localhost:\(c.port), found: \(c.managementEndpoint).")

        // Unknown api-version, checked by the vault plane after authorization.
        let badVersion = try emulator.send("GET", "\(portalVault)/keys/\(c.tenantId)?api-version=1999-01-01", token: appToken)
        XCTAssertEqual(badVersion.status, 400)
    }

    func testUnknownPortalPathsAreAzureErrors() throws {
        let emulator = try LiveEmulator()
        defer { emulator.stop() }
        let portal = emulator.connection.portalUrl
        let missing = try emulator.send("GET", "\(portal)/nothing/here")
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(missing.json.errorCode, "NotFound")
        XCTAssertEqual(missing.headers["content-type"], "application/json; charset=utf-8")
        XCTAssertEqual(try emulator.send("GET", "\(portal)/console/missing.js").json.errorCode, "NotFound")
        XCTAssertEqual(try emulator.send("GET", "\(portal)/vaults/a.b/keys").json.errorCode, "NotFound")
        let noVault = try emulator.send("GET", "\(portal)/vaults/nosuchvault/keys?api-version=7.4")
        XCTAssertEqual(noVault.status, 404)
        XCTAssertEqual(noVault.json.errorCode, "VaultNotFound")
        let wrongMethod = try emulator.send("POST", "\(portal)/", json: "{}")
        XCTAssertEqual(wrongMethod.status, 405)
        XCTAssertEqual(wrongMethod.json.errorCode, "MethodNotAllowed")
    }

    /// A JSON body as a comparable object (member order is not significant).
    static func object(_ body: Data) throws -> NSDictionary {
        try XCTUnwrap(JSONSerialization.jsonObject(with: body) as? NSDictionary)
    }
}
