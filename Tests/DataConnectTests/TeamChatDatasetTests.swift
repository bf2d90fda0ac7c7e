// DataConnectTests: TeamChat_v1 and TeamChat_v2: PascalCase columns, types, threads, v1/v2 agreement.

import Foundation
import XCTest
@testable import DataConnect

final class TeamChatDatasetTests: XCTestCase {
    /// The schema table of solutions `Datasets/data-connect-dataset-teamchat.md`.
    static let v1Columns = [
        "Id", "CreatedDateTime", "LastModifiedDateTime", "ChangeKey", "Categories", "ReceivedDateTime", "SentDateTime",
        "HasAttachments", "InternetMessageId", "Subject", "BodyPreview", "Importance", "ParentFolderId", "ConversationId",
        "ConversationIndex", "IsRead", "IsDraft", "Body", "Sender", "From", "ToRecipients", "ReplyTo", "Flag", "Attachments",
        "ODataType", "puser", "ptenant",
    ]
    /// The schema table of `...-teamchat2.md`.
    static let v2Columns = [
        "Id", "CreatedDateTime", "LastModifiedDateTime", "ReceivedDateTime", "SentDateTime", "HasAttachments", "Subject",
        "BodyPreview", "Importance", "Body", "Sender", "From", "ToRecipients", "ReplyTo", "Flag", "Attachments", "ThreadId",
        "ThreadType", "puser", "ptenant",
    ]
    static let v1 = "BasicDataSet_v0.TeamChat_v1"
    static let v2 = "BasicDataSet_v0.TeamChat_v2"

    func testColumnsCasingAndSystemColumns() throws {
        let first = try DatasetCatalog.lookup(Self.v1), second = try DatasetCatalog.lookup(Self.v2)
        XCTAssertEqual(first.columns, Self.v1Columns)
        XCTAssertEqual(second.columns, Self.v2Columns)
        XCTAssertEqual(Set(Self.v1Columns).subtracting(Self.v2Columns),
                       ["ChangeKey", "Categories", "InternetMessageId", "ParentFolderId", "ConversationId", "ConversationIndex",
                        "IsRead", "IsDraft", "ODataType"])
        XCTAssertEqual(Set(Self.v2Columns).subtracting(Self.v1Columns), ["ThreadId", "ThreadType"])
        for schema in [first.schema, second.schema] {
            XCTAssertEqual(schema.casing, .PascalCase)
            XCTAssertEqual(schema.miscasedColumns, [])
        }
        XCTAssertEqual(first.systemColumns, DatasetRows.bookkeeping, "the v1 sample rows carry them")
        XCTAssertEqual(second.systemColumns, [], "the v2 sample rows do not")
        assertRowsMatchSchema(try DatasetRows.all(Self.v1), first.schema, columns: Self.v1Columns + DatasetRows.bookkeeping)
        assertRowsMatchSchema(try DatasetRows.all(Self.v2), second.schema, columns: Self.v2Columns)
    }

    func testSameSeedSameBytesOtherSeedOtherRows() throws {
        for name in [Self.v1, Self.v2] {
            let first = try DatasetRows.bytes(name, seed: 42)
            XCTAssertEqual(first, try DatasetRows.bytes(name, seed: 42), name)
            XCTAssertNotEqual(first, try DatasetRows.bytes(name, seed: 43), name)
        }
    }

