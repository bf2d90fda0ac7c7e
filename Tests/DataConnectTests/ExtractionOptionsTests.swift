// DataConnectTests: --columns, --scope-groups and the date filters, honoured in the rows and refused when wrong.

import Foundation
import XCTest
@testable import DataConnect

final class ExtractionOptionsTests: XCTestCase {
    private func columns(_ names: [String]) -> ExtractionOptions {
        var options = ExtractionOptions()
        options.columns = names
        return options
    }

    private func scope(_ groups: [String]) -> ExtractionOptions {
        var options = ExtractionOptions()
        options.scopeGroups = groups
        return options
    }

    private func window(_ start: String?, _ end: String?, column: String? = nil) -> ExtractionOptions {
        var options = ExtractionOptions()
        options.startTime = start
        options.endTime = end
        options.dateFilterColumn = column
        return options
    }

    // MARK: - Columns

    /// Every row has exactly the selected columns (in the dataset's order, not the option's), the
    /// always-delivered identity columns, and the bookkeeping columns.
    func testColumnSubsetGivesExactlyThoseMembers() throws {
        let cases: [(String, [String], [String])] = [
            (MessageV1Schema.name, ["id", "subject", "receivedDateTime"],
             ["receivedDateTime", "subject", "id", "puser", "ptenant"] + DatasetRows.bookkeeping),
            ("BasicDataSet_v0.User_v1", ["mail", "displayName", "puser"], ["displayName", "mail", "puser", "ptenant"] + DatasetRows.bookkeeping),
            ("BasicDataSet_v0.TeamChat_v2", ["ThreadId", "Id"], ["Id", "ThreadId", "puser", "ptenant"]),
            ("BasicDataSet_v0.SharePointSites_v1", ["Url"], ["ptenant", "Url", "SnapshotDate", "Operation"]),
            ("BasicDataSet_v0.Event_v1", ["datarow", "subject"], ["subject", "puser", "ptenant"] + DatasetRows.bookkeeping),
        ]
        for (name, selection, expected) in cases {
            let dataset = try DatasetCatalog.lookup(name).configured(columns(selection), tenant: try TestConnection.tenant(seed: 42))
            XCTAssertEqual(dataset.columns + dataset.systemColumns, expected, name)
            let rows = try DatasetRows.all(name, rows: 40, options: columns(selection))
            assertRowsMatchSchema(rows, dataset.schema, columns: expected)
        }
    }

    func testColumnSubsetKeepsTheValuesOfTheFullRows() throws {
        let full = try DatasetRows.all(MessageV1Schema.name, rows: 40)
        let subset = try DatasetRows.all(MessageV1Schema.name, rows: 40, options: columns(["subject", "sender"]))
        XCTAssertEqual(subset.count, full.count)
        for (small, big) in zip(subset, full) {
            for key in small.keys { XCTAssertEqual(small[key], big[key], key) }
        }
    }

    func testUnknownOrEmptyColumnsAreUsageErrors() {
        XCTAssertEqual(extractionUsageError(MessageV1Schema.name, columns(["subject", "colour"])),
                       "unknown column colour in --columns for BasicDataSet_v0.Message_v1")
        XCTAssertEqual(extractionUsageError(MessageV1Schema.name, columns(["Subject"])),
                       "unknown column Subject in --columns for BasicDataSet_v0.Message_v1 (did you mean subject? names follow the dataset's camelCase)")
        XCTAssertEqual(extractionUsageError("BasicDataSet_v0.TeamChat_v1", columns(["subject"])),
                       "unknown column subject in --columns for BasicDataSet_v0.TeamChat_v1 (did you mean Subject? names follow the dataset's PascalCase)")
        XCTAssertEqual(extractionUsageError(MessageV1Schema.name, columns([])), "--columns needs a comma-separated list of column names")
        XCTAssertEqual(extractionUsageError(MessageV1Schema.name, columns(["subject", ""])), "--columns needs a comma-separated list of column names")
    }

    // MARK: - Group scope

