// DataConnect: the column list and fixed value styles of BasicDataSet_v0.Message_v1.

import Foundation

/// `BasicDataSet_v0.Message_v1` as documented (dataconnect-spec.md §6.3), camelCase, in the
/// documentation's order, plus the system columns that sample rows carry (§6.2).
public enum MessageV1Schema {
    public static let name = "BasicDataSet_v0.Message_v1"

    public static let columns = [
        "receivedDateTime", "sentDateTime", "hasAttachments", "internetMessageId", "subject", "importance",
        "parentFolderId", "sender", "from", "toRecipients", "ccRecipients", "bccRecipients", "replyTo",
        "conversationId", "uniqueBody", "isDeliveryReceiptRequested", "isReadReceiptRequested", "isRead",
        "isDraft", "webLink", "createdDateTime", "lastModifiedDateTime", "changeKey", "categories", "id",
        "attachments", "inferenceClassification", "flag", "body", "bodyPreview", "internetMessageHeaders",
        "conversationIndex", "ODataType", "puser", "ptenant",
    ]

    /// Our choice: every row carries them, after the documented columns, with the samples' shapes.
    public static let systemColumns = ["pAdditionalInfo", "datarow", "userrow", "pagerow", "rowinformation"]

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
