// DataConnectTests: the customer's decrypt: vault unwrap as the admin, streaming decrypt, verdicts and mismatches.

import Foundation
import VaultCrypto
import XCTest
@testable import DataConnect

final class DecryptorTests: XCTestCase {
    nonisolated(unsafe) static var sharedKey: RSAKey?

    private struct Setup {
        let directory: URL
        let connection: String
        let drop: URL
        let report: RunReport
        let vault: LocalKeyVault
    }

    private func encryptedDrop(rows: Int = 25, files: Int = 3, encrypt: Bool = true) throws -> Setup {
        if Self.sharedKey == nil { Self.sharedKey = try RSAKey.generate(bits: 2048) }
        let vault = LocalKeyVault(key: try XCTUnwrap(Self.sharedKey))
        let directory = try TestPaths.temporaryDirectory(self)
        let connection = try TestConnection.write(into: directory)
        var options = DeliveryOptions(connectionPath: connection, appId: TestConnection.appId, vaultURL: TestConnection.vault,
                                      dataset: MessageV1Schema.name, destination: directory.appendingPathComponent("drops").path)
        options.seed = 3
        options.rows = rows
        options.files = files
        options.fixturesDirectory = TestPaths.fixtures.path
        let transport: ScriptedTransport = encrypt ? vault.transport
            : CannedVault.transport { _ in CannedVault.azureError(403, code: "Forbidden", inner: "ForbiddenByConnection") }
        let result = try DeliveryRun(options: options, console: RecordingConsole(), transport: { _ in transport }).run()
        return Setup(directory: directory, connection: connection, drop: result.drop, report: result.report, vault: vault)
    }

    private func decrypt(_ setup: Setup, transport: ScriptedTransport? = nil, console: RecordingConsole = RecordingConsole()) throws -> VerificationSummary {
        let chosen = transport ?? setup.vault.transport
        return try Decryptor(connectionPath: setup.connection, drop: setup.drop.path,
                             output: setup.directory.appendingPathComponent("out").path, console: console,
                             transport: { _ in chosen }).run()
    }

    func testDecryptVerifiesEveryFileThroughTheVault() throws {
        let setup = try encryptedDrop()
        let deliveryRequests = setup.vault.transport.requests.count
        let console = RecordingConsole()
        let summary = try decrypt(setup, console: console)
        XCTAssertEqual(summary, VerificationSummary(files: 3, rows: 25))
        XCTAssertEqual(console.steps.last, "verified 3 files, 25 rows")
        for entry in setup.report.files {
            let plaintext = try Data(contentsOf: setup.directory.appendingPathComponent("out").appendingPathComponent(entry.name))
            XCTAssertEqual(HexDigest.sha256(plaintext), entry.plaintextSha256)
        }

        // Admin credential, challenge first, then POST .../{tenant}/{version}/decrypt with the recorded alg and base64url value.
        let requests = Array(setup.vault.transport.requests.dropFirst(deliveryRequests))
        XCTAssertEqual(requests.map(\.method), ["POST", "POST", "POST"])
        XCTAssertNil(requests[0].header("Authorization"))
        XCTAssertEqual(requests[0].body, Data(), "the challenge probe carries no body")
        let form = String(decoding: requests[1].body ?? Data(), as: UTF8.self)
        XCTAssertTrue(form.contains("client_id=\(TestConnection.adminId)"))
        XCTAssertTrue(form.contains("client_secret=\(TestConnection.adminSecret)"))
        XCTAssertEqual(requests[2].url, "\(TestConnection.vault)/keys/\(TestConnection.tenantId)/\(TestConnection.keyVersion)/decrypt?api-version=7.4")
        let body = try XCTUnwrap(try JSONSerialization.jsonObject(with: requests[2].body ?? Data()) as? [String: String])
        XCTAssertEqual(body["alg"], "RSA-OAEP-256")
        let value = try XCTUnwrap(body["value"])
        XCTAssertFalse(value.contains("=") || value.contains("+") || value.contains("/"), "base64url without padding")
        XCTAssertEqual(Base64URL.decode(value)?.count, 256)
    }

    func testClearDropIsCopiedAndCheckedWithoutTheVault() throws {
        let setup = try encryptedDrop(rows: 8, files: 2, encrypt: false)
        XCTAssertFalse(setup.report.encrypted)
        let transport = ScriptedTransport { _ in XCTFail("a clear drop needs no vault"); return CannedVault.unauthorized() }
        XCTAssertEqual(try decrypt(setup, transport: transport).verdict, "verified 2 files, 8 rows")
    }

