// DomainTests: access policy evaluation — object ids, groups, compound identity, "all".

import XCTest
import ServiceCore
@testable import Authorization

final class AuthorizationTestsAccessPolicy: XCTestCase {
    let tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47"
    let oid = "11111111-1111-1111-1111-111111111111"
    let group = "22222222-2222-2222-2222-222222222222"

    var caller: Principal {
        Principal(tenantId: tenant, objectId: oid, applicationId: "aaaaaaaa-0000-0000-0000-000000000001", groups: [group], issuer: "i")
    }

    func entry(_ objectId: String, keys: [String]?, applicationId: String? = nil, tenantId: String? = nil) -> AccessPolicyEntry {
        AccessPolicyEntry(tenantId: tenantId ?? tenant, objectId: objectId, applicationId: applicationId,
                          permissions: AccessPolicyPermissions(keys: keys, secrets: ["get"]))
    }

    func allows(_ permission: String, _ policies: [AccessPolicyEntry], principal: Principal? = nil) -> Bool {
        AccessPolicyEvaluator.evaluate(principal: principal ?? caller, keyPermission: permission, policies: policies).isAllowed
    }

    func testObjectIdEntryGrantsListedPermissionsCaseInsensitively() {
        let policies = [entry(oid.uppercased(), keys: ["Get", "WRAPKEY", "unwrapKey"])]
        XCTAssertTrue(allows("get", policies))
        XCTAssertTrue(allows("wrapKey", policies))
        XCTAssertTrue(allows("unwrapkey", policies))
        XCTAssertFalse(allows("decrypt", policies))
        XCTAssertFalse(allows("list", policies))
        XCTAssertEqual(AccessPolicyEvaluator.evaluate(principal: caller, keyPermission: "decrypt", policies: policies),
                       .denied(reason: "no access policy grants keys 'decrypt' to \(oid)"))
    }

    func testAllGrantsEverything() {
        let policies = [entry(oid, keys: ["all"])]
        for permission in ["get", "create", "purge", "release", "getrotationpolicy", "setrotationpolicy"] {
            XCTAssertTrue(allows(permission, policies), permission)
        }
    }

    func testUnionOfEntriesAndGroupMembership() {
        let policies = [entry(oid, keys: ["get"]), entry(group, keys: ["decrypt"]), entry("33333333-3333-3333-3333-333333333333", keys: ["sign"])]
        XCTAssertTrue(allows("get", policies))
        XCTAssertTrue(allows("decrypt", policies))
        XCTAssertFalse(allows("sign", policies))
    }

    func testCompoundIdentityNeedsBothObjectAndApplication() {
        let policies = [entry(oid, keys: ["decrypt"], applicationId: "aaaaaaaa-0000-0000-0000-000000000001")]
        XCTAssertTrue(allows("decrypt", policies))
        let otherApp = Principal(tenantId: tenant, objectId: oid, applicationId: "bbbbbbbb-0000-0000-0000-000000000002", issuer: "i")
        XCTAssertFalse(allows("decrypt", policies, principal: otherApp))
    }

    func testOtherTenantAndMissingKeyPermissions() {
        XCTAssertFalse(allows("get", [entry(oid, keys: ["get"], tenantId: "00000000-0000-0000-0000-000000000000")]))
        XCTAssertFalse(allows("get", [entry(oid, keys: nil)]))
        XCTAssertFalse(allows("get", []))
    }

    func testEntryWireShape() throws {
        let json = #"{"tenantId":"t","objectId":"o","permissions":{"keys":["get","list"],"secrets":[],"certificates":[]}}"#
        let decoded = try JSONDecoder().decode(AccessPolicyEntry.self, from: Data(json.utf8))
        XCTAssertEqual(decoded, AccessPolicyEntry(tenantId: "t", objectId: "o", permissions: AccessPolicyPermissions(keys: ["get", "list"], secrets: [], certificates: [])))
        XCTAssertNil(decoded.applicationId)
    }
}
