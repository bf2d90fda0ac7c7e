// DataConnect: TeamChat_v1 and TeamChat_v2: Teams chat messages as copies in each participant's mailbox.

import Foundation

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
