// Identity: the emulated Entra ID and its directory (token issuing, validation and discovery are extensions beside it).

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
    let clock: any Clock
    let signing: SigningKey
    /// Tokens that already passed signature and directory checks, with the claims the per-request
    /// checks need, so a token is decoded and verified once (bounded).
    let verified = Mutex<[String: VerifiedToken]>([:])

    struct VerifiedToken: Sendable {
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
}