    func testMessagesAreCopiesInTheParticipantsMailboxes() throws {
        let tenant = try TestConnection.tenant(seed: 42)
        let mailByObjectId = Dictionary(uniqueKeysWithValues: tenant.users.map { ($0.objectId, $0.mail) })
        let objectIds = Set(tenant.users.map(\.objectId))
        let v1 = try DatasetRows.decode(TypedTeamChatV1Row.self, try DatasetRows.all(Self.v1))
        let v2 = try DatasetRows.decode(TypedTeamChatV2Row.self, try DatasetRows.all(Self.v2))
        XCTAssertEqual(v1.map(\.Id), v2.map(\.Id), "v1 and v2 deliver the same messages")
        XCTAssertEqual(v1.map(\.SentDateTime), v2.map(\.SentDateTime))
        XCTAssertEqual(Set(v1.map { "\($0.puser) \($0.Id)" }).count, v1.count, "ids are unique per mailbox")
        var types = Set<String>()
        for row in v2 {
            let owner = try XCTUnwrap(mailByObjectId[row.puser])
            XCTAssertTrue(row.Sender.EmailAddress.Address == owner || row.ToRecipients.contains { $0.EmailAddress.Address == owner },
                          "the mailbox owner takes part in the chat")
            XCTAssertFalse(row.ToRecipients.contains(row.Sender))
            types.insert(row.ThreadType)
            switch row.ThreadType {
            case "chat" where row.ThreadId.hasSuffix("@unq.gbl.spaces"):
                let pair = row.ThreadId.dropFirst(3).dropLast("@unq.gbl.spaces".count).split(separator: "_").map(String.init)
                XCTAssertEqual(pair.count, 2)
                XCTAssertTrue(pair.allSatisfy(objectIds.contains), "one-on-one thread ids name the two users")
                XCTAssertEqual(row.ToRecipients.count, 1)
            case "chat", "meeting":
                XCTAssertTrue(row.ThreadId.hasPrefix("19:") && row.ThreadId.hasSuffix("@thread.v2"), row.ThreadId)
            default:
                XCTFail("unexpected ThreadType \(row.ThreadType)")
            }
            XCTAssertEqual(row.Importance, "Normal")
            XCTAssertEqual(row.Body.ContentType, "Microsoft.OutlookServices.BodyType'HTML'")
            XCTAssertEqual(row.Flag.FlagStatus, "Microsoft.OutlookServices.FollowupFlagStatus'NotFlagged'")
            XCTAssertEqual(row.HasAttachments, !row.Attachments.isEmpty)
        }
        XCTAssertEqual(types, ["chat", "meeting"])
        for row in v1 {
            XCTAssertEqual(row.ODataType, "#Microsoft.OutlookServices.Message")
            let millis = try XCTUnwrap(Int64(row.InternetMessageId), "a numeric string, as in the samples")
            XCTAssertEqual(millis / 1000, RowTime.parse(row.SentDateTime))
            XCTAssertTrue(row.ChangeKey.hasPrefix("CQAAABYAAA"))
            XCTAssertFalse(row.IsDraft)
        }
    }
}

private struct TypedChatBody: Decodable { let ContentType: String; let Content: String }
private struct TypedChatFlag: Decodable { let FlagStatus: String }
private struct TypedChatAttachment: Decodable {
    let Id: String; let LastModifiedDateTime: String; let Name: String; let ContentType: String; let Size: Int
    let IsInline: Bool; let ODataType: String
}

/// Strict typed view of a TeamChat_v1 row.
private struct TypedTeamChatV1Row: Decodable {
    let Id: String, CreatedDateTime: String, LastModifiedDateTime: String, ChangeKey: String, Categories: [String]
    let ReceivedDateTime: String, SentDateTime: String, HasAttachments: Bool, InternetMessageId: String, Subject: String
    let BodyPreview: String, Importance: String, ParentFolderId: String, ConversationId: String, ConversationIndex: String
    let IsRead: Bool, IsDraft: Bool, Body: TypedChatBody, Sender: TypedPascalRecipient, From: TypedPascalRecipient
    let ToRecipients: [TypedPascalRecipient], ReplyTo: [TypedPascalRecipient], Flag: TypedChatFlag
    let Attachments: [TypedChatAttachment], ODataType: String, puser: String, ptenant: String
    let pAdditionalInfo: String?, datarow: Int, userrow: Int, pagerow: Int, rowinformation: TypedRowInformation
}

/// Strict typed view of a TeamChat_v2 row.
private struct TypedTeamChatV2Row: Decodable {
    let Id: String, CreatedDateTime: String, LastModifiedDateTime: String, ReceivedDateTime: String, SentDateTime: String
    let HasAttachments: Bool, Subject: String, BodyPreview: String, Importance: String, Body: TypedChatBody
    let Sender: TypedPascalRecipient, From: TypedPascalRecipient, ToRecipients: [TypedPascalRecipient]
    let ReplyTo: [TypedPascalRecipient], Flag: TypedChatFlag, Attachments: [TypedChatAttachment], ThreadId: String
    let ThreadType: String, puser: String, ptenant: String
}
