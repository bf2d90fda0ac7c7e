// EmulatorTests: access control wired end to end — private endpoint, trusted services, managed
// identity, the identities admin API, and expiry of deleted vaults on the emulator clock.

import Foundation
import XCTest
@testable import Emulator
import EmulatorClient

final class AccessControlLiveTests: XCTestCase {
    static let armVersion = "2025-05-01"

    /// An RBAC vault `name` in resource group `rg`, made by the admin with `properties` added.
    func makeVault(_ emulator: LiveEmulator, _ name: String, _ properties: [String: Any] = [:]) throws -> String {
        let admin = emulator.admin
        let sub = emulator.connection.subscriptionId
        try admin.arm("PUT", "/subscriptions/\(sub)/resourcegroups/rg", apiVersion: "2021-04-01", body: ["location": "westus"])
        var p: [String: Any] = ["tenantId": emulator.connection.tenantId, "sku": ["family": "A", "name": "standard"], "enableRbacAuthorization": true]
        for (key, value) in properties { p[key] = value }
        let vault = "/subscriptions/\(sub)/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/\(name)"
        try admin.arm("PUT", vault, apiVersion: Self.armVersion, body: ["location": "westus", "properties": p])
        return vault
    }

    func assign(_ emulator: LiveEmulator, _ scope: String, role: String, to principal: String) throws {
        try emulator.admin.arm("PUT", scope + "/providers/Microsoft.Authorization/roleAssignments/\(UUID().uuidString)", apiVersion: "2022-04-01",
                               body: ["properties": ["roleDefinitionId": "/providers/Microsoft.Authorization/roleDefinitions/\(role)",
                                                     "principalId": principal, "principalType": "ServicePrincipal"]])
    }

    static let officer = "14b46e9e-c2b7-41b4-b07b-48a6ebf60603"
    static let cryptoUser = "12338af0-0e69-4776-bea7-57ae8d297424"

    func testPrivateEndpointListenerIsTheApprovedPrivateLink() throws {
        let emulator = try LiveEmulator { $0.privateEndpointPort = 0 }
        defer { emulator.stop() }
        let privatePort = try XCTUnwrap(emulator.connection.privateEndpointPort)
        XCTAssertNotEqual(privatePort, emulator.connection.port)
        let vault = try makeVault(emulator, "pe1", ["publicNetworkAccess": "Disabled"])
        try assign(emulator, vault, role: Self.officer, to: emulator.connection.admin.objectId)
        let token = try emulator.admin.token(resource: emulator.admin.vaultResource)
        let body = #"{"kty":"EC","crv":"P-256"}"#
        let closed = try emulator.send("POST", "https://pe1.vault.localhost:\(emulator.connection.port)/keys/k1/create?api-version=7.4", token: token, json: body)
        XCTAssertEqual(closed.status, 403)
        XCTAssertEqual(closed.json.innerErrorCode, "ForbiddenByConnection")
        // Same token (the audience of the main listener) through the private endpoint: allowed.
        let open = try emulator.send("POST", "https://pe1.vault.localhost:\(privatePort)/keys/k1/create?api-version=7.4", token: token, json: body)
        XCTAssertEqual(open.status, 200, "\(open.json)")
        // The private listener's challenge names its own port, which clients then use as the audience.
        let challenge = try emulator.send("GET", "https://pe1.vault.localhost:\(privatePort)/keys?api-version=7.4")
        XCTAssertEqual(challenge.headers["www-authenticate"],
                       "Bearer authorization=\"https://login.localhost:\(privatePort)/\(emulator.connection.tenantId)\", resource=\"https://vault.localhost:\(privatePort)\"")
    }

    func testTrustedServiceBypassNeedsAzureServices() throws {
        let app = "e5a1c0de-0000-4000-8000-00000000a002"
        let emulator = try LiveEmulator { $0.trustedServiceAppIds = [app.uppercased()] }
        defer { emulator.stop() }
        for (name, bypass, expected) in [("tr1", "AzureServices", 404), ("tr2", "None", 403)] {
            let vault = try makeVault(emulator, name, ["publicNetworkAccess": "Disabled", "networkAcls": ["bypass": bypass, "defaultAction": "Deny"]])
            try assign(emulator, vault, role: Self.cryptoUser, to: emulator.connection.dataConnectApp.objectId)
            let token = try emulator.app.token(resource: emulator.app.vaultResource)
            let response = try emulator.send("GET", "https://\(name).vault.localhost:\(emulator.connection.port)/keys/none?api-version=7.4", token: token)
            XCTAssertEqual(response.status, expected, "\(name): \(response.json)")
            if expected == 403 { XCTAssertEqual(response.json.innerErrorCode, "ForbiddenByConnection") }
            if expected == 404 { XCTAssertEqual(response.json.errorCode, "KeyNotFound", "past the network and RBAC checks") }
        }
        // The bootstrap's trusted service is trusted without any flag.
        XCTAssertEqual(emulator.connection.trustedService?.clientId, "e5a1c0de-0000-4000-8000-00000000a003")
    }

