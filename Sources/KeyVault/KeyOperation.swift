// KeyVault: one row of the data-plane operation table.

import ServiceCore

/// What a data-plane operation needs from the pipeline: where it is routed, what it must be
/// authorized as (RBAC data action or access-policy key permission, at key or vault scope), and
/// the handler that runs once routing, authentication, network rules, authorization and the
/// api-version check have passed.
///
/// ```swift
/// for operation in KeyVaultService.operations {
///     for path in operation.paths { routes.append(Route(operation.method, path, operation)) }
/// }
/// ```
public struct KeyOperation: Sendable {
    /// `"createKey"`, `"sign"`, ...
    public let name: String
    public let method: String
    /// Path templates, e.g. `["/keys/{name}/{version}/sign", "/keys/{name}/sign"]`.
    public let paths: [String]
    /// `"Microsoft.KeyVault/vaults/keys/sign/action"`.
    public let dataAction: String
    /// Access-policy key permission, e.g. `"sign"`.
    public let accessPolicyPermission: String
    /// `.key`: the authorized resource is `{vaultId}/keys/{name}`; `.vault`: the vault itself.
    public let scope: KeyOperationScope
    public let handler: @Sendable (KeyVaultService, ServiceRequest, VaultInfo) throws -> ServiceResponse

    public init(name: String, method: String, paths: [String], dataAction: String, accessPolicyPermission: String,
                scope: KeyOperationScope,
                handler: @escaping @Sendable (KeyVaultService, ServiceRequest, VaultInfo) throws -> ServiceResponse) {
        self.name = name
        self.method = method
        self.paths = paths
        self.dataAction = dataAction
        self.accessPolicyPermission = accessPolicyPermission
        self.scope = scope
        self.handler = handler
    }
}

/// The resource an operation is authorized against.
public enum KeyOperationScope: Sendable {
    case key, vault
}
