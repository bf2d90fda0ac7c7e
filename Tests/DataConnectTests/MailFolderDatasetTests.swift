// DataConnectTests: Inbox_v1 and SentItem_v1: documented columns, types, and the Message_v1 mail they come from.

import Foundation
import XCTest
@testable import DataConnect

final class MailFolderDatasetTests: XCTestCase {
    /// The schema table of solutions `Datasets/data-connect-dataset-inbox.md` and `...-sentitems1.md`
    /// (the same 34 columns in both), then the §6.2 bookkeeping columns.
    static let specColumns = [
        "id", "createdDateTime", "lastModifiedDateTime", "changeKey", "categories", "receivedDateTime", "sentDateTime",
        "hasAttachments", "internetMessageId", "subject", "importance", "parentFolderId", "sender", "from", "toRecipients",
        "ccRecipients", "bccRecipients", "replyTo", "conversationId", "uniqueBody", "isDeliveryReceiptRequested",
        "isReadReceiptRequested", "isRead", "isDraft", "webLink", "attachments", "inferenceClassification", "flag", "body",
        "bodyPreview", "conversationIndex", "ODataType", "puser", "ptenant",
    ]
    static let inbox = "BasicDataSet_v0.Inbox_v1"
    static let sentItems = "BasicDataSet_v0.SentItem_v1"

    func testColumnsAreMessageV1WithoutHeadersInTheDocumentedOrder() throws {
        XCTAssertEqual(Self.specColumns.count, 34)
        XCTAssertEqual(Set(Self.specColumns), Set(MessageV1GeneratorTests.specColumns).subtracting(["internetMessageHeaders"]))
        for name in [Self.inbox, Self.sentItems] {
            let dataset = try DatasetCatalog.lookup(name)
            XCTAssertEqual(dataset.columns, Self.specColumns, name)
            XCTAssertEqual(dataset.systemColumns, DatasetRows.bookkeeping, name)
            XCTAssertEqual(dataset.schema.casing, .camelCase)
            XCTAssertEqual(dataset.schema.miscasedColumns, [])
            assertRowsMatchSchema(try DatasetRows.all(name, rows: 80), dataset.schema, columns: Self.specColumns + DatasetRows.bookkeeping)
        }
    }

    func testSameSeedSameBytesOtherSeedOtherRows() throws {
        for name in [Self.inbox, Self.sentItems] {
            let first = try DatasetRows.bytes(name, seed: 42)
            XCTAssertEqual(first, try DatasetRows.bytes(name, seed: 42), name)
            XCTAssertNotEqual(first, try DatasetRows.bytes(name, seed: 43), name)
            XCTAssertEqual(first.map { $0.filter { $0 == 0x0A }.count }, [20, 20, 20], "60 rows over 3 files")
        }
    }

