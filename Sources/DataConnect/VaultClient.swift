// DataConnect: Key Vault over HTTPS as a confidential client: challenge, token, get key, decrypt.

import Foundation
import VaultCrypto

/// A Key Vault client that authenticates like the Azure SDK: it sends the request without a token,
/// reads the 401 challenge, gets a client-credentials token for the challenge's scope, and resends.
///
/// Before the client secret leaves the process, the challenge must name `authorityHost` of
/// connection.json and the expected tenant, and the vault host must lie under the challenge's
/// resource (the SDK's `verify_challenge_resource` rule), so a vault cannot redirect the secret.
///
/// ```swift
/// let client = VaultClient(transport: CurlVaultTransport(caFile: ca), credential: app,
///                          authorityHost: connection.authorityHost, tenantId: connection.tenantId)
/// let bundle = try client.getKey(vault: URLOrigin("https://kv1.vault.localhost:8443")!, name: tenantId)
/// ```
public final class VaultClient {
    public static let apiVersion = "7.4"

    private let transport: any VaultTransport
    private let credential: ClientCredential
    private let authority: URLOrigin?
    private let tenantId: String
    private let progress: (String) -> Void
    private var tokens: [String: String] = [:]   // scope -> access token

    public init(transport: any VaultTransport, credential: ClientCredential, authorityHost: String, tenantId: String,
                progress: @escaping (String) -> Void = { _ in }) {
        self.transport = transport
        self.credential = credential
        self.authority = URLOrigin(authorityHost)
        self.tenantId = tenantId
        self.progress = progress
    }

    /// `GET {vault}/keys/{name}?api-version=7.4`: the current version's public key and attributes.
    public func getKey(vault: URLOrigin, name: String) throws -> VaultKeyBundle {
        let url = "\(vault.text)/keys/\(VaultClient.pathSegment(name))?api-version=\(VaultClient.apiVersion)"
        let response = try authorized("GET", url, vault: vault, body: nil)
        return try JSONInput.decode(VaultKeyBundle.self, from: response.body, source: "the vault's key response", failure: .transport)
    }

    /// `POST {vault}/keys/{name}/{version}/decrypt?api-version=7.4` with `{"alg","value"}`; returns the plaintext.
    public func decrypt(key: KeyIdentifier, algorithm: KeyWrapAlgorithm, ciphertext: Data) throws -> Data {
        let url = "\(key.vault.text)/keys/\(VaultClient.pathSegment(key.name))/\(key.version)/decrypt?api-version=\(VaultClient.apiVersion)"
        let body = try JSONEncoder().encode(KeyOperationRequest(alg: algorithm.rawValue, value: Base64URL.encode(ciphertext)))
        let response = try authorized("POST", url, vault: key.vault, body: body)
        let result = try JSONInput.decode(KeyOperationResult.self, from: response.body, source: "the vault's decrypt response", failure: .transport)
        guard let plaintext = Base64URL.decode(result.value) else {
            throw DataConnectError(.transport, "the vault's decrypt response value is not base64url")
        }
        return plaintext
    }

    /// Sends without a token first (bodiless, as the SDK does), answers the challenge, resends with the token.
    private func authorized(_ method: String, _ url: String, vault: URLOrigin, body: Data?) throws -> VaultHTTPResponse {
        guard vault.scheme == "https" else {
            throw DataConnectError(.usage, "the vault URL must be https (bearer tokens are never sent in clear): \(vault)")
        }
        var headers = [("Accept", "application/json")]
        let probe = try transport.send(method, url, headers: headers, body: body == nil ? nil : Data())
        guard probe.status == 401 else { return try VaultClient.accept(probe, method: method, url: url) }
        guard let header = probe.headers["www-authenticate"] else {
            throw DataConnectError(.transport, "the vault answered 401 without a WWW-Authenticate challenge")
        }
        let challenge = try BearerChallenge(header: header)
        try verify(challenge, vault: vault)
        let token = try accessToken(for: challenge)
        headers.append(("Authorization", "Bearer \(token)"))
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let response = try transport.send(method, url, headers: headers, body: body)
        if response.status == 401 {
            let failure = VaultClient.failure(from: response)
            throw DataConnectError(.authenticationFailed, "the vault refused the token: \(failure.map(\.description) ?? "401")")
        }
        return try VaultClient.accept(response, method: method, url: url)
    }

