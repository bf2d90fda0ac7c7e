// Management: ARM errors of role assignments, custom roles and access policies.

import Foundation
import ServiceCore

/// Errors of `Microsoft.Authorization` and `vaults/accessPolicies` with Azure's codes. Texts
/// quoted from the service where known (PrincipalNotFound, UnmatchedPrincipalType); the others
/// are the emulator's wording (docs/access-control.md lists which).
extension ServiceError {
    /// 400: the principal of a new role assignment is not in the subscription's directory. Azure
    /// writes the ids without dashes and two spaces before "See".
    public static func principalNotFound(_ principalId: String, tenantId: String) -> ServiceError {
        let compact = principalId.replacingOccurrences(of: "-", with: "")
        return ServiceError(.badRequest, code: "PrincipalNotFound",
                            message: "Principal \(compact) does not exist in the directory \(tenantId). Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype")
    }

    /// 400: `principalType` says otherwise than the directory (Azure's text, typo included).
    public static func unmatchedPrincipalType(_ principalId: String, actual: String, given: String) -> ServiceError {
        let compact = principalId.replacingOccurrences(of: "-", with: "")
        return ServiceError(.badRequest, code: "UnmatchedPrincipalType",
                            message: "The PrincipalId '\(compact)' has type '\(actual)' , which is different from specified PrinciaplType '\(given)'.")
    }

    /// 409: another custom role has this name.
    public static func roleDefinitionWithSameNameExists() -> ServiceError {
        ServiceError(.conflict, code: "RoleDefinitionWithSameNameExists",
                     message: "A custom role with the same name already exists in this directory. Use a different name.")
    }

    /// 409: a custom role still named by role assignments cannot be deleted.
    public static func roleDefinitionHasAssignments(_ id: String) -> ServiceError {
        ServiceError(.conflict, code: "RoleDefinitionHasAssignments",
                     message: "There are existing role assignments referencing role '\(id)'. Delete these assignments before deleting the role.")
    }

    /// 400: a custom role id that is not a GUID.
    public static func invalidRoleDefinitionId(_ id: String) -> ServiceError {
        ServiceError(.badRequest, code: "InvalidRoleDefinitionId",
                     message: "The role definition ID '\(id)' is not valid. The role definition ID must be a GUID.")
    }

    /// 403: built-in roles cannot be changed or deleted.
    public static func builtInRoleNotModifiable(_ id: String) -> ServiceError {
        ServiceError(.forbidden, code: "RoleDefinitionUpdateNotPermitted",
                     message: "The role definition '\(id)' is a built-in role and cannot be updated or deleted.")
    }

    /// 400: a custom role's assignable scope outside the known subscriptions, or none given.
    public static func invalidAssignableScope(_ scope: String) -> ServiceError {
        ServiceError(.badRequest, code: "InvalidAssignableScope",
                     message: "The assignable scope '\(scope)' is not valid. Assignable scopes of a custom role must be subscriptions, resource groups or resources of this tenant.")
    }

    /// 400: `accessPolicies/{operationKind}` other than add, replace, remove.
    public static func invalidAccessPolicyOperation(_ kind: String) -> ServiceError {
        ServiceError(.badRequest, code: "BadRequest",
                     message: "The access policy operation kind '\(kind)' is invalid. Valid values are 'add', 'replace' and 'remove'.")
    }
}