    func testRowsDecodeIntoTheDocumentedTypes() throws {
        let tenant = try TestConnection.tenant(seed: 42)
        let mailByObjectId = Dictionary(uniqueKeysWithValues: tenant.users.map { ($0.objectId, $0.mail) })
        let received = try DatasetRows.decode(TypedMailFolderRow.self, try DatasetRows.all(Self.inbox, rows: 120))
        let sent = try DatasetRows.decode(TypedMailFolderRow.self, try DatasetRows.all(Self.sentItems, rows: 120))
        XCTAssertEqual(received.count, 120)
        XCTAssertEqual(sent.count, 120)
        for row in received {
            let owner = try XCTUnwrap(mailByObjectId[row.puser], "puser is a tenant user")
            XCTAssertNotEqual(row.sender.emailAddress.address, owner, "the inbox holds mail the owner received")
            XCTAssertTrue((row.toRecipients + row.ccRecipients).contains { $0.emailAddress.address == owner })
            XCTAssertEqual(row.ODataType, "#microsoft.graph.message")
            XCTAssertEqual(row.ptenant, TestConnection.tenantId)
            XCTAssertGreaterThanOrEqual(try XCTUnwrap(RowTime.parse(row.receivedDateTime)), try XCTUnwrap(RowTime.parse(row.sentDateTime)))
            XCTAssertEqual(row.rowinformation, TypedRowInformation(errorInformation: nil, userReturnedNoData: false,
                                                                   isUserSummaryRow: false, userHasCompleteData: false))
        }
        for row in sent {
            XCTAssertEqual(row.sender.emailAddress.address, mailByObjectId[row.puser], "sent items are sent by the owner")
            XCTAssertEqual(row.receivedDateTime, row.sentDateTime)
            XCTAssertEqual(row.isDeliveryReceiptRequested, false)
        }
        // One folder per mailbox: every row of a mailbox has the same parentFolderId, different for inbox and sent items.
        let inboxFolders = Dictionary(grouping: received, by: \.puser).mapValues { Set($0.map(\.parentFolderId)) }
        let sentFolders = Dictionary(grouping: sent, by: \.puser).mapValues { Set($0.map(\.parentFolderId)) }
        XCTAssertTrue(inboxFolders.values.allSatisfy { $0.count == 1 })
        for (user, folders) in sentFolders {
            XCTAssertEqual(folders.count, 1)
            if let inbox = inboxFolders[user] { XCTAssertTrue(inbox.isDisjoint(with: folders)) }
        }
    }

    /// Inbox_v1 and SentItem_v1 read the Message_v1 stream of the same seed and partition: each of
    /// their rows is a Message_v1 row (same id, same values) without the transport headers.
    func testFolderRowsAreTheReceivedAndSentRowsOfMessageV1() throws {
        let messages = try DatasetRows.files(MessageV1Schema.name, rows: 600, files: 2)
        for name in [Self.inbox, Self.sentItems] {
            let folder = try DatasetRows.files(name, rows: 60, files: 2)
            for (index, file) in folder.enumerated() {
                let byId = Dictionary(messages[index].map { (DatasetRows.string($0, "id")!, $0) }, uniquingKeysWith: { first, _ in first })
                for row in file {
                    let message = try XCTUnwrap(byId[DatasetRows.string(row, "id")!], "\(name) row is a Message_v1 row of the same file")
                    XCTAssertEqual(DatasetRows.withoutBookkeeping(row),
                                   DatasetRows.withoutBookkeeping(message).reordered(Self.specColumns), name)
                    let headers = message["internetMessageHeaders"]
                    XCTAssertEqual(headers == .array([]), name == Self.sentItems, "received mail has headers, sent mail none")
                }
            }
        }
    }
}

/// Strict typed view of an Inbox_v1 / SentItem_v1 row.
private struct TypedMailFolderRow: Decodable {
    struct Body: Decodable { let contentType: String; let content: String }
    struct Flag: Decodable { let flagStatus: String }
    struct Attachment: Decodable {
        let id: String; let lastModifiedDateTime: String; let name: String; let contentType: String
        let size: Int; let isInline: Bool; let contentBytes: String; let ODataType: String
    }
    let id: String, createdDateTime: String, lastModifiedDateTime: String, changeKey: String, categories: [String]
    let receivedDateTime: String, sentDateTime: String, hasAttachments: Bool, internetMessageId: String, subject: String
    let importance: String, parentFolderId: String, sender: TypedRecipient, from: TypedRecipient, toRecipients: [TypedRecipient]
    let ccRecipients: [TypedRecipient], bccRecipients: [TypedRecipient], replyTo: [TypedRecipient], conversationId: String
    let uniqueBody: Body, isDeliveryReceiptRequested: Bool?, isReadReceiptRequested: Bool, isRead: Bool, isDraft: Bool
    let webLink: String, attachments: [Attachment], inferenceClassification: String, flag: Flag, body: Body
    let bodyPreview: String, conversationIndex: String, ODataType: String, puser: String, ptenant: String
    let pAdditionalInfo: String?, datarow: Int, userrow: Int, pagerow: Int, rowinformation: TypedRowInformation
}
