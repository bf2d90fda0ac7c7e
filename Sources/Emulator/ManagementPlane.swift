// Emulator: the management.<suffix> host: Azure Resource Manager, token first, then RBAC on actions.

import Authorization
import Foundation
import HTTPServer
import Identity
import Management
import ServiceCore

/// Serves ARM requests: token (no challenge: ARM clients send it up front) -> subscription tenant
/// -> route -> api-version present -> expired deleted vaults purged -> RBAC on the operation's
/// action at the request's scope, with the ABAC attributes of role-assignment requests (role
/// definition reads are open to every authenticated caller) -> operation. Vault networking never
/// applies here, as in Azure.
struct ManagementPlane: Sendable {
    let identity: IdentityService
    let management: ManagementService
    let lookups: AccessLookups
    let routes: RouteTable<ARMOperation>
    let dnsSuffix: String
    /// Subscription id (lower case) -> tenant id.
    let subscriptions: [String: String]

    init(identity: IdentityService, management: ManagementService, lookups: AccessLookups, dnsSuffix: String,
         subscriptions: [String: String]) throws {
        self.identity = identity
        self.management = management
        self.lookups = lookups
        self.dnsSuffix = dnsSuffix
        self.subscriptions = subscriptions
        routes = try RouteTable(ManagementService.operations.flatMap { operation in
            operation.paths.map { Route(operation.method, $0, operation) }
        })
    }

    func handle(_ request: HTTPRequest, context base: RequestBasics) throws -> ServiceResponse {
        guard let token = BearerToken.from(request.headers["Authorization"]) else { throw ManagementAuthenticationErrors.missingToken() }
        let origin = "https://management.\(dnsSuffix)\(HostFamily.portSuffix(request.host))"
        let audiences = [origin, origin + "/", "https://management.azure.com", "https://management.azure.com/",
                         "https://management.core.windows.net", "https://management.core.windows.net/"]
        let principal: Principal
        switch identity.validate(bearer: token, audiences: Set(audiences.map { $0.lowercased() }), now: base.now) {
        case .failure(let rejection): throw ManagementAuthenticationErrors.rejected(rejection, now: base.now, audiences: audiences)
        case .success(let validated): principal = validated.principal
        }

        let segments = PathTemplate.segments(of: request.path)
        if segments.count >= 2, segments[0].lowercased() == "subscriptions" {
            let subscription = segments[1].lowercased()
            if let tenant = subscriptions[subscription], tenant != principal.tenantId.lowercased() {
                throw ManagementAuthenticationErrors.wrongTenant(subscription: subscription, tokenIssuer: principal.issuer, expectedTenant: tenant)
            }
        }

        let operation: ARMOperation
        let parameters: [String: String]
        switch routes.match(method: request.method, path: request.path) {
        case .found(let found, let captured): (operation, parameters) = (found, captured)
        case .methodNotAllowed(let allowed):
            throw ServiceError(.methodNotAllowed, code: "MethodNotAllowed",
                               message: "The requested method '\(request.method)' is not allowed for '\(request.path)'. Allowed: \(allowed.joined(separator: ", ")).")
        case .notFound:
            throw ServiceError(.notFound, code: "InvalidResourceType",
                               message: "The resource type for '\(request.path)' could not be found; this emulator serves resource groups, Microsoft.KeyVault/vaults and Microsoft.Authorization.")
        }

        guard let apiVersion = request.query["api-version"], !apiVersion.isEmpty else {
            throw ServiceError(.badRequest, code: "MissingApiVersionParameter",
                               message: "The api-version query parameter (?api-version=) is required for all requests.")
        }

        let context = OperationContext(principal: principal, now: base.now, requestId: base.requestId,
                                       clientAddress: request.remoteAddress, origin: "https://\(request.host)", apiVersion: apiVersion)
        let serviceRequest = ServiceRequest(method: request.method, parameters: parameters, query: request.query,
                                            body: request.body, context: context)

        // Deleted vaults whose retention ended on the emulator clock are purged before anything reads them.
        try management.purgeExpiredVaults(now: base.now)

        if !operation.action.isEmpty, !operation.anyAuthenticatedCaller {
            let scope = "/" + segments.joined(separator: "/")
            let attributes = operation.conditionAttributes?(management, serviceRequest) ?? .none
            if case .denied = lookups.rbac(for: principal.grantees).evaluate(principal: principal, action: operation.action, kind: .control,
                                                                            resource: scope, attributes: attributes) {
                throw ServiceError.authorizationFailed(principal: principal, action: operation.action, scope: scope)
            }
        }
        return try operation.handler(management, serviceRequest)
    }
}
