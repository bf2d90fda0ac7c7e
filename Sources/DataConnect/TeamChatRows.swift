// DataConnect: TeamChat_v1 and TeamChat_v2: Teams chat messages as copies in each participant's mailbox.

import Foundation

/// TeamChat_v1 and TeamChat_v2 as documented (solutions `Datasets/data-connect-dataset-teamchat.md`,
/// `...-teamchat2.md`): PascalCase (except `ODataType`, `puser`, `ptenant`), Outlook-services value
/// styles. v2 drops ChangeKey, Categories, InternetMessageId, ParentFolderId, ConversationId,
/// ConversationIndex, IsRead, IsDraft and ODataType and adds ThreadId and ThreadType. The v1 sample
/// rows carry the bookkeeping columns; the v2 sample rows do not.
enum TeamChatSchemas {
    static let recipient = "{EmailAddress:{Name,Address}}"

    static let typed: [String: DatasetColumn] = Dictionary(uniqueKeysWithValues: [
        DatasetColumn("Id", .string), DatasetColumn("CreatedDateTime", .datetime), DatasetColumn("LastModifiedDateTime", .datetime),
        DatasetColumn("ChangeKey", .string), DatasetColumn("Categories", .array, shape: "[string]"),
        DatasetColumn("ReceivedDateTime", .datetime), DatasetColumn("SentDateTime", .datetime), DatasetColumn("HasAttachments", .boolean),
        DatasetColumn("InternetMessageId", .string), DatasetColumn("Subject", .string), DatasetColumn("BodyPreview", .string),
        DatasetColumn("Importance", .string), DatasetColumn("ParentFolderId", .string), DatasetColumn("ConversationId", .string),
        DatasetColumn("ConversationIndex", .string), DatasetColumn("IsRead", .boolean), DatasetColumn("IsDraft", .boolean),
        DatasetColumn("Body", .object, shape: "{ContentType,Content}"), DatasetColumn("Sender", .object, shape: recipient),
        DatasetColumn("From", .object, shape: recipient), DatasetColumn("ToRecipients", .array, shape: "[\(recipient)]"),
        DatasetColumn("ReplyTo", .array, shape: "[\(recipient)]"), DatasetColumn("Flag", .object, shape: "{FlagStatus}"),
        DatasetColumn("Attachments", .array, shape: "[{Id,LastModifiedDateTime,Name,ContentType,Size,IsInline,ODataType}]"),
        DatasetColumn("ODataType", .string), DatasetColumn("ThreadId", .string), DatasetColumn("ThreadType", .string),
        DatasetColumn("puser", .string), DatasetColumn("ptenant", .string),
    ].map { ($0.name, $0) })

    static let v1Order = [
        "Id", "CreatedDateTime", "LastModifiedDateTime", "ChangeKey", "Categories", "ReceivedDateTime", "SentDateTime",
        "HasAttachments", "InternetMessageId", "Subject", "BodyPreview", "Importance", "ParentFolderId", "ConversationId",
        "ConversationIndex", "IsRead", "IsDraft", "Body", "Sender", "From", "ToRecipients", "ReplyTo", "Flag", "Attachments",
        "ODataType", "puser", "ptenant",
    ]
    static let v2Order = [
        "Id", "CreatedDateTime", "LastModifiedDateTime", "ReceivedDateTime", "SentDateTime", "HasAttachments", "Subject",
        "BodyPreview", "Importance", "Body", "Sender", "From", "ToRecipients", "ReplyTo", "Flag", "Attachments", "ThreadId",
        "ThreadType", "puser", "ptenant",
    ]
    static let dateFilter = DatasetSchema.DateFilter.column(
        allowed: ["CreatedDateTime", "LastModifiedDateTime", "ReceivedDateTime", "SentDateTime"], default: "ReceivedDateTime")

    static let v1 = DatasetSchema(name: "BasicDataSet_v0.TeamChat_v1", columns: v1Order.map { typed[$0]! },
                                  systemColumns: BookkeepingColumns.columns, casing: .PascalCase, scope: .users,
                                  dateFilter: dateFilter, alwaysDelivered: ["puser", "ptenant"])
    static let v2 = DatasetSchema(name: "BasicDataSet_v0.TeamChat_v2", columns: v2Order.map { typed[$0]! }, systemColumns: [],
                                  casing: .PascalCase, scope: .users, dateFilter: dateFilter, alwaysDelivered: ["puser", "ptenant"])

