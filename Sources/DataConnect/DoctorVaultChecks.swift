// DataConnect: the doctor's checks of the vault through ARM (MG5-MG7).

import Foundation

extension EncryptionDoctor {
    // MARK: - The vault, through ARM (MG5-MG7)

    func vaultChecks(vault: URLOrigin, management: ManagementClient, connection: ConnectionFile,
                             app: ClientCredential) throws -> [RequirementCheck] {
        let name = String(vault.host.split(separator: ".").first ?? "")
        let titles = (mg5: "permission model Azure RBAC", mg6: "public network access", mg7: "Key Vault Crypto User for the application")
        let list = try management.get(ARMVaultList.self, "/subscriptions/\(connection.subscriptionId)/providers/Microsoft.KeyVault/vaults",
                                      apiVersion: Self.vaultAPIVersion)
        guard let found = list.value.first(where: { $0.name.lowercased() == name }) else {
            let missing = "not checked: vault \(name) is not in subscription \(connection.subscriptionId)"
            return [check("MG5", titles.mg5, .notChecked, missing), check("MG6", titles.mg6, .notChecked, missing),
                    check("MG7", titles.mg7, .notChecked, missing)]
        }
        var checks: [RequirementCheck] = []
        checks.append(found.properties.enableRbacAuthorization == true
            ? check("MG5", titles.mg5, .pass, "enableRbacAuthorization is true")
            : check("MG5", titles.mg5, .fail, "the vault uses access policies (enableRbacAuthorization is false)", .chooseRBACPermissionModel))
        let publicAccess = found.properties.publicNetworkAccess ?? "Enabled"
        let defaultAction = found.properties.networkAcls?.defaultAction ?? "Allow"
        if publicAccess.lowercased() != "enabled" {
            checks.append(check("MG6", titles.mg6, .fail, "publicNetworkAccess is \(publicAccess)", .enablePublicAccess))
        } else if defaultAction.lowercased() != "allow" {
            checks.append(check("MG6", titles.mg6, .fail, "the firewall denies by default (networkAcls.defaultAction \(defaultAction))", .enablePublicAccess))
        } else {
            checks.append(check("MG6", titles.mg6, .pass, "public network access from all networks"))
        }
        let filter = "$filter=" + VaultClient.formEncode("principalId eq '\(app.objectId)'")
        let assignments = try management.get(ARMRoleAssignmentList.self, "\(found.id)/providers/Microsoft.Authorization/roleAssignments",
                                             apiVersion: Self.authorizationAPIVersion, query: filter)
        let vaultId = found.id.lowercased()
        let keyScope = "\(vaultId)/keys/\(connection.tenantId.lowercased())"
        let granting = assignments.value.compactMap { assignment -> String? in
            let scope = assignment.properties.scope.lowercased()
            let role = assignment.properties.roleDefinitionId.split(separator: "/").last.map { String($0).lowercased() } ?? ""
            guard assignment.properties.principalId.lowercased() == app.objectId.lowercased(), let roleName = Self.sufficientRoles[role],
                  scope == "/" || vaultId == scope || vaultId.hasPrefix(scope + "/") || scope == keyScope else { return nil }
            return "\(roleName) at \(assignment.properties.scope)"
        }
        checks.append(granting.isEmpty
            ? check("MG7", titles.mg7, .fail, "the application's service principal \(app.objectId) has no Key Vault Crypto User role on the vault or above", .assignCryptoUserRole)
            : check("MG7", titles.mg7, .pass, granting.joined(separator: "; ")))
        return checks
    }
}
