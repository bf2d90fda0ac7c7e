// DataConnectTests: the built dataconnect-agent binary: usage errors, exit statuses, one-line stderr.

import Foundation
import XCTest
@testable import DataConnect

final class AgentCommandLineTests: XCTestCase {
    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The executable next to the test bundle in the build products directory.
    static var agent: URL {
        let products = Bundle.main.executableURL?.deletingLastPathComponent()
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return products.appendingPathComponent("dataconnect-agent")
    }

    private func agent(_ arguments: [String]) throws -> Outcome {
        let binary = Self.agent
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            XCTFail("\(binary.path) is not built (swift build --build-tests builds it)")
            return Outcome(status: -1, stdout: "", stderr: "")
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DATACONNECT_FIXTURES"] = TestPaths.fixtures.path
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
    }

    private func runArguments(_ connection: String, _ destination: String, extra: [String] = []) -> [String] {
        ["run", "--connection", connection, "--app", TestConnection.appId, "--vault", TestConnection.vault,
         "--dataset", "BasicDataSet_v0.Message_v1", "--destination", destination] + extra
    }

    private func assertUsageError(_ arguments: [String], mentions text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let outcome = try agent(arguments)
        XCTAssertEqual(outcome.status, 2, outcome.stderr, file: file, line: line)
        XCTAssertEqual(outcome.stderr.filter { $0 == "\n" }.count, 1, "one line: \(outcome.stderr)", file: file, line: line)
        XCTAssertTrue(outcome.stderr.hasPrefix("dataconnect-agent: "), outcome.stderr, file: file, line: line)
        XCTAssertTrue(outcome.stderr.contains(text), "\(outcome.stderr) lacks \(text)", file: file, line: line)
        XCTAssertEqual(outcome.stdout, "", file: file, line: line)
    }

    func testHelpPrintsUsageAndSucceeds() throws {
        let outcome = try agent(["help"])
        XCTAssertEqual(outcome.status, 0)
        XCTAssertTrue(outcome.stdout.hasPrefix("usage: dataconnect-agent run --connection FILE --app APPID --vault URL --dataset NAME --destination DIR"))
        XCTAssertTrue(outcome.stdout.contains("dataconnect-agent decrypt --connection FILE --drop DIR --output DIR"))
        XCTAssertTrue(outcome.stdout.contains("[--wrap-algorithm RSA-OAEP-256|RSA-OAEP|RSA1_5]"))
        XCTAssertTrue(outcome.stdout.contains("[--columns A,B,...] [--scope-groups G1,G2,...] [--date-filter-column NAME]"))
        XCTAssertTrue(outcome.stdout.contains("[--start-time ISO-8601] [--end-time ISO-8601] [--sharepoint-mode snapshot|delta]"))
    }

    func testBadArgumentsAreUsageErrors() throws {
        let c = "/tmp/c.json", d = "/tmp/d"
        try assertUsageError([], mentions: "missing command")
        try assertUsageError(["deliver"], mentions: "unknown command deliver")
        try assertUsageError(["run", "--connection", c], mentions: "missing required option --app")
        try assertUsageError(runArguments(c, d, extra: ["--colour", "red"]), mentions: "unknown option --colour")
        try assertUsageError(runArguments(c, d, extra: ["stray"]), mentions: "unexpected argument stray")
        try assertUsageError(runArguments(c, d, extra: ["--rows", "many"]), mentions: "--rows must be a whole number, got many")
        try assertUsageError(runArguments(c, d, extra: ["--rows", "0"]), mentions: "--rows must be between 1 and 10000000")
        try assertUsageError(runArguments(c, d, extra: ["--rows", "3", "--files", "5"]), mentions: "--files (5) must not exceed --rows (3)")
        try assertUsageError(runArguments(c, d, extra: ["--seed", "-1"]), mentions: "--seed must be a whole number")
        try assertUsageError(runArguments(c, d, extra: ["--seed"]), mentions: "--seed needs a value")
        try assertUsageError(runArguments(c, d, extra: ["--app", "x"]), mentions: "--app is given twice")
        try assertUsageError(runArguments(c, d, extra: ["--wrap-algorithm", "RSA-OAEP-384"]),
                             mentions: "--wrap-algorithm must be one of RSA-OAEP-256, RSA-OAEP, RSA1_5, got RSA-OAEP-384")
        try assertUsageError(["run", "--connection", c, "--app", "a", "--vault", TestConnection.vault, "--dataset", "BasicDataSet_v0.Contact_v1", "--destination", d],
                             mentions: "unknown dataset BasicDataSet_v0.Contact_v1; supported datasets: BasicDataSet_v0.Message_v1, BasicDataSet_v0.Inbox_v1")
        try assertUsageError(["run", "--connection", c, "--app", "a", "--vault", "http://kv1.vault.localhost:8443", "--dataset", "BasicDataSet_v0.Message_v1", "--destination", d],
                             mentions: "--vault must be an https URL")
        try assertUsageError(["decrypt", "--connection", c, "--drop", d], mentions: "missing required option --output")
    }

