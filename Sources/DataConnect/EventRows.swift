// DataConnect: Event_v1 and CalendarView_v0 rows: the tenant's meetings as seen from each calendar.

import Foundation

/// The rows of one file of an Event_v1 or CalendarView_v0 drop. Meetings are drawn one after the
/// other (`CalendarMeeting`); each becomes a row in the calendar of every participant among the
/// file's users, until the file has its row count.
///
/// - Event_v1 (`/events`): one row per meeting and calendar, `type` `singleInstance` or
///   `seriesMaster` (weekly, with its recurrence); meetings lie in the synthetic data window
///   (2025-01-01 ..< 2025-04-01); the date filter then applies to `createdDateTime` or
///   `lastModifiedDateTime`.
/// - CalendarView_v0 (`/calendarView`): one row per instance (`singleInstance`, or `occurrence`
///   with `seriesMasterId`) that starts at or after the window's start and ends by its end; the
///   meetings are placed in the requested window, so the file still gets its row count.
struct EventRows: IteratorProtocol {
    enum View { case events, calendarView }

    static let calendarFolderTag: UInt8 = 0x0D

    private let view: View
    private let context: DatasetContext
    private let mailboxes: Set<Int>
    private let window: DateWindow
    private var remaining: Int
    private var meetingIndex = 0
    private var attemptsLeft: Int
    private var pending: [JSONValue] = []

    init(_ view: View, context: DatasetContext, partition: DatasetPartition) {
        self.view = view
        self.context = context
        mailboxes = Set(context.mailboxes(of: partition))
        window = view == .events ? DateWindow(start: MessageV1Schema.windowStart, end: MessageV1Schema.windowEnd)
                                 : context.request.calendarWindow
        remaining = partition.rowCount
        attemptsLeft = 64 * partition.rowCount + 1024
    }

    mutating func next() -> JSONValue? {
        while pending.isEmpty, remaining > 0, attemptsLeft > 0 {
            attemptsLeft -= 1
            defer { meetingIndex += 1 }
            guard let meeting = CalendarMeeting.draw(meetingIndex, tenant: context.tenant, seed: context.seed,
                                                     window: window, stream: "meeting") else { continue }
            let calendars = meeting.participants.filter { mailboxes.contains($0) }
            switch view {
            case .events:
                pending = calendars.map { row(meeting, calendar: $0, instance: nil) }
            case .calendarView:
                let starts = meeting.instanceStarts.filter { window.contains($0) && $0 + meeting.duration <= (window.end ?? .max) }
                pending = starts.flatMap { start in calendars.map { row(meeting, calendar: $0, instance: start) } }
            }
        }
        guard remaining > 0, !pending.isEmpty else { return nil }
        remaining -= 1
        return pending.removeFirst()
    }

