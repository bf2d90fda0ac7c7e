// DataConnect: synthetic BasicDataSet_v0.Message_v1 rows for the mailboxes of one output file.

import Foundation

/// The mail of one file of a Message_v1 drop, without end. Like a Data Connect extraction job, a
/// file holds the mail of a subset of users (`DatasetContext.mailboxes`); each message is one row
/// in one mailbox (received into the inbox or sent from sent items), new or a reply in an earlier
/// conversation of that mailbox. Rows carry the documented columns only; `ExtractedRows` adds the
/// bookkeeping ones.
///
/// Everything comes from `DeterministicRandom` streams named after the seed and file index, so a
/// file's bytes depend only on (fixtures, tenant id, seed, scope, partition). Inbox_v1 and
/// SentItem_v1 read the same stream, so their rows are the received and sent rows of Message_v1.
struct MessageV1Stream {
    /// One message: its Message_v1 row and whether the mailbox owner sent it.
    struct Message {
        let row: JSONValue
        let isSent: Bool
    }

    private struct Conversation {
        let key: [UInt8]
        let topic: String
        var index: [UInt8]
        var lastSender: MailParty
        var lastRecipients: [MailParty]
        var lastSnippet: String
        var lastSubject: String
        var lastSentAt: Int64
        var lastMessageId: String
    }

    private struct Mailbox {
        let userIndex: Int
        let owner: MailParty
        let keys: MailboxKeys
        let server: String
        let inboxId: String
        let sentItemsId: String
        var conversations: [Conversation] = []
    }

    private let tenant: SyntheticTenant
    private let parties: MessageV1Parties
    private let partition: DatasetPartition
    private var random: DeterministicRandom
    private var mailboxes: [Mailbox]
    private var produced = 0

    init(context: DatasetContext, partition: DatasetPartition) {
        let tenant = context.tenant, seed = context.seed
        self.tenant = tenant
        parties = MessageV1Parties(tenant: tenant)
        self.partition = partition
        random = DeterministicRandom(seed: seed, stream: "\(MessageV1Schema.name)/file-\(partition.fileIndex)")
        mailboxes = context.mailboxes(of: partition).map { index in
            let user = tenant.users[index]
            let keys = MailboxKeys(user: user, seed: seed)
            return Mailbox(userIndex: index, owner: MailParty(name: user.displayName, address: user.mail), keys: keys,
                           server: tenant.exchangeServers[index % tenant.exchangeServers.count],
                           inboxId: ExchangeIdentifiers.folderId(mailbox: keys, folderTag: MessageV1Schema.inboxFolderTag),
                           sentItemsId: ExchangeIdentifiers.folderId(mailbox: keys, folderTag: MessageV1Schema.sentItemsFolderTag))
        }
    }

    mutating func nextMessage() -> Message {
        let slot = random.int(in: 0...(mailboxes.count - 1))
        let message = message(in: slot)
        produced += 1
        return message
    }

    // MARK: - One message

