// KeyVault: response bodies, with JSON field names exactly as on the wire (keyvault-spec.md §2.4).

// Absent optionals are omitted (synthesized `encodeIfPresent`), as the real service omits unset
// `nbf`, `exp` and `tags`.

/// JsonWebKey, public members only.
struct JsonWebKeyWire: Encodable, Sendable {
    var kid: String
    var kty: String
    var keyOps: [String]
    var n: String?
    var e: String?
    var crv: String?
    var x: String?
    var y: String?

    enum CodingKeys: String, CodingKey {
        case kid, kty, keyOps = "key_ops", n, e, crv, x, y
    }
}

/// KeyAttributes as the service reports them; times are integer Unix seconds. The members an
/// older api-version does not know are left out (``APIVersionFeatures``).
struct KeyAttributesWire: Encodable, Sendable {
    var enabled: Bool
    var nbf: Int64?
    var exp: Int64?
    var created: Int64
    var updated: Int64
    var recoveryLevel: String
    var recoverableDays: Int?
    /// 7.3+: always `false` here (a key vault of this emulator holds no exportable key).
    var exportable: Bool?
    /// 7.5+: `"2"` for `*-HSM` keys of a premium vault, absent for software keys.
    var hsmPlatform: String?
}

/// KeyBundle: the answer of create, get and update.
struct KeyBundleWire: Encodable, Sendable {
    var key: JsonWebKeyWire
    var attributes: KeyAttributesWire
    var tags: [String: String]?
}

/// KeyItem: one entry of a list page (`kid` is the base id for `/keys`, versioned for `/versions`).
struct KeyItemWire: Encodable, Sendable {
    var kid: String
    var attributes: KeyAttributesWire
    var tags: [String: String]?
}

/// A list page (KeyListResult, DeletedKeyListResult). `nextLink` is written as `null` on the last
/// page, as the service does.
struct PageWire<Item: Encodable & Sendable>: Encodable, Sendable {
    var value: [Item]
    var nextLink: String?

    enum CodingKeys: String, CodingKey { case value, nextLink }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(value, forKey: .value)
        if let nextLink { try container.encode(nextLink, forKey: .nextLink) } else { try container.encodeNil(forKey: .nextLink) }
    }
}

/// KeyListResult.
typealias KeyListWire = PageWire<KeyItemWire>

/// KeyOperationResult of encrypt, decrypt, wrapKey, unwrapKey and sign.
struct KeyOperationResultWire: Encodable, Sendable {
    var kid: String
    var value: String
}

/// KeyVerifyResult.
struct KeyVerifyResultWire: Encodable, Sendable {
    var value: Bool
}