    func testTamperedCiphertextNamesTheFileAndExitsFour() throws {
        let setup = try encryptedDrop()
        let victim = setup.report.files[1].name
        let url = setup.drop.appendingPathComponent(victim)
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: url)
        let error = dataConnectError { _ = try self.decrypt(setup) }
        XCTAssertEqual(error?.code, .verificationFailed)
        XCTAssertEqual(error?.exitStatus, 4)
        XCTAssertTrue(error?.reason.hasPrefix(victim) ?? false, error?.reason ?? "")
        XCTAssertFalse(FileManager.default.fileExists(atPath: setup.directory.appendingPathComponent("out/\(victim)").path),
                       "a file that fails verification is not left in the output")
    }

    func testHashMismatchAgainstRunJsonExitsFour() throws {
        let setup = try encryptedDrop(rows: 4, files: 1)
        let runURL = setup.drop.appendingPathComponent("metadata/run.json")
        let text = try String(contentsOf: runURL, encoding: .utf8)
        let wrong = String(repeating: "0", count: 64)
        try Data(text.replacingOccurrences(of: setup.report.files[0].plaintextSha256, with: wrong).utf8).write(to: runURL)
        let error = dataConnectError { _ = try self.decrypt(setup) }
        XCTAssertEqual(error?.exitStatus, 4)
        XCTAssertEqual(error?.reason, "\(setup.report.files[0].name): plaintext SHA-256 \(setup.report.files[0].plaintextSha256) does not match run.json (\(wrong))")
    }

    func testBrokenDropsFailCleanly() throws {
        let setup = try encryptedDrop(rows: 3, files: 1)
        let details = setup.drop.appendingPathComponent(EncryptionKeyDetails.relativePath)
        try Data("{\"DecryptionKeyDetails\":{\"PublicKeyVersion\":\"\(TestConnection.keyVersion)\"}}".utf8).write(to: details)
        XCTAssertEqual(dataConnectError { _ = try self.decrypt(setup) }?.reason,
                       "\(details.path): field DecryptionKeyDetails.DecryptionKeyValue is missing")

        try Data("not json".utf8).write(to: setup.drop.appendingPathComponent("metadata/run.json"))
        let notJSON = dataConnectError { _ = try self.decrypt(setup) }
        XCTAssertEqual(notJSON?.exitStatus, 4)
        XCTAssertTrue(notJSON?.reason.hasSuffix("run.json: not valid JSON") ?? false, notJSON?.reason ?? "")

        let missing = dataConnectError {
            _ = try Decryptor(connectionPath: setup.connection, drop: setup.directory.appendingPathComponent("nowhere").path,
                              output: setup.directory.path, console: RecordingConsole()).run()
        }
        XCTAssertEqual(missing?.exitStatus, 4)
        XCTAssertTrue(missing?.reason.contains("does not exist") ?? false)
    }

    func testVaultRefusingTheAdminIsARunFailureNamingTheCode() throws {
        let setup = try encryptedDrop(rows: 2, files: 1)
        let denied = CannedVault.transport { _ in CannedVault.azureError(403, code: "Forbidden", inner: "ForbiddenByRbac", message: "Caller is not authorized.") }
        let error = dataConnectError { _ = try self.decrypt(setup, transport: denied) }
        XCTAssertEqual(error?.code, .vaultRejected(VaultFailure(status: 403, code: "Forbidden", innerCode: "ForbiddenByRbac", message: "Caller is not authorized.")))
        XCTAssertEqual(error?.exitStatus, 3)
    }

    func testOutputMustNotBeTheDrop() throws {
        let setup = try encryptedDrop(rows: 2, files: 1)
        let error = dataConnectError {
            _ = try Decryptor(connectionPath: setup.connection, drop: setup.drop.path, output: setup.drop.path + "/",
                              console: RecordingConsole(), transport: { _ in setup.vault.transport }).run()
        }
        XCTAssertEqual(error?.exitStatus, 2)
    }

    func testFileNamesOutsideTheGuidPatternAreRefused() {
        XCTAssertTrue(Decryptor.isSafeFileName("57e71ca9-4683-444c-9e43-ffa5e4b07817.json"))
        XCTAssertFalse(Decryptor.isSafeFileName("../57e71ca9-4683-444c-9e43-ffa5e4b07817.json"))
        XCTAssertFalse(Decryptor.isSafeFileName("metadata/run.json"))
    }
}
