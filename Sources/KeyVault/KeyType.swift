// KeyVault: key types, JWK key operations and the limits a key's properties must respect.

import ServiceCore

/// `kty` values of the JsonWebKey model. A key vault holds RSA and EC keys (`*-HSM` on premium
/// vaults only); `oct` keys exist only in Managed HSM.
enum KeyType: String, Sendable, CaseIterable {
    case rsa = "RSA", rsaHSM = "RSA-HSM", ec = "EC", ecHSM = "EC-HSM", oct = "oct", octHSM = "oct-HSM"

    var isHSM: Bool { self == .rsaHSM || self == .ecHSM || self == .octHSM }
    var isRSA: Bool { self == .rsa || self == .rsaHSM }
    var isEC: Bool { self == .ec || self == .ecHSM }

    /// `attributes.hsmPlatform` of HSM-protected keys in a premium vault (observed value).
    static let hsmPlatform = "2"

    /// The same family with or without HSM protection (`RSA` <-> `RSA-HSM`).
    func protected(_ hsm: Bool) -> KeyType {
        switch self {
        case .rsa, .rsaHSM: hsm ? .rsaHSM : .rsa
        case .ec, .ecHSM: hsm ? .ecHSM : .ec
        case .oct, .octHSM: hsm ? .octHSM : .oct
        }
    }

    /// `key_ops` a new key gets when the request names none (observed service defaults).
    var defaultOperations: [KeyOperationName] {
        switch self {
        case .rsa, .rsaHSM: [.encrypt, .decrypt, .sign, .verify, .wrapKey, .unwrapKey]
        case .ec, .ecHSM: [.sign, .verify]
        case .oct, .octHSM: [.encrypt, .decrypt, .wrapKey, .unwrapKey]
        }
    }
}

/// The eight JWK key operations (`key_ops` values, case-sensitive as in RFC 7517 §4.3).
enum KeyOperationName: String, Sendable, CaseIterable, Codable {
    case encrypt, decrypt, sign, verify, wrapKey, unwrapKey, `import`, export
}

/// Bounds of request values (keyvault-spec.md §2.2, §2.6).
enum KeyLimits {
    static let maxTags = 15
    static let maxTagLength = 256
    static let maxNameLength = 127
    static let rsaKeySizes = [2048, 3072, 4096]
    static let defaultRSAKeySize = 2048
    static let rsaPublicExponent = 65537

    /// `^[0-9a-zA-Z-]{1,127}$`.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= maxNameLength
            && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
    }

    /// Checks the tag count and each name/value length.
    static func validate(tags: [String: String]) throws {
        if tags.count > maxTags { throw ServiceError.tooManyTags(tags.count) }
        for (name, value) in tags {
            if name.count > maxTagLength { throw ServiceError.tagTooLong("names") }
            if value.count > maxTagLength { throw ServiceError.tagTooLong("values") }
        }
    }

    /// Parses `key_ops`, rejecting unknown operations and dropping repeats (first occurrence kept).
    static func parse(operations: [String]) throws -> [KeyOperationName] {
        var result: [KeyOperationName] = []
        for text in operations {
            guard let operation = KeyOperationName(rawValue: text) else { throw ServiceError.invalidKeyOperation(text) }
            if !result.contains(operation) { result.append(operation) }
        }
        return result
    }
}
