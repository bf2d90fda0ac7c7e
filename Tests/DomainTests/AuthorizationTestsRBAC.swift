// DomainTests: RBAC evaluation — the role matrix, scope inheritance, groups and wildcards.

import XCTest
import ServiceCore
@testable import Authorization

final class AuthorizationTestsRBAC: XCTestCase {
    static let sub = "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590"
    static let rg = sub + "/resourceGroups/rg1"
    static let vault = rg + "/providers/Microsoft.KeyVault/vaults/kv1"
    static let key = vault + "/keys/k1"

    let caller = Principal(tenantId: "t1", objectId: "11111111-1111-1111-1111-111111111111", applicationId: "app1",
                           groups: ["22222222-2222-2222-2222-222222222222"], issuer: "https://sts.windows.net/t1/")

    /// Every key data action of keyvault-spec.md §4.2, without the `Microsoft.KeyVault/vaults/` prefix.
    static let keyActions = [
        "keys/read", "keys/update/action", "keys/create/action", "keys/import/action", "keys/recover/action",
        "keys/restore/action", "keys/delete", "keys/backup/action", "keys/purge/action", "keys/encrypt/action",
        "keys/decrypt/action", "keys/wrap/action", "keys/unwrap/action", "keys/sign/action", "keys/verify/action",
        "keys/release/action", "keys/rotate/action", "keyrotationpolicies/read", "keyrotationpolicies/write",
    ]

    var definitions: [String: RoleDefinition] {
        Dictionary(uniqueKeysWithValues: BuiltInRoles.all.map { ($0.id, $0) })
    }

    func evaluator(_ assignments: [RoleAssignment]) -> RBACEvaluator {
        RBACEvaluator(assignments: assignments, definitions: definitions)
    }

    func assign(_ roleId: String, at scope: String, to principal: String? = nil, name: String = "a1") -> RoleAssignment {
        RoleAssignment(name: name, scope: scope, roleDefinitionId: roleId, principalId: principal ?? caller.objectId, principalType: "ServicePrincipal")
    }

    /// The data actions on a key that `roleId`, assigned at the vault, allows.
    func allowedKeyActions(_ roleId: String) -> Set<String> {
        let rbac = evaluator([assign(roleId, at: Self.vault)])
        return Set(Self.keyActions.filter {
            rbac.evaluate(principal: caller, action: "Microsoft.KeyVault/vaults/" + $0, kind: .data, resource: Self.key).isAllowed
        })
    }

    func testCryptoOfficerAndAdministratorAllowEveryKeyAction() {
        XCTAssertEqual(allowedKeyActions(BuiltInRoles.keyVaultCryptoOfficerId), Set(Self.keyActions))
        XCTAssertEqual(allowedKeyActions(BuiltInRoles.keyVaultAdministratorId), Set(Self.keyActions))
    }

    func testCryptoUserCannotManageKeyLifecycle() {
        // keyvault-spec.md §0 rule 20: no create, import, delete, recover, purge, restore, rotate, release, rotation policy.
        XCTAssertEqual(allowedKeyActions(BuiltInRoles.keyVaultCryptoUserId), [
            "keys/read", "keys/update/action", "keys/backup/action", "keys/encrypt/action", "keys/decrypt/action",
            "keys/wrap/action", "keys/unwrap/action", "keys/sign/action", "keys/verify/action",
        ])
    }

    func testServiceEncryptionUserReadsWrapsAndUnwrapsOnly() {
        XCTAssertEqual(allowedKeyActions(BuiltInRoles.keyVaultCryptoServiceEncryptionUserId),
                       ["keys/read", "keys/wrap/action", "keys/unwrap/action"])
    }

    func testReleaseUserAndReader() {
        XCTAssertEqual(allowedKeyActions(BuiltInRoles.keyVaultCryptoServiceReleaseUserId), ["keys/release/action"])
        XCTAssertEqual(allowedKeyActions(BuiltInRoles.keyVaultReaderId), ["keys/read", "keyrotationpolicies/read"])
    }

