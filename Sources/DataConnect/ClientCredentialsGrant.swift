// DataConnect: the OAuth2 client-credentials grant, shared by the vault and management clients.

import Foundation

/// `POST {tokenEndpoint}` with `grant_type=client_credentials&client_id=..&client_secret=..&scope=..`,
/// as MSAL sends it; tokens are cached per scope for the life of the value's owner.
///
/// ```swift
/// var grant = ClientCredentialsGrant(transport: transport, credential: app)
/// let token = try grant.token(endpoint: "https://login.localhost:8443/\(tenant)/oauth2/v2.0/token",
///                             scope: "https://management.localhost:8443/.default")
/// ```
struct ClientCredentialsGrant {
    let transport: any VaultTransport
    let credential: ClientCredential
    private var tokens: [String: String] = [:]   // scope -> access token

    init(transport: any VaultTransport, credential: ClientCredential) {
        self.transport = transport
        self.credential = credential
    }

    func hasToken(scope: String) -> Bool { tokens[scope] != nil }

    /// A token for `scope`; a refusal by the authority is `authenticationFailed` naming its error code.
    mutating func token(endpoint: String, scope: String) throws -> String {
        if let cached = tokens[scope] { return cached }
        let form = [("grant_type", "client_credentials"), ("client_id", credential.clientId),
                    ("client_secret", credential.clientSecret), ("scope", scope)]
            .map { "\($0.0)=\(VaultClient.formEncode($0.1))" }.joined(separator: "&")
        let response = try transport.send("POST", endpoint,
                                          headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
                                          body: Data(form.utf8))
        let body = try? JSONDecoder().decode(TokenEndpointBody.self, from: response.body)
        if response.status == 200, let token = body?.access_token, !token.isEmpty {
            tokens[scope] = token
            return token
        }
        if let error = body?.error {
            let detail = body?.error_description?.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            throw DataConnectError(.authenticationFailed,
                "the token authority refused \(credential.clientId): \(error)\(detail.isEmpty ? "" : " (\(detail))")")
        }
        throw DataConnectError(.transport, "the token endpoint \(endpoint) answered \(response.status) without a token")
    }
}
