// DataConnectTests: shared helpers: fixture paths, temp directories, a scripted vault transport.

import Foundation
import XCTest
@testable import DataConnect

enum TestPaths {
    /// The repository root, from this file's location (Tests/DataConnectTests/TestSupport.swift).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = repository.appendingPathComponent("fixtures/dataconnect")

    /// A fresh empty directory under the system temp directory, removed by the test's teardown.
    static func temporaryDirectory(_ test: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dataconnect-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}

/// Values of the synthetic connection.json the tests use.
enum TestConnection {
    static let tenantId = "6f1c2a4e-3b5d-4c8e-9a7f-0e2d4b6c8a10"
    static let appId = "d2d2d2d2-0000-4000-8000-000000000002"
    static let appSecret = "app-secret/with+odd=chars&more"
    static let adminId = "a1a1a1a1-0000-4000-8000-000000000001"
    static let adminSecret = "admin-secret"
    static let authority = "https://login.localhost:8443"
    static let vault = "https://kv1.vault.localhost:8443"
    static let keyVersion = "0123456789abcdef0123456789abcdef"

    static var json: String {
        """
        {"port":8443,"caCertFile":"/nonexistent/ca.pem","authorityHost":"\(authority)",
         "managementEndpoint":"https://management.localhost:8443","vaultDnsSuffix":"vault.localhost:8443",
         "portalUrl":"https://portal.localhost:8443","tenantId":"\(tenantId)",
         "subscriptionId":"0b7e2c4d-6f8a-4b1c-9d3e-5a7c9e1b3d50",
         "admin":{"clientId":"\(adminId)","clientSecret":"\(adminSecret)","objectId":"a1a1a1a1-0000-4000-8000-0000000000a1"},
         "dataConnectApp":{"clientId":"\(appId)","clientSecret":"\(appSecret)","objectId":"d2d2d2d2-0000-4000-8000-0000000000d2"}}
        """
    }

    /// Writes connection.json into `directory` and returns its path.
    static func write(into directory: URL) throws -> String {
        let url = directory.appendingPathComponent("connection.json")
        try Data(json.utf8).write(to: url)
        return url.path
    }

    static func load() throws -> ConnectionFile {
        try ConnectionFile.parse(Data(json.utf8), source: "test connection.json")
    }

    static func tenant(seed: UInt64) throws -> SyntheticTenant {
        try SyntheticTenant.load(fixtures: TestPaths.fixtures, tenantId: tenantId, seed: seed)
    }
}

/// One request the scripted transport saw.
struct RecordedRequest: Sendable {
    let method: String
    let url: String
    let headers: [(String, String)]
    let body: Data?

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}

/// A transport answering from a closure, recording every request.
final class ScriptedTransport: VaultTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [RecordedRequest] = []
    private let handler: @Sendable (RecordedRequest) throws -> VaultHTTPResponse

    init(_ handler: @escaping @Sendable (RecordedRequest) throws -> VaultHTTPResponse) {
        self.handler = handler
    }

    var requests: [RecordedRequest] { lock.withLock { seen } }

    func send(_ method: String, _ url: String, headers: [(String, String)], body: Data?) throws -> VaultHTTPResponse {
        let request = RecordedRequest(method: method, url: url, headers: headers, body: body)
        lock.withLock { seen.append(request) }
        return try handler(request)
    }
}

/// Canned Key Vault and token-endpoint answers.
enum CannedVault {
    static let challenge = "Bearer authorization=\"\(TestConnection.authority)/\(TestConnection.tenantId)\", resource=\"https://vault.localhost:8443\""
    static let token = "eyJ0eXAiOiJKV1QifQ.e30.c2ln"

    static func json(_ status: Int, _ object: Any, headers: [String: String] = [:]) -> VaultHTTPResponse {
        let body = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return VaultHTTPResponse(status: status, headers: headers.merging(["Content-Type": "application/json"]) { a, _ in a }, body: body)
    }

    static func unauthorized() -> VaultHTTPResponse {
        json(401, ["error": ["code": "Unauthorized", "message": "AKV10000: Request is missing a Bearer or PoP token."]],
             headers: ["WWW-Authenticate": challenge])
    }

    static func azureError(_ status: Int, code: String, inner: String?, message: String = "denied") -> VaultHTTPResponse {
        var error: [String: Any] = ["code": code, "message": message]
        if let inner { error["innererror"] = ["code": inner] }
        return json(status, ["error": error])
    }

    static func tokenResponse() -> VaultHTTPResponse {
        json(200, ["token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": token])
    }

    /// A key bundle; `n`/`e` base64url, times in seconds since 1970.
    static func keyBundle(kty: String = "RSA", n: String, e: String = "AQAB", enabled: Bool? = true, nbf: Int64? = nil,
                          exp: Int64? = 4_102_444_800, version: String = TestConnection.keyVersion) -> [String: Any] {
        var attributes: [String: Any] = ["created": 1_700_000_000, "updated": 1_700_000_000, "recoveryLevel": "Recoverable+Purgeable"]
        if let enabled { attributes["enabled"] = enabled }
        if let nbf { attributes["nbf"] = nbf }
        if let exp { attributes["exp"] = exp }
        return ["key": ["kid": "\(TestConnection.vault)/keys/\(TestConnection.tenantId)/\(version)", "kty": kty,
                        "key_ops": ["encrypt", "decrypt", "wrapKey", "unwrapKey"], "n": n, "e": e],
                "attributes": attributes, "tags": [String: String]()]
    }

    /// A vault that challenges anonymous requests, issues a token, then answers `authorized`.
    static func transport(authorized: @escaping @Sendable (RecordedRequest) throws -> VaultHTTPResponse) -> ScriptedTransport {
        ScriptedTransport { request in
            if request.url.hasSuffix("/oauth2/v2.0/token") { return tokenResponse() }
            guard request.header("Authorization") == "Bearer \(token)" else { return unauthorized() }
            return try authorized(request)
        }
    }
}

extension XCTestCase {
    /// Runs `body` and returns the DataConnectError it throws (failing the test when it does not).
    func dataConnectError(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> DataConnectError? {
        do {
            try body()
            XCTFail("expected a DataConnectError", file: file, line: line)
        } catch let error as DataConnectError {
            return error
        } catch {
            XCTFail("expected a DataConnectError, got \(error)", file: file, line: line)
        }
        return nil
    }
}
