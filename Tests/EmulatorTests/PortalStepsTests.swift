// EmulatorTests: the seed's portal steps end to end through the emulator's public APIs.

import Foundation
import XCTest
@testable import Emulator
import EmulatorClient

final class PortalStepsTests: XCTestCase {
    func testWalkthroughThenTheAppReadsButCannotCreateKeys() throws {
        let emulator = try LiveEmulator()
        defer { emulator.stop() }
        var lines: [String] = []
        let outcome = try PortalWalkthrough(session: emulator.admin, print: { lines.append($0) }).run()
        XCTAssertTrue(lines.contains { $0.contains("Key Vault Crypto User") })
        XCTAssertTrue(outcome.keyId.hasPrefix("https://lobencryption-demo.vault.localhost:\(emulator.connection.port)/keys/\(emulator.connection.tenantId)/"))

        // The Data Connect app, with Key Vault Crypto User, reads the public key...
        let key = try emulator.app.vault("GET", "lobencryption-demo", "/keys/\(emulator.connection.tenantId)")
        let jwk = try XCTUnwrap(key["key"] as? [String: Any])
        XCTAssertEqual(jwk["kty"] as? String, "RSA")
        XCTAssertEqual(jwk["e"] as? String, "AQAB")
        XCTAssertEqual(Data(base64URL: jwk["n"] as? String ?? "")?.count, 256)
        XCTAssertNil(jwk["d"])
        XCTAssertNotNil((key["attributes"] as? [String: Any])?["exp"])

        // ...but may not create keys.
        XCTAssertThrowsError(try emulator.app.vault("POST", "lobencryption-demo", "/keys/other/create", body: ["kty": "RSA"])) { error in
            let call = error as? AzureCallError
            XCTAssertEqual(call?.status, 403)
            XCTAssertEqual(call?.code, "Forbidden")
            XCTAssertEqual(call?.innerCode, "ForbiddenByRbac")
        }

        // Running the walkthrough again works and adds a key version.
        let again = try PortalWalkthrough(session: emulator.admin, print: { _ in }).run()
        XCTAssertNotEqual(again.keyId, outcome.keyId)
    }

    func testChallengeComesBeforeTheBody() throws {
        let emulator = try LiveEmulator()
        defer { emulator.stop() }
        _ = try PortalWalkthrough(session: emulator.admin, print: { _ in }).run()
        let port = emulator.connection.port
        let response = try emulator.send("POST", "https://lobencryption-demo.vault.localhost:\(port)/keys/k/create?api-version=7.4", json: "{not json")
        XCTAssertEqual(response.status, 401)
        XCTAssertEqual(response.json.errorCode, "Unauthorized")
        XCTAssertEqual(response.json.errorMessage, "AKV10000: Request is missing a Bearer or PoP token.")
        XCTAssertEqual(response.headers["www-authenticate"],
                       "Bearer authorization=\"https://login.localhost:\(port)/\(emulator.connection.tenantId)\", resource=\"https://vault.localhost:\(port)\"")
    }

    func testManagementTokenIsRefusedByTheVault() throws {
        let emulator = try LiveEmulator()
        defer { emulator.stop() }
        _ = try PortalWalkthrough(session: emulator.admin, print: { _ in }).run()
        let token = try emulator.admin.token(resource: emulator.connection.managementEndpoint)
        let response = try emulator.send("GET", "https://lobencryption-demo.vault.localhost:\(emulator.connection.port)/keys?api-version=7.4", token: token)
        XCTAssertEqual(response.status, 401)
        XCTAssertEqual(response.json.errorMessage,
                       "AKV10022: Invalid audience. Expected https://vault.localhost:\(emulator.connection.port), found: \(emulator.connection.managementEndpoint).")
    }

    func testPublicNetworkAccessDisabledIsForbiddenByConnection() throws {
        let emulator = try LiveEmulator()
        defer { emulator.stop() }
        _ = try PortalWalkthrough(session: emulator.admin, print: { _ in }).run()
        let c = emulator.connection
        try emulator.admin.arm("PATCH", "/subscriptions/\(c.subscriptionId)/resourceGroups/dataconnect-rg/providers/Microsoft.KeyVault/vaults/lobencryption-demo",
                               apiVersion: "2026-02-01", body: ["properties": ["publicNetworkAccess": "Disabled"]])
        XCTAssertThrowsError(try emulator.app.vault("GET", "lobencryption-demo", "/keys/\(c.tenantId)")) { error in
            XCTAssertEqual((error as? AzureCallError)?.innerCode, "ForbiddenByConnection")
        }
    }

    func testUnknownAPIVersion() throws {
        let emulator = try LiveEmulator()
        defer { emulator.stop() }
        _ = try PortalWalkthrough(session: emulator.admin, print: { _ in }).run()
        XCTAssertThrowsError(try emulator.admin.vault("GET", "lobencryption-demo", "/keys", apiVersion: "1999-01-01")) { error in
            let call = error as? AzureCallError
            XCTAssertEqual(call?.status, 400)
            XCTAssertEqual(call?.code, "BadParameter")
            XCTAssertEqual(call?.message, "The specified version (1999-01-01) is not recognized. Consider using the latest supported version (2025-07-01).")
        }
    }
}

extension Data {
    init?(base64URL text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        self.init(base64Encoded: base64)
    }
}
