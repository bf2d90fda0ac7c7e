// DataConnectTests: Event_v1 and CalendarView_v0: columns, types, shared meetings, the calendar window.

import Foundation
import XCTest
@testable import DataConnect

final class CalendarDatasetTests: XCTestCase {
    /// The schema table of solutions `Datasets/data-connect-dataset-event1.md`.
    static let eventColumns = [
        "id", "allowNewTimeProposals", "createdDateTime", "lastModifiedDateTime", "changeKey", "categories",
        "originalStartTimeZone", "originalEndTimeZone", "responseStatus", "iCalUId", "reminderMinutesBeforeStart",
        "isOnlineMeeting", "isReminderOn", "hasAttachments", "subject", "body", "importance", "sensitivity", "start", "end",
        "location", "isAllDay", "isCancelled", "isOrganizer", "onlineMeeting", "onlineMeetingProvider", "recurrence",
        "responseRequested", "showAs", "transactionId", "type", "attendees", "organizer", "webLink", "attachments",
        "bodyPreview", "locations", "onlineMeetingUrl", "originalStart", "seriesMasterId", "ODataType", "puser", "ptenant",
    ]
    /// The schema table of `...-calendarview.md` (its `vseriesMasterId` typo corrected, as in its sample).
    static let calendarViewColumns = [
        "id", "allowNewTimeProposals", "createdDateTime", "lastModifiedDateTime", "changeKey", "categories",
        "originalStartTimeZone", "originalEndTimeZone", "responseStatus", "iCalUId", "isOnlineMeeting",
        "reminderMinutesBeforeStart", "isReminderOn", "hasAttachments", "subject", "body", "importance", "sensitivity", "start",
        "end", "location", "isAllDay", "isCancelled", "isOrganizer", "onlineMeeting", "onlineMeetingProvider", "recurrence",
        "responseRequested", "showAs", "transactionId", "type", "attendees", "organizer", "webLink", "attachments",
        "bodyPreview", "locations", "onlineMeetingUrl", "seriesMasterId", "originalStart", "ODataType", "puser", "ptenant",
    ]
    static let event = "BasicDataSet_v0.Event_v1"
    static let calendarView = "BasicDataSet_v0.CalendarView_v0"

    private func window(_ start: String, _ end: String) -> ExtractionOptions {
        var options = ExtractionOptions()
        options.startTime = start
        options.endTime = end
        return options
    }

    func testColumnsTypesAndCasing() throws {
        XCTAssertEqual(Self.eventColumns.count, 43)
        XCTAssertEqual(Set(Self.eventColumns), Set(Self.calendarViewColumns))
        let event = try DatasetCatalog.lookup(Self.event)
        XCTAssertEqual(event.columns, Self.eventColumns)
        XCTAssertEqual(event.schema.dateFilter, .column(allowed: ["createdDateTime", "lastModifiedDateTime"], default: "createdDateTime"))
        assertRowsMatchSchema(try DatasetRows.all(Self.event), event.schema, columns: Self.eventColumns + DatasetRows.bookkeeping)
        let view = try DatasetCatalog.lookup(Self.calendarView)
        XCTAssertEqual(view.columns, Self.calendarViewColumns)
        XCTAssertEqual(view.schema.dateFilter, .calendarWindow)
        let rows = try DatasetRows.all(Self.calendarView, options: window("2025-02-01T00:00:00Z", "2025-03-01T00:00:00Z"))
        assertRowsMatchSchema(rows, view.schema, columns: Self.calendarViewColumns + DatasetRows.bookkeeping)
        for name in [Self.event, Self.calendarView] { XCTAssertEqual(try DatasetCatalog.lookup(name).schema.miscasedColumns, []) }
    }

    func testSameSeedSameBytesOtherSeedOtherRows() throws {
        for (name, options) in [(Self.event, ExtractionOptions()), (Self.calendarView, window("2025-01-06", "2025-01-20"))] {
            let first = try DatasetRows.bytes(name, seed: 42, options: options)
            XCTAssertEqual(first, try DatasetRows.bytes(name, seed: 42, options: options), name)
            XCTAssertNotEqual(first, try DatasetRows.bytes(name, seed: 43, options: options), name)
        }
    }

