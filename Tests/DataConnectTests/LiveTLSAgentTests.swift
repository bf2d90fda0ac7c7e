// DataConnectTests: the dataconnect-agent binary over real HTTPS (libcurl, CA file) against a stand-in vault.

import Foundation
import XCTest
@testable import DataConnect

final class LiveTLSAgentTests: XCTestCase {
    private func start(_ mode: String) throws -> (PythonVaultServer, URL, String) {
        try XCTSkipUnless((try? shell("python3 -c 'import cryptography'")) != nil, "python3 with cryptography is not installed")
        let directory = try TestPaths.temporaryDirectory(self)
        let server = try PythonVaultServer(mode: mode, directory: directory, test: self)
        let connection = directory.appendingPathComponent("connection.json")
        try Data(server.connectionJSON().utf8).write(to: connection)
        return (server, directory, connection.path)
    }

    private func agent(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = AgentCommandLineTests.agent
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DATACONNECT_FIXTURES"] = TestPaths.fixtures.path
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    func testEncryptedRunAndCustomerDecryptOverHTTPS() throws {
        let (server, directory, connection) = try start("ok")
        let drops = directory.appendingPathComponent("drops").path
        let run = try agent(["run", "--connection", connection, "--app", TestConnection.appId, "--vault", server.vaultURL,
                             "--dataset", "BasicDataSet_v0.Message_v1", "--destination", drops, "--rows", "30", "--files", "2",
                             "--seed", "5", "--require-encryption"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, "")
        let dropPath = try XCTUnwrap(run.stdout.split(separator: "\n").last.map(String.init))
        XCTAssertTrue(run.stdout.contains("passed the checks"), run.stdout)
        let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: URL(fileURLWithPath: dropPath + "/metadata/run.json")))
        XCTAssertTrue(report.encrypted)
        XCTAssertEqual(report.keyId, "\(server.vaultURL)/keys/\(TestConnection.tenantId)/\(TestConnection.keyVersion)")

        let decrypt = try agent(["decrypt", "--connection", connection, "--drop", dropPath, "--output", directory.appendingPathComponent("clear").path])
        XCTAssertEqual(decrypt.status, 0, decrypt.stderr)
        XCTAssertEqual(decrypt.stdout.split(separator: "\n").last, "verified 2 files, 30 rows")
    }

    func testRbacDenialFailsOpenOverHTTPSAndRequireEncryptionExitsThree() throws {
        let (server, directory, connection) = try start("rbac")
        let base = ["run", "--connection", connection, "--app", TestConnection.appId, "--vault", server.vaultURL,
                    "--dataset", "BasicDataSet_v0.Message_v1", "--destination", directory.appendingPathComponent("drops").path,
                    "--rows", "6", "--files", "2"]
        let open = try agent(base)
        XCTAssertEqual(open.status, 0, open.stderr)
        XCTAssertTrue(open.stderr.hasPrefix("warning: encryption is not set up, so the data is delivered UNENCRYPTED"), open.stderr)
        XCTAssertTrue(open.stderr.contains("Using your existing Azure Key Vault, steps 3-7"), open.stderr)
        let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: URL(fileURLWithPath: String(open.stdout.split(separator: "\n").last!) + "/metadata/run.json")))
        XCTAssertEqual(report.status, .succeededWithWarnings)
        XCTAssertFalse(report.encrypted)

        let closed = try agent(base + ["--require-encryption"])
        XCTAssertEqual(closed.status, 3)
        XCTAssertEqual(closed.stderr.filter { $0 == "\n" }.count, 1, closed.stderr)
        XCTAssertTrue(closed.stderr.contains("encryption is required (--require-encryption) but not set up"), closed.stderr)
    }
}