    func testBadExtractionOptionsAreUsageErrors() throws {
        let directory = try TestPaths.temporaryDirectory(self)
        let connection = try TestConnection.write(into: directory)
        let drops = directory.appendingPathComponent("drops").path
        func run(_ dataset: String, _ extra: [String]) -> [String] {
            ["run", "--connection", connection, "--app", TestConnection.appId, "--vault", TestConnection.vault,
             "--dataset", dataset, "--destination", drops] + extra
        }
        try assertUsageError(run("BasicDataSet_v0.Message_v1", ["--columns", "subject,colour"]),
                             mentions: "unknown column colour in --columns for BasicDataSet_v0.Message_v1")
        try assertUsageError(run("BasicDataSet_v0.SharePointSites_v1", ["--sharepoint-mode", "sideways"]),
                             mentions: "--sharepoint-mode must be snapshot or delta, got sideways")
        try assertUsageError(run("BasicDataSet_v0.Message_v1", ["--start-time", "yesterday"]),
                             mentions: "--start-time must be an ISO-8601 time such as 2025-01-01T00:00:00Z, got yesterday")
        try assertUsageError(run("BasicDataSet_v0.User_v1", ["--end-time", "2025-02-01T00:00:00Z"]),
                             mentions: "BasicDataSet_v0.User_v1 has no date filter")
        try assertUsageError(run("BasicDataSet_v0.CalendarView_v0", []),
                             mentions: "BasicDataSet_v0.CalendarView_v0 needs --start-time and --end-time (the calendar window)")
        try assertUsageError(run("BasicDataSet_v0.SharePointPermissions_v1", ["--scope-groups", "sales"]),
                             mentions: "--scope-groups does not apply to BasicDataSet_v0.SharePointPermissions_v1")
        // Group names need the tenant: refused after connection.json and the fixtures are read, before any file is written.
        try assertUsageError(run("BasicDataSet_v0.TeamChat_v2", ["--scope-groups", "sales,marketing"]),
                             mentions: "unknown group marketing in --scope-groups; the tenant's groups: leadership (")
        XCTAssertFalse(FileManager.default.fileExists(atPath: drops), "no drop directory for a usage error")
    }

    func testMissingOrBrokenConnectionFileFailsTheRunInOneLine() throws {
        let directory = try TestPaths.temporaryDirectory(self)
        let missing = try agent(runArguments(directory.appendingPathComponent("none.json").path, directory.path))
        XCTAssertEqual(missing.status, 3)
        XCTAssertTrue(missing.stderr.contains("none.json does not exist"))
        XCTAssertEqual(missing.stderr.filter { $0 == "\n" }.count, 1)

        let broken = directory.appendingPathComponent("broken.json")
        try Data("{\"port\": 8443,".utf8).write(to: broken)
        let outcome = try agent(runArguments(broken.path, directory.path))
        XCTAssertEqual(outcome.status, 3)
        XCTAssertEqual(outcome.stderr, "dataconnect-agent: \(broken.path): not valid JSON\n")
    }

    /// Through the real libcurl transport: nothing listens on the port, so the run fails with status 5
    /// and still leaves a Failed run.json.
    func testUnreachableVaultExitsFiveAndRecordsTheFailure() throws {
        let directory = try TestPaths.temporaryDirectory(self)
        let connection = try TestConnection.write(into: directory)
        var arguments = runArguments(connection, directory.appendingPathComponent("drops").path, extra: ["--rows", "4", "--files", "2"])
        arguments[arguments.firstIndex(of: TestConnection.vault)!] = "https://kv1.vault.localhost:1"
        let outcome = try agent(arguments)
        XCTAssertEqual(outcome.status, 5, outcome.stderr)
        XCTAssertEqual(outcome.stderr.filter { $0 == "\n" }.count, 1, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("Fetching the public key '\(TestConnection.tenantId)'"), outcome.stdout)
        let drops = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("drops").path)
        XCTAssertEqual(drops.count, 1)
        let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: directory.appendingPathComponent("drops/\(drops[0])/metadata/run.json")))
        XCTAssertEqual(report.status, .failed)
    }

    func testDecryptOfAMissingDropExitsFour() throws {
        let directory = try TestPaths.temporaryDirectory(self)
        let outcome = try agent(["decrypt", "--connection", try TestConnection.write(into: directory),
                                 "--drop", directory.appendingPathComponent("nothing").path, "--output", directory.appendingPathComponent("out").path])
        XCTAssertEqual(outcome.status, 4)
        XCTAssertTrue(outcome.stderr.contains("metadata/run.json does not exist"), outcome.stderr)
        XCTAssertEqual(outcome.stderr.filter { $0 == "\n" }.count, 1)
    }
}
