// Identity: OpenID Connect discovery and the JWKS.

import Foundation
import ServiceCore
import Storage
import VaultCrypto

extension IdentityService {
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
