// DataConnect: who writes to whom in the synthetic mailboxes, and which mailbox server holds them.

import Foundation

/// A name and address as `{"emailAddress":{"name":..,"address":..}}`.
struct MailParty: Sendable, Equatable {
    let name: String
    let address: String

    var json: JSONValue {
        .object([("emailAddress", .object([("name", .string(name)), ("address", .string(address))]))])
    }

    /// The first word of the name, for greetings and signatures.
    var firstName: String { name.split(separator: " ").first.map(String.init) ?? name }

    /// `Name <address>` as a header shows it.
    var headerText: String { "\(name) <\(address)>" }
}

/// Chooses correspondents the way mail flows in an organisation: mostly the manager, direct reports
/// and department, sometimes anyone, and about 30 % outsiders from the fixture's external contacts.
struct MessageV1Parties: Sendable {
    let tenant: SyntheticTenant

    /// Someone who mails the user at `userIndex` (or whom they mail).
    func correspondent(for userIndex: Int, _ random: inout DeterministicRandom) -> MailParty {
        if random.chance(0.3), !tenant.externalContacts.isEmpty {
            let contact = random.pick(tenant.externalContacts)
            return MailParty(name: contact.name, address: contact.address)
        }
        return colleagues(of: userIndex, count: 1, excluding: [], &random).first
            ?? party(random.pick(Array(tenant.users.indices)))
    }

    /// Up to `count` distinct colleagues, not in `excluding`, preferring the manager, reports and department.
    func colleagues(of userIndex: Int, count: Int, excluding: [MailParty], _ random: inout DeterministicRandom) -> [MailParty] {
        let user = tenant.users[userIndex]
        var close = tenant.reports(of: userIndex)
        if let manager = user.managerIndex { close.append(manager) }
        close += tenant.users.indices.filter { $0 != userIndex && tenant.users[$0].department == user.department }
        let everyone = tenant.users.indices.filter { $0 != userIndex }
        var chosen: [MailParty] = []
        var attempts = 0
        while chosen.count < count, attempts < 4 * count + 4 {
            attempts += 1
            let pool = (!close.isEmpty && random.chance(0.6)) ? close : everyone
            guard !pool.isEmpty else { break }
            let candidate = party(random.pick(pool))
            if !chosen.contains(candidate), !excluding.contains(candidate) { chosen.append(candidate) }
        }
        return chosen
    }

    /// The tenant user at `index` as a mail party.
    func party(_ index: Int) -> MailParty {
        MailParty(name: tenant.users[index].displayName, address: tenant.users[index].mail)
    }

    /// The mailbox server of an internal party (the first server for anyone else).
    func server(of party: MailParty) -> String {
        let index = tenant.users.firstIndex { $0.mail == party.address } ?? 0
        return tenant.exchangeServers[index % tenant.exchangeServers.count]
    }
}

/// When messages are sent.
enum MessageV1Times {
    /// A time in the window, on a weekday between 07:00 and 19:00 UTC most of the time.
    static func businessHour(_ random: inout DeterministicRandom) -> Int64 {
        let days = Int((MessageV1Schema.windowEnd - MessageV1Schema.windowStart) / 86_400)
        var day = random.int(in: 0...(days - 1))
        let weekday = (Int(MessageV1Schema.windowStart / 86_400) + day + 4) % 7   // 0 = Sunday (1970-01-01 was a Thursday)
        if weekday == 0 || weekday == 6, random.chance(0.85) { day = max(0, day - (weekday == 6 ? 1 : 2)) }
        let hour = random.chance(0.9) ? random.int(in: 7...18) : random.int(in: 0...23)
        return MessageV1Schema.windowStart + Int64(day * 86_400 + hour * 3600 + random.int(in: 0...3599))
    }
}

/// File attachments with small synthetic content.
enum MessageV1Attachments {
    /// One or two attachments chosen from the fixture list; ids extend the message's entry id.
    static func make(from choices: [MailContent.Attachment], messageEntry: [UInt8], at seconds: Int64,
                     _ random: inout DeterministicRandom) -> [JSONValue] {
        let chosen = random.sample(choices, count: random.int(in: 1...2))
        var attachments: [JSONValue] = []
        for attachment in chosen {
            let content = attachment.contentType == "text/csv"
                ? Data("sample,reading,unit\r\n1,\(random.int(in: 100...999)),Nm\r\n2,\(random.int(in: 100...999)),Nm\r\n".utf8)
                : random.bytes(random.int(in: 48...384))
            let id = ExchangeIdentifiers.graphBase64(messageEntry + [0x01, 0x12, 0x00, 0x10, 0x00] + [UInt8](random.bytes(16)))
            attachments.append(.object([
                ("id", .string(id)),
                ("lastModifiedDateTime", .string(RowTime.text(seconds: seconds))),
                ("name", .string(attachment.name)),
                ("contentType", .string(attachment.contentType)),
                ("size", .int(Int64(content.count))),
                ("isInline", .bool(false)),
                ("contentId", .null),
                ("contentLocation", .null),
                ("contentBytes", .string(content.base64EncodedString())),
                ("ODataType", .string(MessageV1Schema.attachmentODataType)),
            ]))
        }
        return attachments
    }
}
