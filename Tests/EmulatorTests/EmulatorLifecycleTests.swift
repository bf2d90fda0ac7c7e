// EmulatorTests: start-up, connection.json, TLS material and restart on the same data directory.

import Foundation
import XCTest
@testable import Emulator
import EmulatorClient

final class EmulatorLifecycleTests: XCTestCase {
    func testConnectionFileHasTheContractFields() throws {
        let emulator = try LiveEmulator()
        defer { emulator.stop() }
        let data = try XCTUnwrap(FileManager.default.contents(atPath: emulator.directory.appendingPathComponent("connection.json").path))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        // The contract's fields (DESIGN.md §3), plus the additions of docs/access-control.md
        // (privateEndpointPort only when that listener runs).
        XCTAssertEqual(Set(object.keys), ["port", "caCertFile", "authorityHost", "managementEndpoint", "vaultDnsSuffix", "portalUrl",
                                          "tenantId", "subscriptionId", "admin", "dataConnectApp",
                                          "trustedService", "otherTenantId", "otherTenantApp", "managedIdentity"])
        let port = emulator.connection.port
        XCTAssertGreaterThan(port, 0)
        XCTAssertEqual(object["authorityHost"] as? String, "https://login.localhost:\(port)")
        XCTAssertEqual(object["managementEndpoint"] as? String, "https://management.localhost:\(port)")
        XCTAssertEqual(object["vaultDnsSuffix"] as? String, "vault.localhost:\(port)")
        XCTAssertEqual(object["tenantId"] as? String, "e5a1c0de-0000-4000-8000-000000000001")
        XCTAssertEqual((object["admin"] as? [String: Any])?["clientId"] as? String, "e5a1c0de-0000-4000-8000-00000000a001")
        XCTAssertTrue((object["caCertFile"] as? String ?? "").hasPrefix("/"))
    }

    func testHealthAnswersOnLocalhost() throws {
        let emulator = try LiveEmulator()
        defer { emulator.stop() }
        let health = try emulator.send("GET", "https://localhost:\(emulator.connection.port)/health")
        XCTAssertEqual(health.status, 200)
        XCTAssertEqual(health.json["status"] as? String, "Healthy")
        let ipv4 = try emulator.send("GET", "https://127.0.0.1:\(emulator.connection.port)/health")
        XCTAssertEqual(ipv4.status, 200)
    }

    func testRestartKeepsTheCAAndSigningKey() throws {
        let first = try LiveEmulator()
        let ca = try String(contentsOfFile: first.connection.caCertFile, encoding: .utf8)
        let tenant = first.connection.tenantId
        let jwks = try first.send("GET", "\(first.connection.authorityHost)/\(tenant)/discovery/v2.0/keys").json
        first.stop(removing: false)
        let second = try LiveEmulator(dataDirectory: first.directory)
        defer { second.stop() }
        XCTAssertEqual(try String(contentsOfFile: second.connection.caCertFile, encoding: .utf8), ca)
        let again = try second.send("GET", "\(second.connection.authorityHost)/\(tenant)/discovery/v2.0/keys").json
        let keys = try XCTUnwrap(jwks["keys"] as? [[String: String]])
        XCTAssertEqual(keys.count, 1)
        XCTAssertEqual(keys, again["keys"] as? [[String: String]])
        XCTAssertEqual(Data(base64URL: keys[0]["n"] ?? "")?.count, 256)
    }

    func testBuiltInBootstrapEqualsTheFixtureFile() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../fixtures/bootstrap.json")
        let fromFile = try JSONDecoder().decode(BootstrapFixture.self, from: Data(contentsOf: file))
        let builtIn = try BootstrapFixture.load(path: nil)
        // Every field, every principal: the two must not drift apart.
        XCTAssertEqual(fromFile, builtIn)
        XCTAssertEqual(builtIn.tenants.count, 2, "the second tenant is there for the AKV10032 case")
        XCTAssertEqual(builtIn.tenants.flatMap(\.principals).filter { $0.trustedService == true }.map(\.role), ["trustedService"])
        XCTAssertEqual(builtIn.tenants.flatMap(\.principals).compactMap(\.managedIdentity), ["system", "user"])
    }

    func testSecondStartWhileRunningIsRefused() throws {
        let emulator = try LiveEmulator()
        defer { emulator.stop() }
        XCTAssertThrowsError(try emulator.server.start())
        XCTAssertEqual(emulator.server.currentState, .running)
    }
}
