// Identity: the emulated Entra ID: directory, token issuing and token validation.

import Foundation
import ServiceCore
import Storage
import Synchronization
import VaultCrypto

/// Holds tenants and principals, issues RS256 access tokens for the client-credentials grant and
/// validates them for the data plane and ARM.
///
/// ```swift
/// let identity = try IdentityService(database: db, clock: clock)
/// let grant = try identity.issueToken(tenant: tid, form: ["grant_type": "client_credentials", ...]).get()
/// let token = try identity.validate(bearer: grant.accessToken, audiences: ["https://vault.localhost:8443"]).get()
/// ```
public final class IdentityService: Sendable {
    /// Lifetime of issued tokens, as Entra ID's default (`expires_in` 3599).
    public static let tokenLifetime: Int64 = 3599
    /// Clock skew tolerated on `nbf` and `exp`, as Azure's token validation allows.
    public static let clockSkew: Int64 = 300

    let database: Database
    private let clock: any Clock
    private let signing: SigningKey
    /// Tokens that already passed signature and directory checks, with the claims the per-request
    /// checks need, so a token is decoded and verified once (bounded).
    private let verified = Mutex<[String: VerifiedToken]>([:])

    private struct VerifiedToken: Sendable {
        let principal: Principal
        let audience: String
        let exp: Int64
        let nbf: Int64?
    }

    public init(database: Database, clock: any Clock) throws {
        self.database = database
        self.clock = clock
        self.signing = try SigningKey.loadOrCreate(in: database, now: clock.now())
    }

    // MARK: Directory

    public func registerTenant(id: String, displayName: String) throws {
        try database.execute("INSERT INTO identity_tenants (tenant_id, display_name) VALUES (?, ?) ON CONFLICT(tenant_id) DO UPDATE SET display_name = excluded.display_name",
                             [.text(id.lowercased()), .text(displayName)])
    }

    /// Adds or replaces a principal; its secret (if any) is stored hashed.
    public func registerPrincipal(_ registration: PrincipalRegistration) throws {
        let secret = registration.clientSecret.map(ClientSecretHash.make)
        let groups = String(decoding: try JSONSerialization.data(withJSONObject: registration.groups.map { $0.lowercased() }), as: UTF8.self)
        try database.execute("""
            INSERT INTO identity_principals (object_id, tenant_id, kind, client_id, display_name, secret_salt, secret_hash, groups_json,
                managed_identity)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(object_id) DO UPDATE SET tenant_id = excluded.tenant_id, kind = excluded.kind, client_id = excluded.client_id,
                display_name = excluded.display_name, secret_salt = excluded.secret_salt, secret_hash = excluded.secret_hash,
                groups_json = excluded.groups_json, managed_identity = excluded.managed_identity
            """, [
                .text(registration.objectId.lowercased()), .text(registration.tenantId.lowercased()), .text(registration.kind.rawValue),
                registration.clientId.map { .text($0.lowercased()) } ?? .null, .text(registration.displayName),
                secret.map { .blob($0.salt) } ?? .null, secret.map { .blob($0.hash) } ?? .null, .text(groups),
                registration.managedIdentity.map { .text($0) } ?? .null,
            ])
        forgetValidatedTokens()
    }

    /// Cached validations hold the caller's groups: dropping them makes a changed membership
    /// apply at once (the next request re-verifies its token).
    func forgetValidatedTokens() {
        verified.withLock { $0.removeAll() }
    }

    public func tenantExists(_ tenantId: String) -> Bool {
        ((try? database.query("SELECT 1 FROM identity_tenants WHERE tenant_id = ?", [.text(tenantId.lowercased())])) ?? []).isEmpty == false
    }

    public func principal(objectId: String) -> DirectoryPrincipal? {
        (try? database.query("SELECT * FROM identity_principals WHERE object_id = ?", [.text(objectId.lowercased())]))?.first.map(Self.principal(from:))
    }

    static func principal(from row: Row) -> DirectoryPrincipal {
        let groupsJSON = Data((row.string("groups_json") ?? "[]").utf8)
        let groups = (try? JSONSerialization.jsonObject(with: groupsJSON)) as? [String] ?? []
        return DirectoryPrincipal(objectId: row.string("object_id") ?? "", tenantId: row.string("tenant_id") ?? "",
                                  kind: Principal.Kind(rawValue: row.string("kind") ?? "") ?? .servicePrincipal,
                                  clientId: row.string("client_id"), displayName: row.string("display_name") ?? "", groups: groups,
                                  managedIdentity: row.string("managed_identity"))
    }

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

