// Authorization: role assignments, the grants RBAC evaluates.

/// A role granted to a principal (user, group or service principal object id) at a scope and
/// every scope below it.
public struct RoleAssignment: Sendable, Equatable {
    /// GUID naming the assignment.
    public let name: String
    /// `/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{v}[/keys/{k}]`, or any
    /// ancestor of it.
    public let scope: String
    /// The role's GUID only (not the `/providers/...` id).
    public let roleDefinitionId: String
    public let principalId: String
    /// `User`, `Group`, `ServicePrincipal`, `ForeignGroup` or `Device`.
    public let principalType: String

    public init(name: String, scope: String, roleDefinitionId: String, principalId: String, principalType: String) {
        self.name = name
        self.scope = scope
        self.roleDefinitionId = roleDefinitionId
        self.principalId = principalId
        self.principalType = principalType
    }
}

/// The outcome of an authorization check, with the reason a log or a test can read.
public enum AccessDecision: Sendable, Equatable {
    /// e.g. `role assignment <name> (Key Vault Crypto User) at <scope>`.
    case allowed(reason: String)
    case denied(reason: String)

    public var isAllowed: Bool {
        if case .allowed = self { return true }
        return false
    }
}

/// Whether an action is a management (control plane) action, checked against `actions` and
/// `notActions`, or a data action, checked against `dataActions` and `notDataActions`.
public enum ActionKind: Sendable {
    case control, data
}
