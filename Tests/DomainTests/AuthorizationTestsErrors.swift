// DomainTests: the exact Azure deny messages of the authorization error catalogue.

import XCTest
import ServiceCore
@testable import Authorization

final class AuthorizationTestsErrors: XCTestCase {
    let caller = Principal(tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47", objectId: "c0ffee00-0000-4000-8000-000000000001",
                           applicationId: "a9a9a9a9-0000-4000-8000-000000000002", issuer: "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/")

    func testForbiddenByRbacMessage() {
        let error = ServiceError.forbiddenByRbac(
            principal: caller, action: "Microsoft.KeyVault/vaults/keys/read",
            resource: "/subscriptions/0B1F6471-1BF0-4DDA-AEC3-CB9272F09590/resourceGroups/MyRG/providers/Microsoft.KeyVault/vaults/KV-One/keys/MyKey",
            vaultName: "KV-One", location: "westeurope")
        XCTAssertEqual(error.kind, .forbidden)
        XCTAssertEqual(error.code, "Forbidden")
        XCTAssertEqual(error.innerCode, "ForbiddenByRbac")
        XCTAssertEqual(error.message, "Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\nCaller: appid=a9a9a9a9-0000-4000-8000-000000000002;oid=c0ffee00-0000-4000-8000-000000000001;iss=https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/\r\nAction: 'Microsoft.KeyVault/vaults/keys/read'\r\nResource: '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourcegroups/myrg/providers/microsoft.keyvault/vaults/kv-one/keys/MyKey'\r\nAssignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: null \r\nVault: KV-One;location=westeurope\r\n")
    }

    func testForbiddenByRbacAtVaultScope() {
        let error = ServiceError.forbiddenByRbac(principal: caller, action: "Microsoft.KeyVault/vaults/keys/read",
                                                 resource: "/subscriptions/S/resourceGroups/RG/providers/Microsoft.KeyVault/vaults/KV1",
                                                 vaultName: "KV1", location: "westus")
        XCTAssertTrue(error.message.contains("\r\nResource: '/subscriptions/s/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv1'\r\n"))
    }

    func testAccessDeniedMessage() {
        let error = ServiceError.accessDenied(principal: caller, permission: "get", vaultName: "kv1", location: "westus")
        XCTAssertEqual(error, ServiceError(.forbidden, code: "Forbidden", message: "", innerCode: "AccessDenied"))
        XCTAssertEqual(error.message, "The user, group or application 'appid=a9a9a9a9-0000-4000-8000-000000000002;oid=c0ffee00-0000-4000-8000-000000000001;iss=https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/' does not have keys get permission on key vault 'kv1;location=westus'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287")
    }

    func testNetworkMessages() {
        let connection = ServiceError.forbiddenByConnection(principal: caller, vaultName: "kv1", location: "westus")
        XCTAssertEqual(connection.innerCode, "ForbiddenByConnection")
        XCTAssertEqual(connection.message, "Public network access is disabled and request is not from a trusted service nor via an approved private link.\r\nCaller: \(caller.callerDescription)\r\nVault: kv1;location=westus")
        let firewall = ServiceError.forbiddenByFirewall(principal: caller, clientAddress: "203.0.113.9", vaultName: "kv1", location: "westus")
        XCTAssertEqual(firewall.innerCode, "ForbiddenByFirewall")
        XCTAssertEqual(firewall.kind, .forbidden)
        XCTAssertEqual(firewall.message, "Client address is not authorized and caller is not a trusted service.\r\nClient address: 203.0.113.9\r\nCaller: \(caller.callerDescription)\r\nVault: kv1;location=westus")
    }

    func testAuthorizationFailedMessage() {
        let error = ServiceError.authorizationFailed(principal: caller, action: "Microsoft.KeyVault/vaults/write",
                                                     scope: "/subscriptions/S/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1")
        XCTAssertEqual(error.kind, .forbidden)
        XCTAssertEqual(error.code, "AuthorizationFailed")
        XCTAssertNil(error.innerCode)
        XCTAssertEqual(error.message, "The client 'a9a9a9a9-0000-4000-8000-000000000002' with object id 'c0ffee00-0000-4000-8000-000000000001' does not have authorization to perform action 'Microsoft.KeyVault/vaults/write' over scope '/subscriptions/S/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1' or the scope is invalid. If access was recently granted, please refresh your credentials.")
    }
}
