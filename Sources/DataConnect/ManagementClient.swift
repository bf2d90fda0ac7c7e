// DataConnect: the management host as a confidential client: token up front, JSON in and out.

import Foundation

/// Calls the emulator's management host (ARM and the Data Connect registration API) with a
/// client-credentials token for `{managementEndpoint}/.default` from connection.json's authority,
/// sent up front as ARM clients do (no challenge).
///
/// ```swift
/// let arm = ManagementClient(transport: transport, credential: app, connection: connection)
/// let answer = try arm.authorizeRun(RunAuthorizationRequest(dataset: name, columns: columns))
/// ```
public final class ManagementClient {
    public static let registrationsAPIVersion = "2025-01-01"

    private let transport: any VaultTransport
    private let connection: ConnectionFile
    private var grant: ClientCredentialsGrant

    public init(transport: any VaultTransport, credential: ClientCredential, connection: ConnectionFile) {
        self.transport = transport
        self.connection = connection
        grant = ClientCredentialsGrant(transport: transport, credential: credential)
    }

    /// `POST /providers/Microsoft.DataConnect/authorizeRun`: the registration's answer for this run.
    /// A refusal is `notAuthorized(code)` with the registry's message.
    public func authorizeRun(_ request: RunAuthorizationRequest) throws -> RunAuthorizationAnswer {
        let body = try JSONEncoder().encode(request)
        do {
            let response = try send("POST", "/providers/Microsoft.DataConnect/authorizeRun", apiVersion: Self.registrationsAPIVersion, body: body)
            return try JSONInput.decode(RunAuthorizationAnswer.self, from: response.body, source: "the run authorization", failure: .transport)
        } catch let error as DataConnectError {
            if case .managementRejected(let failure) = error.code, failure.status == 403, RunAuthorizationAnswer.refusalCodes.contains(failure.code) {
                throw DataConnectError(.notAuthorized(failure.code), "\(failure.code): \(failure.message)")
            }
            throw error
        }
    }

    /// A GET of `path` (e.g. `/subscriptions/.../vaults`) decoded as `T`.
    public func get<T: Decodable>(_ type: T.Type, _ path: String, apiVersion: String, query: String = "") throws -> T {
        let response = try send("GET", path, apiVersion: apiVersion, query: query, body: nil)
        return try JSONInput.decode(type, from: response.body, source: "GET \(path)", failure: .transport)
    }

    /// One authorized request; 2xx passes, an Azure error body is `managementRejected`, a 401 is
    /// `authenticationFailed`, anything else `transport`.
    func send(_ method: String, _ path: String, apiVersion: String, query: String = "", body: Data?) throws -> VaultHTTPResponse {
        let token = try grant.token(endpoint: "\(connection.authorityHost)/\(connection.tenantId)/oauth2/v2.0/token",
                                    scope: "\(connection.managementEndpoint)/.default")
        var headers = [("Authorization", "Bearer \(token)"), ("Accept", "application/json")]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let url = "\(connection.managementEndpoint)\(path)?api-version=\(apiVersion)\(query.isEmpty ? "" : "&" + query)"
        let response = try transport.send(method, url, headers: headers, body: body)
        if (200..<300).contains(response.status) { return response }
        let failure = VaultClient.failure(from: response)
        if response.status == 401 {
            throw DataConnectError(.authenticationFailed, "the management host refused the token: \(failure.map(\.description) ?? "401")")
        }
        if response.status < 500, let failure {
            throw DataConnectError(.managementRejected(failure), "\(method) \(path): \(failure)")
        }
        throw DataConnectError(.transport, "\(method) \(path) answered \(response.status) without an Azure error body")
    }
}
