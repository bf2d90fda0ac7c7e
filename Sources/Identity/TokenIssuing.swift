// Identity: the token endpoint: the client-credentials grant and token signing.

import Foundation
import ServiceCore
import Storage
import VaultCrypto

extension IdentityService {
    // MARK: Token endpoint

    /// The client-credentials grant (`POST /{tenant}/oauth2/v2.0/token`). Extra fields MSAL sends
    /// (`client_info`, `claims`) are accepted and ignored.
    public func issueToken(tenant: String, form: [String: String]) -> Result<TokenGrant, OAuthError> {
        guard tenantExists(tenant) else { return .failure(.unknownTenant(tenant)) }
        guard let grantType = form["grant_type"], !grantType.isEmpty else { return .failure(.missingParameter("grant_type")) }
        guard grantType == "client_credentials" else { return .failure(.unsupportedGrantType(grantType)) }
        guard let clientId = form["client_id"], !clientId.isEmpty else { return .failure(.missingParameter("client_id")) }
        // v2 endpoint: scope "{resource}/.default"; v1 endpoint: resource.
        let resource: String
        if let scope = form["scope"] {
            let first = scope.split(separator: " ").first.map(String.init) ?? ""
            guard first.hasSuffix("/.default") else { return .failure(.invalidScope(scope)) }
            resource = String(first.dropLast("/.default".count))
        } else if let legacy = form["resource"], !legacy.isEmpty {
            resource = legacy
        } else {
            return .failure(.missingParameter("scope"))
        }
        let rows = (try? database.query("SELECT * FROM identity_principals WHERE tenant_id = ? AND client_id = ?",
                                        [.text(tenant.lowercased()), .text(clientId.lowercased())])) ?? []
        guard let row = rows.first else { return .failure(.unknownClient(clientId: clientId, tenant: tenant)) }
        guard let secret = form["client_secret"], !secret.isEmpty else { return .failure(.missingParameter("client_assertion' or 'client_secret")) }
        guard let salt = row.data("secret_salt"), let hash = row.data("secret_hash"),
              ClientSecretHash.matches(secret, salt: salt, hash: hash) else {
            return .failure(.invalidClientSecret(clientId: clientId))
        }
        do {
            let signed = try signAccessToken(for: Self.principal(from: row), resource: resource)
            return .success(TokenGrant(expiresIn: Int(Self.tokenLifetime), extExpiresIn: Int(Self.tokenLifetime), accessToken: signed.token))
        } catch {
            return .failure(OAuthError(status: 500, error: "server_error", code: 50000, description: "The token could not be signed."))
        }
    }

    /// An access token for `principal` and `resource` with the claims of an Entra v1 app token
    /// (`appidacr` 2 for a managed identity, which proves itself without a secret); also its
    /// `nbf` and `exp`.
    public func signAccessToken(for principal: DirectoryPrincipal, resource: String) throws -> (token: String, notBefore: Int64, expiresOn: Int64) {
        let now = clock.now().unixSeconds
        var claims: [String: any Sendable] = [
            "aud": resource,
            "iss": Self.issuer(tenant: principal.tenantId),
            "iat": now, "nbf": now, "exp": now + Self.tokenLifetime,
            "appid": principal.clientId ?? "", "appidacr": principal.managedIdentity == nil ? "1" : "2",
            "idp": Self.issuer(tenant: principal.tenantId), "idtyp": "app",
            "oid": principal.objectId, "sub": principal.objectId, "tid": principal.tenantId,
            "uti": Base64URL.encode(SecureRandom.bytes(16)), "ver": "1.0",
        ]
        if !principal.groups.isEmpty { claims["groups"] = principal.groups }
        let token = try JWT.sign(claims: claims, keyId: signing.kid, key: signing.key)
        return (token, now, now + Self.tokenLifetime)
    }

    /// Version 1 issuer, as Key Vault and ARM tokens carry it.
    public static func issuer(tenant: String) -> String { "https://sts.windows.net/\(tenant)/" }
}
