// DataConnect: Exchange-shaped identifiers (item ids, change keys, conversation indexes, message ids).

import Foundation

/// Builders for the opaque identifiers Exchange puts in mail rows. They are synthetic but follow the
/// public shapes: item ids are base64 (with `-`/`_` for `/`/`+`, padding kept) of an entry id that
/// starts `00 03 24 00` and the mailbox GUID text, which is why real ids begin `AAMkA`; change keys
/// begin `CQAAABYAAA`; conversation indexes are a 22-byte header plus 5 bytes per reply.
enum ExchangeIdentifiers {
    /// Graph's id alphabet: standard base64 with `/` as `-` and `+` as `_`, padding kept.
    static func graphBase64(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "/", with: "-")
            .replacingOccurrences(of: "+", with: "_")
    }

    /// Entry-id bytes of a message in `folderTag`'s folder of the mailbox.
    static func messageEntry(mailbox: MailboxKeys, folderTag: UInt8, entry: [UInt8]) -> [UInt8] {
        [0x00, 0x03, 0x24, 0x00] + Array(mailbox.guid.utf8) + [0x00, 0x46, 0x00, 0x00, 0x00, 0x00, 0x00]
            + mailbox.databaseKey + [0x07, 0x00] + mailbox.storeKey + [0x00, 0x00, 0x00, 0x00, 0x01, folderTag, 0x00, 0x00]
            + mailbox.storeKey + [0x00, 0x00] + entry + [0x00, 0x00]
    }

    /// The id of a well-known folder (`folderTag` 0x0C inbox, 0x09 sent items).
    static func folderId(mailbox: MailboxKeys, folderTag: UInt8) -> String {
        graphBase64([0x00, 0x03, 0x24, 0x00] + Array(mailbox.guid.utf8) + [0x00, 0x2E, 0x00, 0x00, 0x00, 0x00, 0x00]
            + mailbox.databaseKey + [0x01, 0x00] + mailbox.storeKey + [0x00, 0x00, 0x00, 0x00, 0x01, folderTag, 0x00, 0x00])
    }

    /// A conversation id (`AAQkA...`): mailbox GUID text and a 16-byte conversation key.
    static func conversationId(mailbox: MailboxKeys, conversationKey: [UInt8]) -> String {
        graphBase64([0x00, 0x04, 0x24, 0x00] + Array(mailbox.guid.utf8) + [0x00, 0x10, 0x00] + conversationKey)
    }

    /// A change key (`CQAAABYAAA...`, 40 characters).
    static func changeKey(_ random: inout DeterministicRandom) -> String {
        Data([0x09, 0x00, 0x00, 0x00, 0x16, 0x00, 0x00, 0x00] + [UInt8](random.bytes(22))).base64EncodedString()
    }

    /// The 22-byte conversation-index header: reserved 0x01, 5 bytes of the FILETIME, a 16-byte GUID.
    static func conversationIndexHeader(seconds: Int64, _ random: inout DeterministicRandom) -> [UInt8] {
        let filetime = UInt64(seconds + 11_644_473_600) * 10_000_000
        let timeBytes = (0..<5).map { UInt8(truncatingIfNeeded: filetime >> (56 - 8 * UInt64($0))) }
        return [0x01] + timeBytes + [UInt8](random.bytes(16))
    }

    /// A 5-byte child block appended for each reply.
    static func conversationIndexChild(_ random: inout DeterministicRandom) -> [UInt8] {
        [UInt8](random.bytes(5))
    }

    /// `<BN7PR17MB4821A0B1C2...@BN7PR17MB4821.namprd17.prod.protection.outlook.com>`.
    static func internetMessageId(server: String, forest: String, _ random: inout DeterministicRandom) -> String {
        let hex = random.bytes(15).map { String(format: "%02X", $0) }.joined()
        return "<\(server)\(hex)@\(server).\(forest).prod.protection.outlook.com>"
    }
}

/// The per-mailbox constants that Exchange ids embed.
struct MailboxKeys: Sendable {
    let guid: String
    let databaseKey: [UInt8]
    let storeKey: [UInt8]

    init(user: TenantUser, seed: UInt64) {
        var random = DeterministicRandom(seed: seed, stream: "mailbox-\(user.objectId)")
        guid = random.guid()
        databaseKey = [UInt8](random.bytes(16))
        storeKey = [UInt8](random.bytes(16))
    }
}