    func testManagedIdentityEndpoints() throws {
        let emulator = try LiveEmulator()
        defer { emulator.stop() }
        let info = try XCTUnwrap(emulator.connection.managedIdentity)
        XCTAssertEqual(info.imdsEndpoint, "https://localhost:\(emulator.connection.port)")
        let system = try XCTUnwrap(info.identities.first { $0.kind == "system" })
        let resource = emulator.admin.vaultResource
        let imds = "\(info.imdsEndpoint)/metadata/identity/oauth2/token?api-version=2018-02-01&resource=\(resource)"
        let refused = try emulator.send("GET", imds)
        XCTAssertEqual(refused.status, 400)
        XCTAssertEqual(refused.json["error_description"] as? String, "Required metadata header not specified")

        let response = try emulator.http.send("GET", imds, headers: [("Metadata", "true")])
        XCTAssertEqual(response.status, 200)
        let body = try XCTUnwrap(try JSONSerialization.jsonObject(with: response.body) as? [String: String])
        XCTAssertEqual(body["client_id"], system.clientId)
        XCTAssertEqual(body["expires_in"], "3599")
        let claims = try claimsOf(body["access_token"] ?? "")
        XCTAssertEqual(claims["oid"] as? String, system.objectId)
        XCTAssertEqual(claims["appidacr"] as? String, "2")
        XCTAssertEqual(claims["aud"] as? String, resource)

        let appService = "\(info.identityEndpoint)/?api-version=2019-08-01&resource=\(resource)&client_id=\(info.identities[1].clientId)"
        XCTAssertEqual(try emulator.http.send("GET", appService, headers: [("X-IDENTITY-HEADER", "nope")]).status, 401)
        let ok = try emulator.http.send("GET", appService, headers: [("X-IDENTITY-HEADER", info.identityHeader)])
        XCTAssertEqual(ok.status, 200)
        let token = try XCTUnwrap(try JSONSerialization.jsonObject(with: ok.body) as? [String: String])["access_token"]
        XCTAssertEqual(try claimsOf(token ?? "")["oid"] as? String, info.identities[1].objectId)
    }

    func testAdminCreatesPrincipalsAndGroupsThatSurviveARestart() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kvemu-\(UUID().uuidString)")
        var emulator = try LiveEmulator(dataDirectory: directory)
        let group = try emulator.admin.admin("POST", "/admin/principals", body: ["displayName": "ops", "kind": "Group"])
        let groupId = try XCTUnwrap(group["objectId"] as? String)
        let sp = try emulator.admin.admin("POST", "/admin/principals", body: ["displayName": "ci", "groups": [groupId]])
        let credential = ConnectionFile.Credential(clientId: sp["clientId"] as? String ?? "", clientSecret: sp["clientSecret"] as? String ?? "",
                                                   objectId: sp["objectId"] as? String ?? "")
        let token = try AzureSession(connection: emulator.connection, credential: credential).token(resource: emulator.connection.managementEndpoint)
        XCTAssertEqual(try claimsOf(token)["groups"] as? [String], [groupId])
        // A bootstrap principal joins the group; the fixture is re-applied at the next start without losing it.
        try emulator.admin.admin("POST", "/admin/groups/\(groupId)/members", body: ["objectId": emulator.connection.dataConnectApp.objectId])
        XCTAssertThrowsError(try emulator.app.admin("GET", "/admin/principals")) { error in
            XCTAssertEqual((error as? AzureCallError)?.status, 403)
        }
        emulator.stop(removing: false)
        emulator = try LiveEmulator(dataDirectory: directory)
        defer { emulator.stop() }
        let listed = try emulator.admin.admin("GET", "/admin/principals")
        let app = (listed["value"] as? [[String: Any]] ?? []).first { $0["objectId"] as? String == emulator.connection.dataConnectApp.objectId }
        XCTAssertEqual(app?["groups"] as? [String], [groupId])
        XCTAssertNil(app?["clientSecret"])
    }

    func testDeletedVaultIsPurgedWithItsKeysWhenTheRetentionEnds() throws {
        let emulator = try LiveEmulator()
        defer { emulator.stop() }
        let vault = try makeVault(emulator, "exp1", ["softDeleteRetentionInDays": 7])
        try assign(emulator, vault, role: Self.officer, to: emulator.connection.admin.objectId)
        try emulator.admin.vault("POST", "exp1", "/keys/k1/create", body: ["kty": "EC", "crv": "P-256"])
        try emulator.admin.arm("DELETE", vault, apiVersion: Self.armVersion)
        let deleted = "/subscriptions/\(emulator.connection.subscriptionId)/providers/Microsoft.KeyVault/locations/westus/deletedVaults/exp1"
        XCTAssertEqual(try emulator.admin.arm("GET", deleted, apiVersion: Self.armVersion)["name"] as? String, "exp1")

        try emulator.admin.admin("POST", "/admin/clock", body: ["advanceSeconds": 7 * 86_400 + 1])
        let later = AzureSession(connection: emulator.connection, credential: emulator.connection.admin)   // fresh tokens
        XCTAssertThrowsError(try later.arm("GET", deleted, apiVersion: Self.armVersion)) { error in
            XCTAssertEqual((error as? AzureCallError)?.code, "DeletedVaultNotFound")
        }
        let again = try makeVaultAs(later, emulator, "exp1")
        try later.arm("PUT", again + "/providers/Microsoft.Authorization/roleAssignments/\(UUID().uuidString)", apiVersion: "2022-04-01",
                      body: ["properties": ["roleDefinitionId": Self.officer, "principalId": emulator.connection.admin.objectId]])
        XCTAssertEqual((try later.vault("GET", "exp1", "/keys")["value"] as? [Any])?.count, 0, "the purge took the keys")
    }

    private func makeVaultAs(_ session: AzureSession, _ emulator: LiveEmulator, _ name: String) throws -> String {
        let vault = "/subscriptions/\(emulator.connection.subscriptionId)/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/\(name)"
        try session.arm("PUT", vault, apiVersion: Self.armVersion, body: ["location": "westus", "properties": [
            "tenantId": emulator.connection.tenantId, "sku": ["family": "A", "name": "standard"], "enableRbacAuthorization": true]])
        return vault
    }

    private func claimsOf(_ token: String) throws -> [String: Any] {
        let parts = token.split(separator: ".")
        guard parts.count == 3, let data = Data(base64URL: String(parts[1])) else { throw NotAJWT() }
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}

private struct NotAJWT: Error {}
