// Identity: the authority's token-signing key, made once and kept in the database.

import Foundation
import Storage
import VaultCrypto

/// The RS256 key tokens are signed with. Its `kid` is the base64url SHA-256 of the public key,
/// so it is stable across restarts of the same data directory.
struct SigningKey: Sendable {
    let kid: String
    let key: RSAKey

    /// Loads the stored key or makes and stores a new one.
    static func loadOrCreate(in database: Database, now: Date) throws -> SigningKey {
        if let row = try database.query("SELECT kid, pkcs8 FROM identity_signing_keys ORDER BY created_at LIMIT 1").first,
           let kid = row.string("kid"), let der = row.data("pkcs8") {
            return SigningKey(kid: kid, key: try RSAKey(pkcs8DER: der))
        }
        let key = try RSAKey.generate(bits: 2048)
        let kid = Base64URL.encode(HashAlgorithm.sha256.hash(try key.publicKeyDER())).prefix(27)
        let signing = SigningKey(kid: String(kid), key: key)
        try database.execute("INSERT INTO identity_signing_keys (kid, pkcs8, created_at) VALUES (?, ?, ?)",
                             [.text(signing.kid), .blob(try key.pkcs8DER()), .integer(now.unixSeconds)])
        return signing
    }

    /// The JWKS entry (`kty`, `use`, `kid`, `n`, `e`, `alg`).
    var jwk: [String: String] {
        ["kty": "RSA", "use": "sig", "kid": kid, "x5t": kid, "alg": "RS256",
         "n": Base64URL.encode(key.modulus), "e": Base64URL.encode(key.publicExponent)]
    }
}
