// Management: the ARM operation table — every route of the management plane and its action.

import ServiceCore

extension ManagementService {
    static let subscriptionPath = "/subscriptions/{subscriptionId}"
    static let resourceGroupPath = subscriptionPath + "/resourcegroups/{resourceGroupName}"
    static let vaultsPath = resourceGroupPath + "/providers/Microsoft.KeyVault/vaults"
    static let vaultPath = vaultsPath + "/{vaultName}"
    static let roleAssignmentsPath = "/{*scope}/providers/Microsoft.Authorization/roleAssignments"
    static let roleDefinitionsPath = "/{*scope}/providers/Microsoft.Authorization/roleDefinitions"
    static let deletedVaultPath = subscriptionPath + "/providers/Microsoft.KeyVault/locations/{location}/deletedVaults/{vaultName}"

    /// The management plane's routes. The pipeline authorizes `action` at the scope of the request
    /// path before calling the handler; literal segments match case-insensitively.
    public static let operations: [ARMOperation] = [
        ARMOperation(name: "resourceGroups.createOrUpdate", method: "PUT", paths: [resourceGroupPath],
                     action: "Microsoft.Resources/subscriptions/resourceGroups/write") { try $0.createOrUpdateResourceGroup($1) },
        ARMOperation(name: "resourceGroups.get", method: "GET", paths: [resourceGroupPath],
                     action: "Microsoft.Resources/subscriptions/resourceGroups/read") { try $0.getResourceGroup($1) },
        ARMOperation(name: "resourceGroups.checkExistence", method: "HEAD", paths: [resourceGroupPath],
                     action: "Microsoft.Resources/subscriptions/resourceGroups/read") { try $0.checkResourceGroupExistence($1) },
        ARMOperation(name: "resourceGroups.list", method: "GET", paths: [subscriptionPath + "/resourcegroups"],
                     action: "Microsoft.Resources/subscriptions/resourceGroups/read") { try $0.listResourceGroups($1) },

        ARMOperation(name: "vaults.createOrUpdate", method: "PUT", paths: [vaultPath],
                     action: "Microsoft.KeyVault/vaults/write") { try $0.createOrUpdateVault($1) },
        ARMOperation(name: "vaults.update", method: "PATCH", paths: [vaultPath],
                     action: "Microsoft.KeyVault/vaults/write") { try $0.updateVault($1) },
        ARMOperation(name: "vaults.get", method: "GET", paths: [vaultPath],
                     action: "Microsoft.KeyVault/vaults/read") { try $0.getVault($1) },
        ARMOperation(name: "vaults.delete", method: "DELETE", paths: [vaultPath],
                     action: "Microsoft.KeyVault/vaults/delete") { try $0.deleteVault($1) },
        ARMOperation(name: "vaults.listByResourceGroup", method: "GET", paths: [vaultsPath],
                     action: "Microsoft.KeyVault/vaults/read") { try $0.listVaultsByResourceGroup($1) },
        ARMOperation(name: "vaults.listBySubscription", method: "GET", paths: [subscriptionPath + "/providers/Microsoft.KeyVault/vaults"],
                     action: "Microsoft.KeyVault/vaults/read") { try $0.listVaultsBySubscription($1) },
        ARMOperation(name: "resources.list", method: "GET", paths: [subscriptionPath + "/resources"],
                     action: "Microsoft.Resources/subscriptions/resources/read") { try $0.listResources($1) },
        ARMOperation(name: "vaults.updateAccessPolicy", method: "PUT", paths: [vaultPath + "/accessPolicies/{operationKind}"],
                     action: "Microsoft.KeyVault/vaults/accessPolicies/write") { try $0.updateAccessPolicies($1) },
        ARMOperation(name: "vaults.checkNameAvailability", method: "POST",
                     paths: [subscriptionPath + "/providers/Microsoft.KeyVault/checkNameAvailability"],
                     action: "Microsoft.KeyVault/checkNameAvailability/read") { try $0.checkNameAvailability($1) },

        ARMOperation(name: "vaults.getDeleted", method: "GET", paths: [deletedVaultPath],
                     action: "Microsoft.KeyVault/deletedVaults/read") { try $0.getDeletedVault($1) },
        ARMOperation(name: "vaults.listDeleted", method: "GET", paths: [subscriptionPath + "/providers/Microsoft.KeyVault/deletedVaults"],
                     action: "Microsoft.KeyVault/deletedVaults/read") { try $0.listDeletedVaults($1) },
        ARMOperation(name: "vaults.purgeDeleted", method: "POST", paths: [deletedVaultPath + "/purge"],
                     action: "Microsoft.KeyVault/locations/deletedVaults/purge/action") { try $0.purgeDeletedVault($1) },

        ARMOperation(name: "roleDefinitions.get", method: "GET", paths: [roleDefinitionsPath + "/{roleDefinitionId}"],
                     action: "Microsoft.Authorization/roleDefinitions/read", anyAuthenticatedCaller: true) { try $0.getRoleDefinition($1) },
        ARMOperation(name: "roleDefinitions.list", method: "GET", paths: [roleDefinitionsPath],
                     action: "Microsoft.Authorization/roleDefinitions/read", anyAuthenticatedCaller: true) { try $0.listRoleDefinitions($1) },
        ARMOperation(name: "roleDefinitions.createOrUpdate", method: "PUT", paths: [roleDefinitionsPath + "/{roleDefinitionId}"],
                     action: "Microsoft.Authorization/roleDefinitions/write") { try $0.createOrUpdateRoleDefinition($1) },
        ARMOperation(name: "roleDefinitions.delete", method: "DELETE", paths: [roleDefinitionsPath + "/{roleDefinitionId}"],
                     action: "Microsoft.Authorization/roleDefinitions/delete") { try $0.deleteRoleDefinition($1) },

        ARMOperation(name: "roleAssignments.create", method: "PUT", paths: [roleAssignmentsPath + "/{roleAssignmentName}"],
                     action: "Microsoft.Authorization/roleAssignments/write",
                     conditionAttributes: { $0.roleAssignmentConditionAttributes($1) }) { try $0.createRoleAssignment($1) },
        ARMOperation(name: "roleAssignments.get", method: "GET", paths: [roleAssignmentsPath + "/{roleAssignmentName}"],
                     action: "Microsoft.Authorization/roleAssignments/read") { try $0.getRoleAssignment($1) },
        ARMOperation(name: "roleAssignments.delete", method: "DELETE", paths: [roleAssignmentsPath + "/{roleAssignmentName}"],
                     action: "Microsoft.Authorization/roleAssignments/delete",
                     conditionAttributes: { $0.roleAssignmentConditionAttributes($1) }) { try $0.deleteRoleAssignment($1) },
        ARMOperation(name: "roleAssignments.list", method: "GET", paths: [roleAssignmentsPath],
                     action: "Microsoft.Authorization/roleAssignments/read") { try $0.listRoleAssignments($1) },
    ]
}
