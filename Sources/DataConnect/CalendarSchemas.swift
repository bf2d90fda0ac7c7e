// DataConnect: the schemas of BasicDataSet_v0.Event_v1 and CalendarView_v0 and their value styles.

import Foundation

/// Event_v1 and CalendarView_v0 as documented (solutions `Datasets/data-connect-dataset-event1.md`,
/// `...-calendarview.md`): the same 43 camelCase columns (the CalendarView page swaps
/// `isOnlineMeeting`/`reminderMinutesBeforeStart` and `seriesMasterId`/`originalStart`, and misspells
/// `seriesMasterId` as `vseriesMasterId`; the sample rows spell it right). Event_v1 filters on
/// `createdDateTime`/`lastModifiedDateTime`; CalendarView_v0 takes a start/end window instead.
enum CalendarSchemas {
    static let dateTimeTimeZone = "{dateTime,timeZone}"
    static let location = "{displayName,locationType,uniqueId,uniqueIdType,address{},coordinates{}}"

    static let typed: [String: DatasetColumn] = Dictionary(uniqueKeysWithValues: [
        DatasetColumn("id", .string), DatasetColumn("allowNewTimeProposals", .boolean),
        DatasetColumn("createdDateTime", .datetime), DatasetColumn("lastModifiedDateTime", .datetime),
        DatasetColumn("changeKey", .string), DatasetColumn("categories", .array, shape: "[string]"),
        DatasetColumn("originalStartTimeZone", .string), DatasetColumn("originalEndTimeZone", .string),
        DatasetColumn("responseStatus", .object, shape: "{response,time}"), DatasetColumn("iCalUId", .string),
        DatasetColumn("reminderMinutesBeforeStart", .int32), DatasetColumn("isOnlineMeeting", .boolean),
        DatasetColumn("isReminderOn", .boolean), DatasetColumn("hasAttachments", .boolean), DatasetColumn("subject", .string),
        DatasetColumn("body", .object, shape: MessageV1Schema.itemBody), DatasetColumn("importance", .string),
        DatasetColumn("sensitivity", .string), DatasetColumn("start", .object, shape: dateTimeTimeZone),
        DatasetColumn("end", .object, shape: dateTimeTimeZone), DatasetColumn("location", .object, shape: location),
        DatasetColumn("isAllDay", .boolean), DatasetColumn("isCancelled", .boolean), DatasetColumn("isOrganizer", .boolean),
        DatasetColumn("onlineMeeting", .object, nullable: true, shape: "{joinUrl}"), DatasetColumn("onlineMeetingProvider", .string),
        DatasetColumn("recurrence", .object, nullable: true,
                      shape: "{pattern{type,interval,month,dayOfMonth,daysOfWeek[],firstDayOfWeek,index},range{type,startDate,endDate,recurrenceTimeZone,numberOfOccurrences}}"),
        DatasetColumn("responseRequested", .boolean), DatasetColumn("showAs", .string),
        DatasetColumn("transactionId", .string, nullable: true), DatasetColumn("type", .string),
        DatasetColumn("attendees", .array, shape: "[{type,status{response,time},emailAddress{name,address}}]"),
        DatasetColumn("organizer", .object, shape: MessageV1Schema.recipient), DatasetColumn("webLink", .string),
        DatasetColumn("attachments", .array, shape: MessageV1Schema.attachment), DatasetColumn("bodyPreview", .string),
        DatasetColumn("locations", .array, shape: "[\(location)]"), DatasetColumn("onlineMeetingUrl", .string, nullable: true),
        DatasetColumn("originalStart", .datetime), DatasetColumn("seriesMasterId", .string, nullable: true),
        DatasetColumn("ODataType", .string), DatasetColumn("puser", .string), DatasetColumn("ptenant", .string),
    ].map { ($0.name, $0) })

    static let eventOrder = [
        "id", "allowNewTimeProposals", "createdDateTime", "lastModifiedDateTime", "changeKey", "categories",
        "originalStartTimeZone", "originalEndTimeZone", "responseStatus", "iCalUId", "reminderMinutesBeforeStart",
        "isOnlineMeeting", "isReminderOn", "hasAttachments", "subject", "body", "importance", "sensitivity", "start", "end",
        "location", "isAllDay", "isCancelled", "isOrganizer", "onlineMeeting", "onlineMeetingProvider", "recurrence",
        "responseRequested", "showAs", "transactionId", "type", "attendees", "organizer", "webLink", "attachments",
        "bodyPreview", "locations", "onlineMeetingUrl", "originalStart", "seriesMasterId", "ODataType", "puser", "ptenant",
    ]

    static let calendarViewOrder = [
        "id", "allowNewTimeProposals", "createdDateTime", "lastModifiedDateTime", "changeKey", "categories",
        "originalStartTimeZone", "originalEndTimeZone", "responseStatus", "iCalUId", "isOnlineMeeting",
        "reminderMinutesBeforeStart", "isReminderOn", "hasAttachments", "subject", "body", "importance", "sensitivity",
        "start", "end", "location", "isAllDay", "isCancelled", "isOrganizer", "onlineMeeting", "onlineMeetingProvider",
        "recurrence", "responseRequested", "showAs", "transactionId", "type", "attendees", "organizer", "webLink",
        "attachments", "bodyPreview", "locations", "onlineMeetingUrl", "seriesMasterId", "originalStart", "ODataType",
        "puser", "ptenant",
    ]

    static let event = DatasetSchema(
        name: "BasicDataSet_v0.Event_v1", columns: eventOrder.map { typed[$0]! }, systemColumns: BookkeepingColumns.columns,
        casing: .camelCase, scope: .users,
        dateFilter: .column(allowed: ["createdDateTime", "lastModifiedDateTime"], default: "createdDateTime"),
        alwaysDelivered: ["puser", "ptenant"])

    static let calendarView = DatasetSchema(
        name: "BasicDataSet_v0.CalendarView_v0", columns: calendarViewOrder.map { typed[$0]! }, systemColumns: BookkeepingColumns.columns,
        casing: .camelCase, scope: .users, dateFilter: .calendarWindow, alwaysDelivered: ["puser", "ptenant"])

    // Value styles of the samples (SDK type names around the enum value).
    static let odataType = "#microsoft.graph.event"
    static func responseType(_ value: String) -> String { "microsoft.graph.responseType'\(value)'" }
    static func attendeeType(_ value: String) -> String { "microsoft.graph.attendeeType'\(value)'" }
    static func dayOfWeek(_ value: String) -> String { "microsoft.graph.dayOfWeek'\(value)'" }
    static let defaultLocationType = "microsoft.graph.locationType'default'"
    static let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

    /// `2025-02-03T14:00:00.0000000` (the `dateTime` of a `{dateTime,timeZone}` pair, UTC).
    static func graphDateTime(_ seconds: Int64) -> String {
        String(RowTime.text(seconds: seconds).dropLast()) + ".0000000"
    }
}
