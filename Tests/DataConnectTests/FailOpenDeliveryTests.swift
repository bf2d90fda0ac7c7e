// DataConnectTests: vault not set up: a clear drop with a warning, or a Failed run with --require-encryption.

import Foundation
import XCTest
@testable import DataConnect

final class FailOpenDeliveryTests: XCTestCase {
    private func options(_ directory: URL, requireEncryption: Bool = false) throws -> DeliveryOptions {
        var options = DeliveryOptions(connectionPath: try TestConnection.write(into: directory), appId: TestConnection.appId,
                                      vaultURL: TestConnection.vault, dataset: "BasicDataSet_v0.Message_v1",
                                      destination: directory.appendingPathComponent("drops").path)
        options.seed = 2024
        options.rows = 30
        options.files = 3
        options.requireEncryption = requireEncryption
        options.fixturesDirectory = TestPaths.fixtures.path
        return options
    }

    private static let rbacDenied: ScriptedTransport = CannedVault.transport { _ in
        CannedVault.azureError(403, code: "Forbidden", inner: "ForbiddenByRbac",
                               message: "Caller is not authorized to perform action on resource.\r\nCaller: appid=...")
    }

    func testForbiddenByRbacDeliversClearFilesWithAWarning() throws {
        let directory = try TestPaths.temporaryDirectory(self)
        let console = RecordingConsole()
        let transport = Self.rbacDenied
        let result = try DeliveryRun(options: try options(directory), console: console, transport: { _ in transport }).run()

        let report = result.report
        XCTAssertEqual(report.status, .succeededWithWarnings)
        XCTAssertFalse(report.encrypted)
        XCTAssertNil(report.keyId)
        XCTAssertNil(report.wrapAlgorithm)
        XCTAssertNil(report.cipher)
        XCTAssertNil(report.compression)
        XCTAssertEqual(report.warnings.count, 1)
        let step = "Using your existing Azure Key Vault, steps 3-7: add the role assignment Key Vault Crypto User for the Data Connect application's service principal"
        XCTAssertTrue(report.warnings[0].contains(step), report.warnings[0])
        XCTAssertTrue(report.warnings[0].contains("403 Forbidden/ForbiddenByRbac: Caller is not authorized"))
        XCTAssertEqual(console.warnings, report.warnings)
        XCTAssertEqual(console.steps.last, "Drop ready: \(result.drop.path)")

        // Files: plain JSON lines (no gzip), names from the seed, hashes and counts as run.json says.
        XCTAssertEqual(report.files.map(\.name), DeliveryRun.fileNames(seed: 2024, count: 3))
        XCTAssertEqual(report.files.map(\.rows), [10, 10, 10])
        for entry in report.files {
            let data = try Data(contentsOf: result.drop.appendingPathComponent(entry.name))
            XCTAssertEqual(data.first, UInt8(ascii: "{"), "clear files are JSON lines, not gzip (1f 8b)")
            XCTAssertEqual(HexDigest.sha256(data), entry.plaintextSha256)
            XCTAssertEqual(data.split(separator: 0x0A).count, entry.rows)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: result.drop.appendingPathComponent(EncryptionKeyDetails.relativePath).path))

        // run.json on disk says the same, with null for the absent values.
        let onDisk = try JSONSerialization.jsonObject(with: Data(contentsOf: result.drop.appendingPathComponent("metadata/run.json"))) as? [String: Any]
        XCTAssertEqual(onDisk?["status"] as? String, "SucceededWithWarnings")
        XCTAssertTrue(onDisk?["keyId"] is NSNull)
        XCTAssertTrue(onDisk?["cipher"] is NSNull)
        XCTAssertEqual(onDisk?["encrypted"] as? Bool, false)
        XCTAssertEqual(onDisk?["columns"] as? [String], MessageV1GeneratorTests.specColumns)

        // The vault saw: anonymous GET, token POST, GET with the token.
        let requests = transport.requests
        XCTAssertEqual(requests.map(\.method), ["GET", "POST", "GET"])
        XCTAssertEqual(requests[0].url, "\(TestConnection.vault)/keys/\(TestConnection.tenantId)?api-version=7.4")
        XCTAssertNil(requests[0].header("Authorization"))
    }

    func testRequireEncryptionFailsTheRunWithoutDataFiles() throws {
        let directory = try TestPaths.temporaryDirectory(self)
        let transport = CannedVault.transport { _ in CannedVault.azureError(404, code: "KeyNotFound", inner: nil, message: "A key with (name/id) x was not found in this key vault.") }
        let error = dataConnectError {
            _ = try DeliveryRun(options: try self.options(directory, requireEncryption: true), console: RecordingConsole(),
                                transport: { _ in transport }).run()
        }
        XCTAssertEqual(error?.code, .encryptionRequired)
        XCTAssertEqual(error?.exitStatus, 3)
        XCTAssertTrue(error?.reason.contains("Generating RSA keys with your Azure Key Vault, step 4: generate an RSA key named after the tenant id") ?? false)

        let drops = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("drops").path)
        XCTAssertEqual(drops.count, 1)
        let drop = directory.appendingPathComponent("drops").appendingPathComponent(drops[0])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: drop.path), ["metadata"], "no data files")
        let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: drop.appendingPathComponent("metadata/run.json")))
        XCTAssertEqual(report.status, .failed)
        XCTAssertEqual(report.files, [])
        XCTAssertEqual(report.runId, drops[0])
        XCTAssertEqual(report.warnings.count, 1)
        XCTAssertEqual(report.error, error?.reason)
    }

    func testUnreachableVaultIsATransportFailure() throws {
        let directory = try TestPaths.temporaryDirectory(self)
        let transport = ScriptedTransport { _ in throw DataConnectError(.transport, "GET https://kv1.vault.localhost:8443/keys/x failed: Couldn't connect to server") }
        let error = dataConnectError {
            _ = try DeliveryRun(options: try self.options(directory), console: RecordingConsole(), transport: { _ in transport }).run()
        }
        XCTAssertEqual(error?.exitStatus, 5)
        let drops = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("drops").path)
        let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: directory.appendingPathComponent("drops/\(drops[0])/metadata/run.json")))
        XCTAssertEqual(report.status, .failed)
    }

    func testWrongClientSecretFailsTheRunAndNeverFailsOpen() throws {
        let directory = try TestPaths.temporaryDirectory(self)
        let transport = ScriptedTransport { request in
            if request.url.hasSuffix("/token") {
                return CannedVault.json(401, ["error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret provided.\r\nTrace ID: 1"])
            }
            return CannedVault.unauthorized()
        }
        let error = dataConnectError {
            _ = try DeliveryRun(options: try self.options(directory), console: RecordingConsole(), transport: { _ in transport }).run()
        }
        XCTAssertEqual(error?.code, .authenticationFailed)
        XCTAssertEqual(error?.reason, "the token authority refused \(TestConnection.appId): invalid_client (AADSTS7000215: Invalid client secret provided.)")
        XCTAssertFalse(error?.reason.contains(TestConnection.appSecret) ?? true)
    }

    func testAnotherAppIdIsRefusedBeforeAnyRequest() throws {
        let directory = try TestPaths.temporaryDirectory(self)
        var options = try options(directory)
        options.appId = "99999999-0000-4000-8000-000000000009"
        let transport = Self.rbacDenied
        let error = dataConnectError { _ = try DeliveryRun(options: options, console: RecordingConsole(), transport: { _ in transport }).run() }
        XCTAssertEqual(error?.exitStatus, 3)
        XCTAssertTrue(error?.reason.contains("is not the Data Connect application") ?? false)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("drops").path))
    }
}