    func testGroupScopeKeepsOnlyTheMembersData() throws {
        let tenant = try TestConnection.tenant(seed: 42)
        let sales = try XCTUnwrap(tenant.group(named: "sales"))
        let finance = try XCTUnwrap(tenant.group(named: "finance"))
        let members = Set((sales.members + finance.members).map { tenant.users[$0].objectId })
        for name in [MessageV1Schema.name, "BasicDataSet_v0.Inbox_v1", "BasicDataSet_v0.Event_v1", "BasicDataSet_v0.CalendarView_v0",
                     "BasicDataSet_v0.TeamChat_v1", "BasicDataSet_v0.TeamChat_v2", "BasicDataSet_v0.User_v1",
                     "BasicDataSet_v0.Manager_v0", "BasicDataSet_v0.DirectReport_v0"] {
            // By mail nickname and by object id (upper case: ids compare case-insensitively).
            var options = scope(["sales", finance.objectId.uppercased()])
            if name.hasSuffix("CalendarView_v0") { options.startTime = "2025-01-06"; options.endTime = "2025-02-03" }
            let rows = try DatasetRows.all(name, rows: 80, options: options)
            XCTAssertFalse(rows.isEmpty, name)
            let pusers = Set(rows.map { DatasetRows.string($0, "puser")! })
            XCTAssertTrue(pusers.isSubset(of: members), "\(name): every puser is in the groups")
            if name.hasSuffix("User_v1") { XCTAssertEqual(pusers, members, "User_v1 is exactly the members") }
            if name.hasSuffix("Message_v1") || name.hasSuffix("TeamChat_v1") { XCTAssertEqual(rows.count, 80, "--rows is met within the scope") }
        }
        let users = try DatasetRows.all("BasicDataSet_v0.User_v1", options: scope(["SALES"]))
        XCTAssertEqual(users.count, sales.members.count)
    }

    func testUnknownTooManyOrEmptyGroupsAreUsageErrors() throws {
        let tenant = try TestConnection.tenant(seed: 42)
        let reason = try XCTUnwrap(extractionUsageError("BasicDataSet_v0.User_v1", scope(["sales", "marketing"])))
        XCTAssertTrue(reason.hasPrefix("unknown group marketing in --scope-groups; the tenant's groups: leadership ("), reason)
        XCTAssertTrue(reason.contains("sales (\(tenant.group(named: "sales")!.objectId))"), reason)
        XCTAssertEqual(extractionUsageError("BasicDataSet_v0.User_v1", scope(Array(repeating: "sales", count: 11))),
                       "--scope-groups takes at most 10 groups (Data Connect's allowedGroups limit), got 11")
        XCTAssertEqual(extractionUsageError("BasicDataSet_v0.User_v1", scope([""])), "--scope-groups has an empty group name")
    }

    // MARK: - Date filters

    /// The rows kept are those of the unfiltered extraction whose filter column lies in [start, end).
    func testDateFilterKeepsRowsInsideTheHalfOpenWindow() throws {
        let cases: [(String, String?, String)] = [
            (MessageV1Schema.name, nil, "receivedDateTime"),
            (MessageV1Schema.name, "SentDateTime", "sentDateTime"),
            ("BasicDataSet_v0.SentItem_v1", "createdDateTime", "createdDateTime"),
            ("BasicDataSet_v0.Inbox_v1", "lastModifiedDateTime", "lastModifiedDateTime"),
            ("BasicDataSet_v0.TeamChat_v1", nil, "ReceivedDateTime"),
            ("BasicDataSet_v0.TeamChat_v2", "SentDateTime", "SentDateTime"),
            ("BasicDataSet_v0.Event_v1", "lastModifiedDateTime", "lastModifiedDateTime"),
        ]
        let start = "2025-02-01T00:00:00Z", end = "2025-03-01T00:00:00Z"
        let lower = RowTime.parse(start)!, upper = RowTime.parse(end)!
        for (name, option, column) in cases {
            let all = try DatasetRows.all(name, rows: 120)
            let kept = try DatasetRows.all(name, rows: 120, options: window(start, end, column: option))
            XCTAssertTrue(kept.allSatisfy { row in DatasetRows.time(row, column).map { $0 >= lower && $0 < upper } ?? false }, name)
            let expected = all.map(DatasetRows.withoutBookkeeping).filter { row in
                DatasetRows.time(row, column).map { $0 >= lower && $0 < upper } ?? false
            }
            XCTAssertFalse(expected.isEmpty, name)
            XCTAssertLessThan(expected.count, all.count, name)
            XCTAssertEqual(kept.map(DatasetRows.withoutBookkeeping), expected, "\(name) on \(column)")
        }
        // Open-ended windows and the bookkeeping columns numbered over the delivered rows.
        let after = try DatasetRows.files(MessageV1Schema.name, rows: 120, options: window(start, nil))
        for file in after {
            XCTAssertTrue(file.allSatisfy { DatasetRows.time($0, "receivedDateTime")! >= lower })
            XCTAssertEqual(file.map { $0["datarow"] }, (0..<file.count).map { JSONValue.int(Int64($0)) })
        }
        let before = try DatasetRows.all(MessageV1Schema.name, rows: 120, options: window(nil, start))
        XCTAssertTrue(before.allSatisfy { DatasetRows.time($0, "receivedDateTime")! < lower })
        XCTAssertEqual(before.count + after.joined().count, 120, "the two halves partition the rows")
    }

