// DataConnectTests: Message_v1 rows: deterministic per seed, exactly the documented columns, right types and styles.

import Foundation
import XCTest
@testable import DataConnect

final class MessageV1GeneratorTests: XCTestCase {
    /// BasicDataSet_v0.Message_v1 as dataconnect-spec.md §6.3 lists it, then the §6.2 system columns.
    static let specColumns = [
        "receivedDateTime", "sentDateTime", "hasAttachments", "internetMessageId", "subject", "importance",
        "parentFolderId", "sender", "from", "toRecipients", "ccRecipients", "bccRecipients", "replyTo",
        "conversationId", "uniqueBody", "isDeliveryReceiptRequested", "isReadReceiptRequested", "isRead", "isDraft",
        "webLink", "createdDateTime", "lastModifiedDateTime", "changeKey", "categories", "id", "attachments",
        "inferenceClassification", "flag", "body", "bodyPreview", "internetMessageHeaders", "conversationIndex",
        "ODataType", "puser", "ptenant",
    ]
    static let specSystemColumns = ["pAdditionalInfo", "datarow", "userrow", "pagerow", "rowinformation"]

    /// JSON-lines text of every file of a drop.
    private func lines(seed: UInt64, rows: Int = 200, files: Int = 4) throws -> [[Data]] {
        let tenant = try TestConnection.tenant(seed: seed)
        let dataset = try DatasetCatalog.lookup("BasicDataSet_v0.Message_v1")
        return DatasetPartition.split(rows: rows, files: files).map { partition in
            var iterator = dataset.makeRows(tenant, seed, partition)
            var out: [Data] = []
            while let row = iterator.next() { out.append(row.serialized()) }
            return out
        }
    }

    func testSameSeedGivesSameBytesAndOtherSeedsDiffer() throws {
        let first = try lines(seed: 42)
        XCTAssertEqual(first, try lines(seed: 42))
        let other = try lines(seed: 43)
        XCTAssertNotEqual(first[0][0], other[0][0])
        let firstUsers = Set(try rows(first).map { $0["puser"] as? String })
        let otherUsers = Set(try rows(other).map { $0["puser"] as? String })
        XCTAssertTrue(firstUsers.isDisjoint(with: otherUsers), "object ids are derived from the seed")
    }

    func testFilesHoldTheSplitRowCounts() throws {
        XCTAssertEqual(try lines(seed: 1).map(\.count), [50, 50, 50, 50])
        XCTAssertEqual(try lines(seed: 1, rows: 10, files: 3).map(\.count), [4, 3, 3])
        XCTAssertEqual(DatasetPartition.split(rows: 7, files: 7).map(\.rowCount), Array(repeating: 1, count: 7))
    }

    func testEveryRowHasExactlyTheMessageV1ColumnsInOrder() throws {
        XCTAssertEqual(MessageV1Schema.columns, Self.specColumns)
        XCTAssertEqual(MessageV1Schema.systemColumns, Self.specSystemColumns)
        let tenant = try TestConnection.tenant(seed: 5)
        var iterator = MessageV1Rows(tenant: tenant, seed: 5, partition: DatasetPartition(fileIndex: 0, fileCount: 1, rowCount: 120))
        var count = 0
        while let row = iterator.next() {
            XCTAssertEqual(row.keys, Self.specColumns + Self.specSystemColumns)
            count += 1
        }
        XCTAssertEqual(count, 120)
    }

    func testValuesHaveTheDocumentedTypes() throws {
        let iso = ISO8601DateFormatter()
        let decoder = JSONDecoder()
        for line in try lines(seed: 11).joined() {
            let row = try decoder.decode(TypedMessageRow.self, from: line)
            for (name, value) in [("receivedDateTime", row.receivedDateTime), ("sentDateTime", row.sentDateTime),
                                  ("createdDateTime", row.createdDateTime), ("lastModifiedDateTime", row.lastModifiedDateTime)] {
                XCTAssertNotNil(iso.date(from: value), "\(name) \(value) is not ISO-8601")
                XCTAssertTrue(value.hasSuffix("Z"))
            }
            XCTAssertEqual(row.sender, row.from)
            XCTAssertFalse(row.toRecipients.isEmpty)
            for party in row.toRecipients + row.ccRecipients + row.bccRecipients + row.replyTo + [row.sender] {
                XCTAssertTrue(party.emailAddress.address.contains("@"))
                XCTAssertFalse(party.emailAddress.name.isEmpty)
            }
            XCTAssertEqual(row.hasAttachments, !row.attachments.isEmpty)
            for attachment in row.attachments {
                XCTAssertEqual(Data(base64Encoded: attachment.contentBytes)?.count, attachment.size)
                XCTAssertEqual(attachment.ODataType, "#microsoft.graph.fileAttachment")
            }
            XCTAssertGreaterThanOrEqual(iso.date(from: row.receivedDateTime)!, iso.date(from: row.sentDateTime)!)
        }
    }

