// Identity: a successful token response, and a token that passed validation.

import Foundation
import ServiceCore

/// What the token endpoint answers on success (`token_type`, `expires_in`, `access_token`).
public struct TokenGrant: Sendable, Encodable {
    public let tokenType = "Bearer"
    public let expiresIn: Int
    public let extExpiresIn: Int
    public let accessToken: String

    enum CodingKeys: String, CodingKey {
        case tokenType = "token_type", expiresIn = "expires_in", extExpiresIn = "ext_expires_in", accessToken = "access_token"
    }
}

/// A token that passed validation: who called and for which audience.
public struct ValidatedToken: Sendable {
    public let principal: Principal
    public let audience: String
    public let expiresAt: Int64
}