    // MARK: Validation

    private struct Claims: Decodable {
        let aud: String?, iss: String?, tid: String?, oid: String?, appid: String?, azp: String?
        let exp: Int64?, nbf: Int64?
        let groups: [String]?
    }

    /// Checks signature, lifetime (with skew) and audience; the caller checks the tenant against
    /// the resource's own (a vault's `tenantId`).
    public func validate(bearer token: String, audiences: Set<String>, now: Date,
                         lifetime: LifetimePolicy = .enforced) -> Result<ValidatedToken, TokenRejection> {
        let known: VerifiedToken
        if let cached = verified.withLock({ $0[token] }) {
            known = cached
        } else {
            switch verify(token) {
            case .failure(let rejection): return .failure(rejection)
            case .success(let fresh):
                known = fresh
                verified.withLock { cache in
                    if cache.count > 10_000 { cache.removeAll() }
                    cache[token] = fresh
                }
            }
        }
        if lifetime == .enforced {
            let seconds = now.unixSeconds
            if known.exp + Self.clockSkew <= seconds { return .failure(.expired(exp: known.exp)) }
            if let nbf = known.nbf, nbf - Self.clockSkew > seconds { return .failure(.notYetValid(nbf: nbf)) }
        }
        guard audiences.contains(known.audience.lowercased()) else { return .failure(.wrongAudience(found: known.audience)) }
        return .success(ValidatedToken(principal: known.principal, audience: known.audience, expiresAt: known.exp))
    }

    /// Structure, signature and directory checks: what does not change while a token lives.
    private func verify(_ token: String) -> Result<VerifiedToken, TokenRejection> {
        guard let decoded = try? JWT.decode(token),
              let claims = try? JSONDecoder().decode(Claims.self, from: decoded.claimsJSON),
              let tenant = claims.tid, let oid = claims.oid, let exp = claims.exp else {
            return .failure(.malformed)
        }
        guard decoded.header["kid"] == signing.kid else { return .failure(.unknownSigningKey(kid: decoded.header["kid"] ?? "")) }
        guard JWT.verifySignature(decoded, key: signing.key) else { return .failure(.badSignature) }
        guard let directory = self.principal(objectId: oid), directory.tenantId == tenant.lowercased() else {
            return .failure(.unknownPrincipal)
        }
        let principal = Principal(tenantId: directory.tenantId, objectId: directory.objectId,
                                  applicationId: claims.appid ?? claims.azp ?? directory.clientId ?? "",
                                  groups: directory.groups, issuer: claims.iss ?? Self.issuer(tenant: tenant), kind: directory.kind)
        return .success(VerifiedToken(principal: principal, audience: claims.aud ?? "", exp: exp, nbf: claims.nbf))
    }

    // MARK: Discovery

    /// The OpenID Connect discovery document for `tenant`, with endpoints on `origin`.
    public func openIDConfiguration(origin: String, tenant: String, version2: Bool) -> Data {
        let base = "\(origin)/\(tenant)"
        let document: [String: Any] = [
            "issuer": version2 ? "\(base)/v2.0" : Self.issuer(tenant: tenant),
            "authorization_endpoint": version2 ? "\(base)/oauth2/v2.0/authorize" : "\(base)/oauth2/authorize",
            "token_endpoint": version2 ? "\(base)/oauth2/v2.0/token" : "\(base)/oauth2/token",
            "jwks_uri": "\(origin)/\(tenant)/discovery/v2.0/keys",
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
            "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
            "response_modes_supported": ["query", "fragment", "form_post"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "profile", "email", "offline_access"],
            "grant_types_supported": ["client_credentials"],
            "tenant_region_scope": "NA",
            "cloud_instance_name": "emulator",
        ]
        return (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    /// The JSON Web Key Set with the signing key.
    public func jwks() -> Data {
        (try? JSONSerialization.data(withJSONObject: ["keys": [signing.jwk]], options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }
}
