// KeyVault: request bodies as clients send them (keyvault-spec.md §2.4).

// Decoded with WireJSON: a wrong type or a missing required property becomes
// 400 BadParameter naming the property. Unknown properties are ignored, as the service does.

/// Writable KeyAttributes (`created`, `updated`, `recoveryLevel`... are read-only and ignored).
struct KeyAttributesInput: Decodable, Sendable {
    var enabled: Bool?
    var nbf: Int64?
    var exp: Int64?
    var exportable: Bool?
}

/// KeyCreateParameters.
struct KeyCreateParameters: Decodable, Sendable {
    var kty: String
    var keySize: Int?
    var publicExponent: Int?
    var keyOps: [String]?
    var attributes: KeyAttributesInput?
    var tags: [String: String]?
    var crv: String?
    /// Whether a non-null `release_policy` was sent (secure key release is not emulated yet).
    var hasReleasePolicy: Bool

    enum CodingKeys: String, CodingKey {
        case kty, keySize = "key_size", publicExponent = "public_exponent", keyOps = "key_ops"
        case attributes, tags, crv, releasePolicy = "release_policy"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kty = try c.decode(String.self, forKey: .kty)
        keySize = try c.decodeIfPresent(Int.self, forKey: .keySize)
        publicExponent = try c.decodeIfPresent(Int.self, forKey: .publicExponent)
        keyOps = try c.decodeIfPresent([String].self, forKey: .keyOps)
        attributes = try c.decodeIfPresent(KeyAttributesInput.self, forKey: .attributes)
        tags = try c.decodeIfPresent([String: String].self, forKey: .tags)
        crv = try c.decodeIfPresent(String.self, forKey: .crv)
        hasReleasePolicy = try c.contains(.releasePolicy) && !c.decodeNil(forKey: .releasePolicy)
    }
}

/// KeyUpdateParameters: only what is sent changes.
struct KeyUpdateParameters: Decodable, Sendable {
    var keyOps: [String]?
    var attributes: KeyAttributesInput?
    var tags: [String: String]?
    var hasReleasePolicy: Bool

    enum CodingKeys: String, CodingKey {
        case keyOps = "key_ops", attributes, tags, releasePolicy = "release_policy"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        keyOps = try c.decodeIfPresent([String].self, forKey: .keyOps)
        attributes = try c.decodeIfPresent(KeyAttributesInput.self, forKey: .attributes)
        tags = try c.decodeIfPresent([String: String].self, forKey: .tags)
        hasReleasePolicy = try c.contains(.releasePolicy) && !c.decodeNil(forKey: .releasePolicy)
    }
}

/// KeyOperationsParameters (encrypt, decrypt, wrapkey, unwrapkey) and KeySignParameters: `value`
/// is the plaintext, ciphertext, key or digest. `iv`, `aad` and `tag` only matter for AES keys.
struct KeyOperationParameters: Decodable, Sendable {
    var alg: String
    var value: String
}

/// KeyVerifyParameters: `value` is the signature.
struct KeyVerifyParameters: Decodable, Sendable {
    var alg: String
    var digest: String
    var value: String
}