    func testGeneralRolesHaveNoDataAccess() {
        for role in [BuiltInRoles.ownerId, BuiltInRoles.contributorId, BuiltInRoles.readerId, BuiltInRoles.userAccessAdministratorId] {
            XCTAssertEqual(allowedKeyActions(role), [], "role \(role)")
        }
    }

    func testControlActionsOfGeneralRoles() {
        func allows(_ role: String, _ action: String) -> Bool {
            evaluator([assign(role, at: Self.sub)]).evaluate(principal: caller, action: action, kind: .control, resource: Self.vault).isAllowed
        }
        XCTAssertTrue(allows(BuiltInRoles.ownerId, "Microsoft.Authorization/roleAssignments/write"))
        XCTAssertTrue(allows(BuiltInRoles.contributorId, "Microsoft.KeyVault/vaults/write"))
        XCTAssertFalse(allows(BuiltInRoles.contributorId, "Microsoft.Authorization/roleAssignments/write"))
        XCTAssertFalse(allows(BuiltInRoles.contributorId, "Microsoft.Authorization/roleAssignments/delete"))
        XCTAssertTrue(allows(BuiltInRoles.contributorId, "Microsoft.Authorization/roleAssignments/read"))
        XCTAssertTrue(allows(BuiltInRoles.readerId, "Microsoft.KeyVault/vaults/read"))
        XCTAssertFalse(allows(BuiltInRoles.readerId, "Microsoft.KeyVault/vaults/write"))
        XCTAssertTrue(allows(BuiltInRoles.userAccessAdministratorId, "Microsoft.Authorization/roleAssignments/write"))
        XCTAssertFalse(allows(BuiltInRoles.userAccessAdministratorId, "Microsoft.KeyVault/vaults/write"))
        XCTAssertTrue(allows(BuiltInRoles.keyVaultContributorId, "Microsoft.KeyVault/vaults/write"))
        XCTAssertFalse(allows(BuiltInRoles.keyVaultContributorId, "Microsoft.KeyVault/locations/deletedVaults/purge/action"))
        // Data roles do not manage vaults: `vaults/*/read` needs a segment between `vaults/` and `/read`.
        XCTAssertFalse(allows(BuiltInRoles.keyVaultCryptoOfficerId, "Microsoft.KeyVault/vaults/read"))
        XCTAssertFalse(allows(BuiltInRoles.keyVaultCryptoUserId, "Microsoft.KeyVault/vaults/read"))
    }

    func testDataActionIsNotGrantedByControlActions() {
        // Owner's actions ["*"] match every string, but data actions are only checked against dataActions.
        let rbac = evaluator([assign(BuiltInRoles.ownerId, at: Self.sub)])
        XCTAssertFalse(rbac.evaluate(principal: caller, action: "Microsoft.KeyVault/vaults/keys/read", kind: .data, resource: Self.key).isAllowed)
    }

    func testScopeInheritance() {
        let action = "Microsoft.KeyVault/vaults/keys/sign/action"
        for scope in [Self.sub, Self.rg, Self.vault, Self.key, "/"] {
            let rbac = evaluator([assign(BuiltInRoles.keyVaultCryptoUserId, at: scope)])
            XCTAssertTrue(rbac.evaluate(principal: caller, action: action, kind: .data, resource: Self.key).isAllowed, scope)
        }
        // Case-insensitive, segment-wise.
        let upper = evaluator([assign(BuiltInRoles.keyVaultCryptoUserId, at: Self.vault.uppercased())])
        XCTAssertTrue(upper.evaluate(principal: caller, action: action.lowercased(), kind: .data, resource: Self.key).isAllowed)
        // Another key, another vault, a sibling resource group.
        let keyScoped = evaluator([assign(BuiltInRoles.keyVaultCryptoUserId, at: Self.key)])
        XCTAssertFalse(keyScoped.evaluate(principal: caller, action: action, kind: .data, resource: Self.vault + "/keys/k2").isAllowed)
        XCTAssertFalse(keyScoped.evaluate(principal: caller, action: action, kind: .data, resource: Self.vault + "/keys/k10").isAllowed)
        let otherVault = evaluator([assign(BuiltInRoles.keyVaultCryptoUserId, at: Self.rg + "/providers/Microsoft.KeyVault/vaults/kv2")])
        XCTAssertFalse(otherVault.evaluate(principal: caller, action: action, kind: .data, resource: Self.key).isAllowed)
    }

