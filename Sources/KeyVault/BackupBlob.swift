// KeyVault: the key backup blob — its content and its sealed, subscription-bound byte format.

import Foundation
import ServiceCore
import VaultCrypto

/// What a backup holds: the whole key (every version with its private key, attributes and
/// tags, the current version and the rotation policy) and where it came from.
struct BackupContent: Codable, Sendable, Equatable {
    struct Version: Codable, Sendable, Equatable {
        var version: String
        var kty: String
        var keySize: Int?
        var crv: String?
        var keyOps: [String]
        var enabled: Bool
        var nbf: Int64?
        var exp: Int64?
        var created: Int64
        var updated: Int64
        var tags: [String: String]
        /// PKCS#8 DER, base64url.
        var privateKey: String
    }

    var name: String
    var currentVersion: String
    /// The stored rotation policy JSON, if one was set.
    var rotationPolicy: String?
    var sourceVault: String
    var versions: [Version]
}

/// The opaque `value` of BackupKeyResult, as bytes (the wire carries them base64url):
///
/// ```
/// "KVEMU-KEY-BACKUP-V1\n" | u8 n | subscription id (n ASCII bytes, lower case)
///   | nonce (12) | tag (16) | AES-256-GCM(JSON of BackupContent)
/// ```
///
/// The key is the emulator's backup key of the data directory; the header (magic and
/// subscription) is the AAD, so a blob altered anywhere, made by another data directory or
/// relabelled for another subscription does not open. Like Azure's, a blob restores only into
/// a vault of the subscription it was made in.
enum BackupBlob {
    static let magic = Data("KVEMU-KEY-BACKUP-V1\n".utf8)

    /// Seals `content` for `subscription` under `key`.
    static func seal(_ content: BackupContent, subscription: String, key: Data) throws -> Data {
        let header = try Self.header(subscription: subscription)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let plaintext = try encoder.encode(content)
        let nonce = SecureRandom.bytes(AESGCM.nonceLength)
        let sealed = try AESGCM.seal(plaintext, key: key, nonce: nonce, aad: header)
        return header + nonce + sealed.tag + sealed.ciphertext
    }

    /// Opens a blob for a vault of `subscription`: 400 when it is not one of ours or was altered,
    /// 400 (another message) when it was made in another subscription.
    static func open(_ blob: Data, subscription: String, key: Data) throws -> BackupContent {
        let bytes = [UInt8](blob)
        guard bytes.count > magic.count, Data(bytes.prefix(magic.count)) == magic else { throw ServiceError.backupBlobInvalid() }
        let length = Int(bytes[magic.count])
        let subscriptionStart = magic.count + 1
        let sealedStart = subscriptionStart + length
        guard bytes.count >= sealedStart + AESGCM.nonceLength + AESGCM.tagLength,
              let madeIn = String(bytes: bytes[subscriptionStart..<sealedStart], encoding: .ascii) else {
            throw ServiceError.backupBlobInvalid()
        }
        guard madeIn == subscription.lowercased() else { throw ServiceError.backupFromAnotherSubscription() }
        let header = Data(bytes[0..<sealedStart])
        let nonce = Data(bytes[sealedStart..<(sealedStart + AESGCM.nonceLength)])
        let tagStart = sealedStart + AESGCM.nonceLength
        let tag = Data(bytes[tagStart..<(tagStart + AESGCM.tagLength)])
        let ciphertext = Data(bytes[(tagStart + AESGCM.tagLength)...])
        guard let plaintext = try? AESGCM.open(ciphertext, key: key, nonce: nonce, aad: header, tag: tag),
              let content = try? JSONDecoder().decode(BackupContent.self, from: plaintext) else {
            throw ServiceError.backupBlobInvalid()
        }
        return content
    }

    private static func header(subscription: String) throws -> Data {
        let id = Data(subscription.lowercased().utf8)
        guard id.count <= 255 else { throw ServiceError.storedKeyUnreadable() }
        return magic + Data([UInt8(id.count)]) + id
    }
}
