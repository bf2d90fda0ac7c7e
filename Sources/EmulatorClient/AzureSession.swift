// EmulatorClient: one principal's session with a running emulator: tokens, ARM and data-plane calls.

import Foundation
import HTTPClient

/// Calls the emulator as one principal (client credentials), the way an Azure SDK would: a token
/// per resource from the token endpoint, JSON in and out, Azure errors as `AzureCallError`.
public final class AzureSession {
    public let connection: ConnectionFile
    public let credential: ConnectionFile.Credential
    private let http: HTTPClient
    private var tokens: [String: String] = [:]

    public init(connection: ConnectionFile, credential: ConnectionFile.Credential) {
        self.connection = connection
        self.credential = credential
        self.http = HTTPClient(caFile: connection.caCertFile)
    }

    /// The resource a vault's challenge names: `https://vault.<suffix>:<port>`.
    public var vaultResource: String { "https://\(connection.vaultDnsSuffix)" }

    /// An access token for `resource`, fetched once per session.
    public func token(resource: String) throws -> String {
        if let token = tokens[resource] { return token }
        func encode(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? s }
        let form = [("grant_type", "client_credentials"), ("client_id", credential.clientId),
                    ("client_secret", credential.clientSecret), ("scope", resource + "/.default")]
            .map { "\($0.0)=\(encode($0.1))" }.joined(separator: "&")
        let response = try send("POST", "\(connection.authorityHost)/\(connection.tenantId)/oauth2/v2.0/token",
                                headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Data(form.utf8))
        let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:]
        guard response.status == 200, let token = object["access_token"] as? String else {
            throw AzureCallError(status: response.status, code: object["error"] as? String ?? "token_error", innerCode: nil,
                                 message: object["error_description"] as? String ?? "the token endpoint answered \(response.status)")
        }
        tokens[resource] = token
        return token
    }

    /// An ARM call on the management endpoint (`path` starts with `/subscriptions/...`).
    @discardableResult
    public func arm(_ method: String, _ path: String, apiVersion: String, body: [String: Any]? = nil) throws -> [String: Any] {
        let token = try token(resource: connection.managementEndpoint)
        return try json(method, "\(connection.managementEndpoint)\(path)?api-version=\(apiVersion)", token: token, body: body)
    }

    /// A Key Vault data-plane call on `vault` (`path` starts with `/keys...`).
    @discardableResult
    public func vault(_ method: String, _ vaultName: String, _ path: String, apiVersion: String = "7.4", body: [String: Any]? = nil) throws -> [String: Any] {
        let token = try token(resource: vaultResource)
        return try json(method, "\(connection.vaultURL(vaultName))\(path)?api-version=\(apiVersion)", token: token, body: body)
    }

    /// An admin API call on `https://localhost:<port>` (management-audience token of the admin).
    @discardableResult
    public func admin(_ method: String, _ path: String, body: [String: Any]? = nil) throws -> [String: Any] {
        let token = try token(resource: connection.managementEndpoint)
        return try json(method, "\(connection.adminEndpoint)\(path)", token: token, body: body)
    }

    private func json(_ method: String, _ url: String, token: String, body: [String: Any]?) throws -> [String: Any] {
        var headers = [("Authorization", "Bearer \(token)"), ("Accept", "application/json")]
        var payload: Data?
        if let body {
            headers.append(("Content-Type", "application/json"))
            payload = try JSONSerialization.data(withJSONObject: body)
        }
        let response = try send(method, url, headers: headers, body: payload)
        let object = response.body.isEmpty ? [:] : ((try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:])
        guard (200..<300).contains(response.status) else {
            let error = object["error"] as? [String: Any] ?? [:]
            throw AzureCallError(status: response.status, code: error["code"] as? String ?? "HTTP\(response.status)",
                                 innerCode: (error["innererror"] as? [String: Any])?["code"] as? String,
                                 message: error["message"] as? String ?? String(decoding: response.body.prefix(300), as: UTF8.self))
        }
        return object
    }

    private func send(_ method: String, _ url: String, headers: [(String, String)], body: Data?) throws -> HTTPClientResponse {
        do {
            return try http.send(method, url, headers: headers, body: body)
        } catch {
            throw ClientError("cannot reach the emulator at \(url): \(error). Is it running (keyvault-emulator serve)?")
        }
    }
}
