// Emulator: the <vault>.vault.<suffix> hosts: the Key Vault keys data plane, in Azure's order of checks.

import Authorization
import Foundation
import HTTPServer
import Identity
import KeyVault
import Management
import ServiceCore

/// Serves one request to a vault host, in the order of keyvault-spec.md §2.9:
/// challenge -> token -> network rules -> route -> RBAC or access policy -> api-version -> operation.
struct VaultDataPlane: Sendable {
    /// Key Vault's own application id, accepted as an audience like the service does.
    static let keyVaultApplicationId = "cfa8b339-82a2-471a-a3c9-0fc0be7a4093"

    let identity: IdentityService
    let lookups: AccessLookups
    let keys: KeyVaultService
    let routes: RouteTable<KeyOperation>
    let dnsSuffix: String
    /// The listeners' ports: requests the private-endpoint listener accepted count as private link traffic.
    let ports: ListenerPorts
    /// Application ids (lower case) of the callers that count as trusted Azure services.
    let trustedServices: Set<String>

    init(identity: IdentityService, lookups: AccessLookups, keys: KeyVaultService, dnsSuffix: String,
         ports: ListenerPorts = ListenerPorts(), trustedServices: Set<String> = []) throws {
        self.identity = identity
        self.lookups = lookups
        self.keys = keys
        self.dnsSuffix = dnsSuffix
        self.ports = ports
        self.trustedServices = Set(trustedServices.map { $0.lowercased() })
        routes = try RouteTable(KeyVaultService.operations.flatMap { operation in
            operation.paths.map { Route(operation.method, $0, operation) }
        })
    }

    func handle(_ request: HTTPRequest, vaultName: String, context base: RequestBasics) throws -> ServiceResponse {
        guard let vault = lookups.vault(named: vaultName) else {
            throw ServiceError(.notFound, code: "VaultNotFound",
                               message: "The vault '\(vaultName)' does not exist in this emulator. Create it through Azure Resource Manager first (PUT .../providers/Microsoft.KeyVault/vaults/\(vaultName)).")
        }
        let port = HostFamily.portSuffix(request.host)
        let resource = "https://vault.\(dnsSuffix)\(port)"
        let challenge = [("WWW-Authenticate", "Bearer authorization=\"https://login.\(dnsSuffix)\(port)/\(vault.tenantId)\", resource=\"\(resource)\"")]

        // 1-2: the challenge before the body is looked at, then the token.
        guard let token = BearerToken.from(request.headers["Authorization"]) else {
            throw DataPlaneAuthenticationErrors.missingToken().adding(headers: challenge)
        }
        // The vault resource of every listener is accepted on each (a token does not care which
        // door the request came through), plus Azure's own names.
        var audiences: Set<String> = [resource, resource + "/", "https://vault.azure.net", "https://vault.azure.net/", Self.keyVaultApplicationId]
        for listener in ports.all {
            let other = "https://vault.\(dnsSuffix)\(listener == 443 ? "" : ":\(listener)")"
            audiences.formUnion([other, other + "/"])
        }
        let principal: Principal
        switch identity.validate(bearer: token, audiences: Set(audiences.map { $0.lowercased() }), now: base.now) {
        case .failure(let rejection):
            throw DataPlaneAuthenticationErrors.rejected(rejection, expectedAudience: resource).adding(headers: challenge)
        case .success(let validated):
            principal = validated.principal
        }
        guard principal.tenantId.lowercased() == vault.tenantId.lowercased() else {
            throw DataPlaneAuthenticationErrors.wrongTenant(vaultTenant: vault.tenantId, tokenTenant: principal.tenantId).adding(headers: challenge)
        }

        // 3: network rules. The private-endpoint listener is the emulator's approved private link;
        // trusted services are the configured application ids.
        let viaPrivateEndpoint = ports.isPrivateEndpoint(request.localPort)
        let isTrustedService = trustedServices.contains(principal.applicationId.lowercased())
        switch NetworkRules.evaluate(vault.network, clientAddress: request.remoteAddress, viaPrivateEndpoint: viaPrivateEndpoint,
                                     isTrustedService: isTrustedService) {
        case .allowed: break
        case .deniedByConnection:
            throw ServiceError.forbiddenByConnection(principal: principal, vaultName: vault.name, location: vault.location)
        case .deniedByFirewall:
            throw ServiceError.forbiddenByFirewall(principal: principal, clientAddress: request.remoteAddress, vaultName: vault.name, location: vault.location)
        }

        // Route: 404 and 405 come from the table.
        let operation: KeyOperation
        let parameters: [String: String]
        switch routes.match(method: request.method, path: request.path) {
        case .found(let found, let captured): (operation, parameters) = (found, captured)
        case .methodNotAllowed(let allowed):
            throw ServiceError(.methodNotAllowed, code: "MethodNotAllowed",
                               message: "The method '\(request.method)' is not allowed on '\(request.path)'. Allowed: \(allowed.joined(separator: ", ")).")
        case .notFound:
            throw ServiceError(.notFound, code: "NotFound", message: "The path '\(request.path)' is not an operation of the Key Vault keys API.")
        }

        // 4: authorization by the vault's permission model.
        try authorize(operation, keyName: parameters["name"], principal: principal, vault: vault)

        // 5: api-version, then the operation itself.
        try KeyVaultService.validateAPIVersion(request.query["api-version"])
        let context = OperationContext(principal: principal, now: base.now, requestId: base.requestId,
                                       clientAddress: request.remoteAddress, origin: "https://\(request.host)",
                                       apiVersion: request.query["api-version"])
        let serviceRequest = ServiceRequest(method: request.method, parameters: parameters, query: request.query, body: request.body, context: context)
        return try operation.handler(keys, serviceRequest, vault.info)
    }

    private func authorize(_ operation: KeyOperation, keyName: String?, principal: Principal, vault: VaultRecord) throws {
        // An operation without a data action (Managed HSM-only routes) is answered alike for every caller.
        guard !operation.dataAction.isEmpty else { return }
        if vault.enableRbacAuthorization {
            let resource = operation.scope == .key && keyName != nil ? "\(vault.resourceId)/keys/\(keyName!)" : vault.resourceId
            if case .denied = lookups.rbac(for: principal.grantees).evaluate(principal: principal, action: operation.dataAction, kind: .data, resource: resource) {
                throw ServiceError.forbiddenByRbac(principal: principal, action: operation.dataAction, resource: resource,
                                                   vaultName: vault.name, location: vault.location)
            }
        } else {
            let decision = AccessPolicyEvaluator.evaluate(principal: principal, keyPermission: operation.accessPolicyPermission,
                                                          policies: vault.accessPolicies.filter { $0.tenantId.lowercased() == vault.tenantId.lowercased() })
            if case .denied = decision {
                throw ServiceError.accessDenied(principal: principal, permission: operation.accessPolicyPermission,
                                                vaultName: vault.name, location: vault.location)
            }
        }
    }
}

extension VaultRecord {
    /// What the keys service needs to know of its vault.
    var info: VaultInfo {
        VaultInfo(name: name, resourceId: resourceId, location: location, tenantId: tenantId, sku: sku,
                  softDeleteRetentionDays: softDeleteRetentionDays, purgeProtection: purgeProtection)
    }
}

/// What every plane knows of a request before it is authenticated.
struct RequestBasics: Sendable {
    let requestId: String
    let now: Date
}