    private mutating func message(in slot: Int) -> Message {
        let owner = mailboxes[slot].owner
        let userIndex = mailboxes[slot].userIndex
        var conversationSlot: Int?
        var sentAt: Int64 = 0
        if !mailboxes[slot].conversations.isEmpty, random.chance(0.35) {
            let candidate = random.int(in: 0...(mailboxes[slot].conversations.count - 1))
            let time = mailboxes[slot].conversations[candidate].lastSentAt + Int64(random.int(in: 600...259_200))
            if time < MessageV1Schema.windowEnd { conversationSlot = candidate; sentAt = time }
        }
        if conversationSlot == nil { sentAt = MessageV1Times.businessHour(&random) }

        // Who writes to whom.
        var sender: MailParty, to: [MailParty], cc: [MailParty] = [], bcc: [MailParty] = []
        let previous = conversationSlot.map { mailboxes[slot].conversations[$0] }
        if let previous {
            if previous.lastSender == owner {
                let others = previous.lastRecipients.filter { $0 != owner }
                sender = others.isEmpty ? parties.correspondent(for: userIndex, &random) : random.pick(others)
                to = [owner]
                cc = others.filter { $0 != sender }
            } else {
                sender = owner
                to = [previous.lastSender]
                cc = previous.lastRecipients.filter { $0 != owner && $0 != previous.lastSender }
            }
        } else if random.chance(0.65) {
            sender = parties.correspondent(for: userIndex, &random)
            to = [owner] + parties.colleagues(of: userIndex, count: random.int(in: 0...2), excluding: [sender], &random)
            if random.chance(0.3) { cc = parties.colleagues(of: userIndex, count: random.int(in: 1...2), excluding: [sender] + to, &random) }
        } else {
            sender = owner
            to = (0..<random.int(in: 1...3)).map { _ in parties.correspondent(for: userIndex, &random) }.uniqued().filter { $0 != owner }
            if to.isEmpty { to = [parties.correspondent(for: userIndex, &random)] }
            if random.chance(0.25) { cc = parties.colleagues(of: userIndex, count: random.int(in: 1...2), excluding: to + [owner], &random) }
            if random.chance(0.05) { bcc = parties.colleagues(of: userIndex, count: 1, excluding: to + cc + [owner], &random) }
        }
        let isSent = sender == owner
        let isExternal = !sender.address.hasSuffix("@" + tenant.domain)

        // Conversation bookkeeping.
        let topic = previous?.topic ?? random.pick(tenant.content.subjects)
        let subject = previous == nil ? topic : "RE: \(topic)"
        let conversationKey = previous?.key ?? [UInt8](random.bytes(16))
        let index = previous.map { $0.index + ExchangeIdentifiers.conversationIndexChild(&random) }
            ?? ExchangeIdentifiers.conversationIndexHeader(seconds: sentAt, &random)
        let internetMessageId = ExchangeIdentifiers.internetMessageId(
            server: isExternal ? random.pick(tenant.exchangeServers) : parties.server(of: sender), forest: tenant.exchangeForest, &random)

        // Text.
        let paragraphs = random.sample(tenant.content.bodySnippets, count: random.int(in: 1...3))
        let body = MessageV1Body(
            greeting: random.pick(tenant.content.greetings), recipientName: to[0].firstName, paragraphs: paragraphs,
            signOff: random.pick(tenant.content.signOffs), senderName: sender.firstName,
            quote: previous.map { .init(sender: $0.lastSender, recipients: $0.lastRecipients, sentAt: $0.lastSentAt,
                                        subject: $0.lastSubject, snippet: $0.lastSnippet) })

        // Times and flags.
        let receivedAt = isSent ? sentAt : sentAt + Int64(random.int(in: 1...45))
        let createdAt = isSent ? sentAt - Int64(random.int(in: 20...900)) : receivedAt
        let isRead = isSent || random.chance(0.75)
        let modifiedAt = receivedAt + Int64(isRead ? random.int(in: 0...172_800) : random.int(in: 0...5))
        let importance = random.chance(0.88) ? "normal" : (random.chance(0.66) ? "high" : "low")
        let flag = random.chance(0.9) ? "notFlagged" : (random.chance(0.7) ? "flagged" : "complete")
        let categories: [JSONValue] = random.chance(0.1) ? [.string(random.pick(tenant.content.categories))] : []
        let mailbox = mailboxes[slot]
        let entry = (0..<6).map { UInt8(truncatingIfNeeded: (UInt64(partition.fileIndex) << 32 | UInt64(produced)) >> (40 - 8 * UInt64($0))) }
        let entryBytes = ExchangeIdentifiers.messageEntry(mailbox: mailbox.keys,
            folderTag: isSent ? MessageV1Schema.sentItemsFolderTag : MessageV1Schema.inboxFolderTag, entry: entry)
        let id = ExchangeIdentifiers.graphBase64(entryBytes)
        let attachments = random.chance(0.18) ? MessageV1Attachments.make(from: tenant.content.attachments, messageEntry: entryBytes, at: createdAt, &random) : []
        let threadIndex = Data(index).base64EncodedString()
        let headers: JSONValue = isSent ? .array([]) : MessageV1Headers.make(.init(
            senderServer: isExternal ? random.pick(tenant.exchangeServers) : parties.server(of: sender), recipientServer: mailbox.server,
            forest: tenant.exchangeForest, sentAt: sentAt, receivedAt: receivedAt, sender: sender, to: to, cc: cc,
            subject: subject, threadTopic: topic, threadIndex: threadIndex, internetMessageId: internetMessageId,
            inReplyTo: previous?.lastMessageId, hasAttachments: !attachments.isEmpty, external: isExternal), &random)
        let replyTo: [JSONValue] = random.chance(0.04) ? [sender.json] : []
        let htmlBody: (String) -> JSONValue = { .object([("contentType", .string(MessageV1Schema.htmlBodyType)), ("content", .string($0))]) }

        let row: JSONValue = .object([
            ("receivedDateTime", .string(RowTime.text(seconds: receivedAt))),
            ("sentDateTime", .string(RowTime.text(seconds: sentAt))),
            ("hasAttachments", .bool(!attachments.isEmpty)),
            ("internetMessageId", .string(internetMessageId)),
            ("subject", .string(subject)),
            ("importance", .string(importance)),
            ("parentFolderId", .string(isSent ? mailbox.sentItemsId : mailbox.inboxId)),
            ("sender", sender.json),
            ("from", sender.json),
            ("toRecipients", .array(to.map(\.json))),
            ("ccRecipients", .array(cc.map(\.json))),
            ("bccRecipients", .array(bcc.map(\.json))),
            ("replyTo", .array(replyTo)),
            ("conversationId", .string(ExchangeIdentifiers.conversationId(mailbox: mailbox.keys, conversationKey: conversationKey))),
            ("uniqueBody", htmlBody(body.uniqueHTML)),
            ("isDeliveryReceiptRequested", isExternal && !isSent ? .null : .bool(false)),
            ("isReadReceiptRequested", .bool(random.chance(0.03))),
            ("isRead", .bool(isRead)),
            ("isDraft", .bool(false)),
            ("webLink", .string("https://outlook.office365.com/owa/?ItemID=\(VaultClient.formEncode(id))&exvsurl=1&viewmodel=ReadMessageItem")),
            ("createdDateTime", .string(RowTime.text(seconds: createdAt))),
            ("lastModifiedDateTime", .string(RowTime.text(seconds: modifiedAt))),
            ("changeKey", .string(ExchangeIdentifiers.changeKey(&random))),
            ("categories", .array(categories)),
            ("id", .string(id)),
            ("attachments", .array(attachments)),
            ("inferenceClassification", .string(isSent || random.chance(0.8) ? "focused" : "other")),
            ("flag", .object([("flagStatus", .string(MessageV1Schema.flagStatus(flag)))])),
            ("body", htmlBody(body.fullHTML)),
            ("bodyPreview", .string(body.preview)),
            ("internetMessageHeaders", headers),
            ("conversationIndex", .string(threadIndex)),
            ("ODataType", .string(MessageV1Schema.odataType)),
            ("puser", .string(tenant.users[userIndex].objectId)),
            ("ptenant", .string(tenant.tenantId)),
        ])

        // Remember the message for later replies (at most 12 open conversations per mailbox).
        let updated = Conversation(key: conversationKey, topic: topic, index: index, lastSender: sender,
                                   lastRecipients: to + cc, lastSnippet: paragraphs[0], lastSubject: subject,
                                   lastSentAt: sentAt, lastMessageId: internetMessageId)
        if let conversationSlot { mailboxes[slot].conversations.remove(at: conversationSlot) }
        mailboxes[slot].conversations.append(updated)
        if mailboxes[slot].conversations.count > 12 { mailboxes[slot].conversations.removeFirst() }
        return Message(row: row, isSent: isSent)
    }
}

extension Array where Element: Equatable {
    /// The elements in order, each kept once.
    func uniqued() -> [Element] {
        var result: [Element] = []
        for element in self where !result.contains(element) { result.append(element) }
        return result
    }
}
