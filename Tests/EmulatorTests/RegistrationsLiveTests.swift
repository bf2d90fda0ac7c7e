// EmulatorTests: Data Connect registrations through a live emulator: bootstrap Global Administrator, RBAC, storage folders, persistence.

import Foundation
import XCTest
@testable import Emulator
import EmulatorClient

final class RegistrationsLiveTests: XCTestCase {
    private func developer(_ emulator: LiveEmulator) -> DataConnectRegistrations { DataConnectRegistrations(session: emulator.admin) }

    private func globalAdmin(_ emulator: LiveEmulator) throws -> DataConnectRegistrations {
        let credential = try XCTUnwrap(emulator.connection.globalAdmin, "connection.json names the Global Administrator")
        return DataConnectRegistrations(session: AzureSession(connection: emulator.connection, credential: credential))
    }

    private func register(_ emulator: LiveEmulator) throws -> [String: Any] {
        _ = try PortalWalkthrough(session: emulator.admin, print: { _ in }).run()
        let properties = RegistrationProperties(description: "live", storageAccount: "lake1", container: "mgdc",
                                                datasets: [.init(name: "BasicDataSet_v0.Message_v1")],
                                                keyVaultUri: emulator.connection.vaultURL("lobencryption-demo"))
        return try developer(emulator).register(appId: emulator.connection.dataConnectApp.clientId, resourceGroup: "dataconnect-rg",
                                                properties: properties.json)
    }

    func testRegisterApproveAndAuthorizeARunThroughTheManagementHost() throws {
        let emulator = try LiveEmulator()
        defer { emulator.stop() }
        let c = emulator.connection
        XCTAssertEqual(c.globalAdmin?.clientId, "e5a1c0de-0000-4000-8000-00000000a0ad")
        let created = try register(emulator)
        let properties = try XCTUnwrap(created["properties"] as? [String: Any])
        let path = try XCTUnwrap((properties["destination"] as? [String: Any])?["path"] as? String)
        XCTAssertEqual(path, emulator.directory.appendingPathComponent("storage/lake1/mgdc").path)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))
        XCTAssertEqual((properties["encryption"] as? [String: Any])?["keyVaultUri"] as? String, c.vaultURL("lobencryption-demo") + "/")

        // The owner may not approve; the Global Administrator (a user with no subscription role) may.
        XCTAssertThrowsError(try developer(emulator).approve(appId: c.dataConnectApp.clientId)) { error in
            XCTAssertEqual((error as? AzureCallError)?.code, "NotGlobalAdministrator")
        }
        let approved = try globalAdmin(emulator).approve(appId: c.dataConnectApp.clientId)
        XCTAssertEqual(((approved["properties"] as? [String: Any])?["authorization"] as? [String: Any])?["status"] as? String, "Approved")

        // The application asks for a run.
        let run = try emulator.app.arm("POST", "/providers/Microsoft.DataConnect/authorizeRun", apiVersion: "2025-01-01",
                                       body: ["dataset": "BasicDataSet_v0.Message_v1", "columns": ["subject"], "destination": ["path": path + "/x"]])
        XCTAssertEqual(run["status"] as? String, "Approved")
        XCTAssertEqual((run["encryption"] as? [String: Any])?["applies"] as? Bool, true)
        XCTAssertThrowsError(try emulator.app.arm("POST", "/providers/Microsoft.DataConnect/authorizeRun", apiVersion: "2025-01-01",
                                                  body: ["dataset": "BasicDataSet_v0.Message_v1", "columns": ["subject"],
                                                         "destination": ["path": emulator.directory.path]])) { error in
            XCTAssertEqual((error as? AzureCallError)?.status, 403)
            XCTAssertEqual((error as? AzureCallError)?.code, "DestinationNotAuthorized")
        }
    }

    func testTheApplicationCannotRegisterWithoutARoleOnTheResourceGroup() throws {
        let emulator = try LiveEmulator()
        defer { emulator.stop() }
        _ = try register(emulator)
        let c = emulator.connection
        let app = DataConnectRegistrations(session: emulator.app)
        XCTAssertThrowsError(try app.register(appId: c.dataConnectApp.clientId, resourceGroup: "dataconnect-rg", properties: [:])) { error in
            XCTAssertEqual((error as? AzureCallError)?.code, "AuthorizationFailed")
        }
        // It reads its own registration through the tenant-level path.
        XCTAssertEqual(try app.show(appId: c.dataConnectApp.clientId)["name"] as? String, c.dataConnectApp.clientId)
    }

    func testRegistrationsAndDecisionsSurviveARestart() throws {
        let emulator = try LiveEmulator()
        _ = try register(emulator)
        _ = try globalAdmin(emulator).approve(appId: emulator.connection.dataConnectApp.clientId)
        emulator.stop(removing: false)
        let again = try LiveEmulator(dataDirectory: emulator.directory)
        defer { again.stop() }
        let shown = try DataConnectRegistrations(session: again.admin).show(appId: again.connection.dataConnectApp.clientId)
        let authorization = (shown["properties"] as? [String: Any])?["authorization"] as? [String: Any]
        XCTAssertEqual(authorization?["status"] as? String, "Approved")
        XCTAssertEqual(authorization?["approvedBy"] as? String, "e5a1c0de-0000-4000-8000-00000000b0ad")
        // The vault is kept by name: its URI follows the port of this start.
        let encryption = (shown["properties"] as? [String: Any])?["encryption"] as? [String: Any]
        XCTAssertEqual(encryption?["keyVaultUri"] as? String, again.connection.vaultURL("lobencryption-demo") + "/")
    }

    func testTheClockExpiresTheApprovalAfter180Days() throws {
        let emulator = try LiveEmulator()
        defer { emulator.stop() }
        _ = try register(emulator)
        _ = try globalAdmin(emulator).approve(appId: emulator.connection.dataConnectApp.clientId)
        try emulator.admin.admin("POST", "/admin/clock", body: ["advanceSeconds": 180 * 86_400])
        // Tokens issued before the jump have expired on the emulator clock; a fresh session gets new ones.
        let fresh = AzureSession(connection: emulator.connection, credential: emulator.connection.admin)
        let shown = try DataConnectRegistrations(session: fresh).show(appId: emulator.connection.dataConnectApp.clientId)
        XCTAssertEqual(((shown["properties"] as? [String: Any])?["authorization"] as? [String: Any])?["status"] as? String, "Expired")
    }
}
