// DataConnectTests: extraction options through a whole delivery run: the files and run.json say what was asked.

import Foundation
import XCTest
@testable import DataConnect

final class DatasetDeliveryTests: XCTestCase {
    /// A fresh vault that refuses the app (403 ForbiddenByRbac): the run delivers clear JSON lines (fail-open).
    private static var notSetUp: ScriptedTransport { CannedVault.transport { _ in
        CannedVault.azureError(403, code: "Forbidden", inner: "ForbiddenByRbac", message: "Caller is not authorized to perform action on resource.")
    } }

    private func options(_ directory: URL, dataset: String, files: Int = 3) throws -> DeliveryOptions {
        var options = DeliveryOptions(connectionPath: try TestConnection.write(into: directory), appId: TestConnection.appId,
                                      vaultURL: TestConnection.vault, dataset: dataset,
                                      destination: directory.appendingPathComponent("drops").path)
        options.seed = 77
        options.rows = 30
        options.files = files
        options.fixturesDirectory = TestPaths.fixtures.path
        return options
    }

    private func deliver(_ options: DeliveryOptions) throws -> (RunReport, [JSONValueRow]) {
        let transport = Self.notSetUp
        let result = try DeliveryRun(options: options, console: RecordingConsole(), transport: { _ in transport }).run()
        var rows: [JSONValueRow] = []
        for entry in result.report.files {
            let data = try Data(contentsOf: result.drop.appendingPathComponent(entry.name))
            XCTAssertEqual(HexDigest.sha256(data), entry.plaintextSha256)
            for line in data.split(separator: 0x0A) {
                rows.append(JSONValueRow(keys: try orderedKeys(Data(line)),
                                         object: try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])))
            }
            XCTAssertEqual(data.split(separator: 0x0A).count, entry.rows)
        }
        return (result.report, rows)
    }

    func testColumnsAndScopeReachTheFilesAndRunReport() throws {
        let directory = try TestPaths.temporaryDirectory(self)
        var options = try options(directory, dataset: "BasicDataSet_v0.User_v1")
        options.extraction.columns = ["mail", "jobTitle"]
        options.extraction.scopeGroups = ["people", "avionics-hardware"]
        let (report, rows) = try deliver(options)
        XCTAssertEqual(report.status, .succeededWithWarnings)
        XCTAssertEqual(report.columns, ["jobTitle", "mail", "puser", "ptenant"], "run.json lists the delivered columns")
        XCTAssertEqual(report.systemColumns, DatasetRows.bookkeeping)
        let tenant = try TestConnection.tenant(seed: 77)
        let members = ["people", "avionics-hardware"].flatMap { tenant.group(named: $0)!.members }.map { tenant.users[$0].mail }
        XCTAssertEqual(Set(rows.map { $0.object["mail"] as? String ?? "" }), Set(members), "exactly the groups' members")
        XCTAssertEqual(report.files.map(\.rows).reduce(0, +), members.count, "an entity dataset holds the tenant, not --rows")
        for row in rows { XCTAssertEqual(row.keys, report.columns + report.systemColumns) }
    }

    func testSharePointDeltaThroughARun() throws {
        let directory = try TestPaths.temporaryDirectory(self)
        var options = try options(directory, dataset: "BasicDataSet_v0.SharePointSites_v1", files: 2)
        options.extraction.startTime = "2025-03-11"
        options.extraction.endTime = "2025-03-31"
        options.extraction.columns = ["Url"]
        let (report, rows) = try deliver(options)
        XCTAssertEqual(report.columns, ["ptenant", "Url", "SnapshotDate", "Operation"])
        XCTAssertEqual(report.systemColumns, [])
        XCTAssertFalse(rows.isEmpty)
        for row in rows {
            XCTAssertEqual(row.keys, report.columns)
            XCTAssertTrue(["Created", "Updated", "Deleted"].contains(row.object["Operation"] as? String ?? ""))
            XCTAssertEqual(row.object["SnapshotDate"] as? String, "2025-03-31T00:00:00Z")
        }
    }

    func testUnknownGroupFailsBeforeTheDropExists() throws {
        let directory = try TestPaths.temporaryDirectory(self)
        var options = try options(directory, dataset: MessageV1Schema.name)
        options.extraction.scopeGroups = ["marketing"]
        let transport = Self.notSetUp
        let error = dataConnectError {
            _ = try DeliveryRun(options: options, console: RecordingConsole(), transport: { _ in transport }).run()
        }
        XCTAssertEqual(error?.exitStatus, 2)
        XCTAssertTrue(error?.reason.hasPrefix("unknown group marketing in --scope-groups") ?? false)
        XCTAssertFalse(FileManager.default.fileExists(atPath: options.destination))
        XCTAssertTrue(transport.requests.isEmpty, "nothing was sent to the vault")
    }

    /// The member names of a JSON object line, in order (JSONSerialization forgets the order).
    private func orderedKeys(_ line: Data) throws -> [String] {
        var keys: [String] = []
        var depth = 0, index = line.startIndex, inString = false, escaped = false, stringStart = index
        let bytes = [UInt8](line)
        index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    var next = index + 1
                    while next < bytes.count, bytes[next] == UInt8(ascii: " ") { next += 1 }
                    if depth == 1, next < bytes.count, bytes[next] == UInt8(ascii: ":") {
                        keys.append(String(decoding: bytes[(stringStart + 1)..<index], as: UTF8.self))
                    }
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
                stringStart = index
            } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                depth -= 1
            }
            index += 1
        }
        return keys
    }
}

/// A parsed row and its member names in file order.
struct JSONValueRow {
    let keys: [String]
    let object: [String: Any]
}
