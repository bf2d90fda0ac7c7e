// DataConnect: the column list and fixed value styles of BasicDataSet_v0.Message_v1.

import Foundation

/// `BasicDataSet_v0.Message_v1` as documented (dataconnect-spec.md §6.3), camelCase, in the
/// documentation's order, plus the system columns that sample rows carry (§6.2).
public enum MessageV1Schema {
    public static let name = "BasicDataSet_v0.Message_v1"

    /// The documented columns with their documented types (§6.3).
    public static let typedColumns: [DatasetColumn] = [
        .init("receivedDateTime", .datetime), .init("sentDateTime", .datetime), .init("hasAttachments", .boolean),
        .init("internetMessageId", .string), .init("subject", .string), .init("importance", .string),
        .init("parentFolderId", .string), .init("sender", .object, shape: recipient), .init("from", .object, shape: recipient),
        .init("toRecipients", .array, shape: "[\(recipient)]"), .init("ccRecipients", .array, shape: "[\(recipient)]"),
        .init("bccRecipients", .array, shape: "[\(recipient)]"), .init("replyTo", .array, shape: "[\(recipient)]"),
        .init("conversationId", .string), .init("uniqueBody", .object, shape: itemBody),
        .init("isDeliveryReceiptRequested", .boolean, nullable: true), .init("isReadReceiptRequested", .boolean),
        .init("isRead", .boolean), .init("isDraft", .boolean), .init("webLink", .string),
        .init("createdDateTime", .datetime), .init("lastModifiedDateTime", .datetime), .init("changeKey", .string),
        .init("categories", .array, shape: "[string]"), .init("id", .string), .init("attachments", .array, shape: attachment),
        .init("inferenceClassification", .string), .init("flag", .object, shape: "{flagStatus}"),
        .init("body", .object, shape: itemBody), .init("bodyPreview", .string),
        .init("internetMessageHeaders", .array, shape: "[{name,value}]"), .init("conversationIndex", .string),
        .init("ODataType", .string), .init("puser", .string), .init("ptenant", .string),
    ]

    public static let columns = typedColumns.map(\.name)

    /// Our choice: every row carries them, after the documented columns, with the samples' shapes.
    public static let systemColumns = BookkeepingColumns.columns.map(\.name)

    /// The schema as data: camelCase, user-scoped, date filters of §4.2 (`receivedDateTime` by default,
    /// the column the documentation's pipeline template filters on).
    public static let schema = DatasetSchema(
        name: name, columns: typedColumns, systemColumns: BookkeepingColumns.columns, casing: .camelCase, scope: .users,
        dateFilter: .column(allowed: dateFilterColumns, default: "receivedDateTime"), alwaysDelivered: ["puser", "ptenant"])

    /// Message-like datasets filter on these (dataconnect-spec.md §4.2).
    static let dateFilterColumns = ["createdDateTime", "lastModifiedDateTime", "receivedDateTime", "sentDateTime"]

    static let recipient = "{emailAddress:{name,address}}"
    static let itemBody = "{contentType,content}"
    static let attachment = "[{id,lastModifiedDateTime,name,contentType,size,isInline,contentId,contentLocation,contentBytes,ODataType}]"

    /// Our choice: messages fall in 2025-01-01T00:00:00Z ..< 2025-04-01T00:00:00Z, whatever the date
    /// of the run, so a seed gives the same rows tomorrow.
    public static let windowStart = RowTime.seconds(year: 2025, month: 1, day: 1)
    public static let windowEnd = RowTime.seconds(year: 2025, month: 4, day: 1)

    /// `pagerow` counts rows within a page of this many rows of one user (the samples' 58/58/8).
    public static let pageSize = 50

    /// `bodyPreview` is the first 255 characters of the text body.
    public static let previewLength = 255

    static let odataType = "#microsoft.graph.message"
    static let attachmentODataType = "#microsoft.graph.fileAttachment"
    static let htmlBodyType = "microsoft.graph.bodyType'html'"
    static let inboxFolderTag: UInt8 = 0x0C
    static let sentItemsFolderTag: UInt8 = 0x09

    static func flagStatus(_ status: String) -> String { "microsoft.graph.followupFlagStatus'\(status)'" }

    /// `{"errorInformation":null,"userReturnedNoData":false,"isUserSummaryRow":false,"userHasCompleteData":false}`.
    static let rowInformation: JSONValue = .object([
        ("errorInformation", .null), ("userReturnedNoData", .bool(false)),
        ("isUserSummaryRow", .bool(false)), ("userHasCompleteData", .bool(false)),
    ])
}
