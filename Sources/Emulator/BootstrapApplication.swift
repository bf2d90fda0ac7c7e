// Emulator: applying the bootstrap fixture to the directory and the role assignments.

import Authorization
import Identity
import Management

extension BootstrapFixture {
    /// Applies the fixture; every step is idempotent, so each start re-applies it.
    func apply(identity: IdentityService, management: ManagementService) throws {
        let owners = BuiltInRoles.all.reduce(into: [String: String]()) { $0[$1.roleName.lowercased()] = $1.id }
        for tenant in tenants {
            try identity.registerTenant(id: tenant.tenantId, displayName: tenant.displayName)
            for entry in tenant.principals {
                // Memberships added through the admin API survive the re-application.
                let kept = identity.principal(objectId: entry.objectId)?.groups ?? []
                let groups = (entry.groups ?? []).map { $0.lowercased() }
                try identity.registerPrincipal(PrincipalRegistration(
                    objectId: entry.objectId, tenantId: tenant.tenantId, kind: entry.kind, clientId: entry.clientId,
                    displayName: entry.displayName, clientSecret: entry.clientSecret, groups: groups + kept.filter { !groups.contains($0) },
                    managedIdentity: entry.managedIdentity))
                for roleName in entry.subscriptionRoles ?? [] {
                    guard let roleId = owners[roleName.lowercased()] else { throw EmulatorError("bootstrap: unknown role '\(roleName)'") }
                    for subscription in tenant.subscriptions {
                        let scope = "/subscriptions/\(subscription)"
                        try management.bootstrapRoleAssignment(RoleAssignment(
                            name: BootstrapFixture.assignmentName(principal: entry.objectId, role: roleId, scope: scope),
                            scope: scope, roleDefinitionId: roleId, principalId: entry.objectId, principalType: entry.kind.rawValue))
                    }
                }
            }
        }
    }
}
