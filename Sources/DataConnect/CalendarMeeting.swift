// DataConnect: the synthetic tenant's meetings: who, when, where, recurring or not, drawn per meeting index.

import Foundation

/// Meeting number `index` of the tenant, drawn from its own seed stream (`meeting-<index>` within a
/// placement window), so every participant's calendar shows the same meeting: same organizer,
/// attendees, times and `iCalUId`.
struct CalendarMeeting {
    struct Attendee {
        /// Index into `tenant.users`, nil for an external guest.
        let user: Int?
        let party: MailParty
        let required: Bool
        /// `accepted`, `tentativelyAccepted`, `declined` or `none`.
        let response: String
        let respondedAt: Int64?
    }

    let index: Int
    let organizer: Int
    let attendees: [Attendee]
    let subject: String
    let bodyText: String
    let start: Int64
    let duration: Int64
    let createdAt: Int64
    /// Weekly occurrences (nil: a single instance).
    let occurrences: Int?
    let online: Bool
    let room: String?
    let key: [UInt8]
    let category: String?
    let isPrivate: Bool
    let isCancelled: Bool
    let timeZone: String

    /// The internal participants whose calendars hold the meeting: organizer first, then attendees.
    var participants: [Int] { [organizer] + attendees.compactMap(\.user) }

    /// Instance start times (one for a single instance).
    var instanceStarts: [Int64] { (0..<(occurrences ?? 1)).map { start + Int64($0) * 7 * 86_400 } }

    /// Draws meeting `index` placed in `window` (nil when no meeting fits the window).
    static func draw(_ index: Int, tenant: SyntheticTenant, seed: UInt64, window: DateWindow, stream: String) -> CalendarMeeting? {
        var random = DeterministicRandom(seed: seed, stream: "\(stream)-\(index)")
        let parties = MessageV1Parties(tenant: tenant)
        let content = tenant.workplace
        let organizer = random.int(in: 0...(tenant.users.count - 1))
        let subject = random.pick(content.meetingSubjects)
        let oneOnOne = subject == "1:1"
        var invited = parties.colleagues(of: organizer, count: oneOnOne ? 1 : random.int(in: 1...5), excluding: [], &random)
        if !oneOnOne, random.chance(0.12), !tenant.externalContacts.isEmpty {
            let guest = random.pick(tenant.externalContacts)
            invited.append(MailParty(name: guest.name, address: guest.address))
        }
        let duration = Int64(random.pick([30, 30, 60, 60, 60, 90]) * 60)
        guard let start = place(duration: duration, in: window, &random) else { return nil }
        let createdAt = start - Int64(random.int(in: 3600...(21 * 86_400)))
        let attendees = invited.map { party -> Attendee in
            let user = tenant.users.firstIndex { $0.mail == party.address }
            let roll = random.int(in: 0...99)
            let response = roll < 60 ? "accepted" : roll < 75 ? "tentativelyAccepted" : roll < 83 ? "declined" : "none"
            let respondedAt = response == "none" ? nil : createdAt + Int64(random.int(in: 60...172_800))
            return Attendee(user: user, party: party, required: random.chance(0.8), response: response, respondedAt: respondedAt)
        }
        let recurring = oneOnOne || random.chance(0.2)
        return CalendarMeeting(
            index: index, organizer: organizer, attendees: attendees, subject: subject,
            bodyText: random.pick(tenant.content.bodySnippets), start: start, duration: duration, createdAt: createdAt,
            occurrences: recurring ? random.int(in: 4...12) : nil, online: random.chance(0.6),
            room: random.chance(0.55) ? random.pick(content.meetingRooms) : nil, key: [UInt8](random.bytes(16)),
            category: random.chance(0.1) ? random.pick(tenant.content.categories) : nil, isPrivate: oneOnOne && random.chance(0.5),
            isCancelled: random.chance(0.03), timeZone: tenant.office(of: organizer)?.timeZone ?? "UTC")
    }