    func testResourceGroupPrefixTrap() {
        let rbac = evaluator([assign(BuiltInRoles.keyVaultCryptoUserId, at: Self.rg)])
        let rg10Key = Self.sub + "/resourceGroups/rg10/providers/Microsoft.KeyVault/vaults/kv1/keys/k1"
        XCTAssertFalse(rbac.evaluate(principal: caller, action: "Microsoft.KeyVault/vaults/keys/read", kind: .data, resource: rg10Key).isAllowed)
        XCTAssertEqual(rbac.evaluate(principal: caller, action: "Microsoft.KeyVault/vaults/keys/read", kind: .data, resource: rg10Key),
                       .denied(reason: "no role assignment grants 'Microsoft.KeyVault/vaults/keys/read' at '\(rg10Key)'"))
    }

    func testKeyScopedAssignmentNeverGrantsVaultLevelList() {
        // Listing keys is authorized at the vault, above a key-scope assignment.
        let rbac = evaluator([assign(BuiltInRoles.keyVaultCryptoOfficerId, at: Self.key)])
        XCTAssertFalse(rbac.evaluate(principal: caller, action: "Microsoft.KeyVault/vaults/keys/read", kind: .data, resource: Self.vault).isAllowed)
        XCTAssertTrue(rbac.evaluate(principal: caller, action: "Microsoft.KeyVault/vaults/keys/read", kind: .data, resource: Self.key).isAllowed)
    }

    func testGroupAssignmentGrantsMembersOnly() {
        let group = "22222222-2222-2222-2222-222222222222"
        let rbac = evaluator([assign(BuiltInRoles.keyVaultCryptoUserId, at: Self.vault, to: group.uppercased(), name: "g1")])
        XCTAssertEqual(rbac.evaluate(principal: caller, action: "Microsoft.KeyVault/vaults/keys/decrypt/action", kind: .data, resource: Self.key),
                       .allowed(reason: "role assignment g1 (Key Vault Crypto User) at \(Self.vault)"))
        let outsider = Principal(tenantId: "t1", objectId: "33333333-3333-3333-3333-333333333333", applicationId: "app2", issuer: "i")
        XCTAssertFalse(rbac.evaluate(principal: outsider, action: "Microsoft.KeyVault/vaults/keys/decrypt/action", kind: .data, resource: Self.key).isAllowed)
    }

    func testOtherPrincipalsAssignmentAndUnknownRoleDoNotGrant() {
        let rbac = evaluator([
            assign(BuiltInRoles.keyVaultAdministratorId, at: Self.vault, to: "99999999-9999-9999-9999-999999999999"),
            assign("00000000-0000-0000-0000-000000000000", at: Self.vault, name: "unknown"),
        ])
        XCTAssertFalse(rbac.evaluate(principal: caller, action: "Microsoft.KeyVault/vaults/keys/read", kind: .data, resource: Self.key).isAllowed)
    }

    func testNotDataActionsSubtract() {
        let custom = RoleDefinition(id: "5ab5a5a5-0000-4000-8000-000000000001", roleName: "No purge", description: "", roleType: "CustomRole",
                                    permissions: [RolePermission(dataActions: ["Microsoft.KeyVault/vaults/keys/*"],
                                                                 notDataActions: ["Microsoft.KeyVault/vaults/keys/purge/action"])])
        let rbac = RBACEvaluator(assignments: [assign(custom.id, at: Self.vault)], definitions: [custom.id.uppercased(): custom])
        XCTAssertTrue(rbac.evaluate(principal: caller, action: "Microsoft.KeyVault/vaults/keys/delete", kind: .data, resource: Self.key).isAllowed)
        XCTAssertFalse(rbac.evaluate(principal: caller, action: "Microsoft.KeyVault/vaults/keys/purge/action", kind: .data, resource: Self.key).isAllowed)
    }

