// Authorization: the 403 errors of RBAC, access policies, the firewall and ARM, with Azure's exact messages.

import ServiceCore

/// Deny errors as Azure words them (keyvault-spec.md §4.2, §4.4, §5, §6.2). Data-plane denials
/// are `Forbidden` with an inner code; the ARM denial is `AuthorizationFailed`.
///
/// ```swift
/// throw ServiceError.forbiddenByRbac(principal: caller, action: "Microsoft.KeyVault/vaults/keys/read",
///                                    resource: vault.resourceId + "/keys/k1", vaultName: "kv1", location: "westus")
/// ```
extension ServiceError {
    /// 403 `Forbidden` / `ForbiddenByRbac`: no role assignment grants the data action.
    public static func forbiddenByRbac(principal: Principal, action: String, resource: String, vaultName: String, location: String) -> ServiceError {
        let message = "Caller is not authorized to perform action on resource.\r\n"
            + "If role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\n"
            + "Caller: \(principal.callerDescription)\r\n"
            + "Action: '\(action)'\r\n"
            + "Resource: '\(rbacResource(resource))'\r\n"
            + "Assignment: (not found)\r\n"
            + "DenyAssignmentId: null\r\n"
            + "DecisionReason: null \r\n"
            + "Vault: \(vaultName);location=\(location)\r\n"
        return ServiceError(.forbidden, code: "Forbidden", message: message, innerCode: "ForbiddenByRbac")
    }

    /// 403 `Forbidden` / `AccessDenied`: no access policy grants the key permission.
    public static func accessDenied(principal: Principal, permission: String, vaultName: String, location: String) -> ServiceError {
        let message = "The user, group or application '\(principal.callerDescription)' does not have keys \(permission) permission on key vault '\(vaultName);location=\(location)'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287"
        return ServiceError(.forbidden, code: "Forbidden", message: message, innerCode: "AccessDenied")
    }

    /// 403 `Forbidden` / `ForbiddenByConnection`: public network access is disabled.
    public static func forbiddenByConnection(principal: Principal, vaultName: String, location: String) -> ServiceError {
        let message = "Public network access is disabled and request is not from a trusted service nor via an approved private link.\r\n"
            + "Caller: \(principal.callerDescription)\r\n"
            + "Vault: \(vaultName);location=\(location)"
        return ServiceError(.forbidden, code: "Forbidden", message: message, innerCode: "ForbiddenByConnection")
    }

    /// 403 `Forbidden` / `ForbiddenByFirewall`: the client address matches no IP rule.
    public static func forbiddenByFirewall(principal: Principal, clientAddress: String, vaultName: String, location: String) -> ServiceError {
        let message = "Client address is not authorized and caller is not a trusted service.\r\n"
            + "Client address: \(clientAddress)\r\n"
            + "Caller: \(principal.callerDescription)\r\n"
            + "Vault: \(vaultName);location=\(location)"
        return ServiceError(.forbidden, code: "Forbidden", message: message, innerCode: "ForbiddenByFirewall")
    }

    /// ARM 403 `AuthorizationFailed`: no role assignment grants the management action at the scope.
    public static func authorizationFailed(principal: Principal, action: String, scope: String) -> ServiceError {
        let message = "The client '\(principal.applicationId)' with object id '\(principal.objectId)' does not have authorization to perform action '\(action)' over scope '\(scope)' or the scope is invalid. If access was recently granted, please refresh your credentials."
        return ServiceError(.forbidden, code: "AuthorizationFailed", message: message)
    }

    /// The resource id as Key Vault quotes it: lower-cased up to and including the vault name,
    /// the rest (`/keys/{name}`) as requested.
    static func rbacResource(_ resource: String) -> String {
        let segments = resource.split(separator: "/", omittingEmptySubsequences: false)
        guard let vaults = segments.firstIndex(where: { $0.lowercased() == "vaults" }), vaults + 1 < segments.count else {
            return resource.lowercased()
        }
        let head = segments[...(vaults + 1)].joined(separator: "/").lowercased()
        let tail = segments[(vaults + 2)...].joined(separator: "/")
        return segments.count == vaults + 2 ? head : head + "/" + tail
    }
}
