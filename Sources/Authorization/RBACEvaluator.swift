// Authorization: Azure RBAC evaluation over role assignments and role definitions.

import ServiceCore

/// Decides whether a principal may perform an action on a resource, from the role assignments
/// that name it (directly or through a group) at the resource's scope or an ancestor scope.
///
/// Assignments and definitions are compiled once when the evaluator is built: patterns are
/// parsed, scopes split into segments, and assignments whose role is unknown are dropped. No
/// match means deny.
///
/// ```swift
/// let rbac = RBACEvaluator(assignments: assignments, definitions: management.roleDefinitions())
/// rbac.evaluate(principal: caller, action: "Microsoft.KeyVault/vaults/keys/sign/action", kind: .data,
///               resource: vaultId + "/keys/k1")
/// // .allowed(reason: "role assignment 6d2f... (Key Vault Crypto User) at /subscriptions/...")
/// ```
public struct RBACEvaluator: Sendable {
    /// One permission block: an action passes when some `allow` pattern matches, no `deny` does,
    /// and the block's ABAC condition (if any) holds. A condition that does not parse never holds.
    struct Block: Sendable {
        let allow: [ActionPattern]
        let deny: [ActionPattern]
        let condition: RoleCondition?
        let hasCondition: Bool

        init(allow: [ActionPattern], deny: [ActionPattern], condition text: String? = nil) {
            self.allow = allow
            self.deny = deny
            let trimmed = text?.strippedOfWhitespace() ?? ""
            hasCondition = !trimmed.isEmpty
            condition = hasCondition ? RoleCondition.parse(trimmed) : nil
        }

        func grants(_ action: String, attributes: ConditionAttributes) -> Bool {
            guard allow.contains(where: { $0.matches(action) }), !deny.contains(where: { $0.matches(action) }) else { return false }
            guard hasCondition else { return true }
            return condition?.holds(action: action, attributes: attributes) ?? false
        }
    }

    /// A role definition in matchable form, separately for control and data actions.
    struct CompiledRole: Sendable {
        let name: String
        let control: [Block]
        let data: [Block]

        init(_ definition: RoleDefinition) {
            name = definition.roleName
            control = definition.permissions.map {
                Block(allow: $0.actions.map(ActionPattern.init), deny: $0.notActions.map(ActionPattern.init), condition: $0.condition)
            }
            data = definition.permissions.map {
                Block(allow: $0.dataActions.map(ActionPattern.init), deny: $0.notDataActions.map(ActionPattern.init), condition: $0.condition)
            }
        }

        func grants(_ action: String, kind: ActionKind, attributes: ConditionAttributes) -> Bool {
            (kind == .control ? control : data).contains { $0.grants(action, attributes: attributes) }
        }
    }

    struct CompiledAssignment: Sendable {
        let assignment: RoleAssignment
        let principal: String
        let scope: ScopePath
        let role: CompiledRole
    }

    let assignments: [CompiledAssignment]

    /// `definitions` are keyed by role GUID (any case).
    public init(assignments: [RoleAssignment], definitions: [String: RoleDefinition]) {
        // Only the roles the assignments name are compiled: an evaluator is built per request,
        // and compiling every built-in role's patterns each time dominated a data-plane request.
        var lookup: [String: RoleDefinition] = [:]
        for (id, definition) in definitions { lookup[id.lowercased()] = definition }
        var roles: [String: CompiledRole] = [:]
        self.assignments = assignments.compactMap { assignment in
            let id = assignment.roleDefinitionId.lowercased()
            if roles[id] == nil, let definition = lookup[id] { roles[id] = CompiledRole(definition) }
            guard let role = roles[id] else { return nil }
            return CompiledAssignment(assignment: assignment, principal: assignment.principalId.lowercased(),
                                      scope: ScopePath(assignment.scope), role: role)
        }
    }

    /// `resource` is the full resource id the action applies to; assignments apply at their scope and below
    /// (case-insensitive, segment-wise). Wildcards `*` in actions match any characters incl. `/`.
    ///
    /// `attributes` feed the ABAC conditions of role permissions (Key Vault Data Access
    /// Administrator may only assign the Key Vault data roles); without them a conditioned block
    /// grants only what its condition allows for a request that names nothing.
    public func evaluate(principal: Principal, action: String, kind: ActionKind, resource: String,
                         attributes: ConditionAttributes = .none) -> AccessDecision {
        let grantees = principal.grantees
        let target = ScopePath(resource)
        for candidate in assignments
        where grantees.contains(candidate.principal) && candidate.scope.contains(target)
            && candidate.role.grants(action, kind: kind, attributes: attributes) {
            return .allowed(reason: "role assignment \(candidate.assignment.name) (\(candidate.role.name)) at \(candidate.assignment.scope)")
        }
        return .denied(reason: "no role assignment grants '\(action)' at '\(resource)'")
    }
}