    private func verify(_ challenge: BearerChallenge, vault: URLOrigin) throws {
        guard let challengeAuthority = URLOrigin(challenge.authorization), challengeAuthority.scheme == "https",
              challengeAuthority == authority else {
            throw DataConnectError(.authenticationFailed,
                "the vault's challenge names the authority \(challenge.authorization), which is not connection.json's authorityHost \(authority?.text ?? "?"); the client secret is not sent there")
        }
        guard let challengeTenant = challenge.tenantId, challengeTenant.lowercased() == tenantId.lowercased() else {
            throw DataConnectError(.authenticationFailed,
                "the vault belongs to tenant \(challenge.tenantId ?? "(none)"), not to tenant \(tenantId) of connection.json")
        }
        guard let resource = challenge.resourceOrigin,
              vault.authority.hasSuffix("." + resource.authority) else {
            throw DataConnectError(.authenticationFailed,
                "the challenge resource \(challenge.resource ?? challenge.scope) does not match the vault host \(vault.authority)")
        }
    }

    /// Client-credentials grant at `{authorization}/oauth2/v2.0/token`, cached per scope.
    private func accessToken(for challenge: BearerChallenge) throws -> String {
        if let cached = tokens[challenge.scope] { return cached }
        progress("requesting a token for \(credential.clientId) from \(challenge.authorization) (scope \(challenge.scope))")
        let form = [("grant_type", "client_credentials"), ("client_id", credential.clientId),
                    ("client_secret", credential.clientSecret), ("scope", challenge.scope)]
            .map { "\($0.0)=\(VaultClient.formEncode($0.1))" }.joined(separator: "&")
        let response = try transport.send("POST", challenge.tokenEndpoint,
                                          headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
                                          body: Data(form.utf8))
        let body = try? JSONDecoder().decode(TokenEndpointBody.self, from: response.body)
        if response.status == 200, let token = body?.access_token, !token.isEmpty {
            tokens[challenge.scope] = token
            return token
        }
        if let error = body?.error {
            let detail = body?.error_description?.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            throw DataConnectError(.authenticationFailed,
                "the token authority refused \(credential.clientId): \(error)\(detail.isEmpty ? "" : " (\(detail))")")
        }
        throw DataConnectError(.transport, "the token endpoint \(challenge.tokenEndpoint) answered \(response.status) without a token")
    }

    /// 2xx passes; a 4xx with an Azure error body becomes `vaultRejected`; anything else is `transport`.
    static func accept(_ response: VaultHTTPResponse, method: String, url: String) throws -> VaultHTTPResponse {
        if (200..<300).contains(response.status) { return response }
        let where_ = "\(method) \(VaultTransportText.withoutQuery(url))"
        if response.status < 500, let failure = failure(from: response) {
            throw DataConnectError(.vaultRejected(failure), "\(where_): \(failure)")
        }
        throw DataConnectError(.transport, "\(where_) answered \(response.status) without an Azure error body")
    }

    static func failure(from response: VaultHTTPResponse) -> VaultFailure? {
        guard let envelope = try? JSONDecoder().decode(AzureErrorEnvelope.self, from: response.body),
              let code = envelope.error.code else { return nil }
        return VaultFailure(status: response.status, code: code, innerCode: envelope.error.innererror?.code,
                            message: envelope.error.message ?? "")
    }

    /// application/x-www-form-urlencoded value: unreserved characters kept, everything else %XX.
    static func formEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let isUnreserved = (65...90).contains(byte) || (97...122).contains(byte) || (48...57).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
            out += isUnreserved ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
        }
        return out
    }

    /// A key name as one URL path segment.
    static func pathSegment(_ name: String) -> String {
        name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_"))) ?? name
    }
}
