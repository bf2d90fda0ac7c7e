// VaultCrypto: EC keys on P-256, P-384, P-521 and secp256k1 over EVP_PKEY.

import COpenSSL
import Foundation

/// The curves Key Vault offers, named as JWK `crv` values.
public enum ECCurve: String, Sendable {
    case p256 = "P-256", p384 = "P-384", p521 = "P-521", p256k = "P-256K"

    /// Bytes in one field element: the width of JWK `x`, `y`, `d` and of `r`, `s` in signatures.
    public var coordinateLength: Int {
        switch self {
        case .p256, .p256k: 32
        case .p384: 48
        case .p521: 66
        }
    }

    /// OpenSSL's canonical group name, as reported by OSSL_PKEY_PARAM_GROUP_NAME.
    var groupName: String {
        switch self {
        case .p256: "prime256v1"
        case .p384: "secp384r1"
        case .p521: "secp521r1"
        case .p256k: "secp256k1"
        }
    }

    /// The curve for an OpenSSL group name (canonical or NIST alias), or nil if unsupported.
    init?(groupName: String) {
        switch groupName {
        case "prime256v1", "P-256": self = .p256
        case "secp384r1", "P-384": self = .p384
        case "secp521r1", "P-521": self = .p521
        case "secp256k1": self = .p256k
        default: return nil
        }
    }
}

/// An EC public or private key. Owns one `EVP_PKEY` (through ``PKey``). Immutable after
/// creation, so it may be shared between threads.
///
/// ```swift
/// let key = try ECKey.generate(curve: .p256)
/// key.x.count                                  // always 32 for P-256
/// let signature = try key.sign(digest: HashAlgorithm.sha256.hash(message))   // r || s, 64 bytes
/// ```
public final class ECKey: @unchecked Sendable {
    let pkey: PKey
    public let curve: ECCurve
    public let x: Data
    public let y: Data
    public let hasPrivateKey: Bool

    /// Adopts `pkey`, which must be an EC key on a supported named curve, and caches x and y.
    init(pkey: PKey, hasPrivateKey: Bool) throws {
        guard pkey.isA("EC") else { throw CryptoError(.invalidKey, "not an EC key") }
        guard let name = pkey.stringParameter(OSSL_PKEY_PARAM_GROUP_NAME) else {
            throw CryptoError(.unsupported, "EC key does not use a named curve")
        }
        guard let curve = ECCurve(groupName: name) else { throw CryptoError(.unsupported, "EC curve \(name) is not supported") }
        guard let qx = pkey.bigNumber(OSSL_PKEY_PARAM_EC_PUB_X), let qy = pkey.bigNumber(OSSL_PKEY_PARAM_EC_PUB_Y) else {
            throw CryptoError(.invalidKey, "EC key has no public point")
        }
        self.pkey = pkey
        self.curve = curve
        self.hasPrivateKey = hasPrivateKey
        x = try qx.bytes(paddedTo: curve.coordinateLength)
        y = try qy.bytes(paddedTo: curve.coordinateLength)
    }

    /// Generates a new key pair on `curve`.
    public static func generate(curve: ECCurve) throws -> ECKey {
        let pkey = try PKey.generate(.ec) { context in
            try context.withPointer {
                // Keys made from a group name are encoded with the named-curve OID, not explicit parameters.
                try OpenSSLErrorQueue.check(EVP_PKEY_CTX_set_group_name($0, curve.groupName), .operationFailed,
                                            "EVP_PKEY_CTX_set_group_name")
            }
        }
        return try ECKey(pkey: pkey, hasPrivateKey: true)
    }

    /// Restores a private key from PKCS#8 PrivateKeyInfo DER.
    public convenience init(pkcs8DER: Data) throws {
        try self.init(pkey: PKey.fromPKCS8(pkcs8DER), hasPrivateKey: true)
    }

    /// Imports a key from JWK `x`, `y` and optionally `d` (big-endian; shorter values are
    /// left-padded). Rejects points not on the curve and `d` that does not match the point.
    public convenience init(curve: ECCurve, x: Data, y: Data, d: Data?) throws {
        let width = curve.coordinateLength
        guard x.count <= width, y.count <= width, !x.isEmpty, !y.isEmpty else {
            throw CryptoError(.invalidKey, "EC \(curve.rawValue) coordinates must be at most \(width) bytes")
        }
        let parameters = try ParameterList()
        try parameters.addString(OSSL_PKEY_PARAM_GROUP_NAME, curve.groupName)
        // OSSL_PKEY_PARAM_PUB_KEY takes the SEC 1 uncompressed point 0x04 || x || y.
        let point = Data([0x04]) + Self.leftPadded(x, width) + Self.leftPadded(y, width)
        try parameters.addOctets(OSSL_PKEY_PARAM_PUB_KEY, point)
        if let d {
            guard !d.isEmpty, d.count <= width else {
                throw CryptoError(.invalidKey, "EC \(curve.rawValue) private key must be at most \(width) bytes")
            }
            try parameters.addInteger(OSSL_PKEY_PARAM_PRIV_KEY, d, secret: true)
        }
        let pkey = try PKey.fromParameters(.ec, selection: d == nil ? KeySelection.publicKey : KeySelection.keyPair, parameters)
        try pkey.checkPublic()
        if d != nil { try pkey.checkPairwise() }
        try self.init(pkey: pkey, hasPrivateKey: d != nil)
    }

    /// PKCS#8 PrivateKeyInfo DER. The caller is responsible for storing it safely.
    public func pkcs8DER() throws -> Data {
        guard hasPrivateKey else { throw CryptoError(.invalidKey, "EC key has no private part") }
        return try pkey.pkcs8DER()
    }

    /// The private key as PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"), e.g. for a TLS server.
    public func pem() throws -> String {
        var der = try pkcs8DER()
        defer { SecretWiper.wipe(&der) }
        let body = der.base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN PRIVATE KEY-----\n\(body)\n-----END PRIVATE KEY-----\n"
    }

    /// DER SubjectPublicKeyInfo.
    public func publicKeyDER() throws -> Data {
        try pkey.subjectPublicKeyInfoDER()
    }

    private static func leftPadded(_ value: Data, _ width: Int) -> Data {
        Data(count: width - value.count) + value
    }
}
