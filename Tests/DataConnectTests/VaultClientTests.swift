// DataConnectTests: the challenge flow against canned answers: parsing, the token request, refusals.

import Foundation
import XCTest
@testable import DataConnect

final class VaultClientTests: XCTestCase {
    private let vault = URLOrigin(TestConnection.vault)!

    private func client(_ transport: ScriptedTransport) throws -> VaultClient {
        VaultClient(transport: transport, credential: try TestConnection.load().dataConnectApp,
                    authorityHost: TestConnection.authority, tenantId: TestConnection.tenantId)
    }

    func testChallengeParsing() throws {
        let challenge = try BearerChallenge(header: #"Bearer authorization="https://login.localhost:8443/6f1c2a4e-3b5d-4c8e-9a7f-0e2d4b6c8a10", resource="https://vault.localhost:8443""#)
        XCTAssertEqual(challenge.authorization, "https://login.localhost:8443/6f1c2a4e-3b5d-4c8e-9a7f-0e2d4b6c8a10")
        XCTAssertEqual(challenge.resource, "https://vault.localhost:8443")
        XCTAssertEqual(challenge.scope, "https://vault.localhost:8443/.default")
        XCTAssertEqual(challenge.tenantId, "6f1c2a4e-3b5d-4c8e-9a7f-0e2d4b6c8a10")
        XCTAssertEqual(challenge.tokenEndpoint, "https://login.localhost:8443/6f1c2a4e-3b5d-4c8e-9a7f-0e2d4b6c8a10/oauth2/v2.0/token")
        XCTAssertEqual(challenge.resourceOrigin?.authority, "vault.localhost:8443")

        // Azure's own form, authorization_uri, scope winning over resource, unquoted values, odd spacing.
        let azure = try BearerChallenge(header: #"Bearer authorization="https://login.microsoftonline.com/72f988bf-0000-0000-0000-000000000000", resource="https://vault.azure.net""#)
        XCTAssertEqual(azure.scope, "https://vault.azure.net/.default")
        let uri = try BearerChallenge(header: #"bearer   authorization_uri="https://login.localhost:8443/t1/",scope="https://vault.localhost:8443/.default", resource=https://ignored"#)
        XCTAssertEqual(uri.authorization, "https://login.localhost:8443/t1")
        XCTAssertEqual(uri.scope, "https://vault.localhost:8443/.default")
        XCTAssertEqual(uri.tenantId, "t1")

        XCTAssertEqual(dataConnectError { _ = try BearerChallenge(header: #"Basic realm="x""#) }?.code, .transport)
        XCTAssertEqual(dataConnectError { _ = try BearerChallenge(header: #"Bearer resource="https://vault.localhost:8443""#) }?.reason,
                       "the vault's challenge has no authorization parameter")
        XCTAssertEqual(dataConnectError { _ = try BearerChallenge(header: #"Bearer authorization="https://login.localhost:8443/t""#) }?.reason,
                       "the vault's challenge has neither a resource nor a scope parameter")
    }

    func testGetKeyRunsTheChallengeFlowWithTheRightRequests() throws {
        let transport = CannedVault.transport { _ in CannedVault.json(200, CannedVault.keyBundle(n: "AQAB")) }
        let bundle = try client(transport).getKey(vault: vault, name: TestConnection.tenantId)
        XCTAssertEqual(bundle.key.kty, "RSA")
        XCTAssertEqual(bundle.attributes?.exp, 4_102_444_800)

        let requests = transport.requests
        XCTAssertEqual(requests.count, 3)
        XCTAssertEqual(requests[0].method, "GET")
        XCTAssertNil(requests[0].header("Authorization"))
        XCTAssertEqual(requests[1].method, "POST")
        XCTAssertEqual(requests[1].url, "https://login.localhost:8443/\(TestConnection.tenantId)/oauth2/v2.0/token")
        XCTAssertEqual(requests[1].header("Content-Type"), "application/x-www-form-urlencoded")
        XCTAssertEqual(String(decoding: requests[1].body ?? Data(), as: UTF8.self),
                       "grant_type=client_credentials&client_id=\(TestConnection.appId)"
                       + "&client_secret=app-secret%2Fwith%2Bodd%3Dchars%26more"
                       + "&scope=https%3A%2F%2Fvault.localhost%3A8443%2F.default")
        XCTAssertEqual(requests[2].url, "https://kv1.vault.localhost:8443/keys/\(TestConnection.tenantId)?api-version=7.4")
        XCTAssertEqual(requests[2].header("Authorization"), "Bearer \(CannedVault.token)")
    }

    func testTokenIsReusedForTheSameScope() throws {
        let transport = CannedVault.transport { _ in CannedVault.json(200, CannedVault.keyBundle(n: "AQAB")) }
        let client = try client(transport)
        _ = try client.getKey(vault: vault, name: "a")
        _ = try client.getKey(vault: vault, name: "b")
        XCTAssertEqual(transport.requests.filter { $0.url.hasSuffix("/token") }.count, 1)
    }

    func testTheSecretIsNeverSentToAnAuthorityOtherThanConnectionJsons() throws {
        let transport = ScriptedTransport { request in
            if request.url.contains("/token") { return CannedVault.tokenResponse() }
            return VaultHTTPResponse(status: 401, headers: ["WWW-Authenticate": #"Bearer authorization="https://login.evil.example/\#(TestConnection.tenantId)", resource="https://vault.localhost:8443""#])
        }
        let error = dataConnectError { _ = try self.client(transport).getKey(vault: self.vault, name: "k") }
        XCTAssertEqual(error?.code, .authenticationFailed)
        XCTAssertTrue(error?.reason.contains("https://login.evil.example") ?? false)
        XCTAssertEqual(transport.requests.count, 1, "no token request was made")
    }

    func testChallengeForAnotherTenantOrResourceIsRefused() throws {
        let otherTenant = ScriptedTransport { _ in
            VaultHTTPResponse(status: 401, headers: ["WWW-Authenticate": #"Bearer authorization="https://login.localhost:8443/11111111-2222-4333-8444-555555555555", resource="https://vault.localhost:8443""#])
        }
        XCTAssertEqual(dataConnectError { _ = try self.client(otherTenant).getKey(vault: self.vault, name: "k") }?.reason,
                       "the vault belongs to tenant 11111111-2222-4333-8444-555555555555, not to tenant \(TestConnection.tenantId) of connection.json")
        let otherResource = ScriptedTransport { _ in
            VaultHTTPResponse(status: 401, headers: ["WWW-Authenticate": #"Bearer authorization="https://login.localhost:8443/\#(TestConnection.tenantId)", resource="https://vault.azure.net""#])
        }
        XCTAssertEqual(dataConnectError { _ = try self.client(otherResource).getKey(vault: self.vault, name: "k") }?.reason,
                       "the challenge resource https://vault.azure.net does not match the vault host kv1.vault.localhost:8443")
        XCTAssertEqual(otherResource.requests.count, 1)
    }

    func testUnexpectedAnswersAreTransportErrorsAndTokenRefusalIsAuthentication() throws {
        let serverError = CannedVault.transport { _ in CannedVault.azureError(500, code: "InternalError", inner: nil) }
        XCTAssertEqual(dataConnectError { _ = try self.client(serverError).getKey(vault: self.vault, name: "k") }?.exitStatus, 5)
        let htmlForbidden = CannedVault.transport { _ in VaultHTTPResponse(status: 403, body: Data("<html>no</html>".utf8)) }
        XCTAssertEqual(dataConnectError { _ = try self.client(htmlForbidden).getKey(vault: self.vault, name: "k") }?.code, .transport)
        let noChallenge = ScriptedTransport { _ in VaultHTTPResponse(status: 401) }
        XCTAssertEqual(dataConnectError { _ = try self.client(noChallenge).getKey(vault: self.vault, name: "k") }?.reason,
                       "the vault answered 401 without a WWW-Authenticate challenge")
        let refusesToken = ScriptedTransport { request in
            request.url.hasSuffix("/token") ? CannedVault.tokenResponse()
                : CannedVault.json(401, ["error": ["code": "Unauthorized", "message": "AKV10022: Invalid audience."]], headers: ["WWW-Authenticate": CannedVault.challenge])
        }
        let refused = dataConnectError { _ = try self.client(refusesToken).getKey(vault: self.vault, name: "k") }
        XCTAssertEqual(refused?.code, .authenticationFailed)
        XCTAssertEqual(refused?.reason, "the vault refused the token: 401 Unauthorized: AKV10022: Invalid audience.")
        let garbageKey = CannedVault.transport { _ in VaultHTTPResponse(status: 200, body: Data("[]".utf8)) }
        XCTAssertEqual(dataConnectError { _ = try self.client(garbageKey).getKey(vault: self.vault, name: "k") }?.code, .transport)
    }

    func testHttpVaultIsRefusedBeforeAnyRequest() throws {
        let transport = CannedVault.transport { _ in CannedVault.unauthorized() }
        XCTAssertEqual(dataConnectError { _ = try self.client(transport).getKey(vault: URLOrigin("http://kv1.vault.localhost:8080")!, name: "k") }?.code, .usage)
        XCTAssertTrue(transport.requests.isEmpty)
    }

    func testKeyIdentifiersAndOrigins() {
        let kid = KeyIdentifier("https://KV1.vault.localhost:8443/keys/\(TestConnection.tenantId)/\(TestConnection.keyVersion)")
        XCTAssertEqual(kid?.vault.text, "https://kv1.vault.localhost:8443")
        XCTAssertEqual(kid?.name, TestConnection.tenantId)
        XCTAssertEqual(kid?.version, TestConnection.keyVersion)
        XCTAssertNil(KeyIdentifier("https://kv1.vault.localhost:8443/keys/x"))
        XCTAssertNil(KeyIdentifier("https://kv1.vault.localhost:8443/keys/x/not-a-version"))
        XCTAssertNil(KeyIdentifier("http://kv1.vault.localhost/keys/x/\(TestConnection.keyVersion)"))
        XCTAssertEqual(URLOrigin("https://kv1.vault.azure.net:443/")?.text, "https://kv1.vault.azure.net")
        XCTAssertEqual(dataConnectError { _ = try DeliveryOptions.vaultOrigin("https://kv1.vault.localhost:8443/keys") }?.code, .usage)
        XCTAssertEqual(dataConnectError { _ = try DeliveryOptions.vaultOrigin("kv1") }?.code, .usage)
    }
}
