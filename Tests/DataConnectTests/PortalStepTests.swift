// DataConnectTests: each vault error code and key problem points to its step of the portal walkthrough.

import Foundation
import XCTest
@testable import DataConnect

final class PortalStepTests: XCTestCase {
    private func step(_ status: Int, _ code: String, _ inner: String?) -> PortalStep? {
        PortalStep.forVaultFailure(VaultFailure(status: status, code: code, innerCode: inner))
    }

    func testErrorCodesMapToSteps() {
        XCTAssertEqual(step(403, "Forbidden", "ForbiddenByConnection"), .enablePublicAccess)
        XCTAssertEqual(step(403, "Forbidden", "ForbiddenByFirewall"), .enablePublicAccess)
        XCTAssertEqual(step(403, "Forbidden", "ForbiddenByRbac"), .assignCryptoUserRole)
        XCTAssertEqual(step(403, "Forbidden", "AccessDenied"), .chooseRBACPermissionModel)
        XCTAssertEqual(step(403, "Forbidden", "ForbiddenByPolicy"), .chooseRBACPermissionModel)
        XCTAssertEqual(step(404, "KeyNotFound", nil), .generateTenantKey)
        XCTAssertEqual(step(403, "Forbidden", "KeyDisabled"), .fixKeyProperties(.disabled))
        XCTAssertNil(step(400, "BadParameter", nil))
        XCTAssertNil(step(403, "Forbidden", nil))
        XCTAssertNil(step(404, "NotFound", nil))
    }

    func testStepTextsQuoteTheWalkthrough() throws {
        XCTAssertEqual(PortalStep.enablePublicAccess.text, "Setting up Azure Key Vault, step 4: enable public access")
        XCTAssertEqual(PortalStep.assignCryptoUserRole.text,
                       "Using your existing Azure Key Vault, steps 3-7: add the role assignment Key Vault Crypto User for the Data Connect application's service principal")
        XCTAssertEqual(PortalStep.chooseRBACPermissionModel.text,
                       "Setting up Azure Key Vault, step 3: choose the Azure role-based access control permission model")
        XCTAssertEqual(PortalStep.generateTenantKey.text,
                       "Generating RSA keys with your Azure Key Vault, step 4: generate an RSA key named after the tenant id")
        XCTAssertEqual(PortalStep.fixKeyProperties(.wrongSize(bits: 3072)).text,
                       "Generating RSA keys with your Azure Key Vault, step 4 note: the RSA key must be 2048 bits and have an expiration date (failed check: key size: the key is 3072 bits, not 2048)")

        // The tab titles are the walkthrough's ("Use encryption with Microsoft Graph Data Connect").
        XCTAssertEqual(PortalStep.setupTab, "Setting up Azure Key Vault")
        XCTAssertEqual(PortalStep.existingVaultTab, "Using your existing Azure Key Vault")
        XCTAssertEqual(PortalStep.keysTab, "Generating RSA keys with your Azure Key Vault")
    }

    /// The vault client turns canned Azure error bodies into the structured failure the mapping reads.
    func testCannedVaultAnswersReachTheMapping() throws {
        let cases: [(VaultHTTPResponse, PortalStep?)] = [
            (CannedVault.azureError(403, code: "Forbidden", inner: "ForbiddenByConnection",
                                    message: "Public network access is disabled and request is not from a trusted service nor via an approved private link."), .enablePublicAccess),
            (CannedVault.azureError(403, code: "Forbidden", inner: "ForbiddenByFirewall", message: "Client address is not authorized and caller is not a trusted service."), .enablePublicAccess),
            (CannedVault.azureError(403, code: "Forbidden", inner: "ForbiddenByRbac"), .assignCryptoUserRole),
            (CannedVault.azureError(403, code: "Forbidden", inner: "AccessDenied"), .chooseRBACPermissionModel),
            (CannedVault.azureError(404, code: "KeyNotFound", inner: nil), .generateTenantKey),
        ]
        for (answer, expected) in cases {
            let transport = CannedVault.transport { _ in answer }
            let client = VaultClient(transport: transport, credential: try TestConnection.load().dataConnectApp,
                                     authorityHost: TestConnection.authority, tenantId: TestConnection.tenantId)
            let error = dataConnectError { _ = try client.getKey(vault: URLOrigin(TestConnection.vault)!, name: TestConnection.tenantId) }
            guard case .vaultRejected(let failure)? = error?.code else { return XCTFail("not a vault rejection: \(String(describing: error))") }
            XCTAssertEqual(PortalStep.forVaultFailure(failure), expected)
            XCTAssertEqual(error?.exitStatus, 3)
        }
    }

    func testEveryMappedSetupProblemFailsOpenWithItsStep() throws {
        let answers: [(VaultHTTPResponse, String)] = [
            (CannedVault.azureError(403, code: "Forbidden", inner: "ForbiddenByConnection"), PortalStep.enablePublicAccess.text),
            (CannedVault.azureError(403, code: "Forbidden", inner: "AccessDenied"), PortalStep.chooseRBACPermissionModel.text),
            (CannedVault.json(200, CannedVault.keyBundle(n: "AQAB", exp: nil)), "step 4 note: the RSA key must be 2048 bits and have an expiration date (failed check: key size"),
        ]
        for (answer, expected) in answers {
            let directory = try TestPaths.temporaryDirectory(self)
            var options = DeliveryOptions(connectionPath: try TestConnection.write(into: directory), appId: TestConnection.appId,
                                          vaultURL: TestConnection.vault, dataset: MessageV1Schema.name, destination: directory.path)
            options.rows = 2
            options.files = 1
            options.fixturesDirectory = TestPaths.fixtures.path
            let transport = CannedVault.transport { _ in answer }
            let report = try DeliveryRun(options: options, console: RecordingConsole(), transport: { _ in transport }).run().report
            XCTAssertEqual(report.status, .succeededWithWarnings)
            XCTAssertTrue(report.warnings.first?.contains(expected) ?? false, "\(report.warnings) lacks \(expected)")
        }
    }
}