    static let chatFolderTag: UInt8 = 0x41
}

/// The rows of one file of a TeamChat drop. Chat messages are drawn one after the other
/// (`TeamChatThreads`); each becomes a row in the mailbox of every participant among the file's
/// users (sender and recipients alike), until the file has its row count. v1 and v2 read the same
/// messages, so their rows match by `Id`.
struct TeamChatRows: IteratorProtocol {
    enum Version { case v1, v2 }

    private let version: Version
    private let context: DatasetContext
    private let threads: TeamChatThreads
    private let mailboxes: Set<Int>
    private var remaining: Int
    private var messageIndex = 0
    private var attemptsLeft: Int
    private var pending: [JSONValue] = []

    init(_ version: Version, context: DatasetContext, partition: DatasetPartition) {
        self.version = version
        self.context = context
        threads = TeamChatThreads(tenant: context.tenant, seed: context.seed)
        mailboxes = Set(context.mailboxes(of: partition))
        remaining = partition.rowCount
        attemptsLeft = 64 * partition.rowCount + 1024
    }

    mutating func next() -> JSONValue? {
        while pending.isEmpty, remaining > 0, attemptsLeft > 0 {
            attemptsLeft -= 1
            pending = copies(of: messageIndex)
            messageIndex += 1
        }
        guard remaining > 0, !pending.isEmpty else { return nil }
        remaining -= 1
        return pending.removeFirst()
    }

    /// Message `index` in the mailboxes of its participants that this file holds.
    private func copies(of index: Int) -> [JSONValue] {
        let tenant = context.tenant
        var random = DeterministicRandom(seed: context.seed, stream: "chat-\(index)")
        guard let thread = threads.pick(&random) else { return [] }
        let mailboxesHere = thread.members.filter { mailboxes.contains($0) }
        guard !mailboxesHere.isEmpty else { return [] }
        let parties = MessageV1Parties(tenant: tenant)
        let sender = random.pick(thread.members)
        let recipients = thread.members.filter { $0 != sender }
        let sentAt = MessageV1Times.businessHour(&random)
        let text = random.pick(tenant.workplace.chatLines)
        let attachment = random.chance(0.06) ? random.pick(tenant.content.attachments) : nil
        let millis = String(sentAt * 1000 + Int64(random.int(in: 0...999)))
        let person: (Int) -> JSONValue = { user in
            .object([("EmailAddress", .object([("Name", .string(parties.party(user).name)), ("Address", .string(parties.party(user).address))]))])
        }
        let preview = attachment == nil ? text : "\(text) *attachment*"
        let html = "<html><head>\r\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body>\(MessageV1Body.escape(text)) </body></html>"
        return mailboxesHere.map { owner in
            var copy = DeterministicRandom(seed: context.seed, stream: "chat-\(index)-mailbox-\(owner)")
            let keys = MailboxKeys(user: tenant.users[owner], seed: context.seed)
            let entry = (0..<6).map { UInt8(truncatingIfNeeded: UInt64(index) >> (40 - 8 * UInt64($0))) }
            let idBytes = ExchangeIdentifiers.messageEntry(mailbox: keys, folderTag: TeamChatSchemas.chatFolderTag, entry: entry)
            let created = sentAt + Int64(copy.int(in: 0...2))
            let attachments: [JSONValue] = attachment.map { file in [.object([
                ("Id", .string(ExchangeIdentifiers.graphBase64(idBytes + [0x01, 0x12, 0x00, 0x10, 0x00] + [UInt8](copy.bytes(16))))),
                ("LastModifiedDateTime", .string(RowTime.text(seconds: created))), ("Name", .string(file.name)),
                ("ContentType", .string(file.contentType)), ("Size", .int(Int64(copy.int(in: 400...90_000)))),
                ("IsInline", .bool(true)), ("ODataType", .string("#Microsoft.OutlookServices.ReferenceAttachment")),
            ])] } ?? []
            let row: JSONValue = .object([
                ("Id", .string(ExchangeIdentifiers.graphBase64(idBytes))),
                ("CreatedDateTime", .string(RowTime.text(seconds: created))),
                ("LastModifiedDateTime", .string(RowTime.text(seconds: created + Int64(copy.int(in: 1...2))))),
                ("ChangeKey", .string(ExchangeIdentifiers.changeKey(&copy))),
                ("Categories", .array([])),
                ("ReceivedDateTime", .string(RowTime.text(seconds: sentAt))),
                ("SentDateTime", .string(RowTime.text(seconds: sentAt))),
                ("HasAttachments", .bool(attachment != nil)),
                ("InternetMessageId", .string(millis)),
                ("Subject", .string("")),
                ("BodyPreview", .string(preview)),
                ("Importance", .string("Normal")),
                ("ParentFolderId", .string(ExchangeIdentifiers.folderId(mailbox: keys, folderTag: TeamChatSchemas.chatFolderTag))),
                ("ConversationId", .string(ExchangeIdentifiers.conversationId(mailbox: keys, conversationKey: thread.key))),
                ("ConversationIndex", .string(Data(ExchangeIdentifiers.conversationIndexHeader(seconds: sentAt, &copy)).base64EncodedString())),
                ("IsRead", .bool(owner == sender || copy.chance(0.9))),
                ("IsDraft", .bool(false)),
                ("Body", .object([("ContentType", .string("Microsoft.OutlookServices.BodyType'HTML'")), ("Content", .string(html))])),
                ("Sender", person(sender)),
                ("From", person(sender)),
                ("ToRecipients", .array(recipients.map(person))),
                ("ReplyTo", .array([])),
                ("Flag", .object([("FlagStatus", .string("Microsoft.OutlookServices.FollowupFlagStatus'NotFlagged'"))])),
                ("Attachments", .array(attachments)),
                ("ODataType", .string("#Microsoft.OutlookServices.Message")),
                ("ThreadId", .string(thread.id)),
                ("ThreadType", .string(thread.type)),
                ("puser", .string(tenant.users[owner].objectId)),
                ("ptenant", .string(tenant.tenantId)),
            ])
            return row.reordered(version == .v1 ? TeamChatSchemas.v1Order : TeamChatSchemas.v2Order)
        }
    }
}

