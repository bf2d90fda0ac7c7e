// Identity: why a bearer token was refused, as a value each wire dialect words in its own way.

/// The outcome of a failed validation. The data plane turns these into `AKV100xx` messages, ARM
/// into `InvalidAuthenticationToken` / `ExpiredAuthenticationToken`.
public enum TokenRejection: Error, Sendable, Equatable {
    /// Not three base64url parts of JSON.
    case malformed
    /// The `kid` names no key of this authority (AKV10046).
    case unknownSigningKey(kid: String)
    /// The signature does not verify, or the algorithm is not RS256.
    case badSignature
    /// `aud` is not one the resource accepts (AKV10022).
    case wrongAudience(found: String)
    /// `exp` has passed.
    case expired(exp: Int64)
    /// `nbf` is still ahead.
    case notYetValid(nbf: Int64)
    /// The token names a tenant or object the directory does not hold.
    case unknownPrincipal
}

/// Whether a token's `nbf`/`exp` are checked. Only the admin API ignores them: it is what moves
/// the emulator clock, so it must stay reachable whatever the clock says.
public enum LifetimePolicy: Sendable, Equatable {
    case enforced
    case ignored
}
