// ServiceCore: what a service knows about the request it serves, without knowing HTTP.

import Foundation

/// Built once per request by the transport pipeline and handed to every service call.
public struct OperationContext: Sendable {
    /// The authenticated caller; `nil` only for anonymous endpoints.
    public let principal: Principal?
    /// The request's start time, read once from the injected clock.
    public let now: Date
    /// Echoed as `x-ms-request-id`.
    public let requestId: String
    /// The client's socket address (IP, no port), for network rules.
    public let clientAddress: String
    /// Scheme, host and port the client addressed, e.g. `https://kv1.vault.localhost:8443`;
    /// identifiers in responses (kid, recoveryId, nextLink) are built on it.
    public let origin: String
    /// The `api-version` query parameter, if given.
    public let apiVersion: String?

    public init(principal: Principal?, now: Date, requestId: String, clientAddress: String, origin: String, apiVersion: String?) {
        self.principal = principal
        self.now = now
        self.requestId = requestId
        self.clientAddress = clientAddress
        self.origin = origin
        self.apiVersion = apiVersion
    }
}
