// Identity: bearer-token validation for the data plane, ARM and the admin API.

import Foundation
import ServiceCore
import Storage
import VaultCrypto

extension IdentityService {
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
}
