// Emulator: how each plane words a refused or missing token (Key Vault's AKV100xx, ARM's codes).

import Foundation
import Identity
import ServiceCore

/// The data plane's 401s. Each carries the challenge header, as Key Vault sends it on every 401.
/// Messages quoted from the service where known (AKV10000, AKV10022, AKV10032, AKV10046); the
/// wording for malformed, badly signed and expired tokens is the emulator's own (docs/identity.md).
enum DataPlaneAuthenticationErrors {
    static func missingToken() -> ServiceError {
        ServiceError(.unauthorized, code: "Unauthorized", message: "AKV10000: Request is missing a Bearer or PoP token.")
    }

    static func rejected(_ rejection: TokenRejection, expectedAudience: String) -> ServiceError {
        let message: String
        switch rejection {
        case .malformed:
            message = "AKV10001: Invalid token: the token is malformed."
        case .unknownSigningKey:
            message = "AKV10046: Unable to resolve the key used for signature validation. The key is not known to the authority."
        case .badSignature:
            message = "AKV10047: Invalid token: the signature could not be validated."
        case .wrongAudience(let found):
            message = "AKV10022: Invalid audience. Expected \(expectedAudience), found: \(found)."
        case .expired(let exp):
            message = "AKV10020: Invalid token lifetime. The token expired at '\(Date(unixSeconds: exp).iso8601)'."
        case .notYetValid(let nbf):
            message = "AKV10021: Invalid token lifetime. The token is not valid before '\(Date(unixSeconds: nbf).iso8601)'."
        case .unknownPrincipal:
            message = "AKV10023: Invalid token: the caller is not known to the tenant."
        }
        return ServiceError(.unauthorized, code: "Unauthorized", message: message)
    }

    static func wrongTenant(vaultTenant: String, tokenTenant: String) -> ServiceError {
        ServiceError(.unauthorized, code: "Unauthorized",
                     message: "AKV10032: Invalid issuer. Expected one of \(IdentityService.issuer(tenant: vaultTenant)), found \(IdentityService.issuer(tenant: tokenTenant)).")
    }
}

/// ARM's 401s (codes as Azure Resource Manager answers them).
enum ManagementAuthenticationErrors {
    static func missingToken() -> ServiceError {
        ServiceError(.unauthorized, code: "AuthenticationFailed", message: "Authentication failed. The 'Authorization' header is missing.")
    }

    static func rejected(_ rejection: TokenRejection, now: Date, audiences: [String]) -> ServiceError {
        switch rejection {
        case .expired(let exp):
            return ServiceError(.unauthorized, code: "ExpiredAuthenticationToken",
                                message: "The access token expiry UTC time '\(Date(unixSeconds: exp).iso8601)' is earlier than current UTC time '\(now.iso8601)'.")
        case .wrongAudience(let found):
            return ServiceError(.unauthorized, code: "InvalidAuthenticationTokenAudience",
                                message: "The access token has been obtained for wrong audience or resource '\(found)'. It should exactly match with one of the allowed audiences '\(audiences.joined(separator: "','"))'.")
        default:
            return ServiceError(.unauthorized, code: "InvalidAuthenticationToken", message: "The access token is invalid.")
        }
    }

    static func wrongTenant(subscription: String, tokenIssuer: String, expectedTenant: String) -> ServiceError {
        ServiceError(.unauthorized, code: "InvalidAuthenticationTokenTenant",
                     message: "The access token is from the wrong issuer '\(tokenIssuer)'. It must match the tenant '\(IdentityService.issuer(tenant: expectedTenant))' associated with this subscription. Please use the authority (URL) for tenant '\(expectedTenant)' to get the token.")
    }
}
