// DataConnect: the schemas of BasicDataSet_v0.TeamChat_v1 and TeamChat_v2.

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