    func testDateFilterOptionErrors() {
        XCTAssertEqual(extractionUsageError("BasicDataSet_v0.User_v1", window("2025-01-01", nil)),
                       "BasicDataSet_v0.User_v1 has no date filter; --start-time, --end-time and --date-filter-column do not apply")
        XCTAssertEqual(extractionUsageError("BasicDataSet_v0.Manager_v0", window(nil, nil, column: "createdDateTime")),
                       "BasicDataSet_v0.Manager_v0 has no date filter; --start-time, --end-time and --date-filter-column do not apply")
        XCTAssertEqual(extractionUsageError(MessageV1Schema.name, window("2025-03-01T00:00:00Z", "2025-02-01T00:00:00Z")),
                       "--start-time (2025-03-01T00:00:00Z) must be before --end-time (2025-02-01T00:00:00Z)")
        XCTAssertEqual(extractionUsageError(MessageV1Schema.name, window("yesterday", nil)),
                       "--start-time must be an ISO-8601 time such as 2025-01-01T00:00:00Z, got yesterday")
        XCTAssertEqual(extractionUsageError(MessageV1Schema.name, window(nil, "2025-02-30")),
                       "--end-time must be an ISO-8601 time such as 2025-01-01T00:00:00Z, got 2025-02-30")
        XCTAssertEqual(extractionUsageError(MessageV1Schema.name, window("2025-01-01", nil, column: "subject")),
                       "--date-filter-column subject is not a date filter of BasicDataSet_v0.Message_v1; allowed: createdDateTime, lastModifiedDateTime, receivedDateTime, sentDateTime")
        XCTAssertEqual(extractionUsageError("BasicDataSet_v0.Event_v1", window("2025-01-01", nil, column: "receivedDateTime")),
                       "--date-filter-column receivedDateTime is not a date filter of BasicDataSet_v0.Event_v1; allowed: createdDateTime, lastModifiedDateTime")
        XCTAssertEqual(extractionUsageError(MessageV1Schema.name, window(nil, nil, column: "sentDateTime")),
                       "--date-filter-column needs --start-time or --end-time")
        XCTAssertEqual(extractionUsageError("BasicDataSet_v0.CalendarView_v0", ExtractionOptions()),
                       "BasicDataSet_v0.CalendarView_v0 needs --start-time and --end-time (the calendar window)")
        XCTAssertEqual(extractionUsageError("BasicDataSet_v0.CalendarView_v0", window("2025-01-01", "2025-02-01", column: "createdDateTime")),
                       "BasicDataSet_v0.CalendarView_v0 takes no --date-filter-column: its window is --start-time/--end-time")
        var mode = ExtractionOptions()
        mode.sharePointMode = .delta
        XCTAssertEqual(extractionUsageError(MessageV1Schema.name, mode),
                       "--sharepoint-mode applies only to the SharePoint datasets, not BasicDataSet_v0.Message_v1")
    }

    /// `DeliveryOptions.validate` (what the CLI runs before reading any file) applies the same checks.
    func testDeliveryOptionsValidateTheExtraction() {
        var options = DeliveryOptions(connectionPath: "/nonexistent/c.json", appId: TestConnection.appId, vaultURL: TestConnection.vault,
                                      dataset: "BasicDataSet_v0.User_v1", destination: "/nonexistent/drops")
        options.extraction.columns = ["nickname"]
        let error = dataConnectError { _ = try options.validate() }
        XCTAssertEqual(error?.reason, "unknown column nickname in --columns for BasicDataSet_v0.User_v1")
        XCTAssertEqual(error?.exitStatus, 2)
    }
}