    /// The meeting in `calendar`'s calendar: the series or single event (`instance` nil) or one instance.
    private func row(_ meeting: CalendarMeeting, calendar: Int, instance: Int64?) -> JSONValue {
        let tenant = context.tenant
        var random = DeterministicRandom(seed: context.seed, stream: "meeting-\(meeting.index)-calendar-\(calendar)")
        let keys = MailboxKeys(user: tenant.users[calendar], seed: context.seed)
        let entry = (0..<6).map { UInt8(truncatingIfNeeded: UInt64(meeting.index) >> (40 - 8 * UInt64($0))) }
        let masterId = ExchangeIdentifiers.graphBase64(
            ExchangeIdentifiers.messageEntry(mailbox: keys, folderTag: EventRows.calendarFolderTag, entry: entry))
        let isSeries = meeting.occurrences != nil
        let isOccurrence = instance != nil && isSeries
        let start = instance ?? meeting.start
        var id = masterId
        if isOccurrence {
            let filetime = UInt64(start + 11_644_473_600) * 10_000_000
            id = ExchangeIdentifiers.graphBase64([0x00, 0x03, 0x24, 0x00] + Array(keys.guid.utf8) + [0x01, 0x51, 0x00, 0x08]
                + (0..<8).map { UInt8(truncatingIfNeeded: filetime >> (56 - 8 * UInt64($0))) } + [0x00, 0x46, 0x00, 0x00]
                + keys.databaseKey + [0x07, 0x00] + keys.storeKey + [0x00, 0x00, EventRows.calendarFolderTag, 0x00] + entry + [0x00, 0x10])
        }
        let isOrganizer = calendar == meeting.organizer
        let attendee = meeting.attendees.first { $0.user == calendar }
        let response = isOrganizer ? "organizer" : attendee?.response ?? "none"
        let showAs = isOrganizer || response == "accepted" ? "busy" : response == "declined" ? "free" : "tentative"
        let created = isOrganizer ? meeting.createdAt : meeting.createdAt + Int64(random.int(in: 1...40))
        let modified = created + Int64(random.int(in: 0...(3 * 86_400)))
        let reminder = random.chance(0.8)
        let party = MessageV1Parties(tenant: tenant).party(meeting.organizer)
        let body = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\r\n</head><body><div>"
            + MessageV1Body.escape(meeting.bodyText) + "</div></body></html>\r\n"
        let attendees: [JSONValue] = meeting.attendees.map { attendee in .object([
            ("type", .string(CalendarSchemas.attendeeType(attendee.required ? "required" : "optional"))),
            ("status", .object([("response", .string(CalendarSchemas.responseType(attendee.response))),
                                ("time", .string(attendee.respondedAt.map { RowTime.text(seconds: $0) } ?? RowTime.never))])),
            ("emailAddress", .object([("name", .string(attendee.party.name)), ("address", .string(attendee.party.address))])),
        ]) }
        let row: JSONValue = .object([
            ("id", .string(id)),
            ("allowNewTimeProposals", .bool(true)),
            ("createdDateTime", .string(RowTime.text(seconds: created))),
            ("lastModifiedDateTime", .string(RowTime.text(seconds: modified))),
            ("changeKey", .string(Data(random.bytes(22)).base64EncodedString())),
            ("categories", .array(meeting.category.map { [.string($0)] } ?? [])),
            ("originalStartTimeZone", .string(meeting.timeZone)),
            ("originalEndTimeZone", .string(meeting.timeZone)),
            ("responseStatus", .object([("response", .string(CalendarSchemas.responseType(response))),
                                        ("time", .string(attendee?.respondedAt.map { RowTime.text(seconds: $0) } ?? RowTime.never))])),
            ("iCalUId", .string(meeting.iCalUId(instance: isOccurrence ? start : nil))),
            ("reminderMinutesBeforeStart", .int(reminder ? 15 : 0)),
            ("isOnlineMeeting", .bool(meeting.online)),
            ("isReminderOn", .bool(reminder)),
            ("hasAttachments", .bool(false)),
            ("subject", .string(meeting.subject)),
            ("body", .object([("contentType", .string(MessageV1Schema.htmlBodyType)), ("content", .string(body))])),
            ("importance", .string("normal")),
            ("sensitivity", .string(meeting.isPrivate ? "private" : "normal")),
            ("start", .object([("dateTime", .string(CalendarSchemas.graphDateTime(start))), ("timeZone", .string("UTC"))])),
            ("end", .object([("dateTime", .string(CalendarSchemas.graphDateTime(start + meeting.duration))), ("timeZone", .string("UTC"))])),
            ("location", meeting.locationJSON),
            ("isAllDay", .bool(false)),
            ("isCancelled", .bool(meeting.isCancelled)),
            ("isOrganizer", .bool(isOrganizer)),
            ("onlineMeeting", meeting.online ? .object([("joinUrl", .string(meeting.joinURL(tenant: tenant)))]) : .null),
            ("onlineMeetingProvider", .string(meeting.online ? "teamsForBusiness" : "unknown")),
            ("recurrence", isSeries && !isOccurrence ? meeting.recurrenceJSON : .null),
            ("responseRequested", .bool(true)),
            ("showAs", .string(showAs)),
            ("transactionId", .null),
            ("type", .string(isOccurrence ? "occurrence" : isSeries ? "seriesMaster" : "singleInstance")),
            ("attendees", .array(attendees)),
            ("organizer", party.json),
            ("webLink", .string("https://outlook.office365.com/owa/?itemid=\(VaultClient.formEncode(id))&exvsurl=1&path=/calendar/item")),
            ("attachments", .array([])),
            ("bodyPreview", .string(String(meeting.bodyText.prefix(MessageV1Schema.previewLength)))),
            ("locations", meeting.locationsJSON),
            ("onlineMeetingUrl", .null),
            ("originalStart", .string(RowTime.text(seconds: start))),
            ("seriesMasterId", isOccurrence ? .string(masterId) : .null),
            ("ODataType", .string(CalendarSchemas.odataType)),
            ("puser", .string(tenant.users[calendar].objectId)),
            ("ptenant", .string(tenant.tenantId)),
        ])
        return view == .events ? row : row.reordered(CalendarSchemas.calendarViewOrder)
    }
}
