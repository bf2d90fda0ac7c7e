// DataConnect: BasicDataSet_v0.Inbox_v1 and SentItem_v1: one mail folder of the Message_v1 mailboxes.

import Foundation

/// Inbox_v1 and SentItem_v1 as documented (solutions `Datasets/data-connect-dataset-inbox.md`,
/// `...-sentitems1.md`): Message_v1's columns without `internetMessageHeaders` (34 columns),
/// camelCase, in the order of those pages (`id` first), with the same date filters.
enum MailFolderSchemas {
    static let columnOrder = [
        "id", "createdDateTime", "lastModifiedDateTime", "changeKey", "categories", "receivedDateTime", "sentDateTime",
        "hasAttachments", "internetMessageId", "subject", "importance", "parentFolderId", "sender", "from", "toRecipients",
        "ccRecipients", "bccRecipients", "replyTo", "conversationId", "uniqueBody", "isDeliveryReceiptRequested",
        "isReadReceiptRequested", "isRead", "isDraft", "webLink", "attachments", "inferenceClassification", "flag", "body",
        "bodyPreview", "conversationIndex", "ODataType", "puser", "ptenant",
    ]

    static let inbox = schema("BasicDataSet_v0.Inbox_v1")
    static let sentItems = schema("BasicDataSet_v0.SentItem_v1")

    private static func schema(_ name: String) -> DatasetSchema {
        let typed = columnOrder.map { column in MessageV1Schema.typedColumns.first { $0.name == column }! }
        return DatasetSchema(name: name, columns: typed, systemColumns: BookkeepingColumns.columns, casing: .camelCase,
                             scope: .users, dateFilter: .column(allowed: MessageV1Schema.dateFilterColumns, default: "receivedDateTime"),
                             alwaysDelivered: ["puser", "ptenant"])
    }
}

/// The rows of one file of an Inbox_v1 or SentItem_v1 drop: the file's Message_v1 stream (same
/// seed, same scope, same partition) keeping only the messages of that folder, so every row is also
/// a Message_v1 row of the same mailbox with the same `id`.
struct MailFolderRows: IteratorProtocol {
    enum Folder { case inbox, sentItems }

    private var stream: MessageV1Stream
    private let folder: Folder
    private var remaining: Int
    /// A safety net: a stream that stopped producing the folder's mail would otherwise loop forever.
    private var attemptsLeft: Int

    init(folder: Folder, context: DatasetContext, partition: DatasetPartition) {
        stream = MessageV1Stream(context: context, partition: partition)
        self.folder = folder
        remaining = partition.rowCount
        attemptsLeft = 64 * partition.rowCount + 1024
    }

    mutating func next() -> JSONValue? {
        while remaining > 0, attemptsLeft > 0 {
            attemptsLeft -= 1
            let message = stream.nextMessage()
            guard message.isSent == (folder == .sentItems) else { continue }
            remaining -= 1
            return message.row.reordered(MailFolderSchemas.columnOrder)
        }
        return nil
    }
}
