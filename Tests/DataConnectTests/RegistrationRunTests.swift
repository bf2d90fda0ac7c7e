// DataConnectTests: the run's registration check as the agent sees it: refusals, what is asked, encryption decided by the registration.

import Foundation
import XCTest
@testable import DataConnect

final class RegistrationRunTests: XCTestCase {
    private func options(_ directory: URL, vault: String = "", destination: String? = nil) throws -> DeliveryOptions {
        var options = DeliveryOptions(connectionPath: try TestConnection.write(into: directory), appId: TestConnection.appId,
                                      vaultURL: vault, dataset: MessageV1Schema.name,
                                      destination: destination ?? directory.appendingPathComponent("container/runs").path)
        options.seed = 9
        options.rows = 6
        options.files = 2
        options.fixturesDirectory = TestPaths.fixtures.path
        return options
    }

    /// A vault that must never be asked (the registration decides there is nothing to encrypt).
    private func untouchedVault(_ registry: CannedRegistry) -> ScriptedTransport {
        CannedVault.transport(registry: registry) { request in
            XCTFail("the vault was called: \(request.method) \(request.url)")
            return CannedVault.azureError(500, code: "Unexpected", inner: nil)
        }
    }

    func testEveryRefusalIsExitSixWithItsCodeAndWritesNothing() throws {
        for code in RunAuthorizationAnswer.refusalCodes.sorted() {
            let directory = try TestPaths.temporaryDirectory(self)
            let transport = untouchedVault(CannedRegistry(refusal: (code, "the registry's sentence for \(code).")))
            let console = RecordingConsole()
            let error = dataConnectError { _ = try DeliveryRun(options: try self.options(directory), console: console, transport: { _ in transport }).run() }
            XCTAssertEqual(error?.code, .notAuthorized(code))
            XCTAssertEqual(error?.exitStatus, 6)
            XCTAssertEqual(error?.reason, "\(code): the registry's sentence for \(code).")
            XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("container").path), code)
            XCTAssertEqual(console.steps.count, 1, "only the check was announced: \(console.steps)")
        }
        // Another 403 of the management host is not a run refusal.
        let directory = try TestPaths.temporaryDirectory(self)
        let transport = untouchedVault(CannedRegistry(refusal: ("AuthorizationFailed", "no")))
        let error = dataConnectError { _ = try DeliveryRun(options: try self.options(directory), console: RecordingConsole(), transport: { _ in transport }).run() }
        guard case .managementRejected(let failure)? = error?.code else { return XCTFail("\(String(describing: error))") }
        XCTAssertEqual(failure.code, "AuthorizationFailed")
        XCTAssertEqual(error?.exitStatus, 3)
    }

    func testTheRequestCarriesDatasetColumnsScopeAndTheResolvedDestination() throws {
        let directory = try TestPaths.temporaryDirectory(self)
        var options = try options(directory, destination: directory.path + "/container/./a/../runs")
        options.scopeFilterUri = "https://graph.microsoft.com/v1.0/users?$filter=Department eq 'Finance'"
        options.destinationTenantId = "5f0e0000-0000-4000-8000-000000000009"
        let transport = untouchedVault(CannedRegistry(encryption: false))
        let result = try DeliveryRun(options: options, console: RecordingConsole(), transport: { _ in transport }).run()
        let request = try XCTUnwrap(transport.requests.first { $0.url.contains("authorizeRun") })
        XCTAssertEqual(request.url, "https://management.localhost:8443/providers/Microsoft.DataConnect/authorizeRun?api-version=2025-01-01")
        XCTAssertEqual(request.header("Authorization"), "Bearer \(CannedVault.token)")
        let body = try XCTUnwrap(JSONSerialization.jsonObject(with: request.body ?? Data()) as? [String: Any])
        XCTAssertEqual(body["dataset"] as? String, MessageV1Schema.name)
        XCTAssertEqual(body["columns"] as? [String], MessageV1Schema.columns.filter { $0 != "puser" && $0 != "ptenant" },
                       "the identity columns every row carries are not asked for")
        XCTAssertEqual(body["scope"] as? [String: String], ["type": "Filter", "filterUri": options.scopeFilterUri!])
        let resolved = DestinationPathTests.canonical(directory.appendingPathComponent("container/runs").path)
        XCTAssertEqual(body["destination"] as? [String: String], ["tenantId": "5f0e0000-0000-4000-8000-000000000009", "path": resolved])
        XCTAssertEqual(result.drop.deletingLastPathComponent().path, resolved)
        // The token was asked for the management host.
        let token = try XCTUnwrap(transport.requests.first)
        XCTAssertEqual(token.url, "\(TestConnection.authority)/\(TestConnection.tenantId)/oauth2/v2.0/token")
        XCTAssertTrue(String(decoding: token.body ?? Data(), as: UTF8.self).contains("scope=https%3A%2F%2Fmanagement.localhost%3A8443%2F.default"))
    }

    func testRegistrationWithoutEncryptionDeliversClearWithoutWarningAndRecordsTheRegistration() throws {
        let directory = try TestPaths.temporaryDirectory(self)
        let console = RecordingConsole()
        let transport = untouchedVault(CannedRegistry(encryption: false))
        let result = try DeliveryRun(options: try options(directory), console: console, transport: { _ in transport }).run()
        XCTAssertEqual(result.report.status, .succeeded)
        XCTAssertFalse(result.report.encrypted)
        XCTAssertEqual(result.report.warnings, [])
        XCTAssertTrue(console.steps.contains("Not encrypting: the app registration does not enable encryption for datasets"), "\(console.steps)")
        XCTAssertEqual(result.report.registration, RunReport.Registration(id: CannedRegistry.registrationId, status: "Approved", revision: 3,
                                                                          expiresAt: "2026-06-30T00:00:00.000Z"))
        let onDisk = try JSONSerialization.jsonObject(with: Data(contentsOf: result.drop.appendingPathComponent("metadata/run.json"))) as? [String: Any]
        XCTAssertEqual((onDisk?["registration"] as? [String: Any])?["revision"] as? Int, 3)
    }

    func testIneligibleDatasetIsClearAndRequireEncryptionRefusesIt() throws {
        let directory = try TestPaths.temporaryDirectory(self)
        let transport = untouchedVault(CannedRegistry(encryption: true, eligible: false))
        let console = RecordingConsole()
        let result = try DeliveryRun(options: try options(directory), console: console, transport: { _ in transport }).run()
        XCTAssertFalse(result.report.encrypted)
        XCTAssertTrue(console.steps.contains { $0.contains("is not eligible for encryption (Viva Insights datasets are delivered in clear)") })

        var strict = try options(directory)
        strict.requireEncryption = true
        let error = dataConnectError { _ = try DeliveryRun(options: strict, console: RecordingConsole(), transport: { _ in transport }).run() }
        XCTAssertEqual(error?.code, .encryptionRequired)
        XCTAssertEqual(error?.reason, "encryption is required (--require-encryption) but \(MessageV1Schema.name) is not eligible for encryption (Viva Insights datasets are delivered in clear); no data was delivered")
    }

    func testAVaultOtherThanTheRegistrationsIsRefused() throws {
        let directory = try TestPaths.temporaryDirectory(self)
        let transport = untouchedVault(CannedRegistry())
        let error = dataConnectError {
            _ = try DeliveryRun(options: try self.options(directory, vault: "https://kv2.vault.localhost:8443"), console: RecordingConsole(),
                                transport: { _ in transport }).run()
        }
        XCTAssertEqual(error?.code, .invalidInput)
        XCTAssertEqual(error?.reason, "--vault https://kv2.vault.localhost:8443 is not the vault the app registration links (https://kv1.vault.localhost:8443); leave --vault out or update the registration")
    }

    func testUsageOfTheNewOptions() {
        var options = DeliveryOptions(connectionPath: "c", appId: "a", vaultURL: "", dataset: MessageV1Schema.name, destination: "")
        XCTAssertNoThrow(try options.validate())
        options.destinationTenantId = "tenant"
        XCTAssertEqual(dataConnectError { _ = try options.validate() }?.reason, "--destination-tenant must be a tenant id (GUID), got tenant")
        options.destinationTenantId = nil
        options.scopeFilterUri = "graph/users"
        XCTAssertEqual(dataConnectError { _ = try options.validate() }?.reason, "--scope-filter must be an https user scope filter URI, got graph/users")
    }
}

final class DestinationPathTests: XCTestCase {
    /// What the agent sends for `path`: absolute, no `.`/`..`, symbolic links of existing parts resolved.
    static func canonical(_ path: String) -> String {
        (try? DestinationPath.resolve(path)) ?? path
    }

    func testRelativeDotsAndSymbolicLinks() throws {
        let directory = try TestPaths.temporaryDirectory(self)
        let real = directory.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: directory.appendingPathComponent("link"), withDestinationURL: real)
        let resolvedReal = real.resolvingSymlinksInPath().path
        XCTAssertEqual(try DestinationPath.resolve(directory.path + "/link/new/../drop"), resolvedReal + "/drop")
        XCTAssertEqual(try DestinationPath.resolve(directory.path + "/link/"), resolvedReal)
        XCTAssertNil(try DestinationPath.resolve(""))
        let cwd = FileManager.default.currentDirectoryPath
        XCTAssertEqual(try DestinationPath.resolve("x/y"), URL(fileURLWithPath: cwd).resolvingSymlinksInPath().appendingPathComponent("x/y").path)
    }
}
