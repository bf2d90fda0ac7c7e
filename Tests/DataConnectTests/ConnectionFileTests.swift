// DataConnectTests: connection.json parsing, the app-secret lookup, and one-line errors for bad files.

import Foundation
import XCTest
@testable import DataConnect

final class ConnectionFileTests: XCTestCase {
    func testParsesTheDocumentedFields() throws {
        let connection = try TestConnection.load()
        XCTAssertEqual(connection.port, 8443)
        XCTAssertEqual(connection.authorityHost, "https://login.localhost:8443")
        XCTAssertEqual(connection.vaultDnsSuffix, "vault.localhost:8443")
        XCTAssertEqual(connection.tenantId, TestConnection.tenantId)
        XCTAssertEqual(connection.admin.clientSecret, TestConnection.adminSecret)
        XCTAssertEqual(try connection.credential(forApp: TestConnection.appId).clientSecret, TestConnection.appSecret)
        XCTAssertEqual(try connection.credential(forApp: TestConnection.appId.uppercased()).clientId, TestConnection.appId)
        XCTAssertFalse(String(describing: connection.dataConnectApp).contains(TestConnection.appSecret))
    }

    func testOtherAppIdsHaveNoSecret() throws {
        let error = dataConnectError { _ = try TestConnection.load().credential(forApp: TestConnection.adminId) }
        XCTAssertEqual(error?.reason, "application \(TestConnection.adminId) is not the Data Connect application of this emulator (connection.json dataConnectApp.clientId is \(TestConnection.appId)); no secret is known for it")
        XCTAssertEqual(error?.exitStatus, 3)
    }

    func testBadFilesGiveOneLineNamingTheField() throws {
        func reason(_ json: String) -> String? {
            dataConnectError { _ = try ConnectionFile.parse(Data(json.utf8), source: "c.json") }?.reason
        }
        XCTAssertEqual(reason("{"), "c.json: not valid JSON")
        XCTAssertEqual(reason(TestConnection.json.replacingOccurrences(of: "\"port\":8443,", with: "")), "c.json: field port is missing")
        XCTAssertEqual(reason(TestConnection.json.replacingOccurrences(of: "\"port\":8443", with: "\"port\":\"x\"")), "c.json: field port must be an integer")
        XCTAssertEqual(reason(TestConnection.json.replacingOccurrences(of: "\"clientSecret\":\"app-secret/with+odd=chars&more\",", with: "")),
                       "c.json: field dataConnectApp.clientSecret is missing")
        XCTAssertEqual(reason(TestConnection.json.replacingOccurrences(of: TestConnection.tenantId, with: "contoso")), "c.json: field tenantId must be a GUID")
        XCTAssertEqual(reason(TestConnection.json.replacingOccurrences(of: "https://login.localhost:8443", with: "http://login.localhost:8443")),
                       "c.json: field authorityHost must be an https URL")
        let missing = dataConnectError { _ = try ConnectionFile.load(path: "/nonexistent/connection.json") }
        XCTAssertEqual(missing?.code, .invalidInput)
        XCTAssertTrue(missing?.reason.hasPrefix("/nonexistent/connection.json does not exist") ?? false)
    }
}