    /// A meeting is one event in every participant's calendar: same iCalUId, organizer, times and
    /// attendees; the organizer's copy says so; puser is the organizer or an attendee.
    func testEventsAreSharedMeetingsSeenFromEachCalendar() throws {
        let tenant = try TestConnection.tenant(seed: 42)
        let mailByObjectId = Dictionary(uniqueKeysWithValues: tenant.users.map { ($0.objectId, $0.mail) })
        let events = try DatasetRows.decode(TypedEventRow.self, try DatasetRows.all(Self.event, rows: 300))
        XCTAssertEqual(events.count, 300)
        var sawShared = false, sawSeries = false
        for (_, copies) in Dictionary(grouping: events, by: \.iCalUId) {
            let first = copies[0]
            sawShared = sawShared || copies.count > 1
            XCTAssertEqual(Set(copies.map(\.puser)).count, copies.count, "one copy per calendar")
            XCTAssertLessThanOrEqual(copies.filter(\.isOrganizer).count, 1)
            for copy in copies {
                XCTAssertEqual(copy.start, first.start)
                XCTAssertEqual(copy.end, first.end)
                XCTAssertEqual(copy.organizer, first.organizer)
                XCTAssertEqual(copy.subject, first.subject)
                XCTAssertEqual(copy.attendees.map(\.emailAddress), first.attendees.map(\.emailAddress))
                let owner = try XCTUnwrap(mailByObjectId[copy.puser])
                XCTAssertTrue(owner == copy.organizer.emailAddress.address || copy.attendees.contains { $0.emailAddress.address == owner })
                XCTAssertEqual(copy.isOrganizer, owner == copy.organizer.emailAddress.address)
                XCTAssertEqual(copy.responseStatus.response == "microsoft.graph.responseType'organizer'", copy.isOrganizer)
                XCTAssertTrue(["singleInstance", "seriesMaster"].contains(copy.type), copy.type)
                XCTAssertEqual(copy.type == "seriesMaster", copy.recurrence != nil)
                if let recurrence = copy.recurrence {
                    sawSeries = true
                    XCTAssertEqual(recurrence.pattern.type, "microsoft.graph.recurrencePatternType'weekly'")
                    XCTAssertGreaterThan(recurrence.range.numberOfOccurrences, 0)
                    XCTAssertEqual(recurrence.range.endDate, RowTime.never)
                }
                XCTAssertEqual(copy.ODataType, "#microsoft.graph.event")
                XCTAssertTrue(copy.iCalUId.hasPrefix("040000008200E00074C5B7101A82E008"))
                XCTAssertEqual(copy.start.timeZone, "UTC")
                XCTAssertTrue(copy.start.dateTime.hasSuffix(".0000000"))
                XCTAssertLessThanOrEqual(try XCTUnwrap(RowTime.parse(copy.createdDateTime)), try XCTUnwrap(RowTime.parse(copy.start.dateTime)))
                XCTAssertTrue(copy.webLink.hasPrefix("https://outlook.office365.com/owa/?itemid=") && copy.webLink.hasSuffix("&path=/calendar/item"))
            }
        }
        XCTAssertTrue(sawShared && sawSeries, "300 rows include meetings in several calendars and weekly series")
    }