    func testWildcardPatterns() {
        let readAll = ActionPattern("Microsoft.KeyVault/vaults/*/read")
        XCTAssertTrue(readAll.matches("Microsoft.KeyVault/vaults/keys/read"))
        XCTAssertTrue(readAll.matches("microsoft.keyvault/VAULTS/keyrotationpolicies/read"))
        XCTAssertTrue(readAll.matches("Microsoft.KeyVault/vaults/secrets/versions/read"))
        XCTAssertFalse(readAll.matches("Microsoft.KeyVault/vaults/read"))
        XCTAssertFalse(readAll.matches("Microsoft.KeyVault/vaults/keys/read/action"))
        XCTAssertFalse(readAll.matches("Microsoft.KeyVault/vaults/secrets/readMetadata/action"))
        XCTAssertTrue(ActionPattern("*").matches("anything/at/all"))
        XCTAssertTrue(ActionPattern("*/read").matches("Microsoft.KeyVault/vaults/read"))
        XCTAssertFalse(ActionPattern("*/read").matches("Microsoft.KeyVault/vaults/write"))
        XCTAssertTrue(ActionPattern("Microsoft.Authorization/*/Write").matches("microsoft.authorization/roleassignments/write"))
        XCTAssertTrue(ActionPattern("a*b*c").matches("aXbYbZc"))
        XCTAssertFalse(ActionPattern("a*a").matches("a"))
        XCTAssertTrue(ActionPattern("Microsoft.KeyVault/vaults/keys/read").matches("MICROSOFT.KEYVAULT/VAULTS/KEYS/READ"))
        XCTAssertFalse(ActionPattern("Microsoft.KeyVault/vaults/keys/read").matches("Microsoft.KeyVault/vaults/keys/readx"))
    }

    func testScopePath() {
        XCTAssertTrue(ScopePath("/").contains(ScopePath(Self.key)))
        XCTAssertTrue(ScopePath(Self.rg + "/").contains(ScopePath(Self.rg.uppercased())))
        XCTAssertFalse(ScopePath(Self.rg).isAncestor(of: ScopePath(Self.rg)))
        XCTAssertTrue(ScopePath(Self.rg).isAncestor(of: ScopePath(Self.vault)))
        XCTAssertFalse(ScopePath(Self.vault).contains(ScopePath(Self.rg)))
        XCTAssertEqual(ScopePath(Self.vault).subscriptionId, "0b1f6471-1bf0-4dda-aec3-cb9272f09590")
        XCTAssertNil(ScopePath("/providers/Microsoft.Authorization").subscriptionId)
    }

    func testBuiltInRoleCatalogue() {
        XCTAssertEqual(BuiltInRoles.named("key vault crypto user")?.id, "12338af0-0e69-4776-bea7-57ae8d297424")
        XCTAssertEqual(BuiltInRoles.named("Key Vault Crypto Officer")?.id, "14b46e9e-c2b7-41b4-b07b-48a6ebf60603")
        XCTAssertEqual(BuiltInRoles.named("Key Vault Crypto Service Encryption User")?.id, "e147488a-f6f5-4113-8e2d-b22465e65bf6")
        XCTAssertEqual(BuiltInRoles.named("Key Vault Administrator")?.id, "00482a5a-887f-4fb3-b363-3b7fe8e74483")
        XCTAssertEqual(BuiltInRoles.named("Owner")?.permissions, [RolePermission(actions: ["*"])])
        XCTAssertEqual(BuiltInRoles.named("Reader")?.permissions, [RolePermission(actions: ["*/read"])])
        XCTAssertEqual(BuiltInRoles.all.count, 16)
        XCTAssertEqual(Set(BuiltInRoles.all.map(\.id)).count, 16, "GUIDs are unique")
        XCTAssertEqual(Set(BuiltInRoles.all.map(\.roleName)).count, 16, "names are unique")
        for role in BuiltInRoles.all {
            XCTAssertEqual(role.roleType, "BuiltInRole")
            XCTAssertEqual(role.assignableScopes, ["/"])
            XCTAssertEqual(role.id, role.id.lowercased())
        }
        XCTAssertEqual(BuiltInRoles.named("Key Vault Data Access Administrator")?.permissions.first?.conditionVersion, "2.0")
        XCTAssertNil(BuiltInRoles.named("Storage Blob Data Owner"))
    }
}