    func testValueStylesFollowTheSamples() throws {
        let all = try rows(try lines(seed: 21))
        let tenant = try TestConnection.tenant(seed: 21)
        let objectIds = Set(tenant.users.map(\.objectId))
        let messageId = try NSRegularExpression(pattern: #"^<[A-Z0-9]+@[A-Z0-9]+\.namprd17\.prod\.protection\.outlook\.com>$"#)
        var sawReply = false, sawExternal = false, sawHeaders = false
        for row in all {
            XCTAssertEqual(row["ODataType"] as? String, "#microsoft.graph.message")
            XCTAssertEqual(row["ptenant"] as? String, TestConnection.tenantId)
            XCTAssertTrue(objectIds.contains(row["puser"] as? String ?? ""))
            let body = row["body"] as? [String: Any]
            XCTAssertEqual(body?["contentType"] as? String, "microsoft.graph.bodyType'html'")
            XCTAssertTrue((body?["content"] as? String ?? "").hasPrefix("<html>"))
            XCTAssertEqual((row["uniqueBody"] as? [String: Any])?["contentType"] as? String, "microsoft.graph.bodyType'html'")
            let flag = (row["flag"] as? [String: Any])?["flagStatus"] as? String ?? ""
            XCTAssertTrue(["notFlagged", "flagged", "complete"].map { "microsoft.graph.followupFlagStatus'\($0)'" }.contains(flag))
            XCTAssertTrue(["low", "normal", "high"].contains(row["importance"] as? String ?? ""))
            XCTAssertTrue(["focused", "other"].contains(row["inferenceClassification"] as? String ?? ""))
            let internetMessageId = row["internetMessageId"] as? String ?? ""
            XCTAssertEqual(messageId.numberOfMatches(in: internetMessageId, range: NSRange(internetMessageId.startIndex..., in: internetMessageId)), 1, internetMessageId)
            let id = row["id"] as? String ?? ""
            XCTAssertTrue(id.hasPrefix("AAMkA") && id.count > 140, id)
            XCTAssertTrue((row["conversationId"] as? String ?? "").hasPrefix("AAQkA"))
            XCTAssertTrue((row["changeKey"] as? String ?? "").hasPrefix("CQAAABYAAA"))
            let index = Data(base64Encoded: row["conversationIndex"] as? String ?? "") ?? Data()
            XCTAssertEqual(index.first, 0x01)
            XCTAssertTrue(index.count >= 22 && (index.count - 22) % 5 == 0)
            let preview = row["bodyPreview"] as? String ?? ""
            XCTAssertTrue(preview.count <= 255 && !preview.isEmpty)
            XCTAssertTrue(preview.hasPrefix("Hi ") || preview.hasPrefix("Hello ") || preview.hasPrefix("Dear ") || preview.hasPrefix("Morning "))
            XCTAssertTrue((row["webLink"] as? String ?? "").hasPrefix("https://outlook.office365.com/owa/?ItemID="))
            XCTAssertTrue(row["pAdditionalInfo"] is NSNull)
            XCTAssertEqual((row["userrow"] as? Int).map { $0 % 50 }, row["pagerow"] as? Int)
            let info = row["rowinformation"] as? [String: Any]
            XCTAssertEqual(info?.keys.sorted(), ["errorInformation", "isUserSummaryRow", "userHasCompleteData", "userReturnedNoData"])
            XCTAssertTrue(info?["errorInformation"] is NSNull)
            let subject = row["subject"] as? String ?? ""
            if subject.hasPrefix("RE: ") { sawReply = true; XCTAssertEqual(index.count % 5, 2); XCTAssertGreaterThan(index.count, 22) }
            if (row["isDeliveryReceiptRequested"] is NSNull) { sawExternal = true }
            if let headers = row["internetMessageHeaders"] as? [[String: String]], !headers.isEmpty {
                sawHeaders = true
                XCTAssertEqual(headers.first { $0["name"] == "Message-ID" }?["value"], internetMessageId)
            }
        }
        XCTAssertTrue(sawReply && sawExternal && sawHeaders, "200 rows include replies, external mail and received headers")
    }

    func testDatarowCountsRowsOfEachFileAndPreviewIsTheTextStart() throws {
        for file in try lines(seed: 4) {
            let parsed = try rows([file])
            XCTAssertEqual(parsed.map { $0["datarow"] as? Int }, Array(0..<file.count))
        }
        let body = MessageV1Body(greeting: "Hi", recipientName: "Ann", paragraphs: [String(repeating: "x", count: 300)],
                                 signOff: "Thanks,", senderName: "Bo", quote: nil)
        XCTAssertEqual(body.preview, String(("Hi Ann,\r\n\r\n" + String(repeating: "x", count: 300)).prefix(255)))
        XCTAssertEqual(body.preview.count, 255)
    }

    func testRowsFallInTheFixedWindow() throws {
        let iso = ISO8601DateFormatter()
        let start = iso.date(from: "2025-01-01T00:00:00Z")!, end = iso.date(from: "2025-04-01T00:00:00Z")!
        for row in try rows(try lines(seed: 99)) {
            let sent = iso.date(from: row["sentDateTime"] as! String)!
            XCTAssertTrue(sent >= start && sent < end)
        }
    }

    func testUnknownDatasetListsTheSupportedOnes() {
        let error = dataConnectError { _ = try DatasetCatalog.lookup("BasicDataSet_v0.Contact_v1") }
        XCTAssertEqual(error?.code, .usage)
        XCTAssertEqual(error?.reason, "unknown dataset BasicDataSet_v0.Contact_v1; supported datasets: BasicDataSet_v0.Message_v1, "
            + "BasicDataSet_v0.Inbox_v1, BasicDataSet_v0.SentItem_v1, BasicDataSet_v0.User_v1, BasicDataSet_v0.Manager_v0, "
            + "BasicDataSet_v0.DirectReport_v0, BasicDataSet_v0.Event_v1, BasicDataSet_v0.CalendarView_v0, "
            + "BasicDataSet_v0.TeamChat_v1, BasicDataSet_v0.TeamChat_v2, BasicDataSet_v0.SharePointSites_v1, "
            + "BasicDataSet_v0.SharePointPermissions_v1")
        XCTAssertEqual(error?.exitStatus, 2)
    }

    private func rows(_ files: [[Data]]) throws -> [[String: Any]] {
        try files.joined().map { try XCTUnwrap(try JSONSerialization.jsonObject(with: $0) as? [String: Any]) }
    }
}

/// Strict typed view of a row: JSONDecoder refuses a number where a Bool is declared, and so on.
private struct TypedMessageRow: Decodable {
    struct Party: Decodable, Equatable {
        struct Address: Decodable, Equatable { let name: String; let address: String }
        let emailAddress: Address
    }
    struct Body: Decodable { let contentType: String; let content: String }
    struct Attachment: Decodable {
        let id: String; let lastModifiedDateTime: String; let name: String; let contentType: String
        let size: Int; let isInline: Bool; let contentBytes: String; let ODataType: String
    }
    struct Header: Decodable { let name: String; let value: String }
    struct Flag: Decodable { let flagStatus: String }
    let receivedDateTime: String, sentDateTime: String, hasAttachments: Bool, internetMessageId: String, subject: String
    let importance: String, parentFolderId: String, sender: Party, from: Party, toRecipients: [Party], ccRecipients: [Party]
    let bccRecipients: [Party], replyTo: [Party], conversationId: String, uniqueBody: Body, isDeliveryReceiptRequested: Bool?
    let isReadReceiptRequested: Bool, isRead: Bool, isDraft: Bool, webLink: String, createdDateTime: String
    let lastModifiedDateTime: String, changeKey: String, categories: [String], id: String, attachments: [Attachment]
    let inferenceClassification: String, flag: Flag, body: Body, bodyPreview: String, internetMessageHeaders: [Header]
    let conversationIndex: String, ODataType: String, puser: String, ptenant: String
    let datarow: Int, userrow: Int, pagerow: Int
}
