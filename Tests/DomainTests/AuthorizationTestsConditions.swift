// DomainTests: ABAC conditions — the parser, and Key Vault Data Access Administrator's delegation limit.

import XCTest
import ServiceCore
@testable import Authorization

final class AuthorizationTestsConditions: XCTestCase {
    static let attribute = "Microsoft.Authorization/roleAssignments:RoleDefinitionId"
    static let vault = "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults/kv1"
    let caller = Principal(tenantId: "t1", objectId: "11111111-1111-1111-1111-111111111111", applicationId: "app1",
                           issuer: "https://sts.windows.net/t1/")

    var dataAccessCondition: String {
        BuiltInRoles.withId(BuiltInRoles.keyVaultDataAccessAdministratorId)?.permissions.first?.condition ?? ""
    }

    func testParsesTheBuiltInCondition() throws {
        let condition = try XCTUnwrap(RoleCondition.parse(dataAccessCondition))
        guard case .and(let writes, let deletes) = condition else { return XCTFail("\(condition)") }
        guard case .or(.not(.actionMatches(let action)), .compare(let source, let attribute, let comparison, false, let values)) = writes else {
            return XCTFail("\(writes)")
        }
        XCTAssertEqual(action, "Microsoft.Authorization/roleAssignments/write")
        XCTAssertEqual([source, attribute, comparison], ["request", Self.attribute, "guidequals"])
        XCTAssertEqual(values.count, 8)
        XCTAssertTrue(values.contains(BuiltInRoles.keyVaultCryptoUserId))
        guard case .or(.not(.actionMatches("Microsoft.Authorization/roleAssignments/delete")), .compare("resource", _, _, _, _)) = deletes else {
            return XCTFail("\(deletes)")
        }
    }

    func testConditionSemantics() throws {
        let write = "Microsoft.Authorization/roleAssignments/write"
        let condition = try XCTUnwrap(RoleCondition.parse(dataAccessCondition))
        func holds(_ action: String, request: [String] = [], resource: [String] = []) -> Bool {
            var attributes = ConditionAttributes()
            if !request.isEmpty { attributes = ConditionAttributes(request: [Self.attribute: request]) }
            if !resource.isEmpty { attributes = ConditionAttributes(resource: [Self.attribute: resource]) }
            return condition.holds(action: action, attributes: attributes)
        }
        XCTAssertTrue(holds(write, request: [BuiltInRoles.keyVaultCryptoUserId]))
        XCTAssertTrue(holds(write, request: [BuiltInRoles.keyVaultCryptoUserId.uppercased().replacingOccurrences(of: "-", with: "")]),
                      "GUIDs compare without case and dashes")
        XCTAssertFalse(holds(write, request: [BuiltInRoles.ownerId]))
        XCTAssertFalse(holds(write), "a missing attribute fails its comparison")
        XCTAssertTrue(holds("Microsoft.Authorization/roleAssignments/delete", resource: [BuiltInRoles.keyVaultReaderId]))
        XCTAssertFalse(holds("Microsoft.Authorization/roleAssignments/delete", resource: [BuiltInRoles.userAccessAdministratorId]))
        XCTAssertTrue(holds("Microsoft.Authorization/roleAssignments/read"), "other actions are not constrained")
    }

    func testGrammarAndFailClosed() {
        XCTAssertEqual(RoleCondition.parse("@Request[a:b] StringEquals 'x'"),
                       .compare(source: "request", attribute: "a:b", comparison: "stringequals", negated: false, values: ["x"]))
        XCTAssertEqual(RoleCondition.parse("NOT ActionMatches{'x/*'} OR @Resource[r] GuidNotEquals {g}"),
                       .or(.not(.actionMatches("x/*")), .compare(source: "resource", attribute: "r", comparison: "guidequals", negated: true, values: ["g"])))
        for text in ["(", "ActionMatches{'a'} AND", "@Principal[x] StringEquals 'y'", "@Request[x] Bogus 'y'", "foo"] {
            XCTAssertNil(RoleCondition.parse(text), text)
        }
        // A block whose condition does not parse grants nothing.
        let role = RoleDefinition(id: "5c6b8f2a-0000-4000-8000-000000000001", roleName: "Broken", description: "",
                                  permissions: [RolePermission(actions: ["*"], condition: "this is not a condition")])
        let rbac = RBACEvaluator(assignments: [RoleAssignment(name: "a1", scope: "/subscriptions/s", roleDefinitionId: role.id,
                                                              principalId: caller.objectId, principalType: "User")],
                                 definitions: [role.id: role])
        XCTAssertFalse(rbac.evaluate(principal: caller, action: "Microsoft.KeyVault/vaults/read", kind: .control, resource: "/subscriptions/s").isAllowed)
    }

    func testDataAccessAdministratorMayOnlyDelegateKeyVaultDataRoles() {
        let definitions = Dictionary(uniqueKeysWithValues: BuiltInRoles.all.map { ($0.id, $0) })
        let rbac = RBACEvaluator(assignments: [RoleAssignment(name: "a1", scope: Self.vault, roleDefinitionId: BuiltInRoles.keyVaultDataAccessAdministratorId,
                                                              principalId: caller.objectId, principalType: "User")], definitions: definitions)
        func write(_ role: String) -> Bool {
            rbac.evaluate(principal: caller, action: "Microsoft.Authorization/roleAssignments/write", kind: .control, resource: Self.vault,
                          attributes: ConditionAttributes(request: [Self.attribute: [role]])).isAllowed
        }
        let delegable = [BuiltInRoles.keyVaultAdministratorId, BuiltInRoles.keyVaultCertificatesOfficerId, BuiltInRoles.keyVaultCryptoOfficerId,
                         BuiltInRoles.keyVaultCryptoServiceEncryptionUserId, BuiltInRoles.keyVaultCryptoUserId, BuiltInRoles.keyVaultReaderId,
                         BuiltInRoles.keyVaultSecretsOfficerId, BuiltInRoles.keyVaultSecretsUserId]
        for role in BuiltInRoles.all {
            XCTAssertEqual(write(role.id), delegable.contains(role.id), role.roleName)
        }
        XCTAssertFalse(rbac.evaluate(principal: caller, action: "Microsoft.Authorization/roleAssignments/write", kind: .control,
                                     resource: Self.vault).isAllowed, "without the request attribute the condition fails")
    }

    func testIPv6LoopbackCountsAsIPv4Loopback() {
        let deny = NetworkSettings(defaultAction: "Deny", bypass: "None", ipRules: ["127.0.0.1/32"])
        XCTAssertEqual(NetworkRules.evaluate(deny, clientAddress: "::1", viaPrivateEndpoint: false, isTrustedService: false), .allowed)
        XCTAssertEqual(NetworkRules.evaluate(deny, clientAddress: "::2", viaPrivateEndpoint: false, isTrustedService: false), .deniedByFirewall)
        let elsewhere = NetworkSettings(defaultAction: "Deny", bypass: "None", ipRules: ["10.0.0.0/8"])
        XCTAssertEqual(NetworkRules.evaluate(elsewhere, clientAddress: "::1", viaPrivateEndpoint: false, isTrustedService: false), .deniedByFirewall)
        XCTAssertEqual(NetworkRules.evaluate(elsewhere, clientAddress: "::1", viaPrivateEndpoint: true, isTrustedService: false), .allowed)
        XCTAssertNil(NetworkRules.normalizedIPRule("::1"), "rules stay IPv4")
    }
}