    /// CalendarView_v0 rows are instances that start at or after the window's start and end by its end;
    /// recurring meetings give occurrences pointing at their series master.
    func testCalendarViewHonoursTheWindow() throws {
        for (start, end) in [("2025-02-03T00:00:00Z", "2025-02-17T00:00:00Z"), ("2026-06-01T09:00:00Z", "2026-06-01T12:00:00Z")] {
            let lower = try XCTUnwrap(RowTime.parse(start)), upper = try XCTUnwrap(RowTime.parse(end))
            let rows = try DatasetRows.decode(TypedEventRow.self, try DatasetRows.all(Self.calendarView, rows: 120, options: window(start, end)))
            XCTAssertEqual(rows.count, 120, "the file count is met inside the window")
            var sawOccurrence = false
            for row in rows {
                let first = try XCTUnwrap(RowTime.parse(row.start.dateTime)), last = try XCTUnwrap(RowTime.parse(row.end.dateTime))
                XCTAssertGreaterThanOrEqual(first, lower)
                XCTAssertLessThanOrEqual(last, upper)
                XCTAssertTrue(["singleInstance", "occurrence"].contains(row.type), row.type)
                XCTAssertEqual(row.type == "occurrence", row.seriesMasterId != nil)
                XCTAssertNil(row.recurrence, "instances carry no recurrence")
                XCTAssertEqual(row.originalStart, RowTime.text(seconds: first))
                if row.type == "occurrence" { sawOccurrence = true; XCTAssertNotEqual(row.seriesMasterId, row.id) }
            }
            XCTAssertTrue(sawOccurrence || upper - lower < 86_400, "a two-week window holds weekly occurrences")
        }
    }

    func testEventDateFilterKeepsCreatedDateTimeInsideTheWindow() throws {
        let all = try DatasetRows.all(Self.event)
        let options = window("2025-01-10T00:00:00Z", "2025-02-10T00:00:00Z")
        let filtered = try DatasetRows.all(Self.event, options: options)
        let lower = RowTime.parse("2025-01-10T00:00:00Z")!, upper = RowTime.parse("2025-02-10T00:00:00Z")!
        XCTAssertFalse(filtered.isEmpty)
        XCTAssertLessThan(filtered.count, all.count)
        for row in filtered {
            let created = try XCTUnwrap(DatasetRows.time(row, "createdDateTime"))
            XCTAssertTrue(created >= lower && created < upper)
        }
        XCTAssertEqual(filtered.map(DatasetRows.withoutBookkeeping),
                       all.map(DatasetRows.withoutBookkeeping).filter { row in
                           let created = DatasetRows.time(row, "createdDateTime")!
                           return created >= lower && created < upper
                       }, "the filter selects from the same events, in the same order")
    }
}

/// Strict typed view of an Event_v1 / CalendarView_v0 row.
private struct TypedEventRow: Decodable {
    struct Status: Decodable { let response: String; let time: String }
    struct Body: Decodable { let contentType: String; let content: String }
    struct When: Decodable, Equatable { let dateTime: String; let timeZone: String }
    struct Location: Decodable { let displayName: String; let locationType: String; let uniqueIdType: String; let uniqueId: String? }
    struct Recurrence: Decodable {
        struct Pattern: Decodable {
            let type: String; let interval: Int; let month: Int; let dayOfMonth: Int; let daysOfWeek: [String]
            let firstDayOfWeek: String; let index: String
        }
        struct Range: Decodable { let type: String; let startDate: String; let endDate: String; let recurrenceTimeZone: String; let numberOfOccurrences: Int }
        let pattern: Pattern
        let range: Range
    }
    struct Attendee: Decodable { let type: String; let status: Status; let emailAddress: TypedRecipient.Address }
    struct OnlineMeeting: Decodable { let joinUrl: String }
    let id: String, allowNewTimeProposals: Bool, createdDateTime: String, lastModifiedDateTime: String, changeKey: String
    let categories: [String], originalStartTimeZone: String, originalEndTimeZone: String, responseStatus: Status
    let iCalUId: String, reminderMinutesBeforeStart: Int32, isOnlineMeeting: Bool, isReminderOn: Bool, hasAttachments: Bool
    let subject: String, body: Body, importance: String, sensitivity: String, start: When, end: When, location: Location
    let isAllDay: Bool, isCancelled: Bool, isOrganizer: Bool, onlineMeeting: OnlineMeeting?, onlineMeetingProvider: String
    let recurrence: Recurrence?, responseRequested: Bool, showAs: String, transactionId: String?, type: String
    let attendees: [Attendee], organizer: TypedRecipient, webLink: String, attachments: [String], bodyPreview: String
    let locations: [Location], onlineMeetingUrl: String?, originalStart: String, seriesMasterId: String?, ODataType: String
    let puser: String, ptenant: String
    let pAdditionalInfo: String?, datarow: Int, userrow: Int, pagerow: Int, rowinformation: TypedRowInformation
}
