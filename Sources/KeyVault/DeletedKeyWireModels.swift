// KeyVault: response bodies of the soft-delete, backup and random-bytes operations (keyvault-spec.md §2.4).

/// DeletedKeyBundle: a KeyBundle plus where and until when it can be recovered. On a vault
/// without soft delete the three recovery members are absent (the SDK's poller then stops at once).
struct DeletedKeyBundleWire: Encodable, Sendable {
    var recoveryId: String?
    var deletedDate: Int64?
    var scheduledPurgeDate: Int64?
    var key: JsonWebKeyWire
    var attributes: KeyAttributesWire
    var tags: [String: String]?
}

/// DeletedKeyItem: one entry of `GET /deletedkeys` (base kid of the deleted key).
struct DeletedKeyItemWire: Encodable, Sendable {
    var recoveryId: String
    var deletedDate: Int64
    var scheduledPurgeDate: Int64
    var kid: String
    var attributes: KeyAttributesWire
    var tags: [String: String]?
}

/// DeletedKeyListResult; `nextLink` is `null` on the last page, as for `/keys`.
typealias DeletedKeyListWire = PageWire<DeletedKeyItemWire>

/// BackupKeyResult and RandomBytes: one base64url `value`.
struct ValueResultWire: Encodable, Sendable {
    var value: String
}
