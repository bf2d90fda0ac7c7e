// Management: the ARM error catalogue (body {"error":{"code","message"}}), one constructor per code.

import ServiceCore

/// ARM errors with Azure's codes and messages (keyvault-spec.md §6.2, §6.3). Handlers throw
/// these; the pipeline turns them into `{"error":{"code":...,"message":...}}`.
///
/// ```swift
/// throw ServiceError.resourceGroupNotFound("rg1")   // 404 ResourceGroupNotFound
/// ```
extension ServiceError {
    public static func subscriptionNotFound(_ subscriptionId: String) -> ServiceError {
        ServiceError(.notFound, code: "SubscriptionNotFound", message: "The subscription '\(subscriptionId)' could not be found.")
    }

    /// A scope that does not start with `/subscriptions/{id}` (tenant-level scopes are not emulated).
    public static func missingSubscription() -> ServiceError {
        ServiceError(.badRequest, code: "MissingSubscription",
                     message: "The request did not have a subscription or a valid tenant level resource provider.")
    }

    public static func resourceGroupNotFound(_ resourceGroup: String) -> ServiceError {
        ServiceError(.notFound, code: "ResourceGroupNotFound", message: "Resource group '\(resourceGroup)' could not be found.")
    }

    /// 409: a resource group PUT naming another location than the existing group's.
    public static func invalidResourceGroupLocation(given: String, existing: String) -> ServiceError {
        ServiceError(.conflict, code: "InvalidResourceGroupLocation",
                     message: "Invalid resource group location '\(given)'. The Resource group already exists in location '\(existing)'.")
    }

    public static func locationRequired() -> ServiceError {
        ServiceError(.badRequest, code: "LocationRequired", message: "The location property is required for this definition.")
    }

    /// 404 for a resource of `type` (`Microsoft.KeyVault/vaults`) missing from its resource group.
    public static func resourceNotFound(type: String, name: String, resourceGroup: String) -> ServiceError {
        ServiceError(.notFound, code: "ResourceNotFound",
                     message: "The Resource '\(type)/\(name)' under resource group '\(resourceGroup)' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix")
    }

    /// 409: a PUT naming another location than the existing resource's.
    public static func invalidResourceLocation(name: String, existing: String, resourceGroup: String, given: String) -> ServiceError {
        ServiceError(.conflict, code: "InvalidResourceLocation",
                     message: "The resource '\(name)' already exists in location '\(existing)' in resource group '\(resourceGroup)'. A resource with the same name cannot be created in location '\(given)'. Please select a new resource name.")
    }

    public static func vaultNameNotValid(_ name: String) -> ServiceError {
        ServiceError(.badRequest, code: "VaultNameNotValid",
                     message: "The vault name '\(name)' is invalid. A vault's name must be between 3-24 alphanumeric characters. The name must begin with a letter, end with a letter or digit, and not contain consecutive hyphens.")
    }

    /// 409: the vault name is taken in another resource group or subscription.
    public static func vaultAlreadyExists(_ name: String) -> ServiceError {
        ServiceError(.conflict, code: "VaultAlreadyExists",
                     message: "The vault name '\(name)' is already in use. Vault names are globally unique so it is possible that the name is already taken. If you are sure that the vault name was not taken then it is possible that a vault with the same name was recently deleted but not purged after being placed in a recoverable state. If the vault is in a recoverable state then the vault will need to be purged before reusing the name. For more information about VaultAlreadyExists, soft delete and purging a vault follow this link https://go.microsoft.com/fwlink/?linkid=2147740.")
    }

    /// 409: the name belongs to a soft-deleted vault.
    public static func conflictError() -> ServiceError {
        ServiceError(.conflict, code: "ConflictError",
                     message: "A vault with the same name already exists in deleted state. You need to either recover or purge existing key vault. Follow this link https://go.microsoft.com/fwlink/?linkid=2149745 for more information on soft delete.")
    }

    /// 400: `createMode: recover` with no soft-deleted vault of that name in the subscription.
    /// (Code as Azure answers; message the emulator's.)
    public static func softDeletedVaultDoesNotExist() -> ServiceError {
        ServiceError(.badRequest, code: "SoftDeletedVaultDoesNotExist",
                     message: "A soft deleted vault with the given name does not exist. Ensure that the name for the vault that is being attempted to recover is in a recoverable state. For more information on soft delete please follow this link https://go.microsoft.com/fwlink/?linkid=2149745")
    }

    /// 404: no deleted vault of that name in the location (message the emulator's).
    public static func deletedVaultNotFound(name: String, location: String) -> ServiceError {
        ServiceError(.notFound, code: "DeletedVaultNotFound",
                     message: "The deleted vault '\(name)' was not found in location '\(location)'.")
    }

    /// Purging a deleted vault that has purge protection (code and text as Azure answers).
    public static func deletedVaultPurgeNotAllowed() -> ServiceError {
        ServiceError(.methodNotAllowed, code: "MethodNotAllowed", message: "Operation 'DeletedVaultPurge' is not allowed.")
    }

    /// 400: the body is not JSON, or a property has the wrong type.
    public static func invalidRequestContent(_ detail: String) -> ServiceError {
        ServiceError(.badRequest, code: "InvalidRequestContent",
                     message: "The request content was invalid and could not be deserialized: '\(detail)'.")
    }

    /// 400 `BadRequest` with a property-specific message.
    public static func armBadRequest(_ message: String) -> ServiceError {
        ServiceError(.badRequest, code: "BadRequest", message: message)
    }

    public static func invalidFilter(_ filter: String) -> ServiceError {
        ServiceError(.badRequest, code: "InvalidFilterInQueryString", message: "Invalid $filter '\(filter)' specified in the query string.")
    }

    public static func roleAssignmentExists(existingName: String) -> ServiceError {
        let compact = existingName.replacingOccurrences(of: "-", with: "")
        return ServiceError(.conflict, code: "RoleAssignmentExists",
                            message: "The role assignment already exists. The ID of the existing role assignment is \(compact).")
    }

    public static func roleAssignmentUpdateNotPermitted() -> ServiceError {
        ServiceError(.conflict, code: "RoleAssignmentUpdateNotPermitted",
                     message: "Tenant ID, application ID, principal ID, and scope are not allowed to be updated.")
    }

    /// 400 on assignment create; 404 on a role definition GET.
    public static func roleDefinitionDoesNotExist(_ id: String, kind: Kind = .badRequest) -> ServiceError {
        ServiceError(kind, code: "RoleDefinitionDoesNotExist", message: "The specified role definition with ID '\(id)' does not exist.")
    }

    public static func invalidRoleAssignmentId(_ name: String) -> ServiceError {
        ServiceError(.badRequest, code: "InvalidRoleAssignmentId",
                     message: "The role assignment ID '\(name)' is not valid. The role assignment ID must be a GUID.")
    }

    public static func invalidPrincipalId(_ id: String) -> ServiceError {
        ServiceError(.badRequest, code: "InvalidPrincipalId", message: "The principal ID '\(id)' is not valid. The principal ID must be a GUID.")
    }

    public static func roleAssignmentNotFound(_ name: String) -> ServiceError {
        ServiceError(.notFound, code: "RoleAssignmentNotFound", message: "The role assignment '\(name)' is not found.")
    }

    /// 501 for ARM features the emulator does not have yet, so they fail loudly.
    public static func armNotImplemented(_ feature: String) -> ServiceError {
        ServiceError(.notImplemented, code: "NotImplemented", message: "\(feature) is not implemented by the emulator.")
    }
}
