// Identity: the token endpoint's error catalogue, in Entra ID's OAuth2 shape.

import Foundation

/// An OAuth2 error as Entra ID answers it:
/// `{"error":"invalid_client","error_description":"AADSTS7000215: ...","error_codes":[7000215],...}`.
public struct OAuthError: Error, Sendable, Equatable {
    /// HTTP status: 400 for request problems, 401 for a wrong client secret.
    public let status: Int
    /// The OAuth2 `error` value.
    public let error: String
    /// The AADSTS number.
    public let code: Int
    public let description: String

    /// The JSON body, with the fields MSAL reads.
    public func body(now: Date, traceId: String) -> Data {
        let object: [String: Any] = [
            "error": error,
            "error_description": "AADSTS\(code): \(description) Trace ID: \(traceId) Correlation ID: \(traceId) Timestamp: \(now.iso8601)",
            "error_codes": [code],
            "timestamp": now.iso8601,
            "trace_id": traceId,
            "correlation_id": traceId,
            "error_uri": "https://login.microsoftonline.com/error?code=\(code)",
        ]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    /// A path the authority does not serve.
    public static func unknownEndpoint(method: String, path: String) -> OAuthError {
        OAuthError(status: 404, error: "invalid_request", code: 900561,
                   description: "The endpoint only accepts the documented routes; '\(method) \(path)' is not one of them.")
    }

    /// Discovery for a tenant the directory does not hold.
    public static func unknownTenantDiscovery(_ tenant: String) -> OAuthError {
        OAuthError(status: 400, error: "invalid_tenant", code: 90002,
                   description: "Tenant '\(tenant)' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.")
    }

    static func invalidClientSecret(clientId: String) -> OAuthError {
        OAuthError(status: 401, error: "invalid_client", code: 7000215,
                   description: "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '\(clientId)'.")
    }

    static func unknownClient(clientId: String, tenant: String) -> OAuthError {
        OAuthError(status: 400, error: "unauthorized_client", code: 700016,
                   description: "Application with identifier '\(clientId)' was not found in the directory '\(tenant)'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.")
    }

    static func unknownTenant(_ tenant: String) -> OAuthError {
        OAuthError(status: 400, error: "invalid_request", code: 90002,
                   description: "Tenant '\(tenant)' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.")
    }

    static func missingParameter(_ name: String) -> OAuthError {
        OAuthError(status: 400, error: "invalid_request", code: 900144,
                   description: "The request body must contain the following parameter: '\(name)'.")
    }

    static func unsupportedGrantType(_ grant: String) -> OAuthError {
        OAuthError(status: 400, error: "unsupported_grant_type", code: 70003,
                   description: "The app requested an unsupported grant type '\(grant)'. This emulator supports client_credentials.")
    }

    static func invalidScope(_ scope: String) -> OAuthError {
        OAuthError(status: 400, error: "invalid_scope", code: 1002012,
                   description: "The provided value for scope \(scope) is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).")
    }
}