    /// A start so that [start, start + duration] lies in the window: a weekday half hour between
    /// 08:00 and 17:30 UTC when the window spans days, any quarter hour otherwise.
    private static func place(duration: Int64, in window: DateWindow, _ random: inout DeterministicRandom) -> Int64? {
        let lower = window.start ?? MessageV1Schema.windowStart
        let upper = (window.end ?? MessageV1Schema.windowEnd) - duration
        guard upper >= lower else { return nil }
        let firstDay = RowTime.startOfDay(lower)
        let days = Int((upper - firstDay) / 86_400)
        for _ in 0..<8 where days >= 2 {
            let day = firstDay + Int64(random.int(in: 0...days)) * 86_400
            let weekday = Int(((day / 86_400) + 4) % 7)   // 0 = Sunday
            if weekday == 0 || weekday == 6, random.chance(0.9) { continue }
            let candidate = day + Int64(random.int(in: 16...35)) * 1800
            if candidate >= lower, candidate <= upper { return candidate }
        }
        return lower + Int64(random.int(in: 0...Int((upper - lower) / 900))) * 900
    }

    /// `040000008200E00074C5B7101A82E008` + instance date (or zeros) + creation FILETIME + the
    /// meeting's 16-byte key, upper-case hex, as Exchange's global object ids look.
    func iCalUId(instance: Int64?) -> String {
        func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02X", $0) }.joined() }
        var date: [UInt8] = [0, 0, 0, 0]
        if let instance {
            let (year, month, day) = RowTime.civil(fromDays: RowTime.startOfDay(instance) / 86_400)
            date = [UInt8(year >> 8), UInt8(year & 0xFF), UInt8(month), UInt8(day)]
        }
        let filetime = UInt64(createdAt + 11_644_473_600) * 10_000_000
        let filetimeLE = (0..<8).map { UInt8(truncatingIfNeeded: filetime >> (8 * UInt64($0))) }
        return "040000008200E00074C5B7101A82E008" + hex(date) + hex(filetimeLE) + "0000000000000000" + "10000000" + hex(key)
    }

    /// The Teams join link of an online meeting.
    func joinURL(tenant: SyntheticTenant) -> String {
        let thread = ExchangeIdentifiers.graphBase64(Array(key + key.reversed()).prefix(30).map { $0 })
            .replacingOccurrences(of: "=", with: "")
        return "https://teams.microsoft.com/l/meetup-join/19%3ameeting_\(thread)%40thread.v2/0?context=%7b%22Tid%22%3a%22"
            + "\(tenant.tenantId)%22%2c%22Oid%22%3a%22\(tenant.users[organizer].objectId)%22%7d"
    }

    /// `location` as the samples show it: the room, or the empty location.
    var locationJSON: JSONValue {
        guard let room else {
            return .object([
                ("displayName", .string("")), ("locationType", .string(CalendarSchemas.defaultLocationType)),
                ("uniqueIdType", .string("microsoft.graph.locationUniqueIdType'unknown'")), ("address", .object([])),
                ("coordinates", .object([])),
            ])
        }
        return .object([
            ("displayName", .string(room)), ("locationType", .string(CalendarSchemas.defaultLocationType)),
            ("uniqueId", .string(room)), ("uniqueIdType", .string("microsoft.graph.locationUniqueIdType'private'")),
        ])
    }

    /// `locations`: the room from the location store, or none.
    var locationsJSON: JSONValue {
        .array(room.map { room in [.object([
            ("displayName", .string(room)), ("locationType", .string(CalendarSchemas.defaultLocationType)),
            ("uniqueId", .string(GUIDText.format(Array(key.reversed())))),
            ("uniqueIdType", .string("microsoft.graph.locationUniqueIdType'locationStore'")),
        ])] } ?? [])
    }

    /// A series' `recurrence`: weekly on the first start's weekday, ending after its occurrences.
    var recurrenceJSON: JSONValue {
        let weekday = CalendarSchemas.weekdays[Int(((start / 86_400) + 4) % 7)]
        return .object([
            ("pattern", .object([
                ("type", .string("microsoft.graph.recurrencePatternType'weekly'")), ("interval", .int(1)), ("month", .int(0)),
                ("dayOfMonth", .int(0)), ("daysOfWeek", .array([.string(CalendarSchemas.dayOfWeek(weekday))])),
                ("firstDayOfWeek", .string(CalendarSchemas.dayOfWeek("sunday"))), ("index", .string("microsoft.graph.weekIndex'first'")),
            ])),
            ("range", .object([
                ("type", .string("microsoft.graph.recurrenceRangeType'numbered'")),
                ("startDate", .string(RowTime.text(seconds: RowTime.startOfDay(start)))), ("endDate", .string(RowTime.never)),
                ("recurrenceTimeZone", .string(timeZone)), ("numberOfOccurrences", .int(Int64(occurrences ?? 0))),
            ])),
        ])
    }
}