/// The tenant's chat threads: one-on-one chats between each user and their manager and a few
/// colleagues (`19:<oid>_<oid>@unq.gbl.spaces`), a group chat per Teams-enabled group
/// (`19:<hex>@thread.v2`), and a meeting chat per Teams-enabled group (`19:meeting_...@thread.v2`).
struct TeamChatThreads {
    struct Thread {
        let id: String
        let type: String
        let members: [Int]
        let key: [UInt8]
    }

    let threads: [Thread]

    init(tenant: SyntheticTenant, seed: UInt64) {
        var random = DeterministicRandom(seed: seed, stream: "chat-threads")
        var pairs: [(Int, Int)] = []
        for (index, user) in tenant.users.enumerated() {
            if let manager = user.managerIndex { pairs.append((min(index, manager), max(index, manager))) }
            let peer = random.int(in: 0...(tenant.users.count - 1))
            if peer != index { pairs.append((min(index, peer), max(index, peer))) }
        }
        var seen = Set<String>()
        var threads: [Thread] = []
        for (a, b) in pairs {
            let ids = [tenant.users[a].objectId, tenant.users[b].objectId].sorted()
            let id = "19:\(ids[0])_\(ids[1])@unq.gbl.spaces"
            guard seen.insert(id).inserted else { continue }
            threads.append(Thread(id: id, type: "chat", members: [a, b], key: [UInt8](random.bytes(16))))
        }
        for group in tenant.groups where group.teamsEnabled && group.members.count > 1 {
            let hex = random.bytes(16).map { String(format: "%02x", $0) }.joined()
            threads.append(Thread(id: "19:\(hex)@thread.v2", type: "chat", members: group.members, key: [UInt8](random.bytes(16))))
            let meeting = ExchangeIdentifiers.graphBase64([UInt8](random.bytes(30))).replacingOccurrences(of: "=", with: "")
            threads.append(Thread(id: "19:meeting_\(meeting)@thread.v2", type: "meeting", members: group.members,
                                  key: [UInt8](random.bytes(16))))
        }
        self.threads = threads
    }

    /// A thread for the next message (one-on-one chats twice as likely as group threads).
    func pick(_ random: inout DeterministicRandom) -> Thread? {
        guard !threads.isEmpty else { return nil }
        let oneOnOne = threads.filter { $0.members.count == 2 }
        if !oneOnOne.isEmpty, random.chance(0.67) { return random.pick(oneOnOne) }
        return random.pick(threads)
    }
}
