// VaultCrypto: RS256 compact JWS tokens: signing, structural decoding, signature checks.

import Foundation

/// JSON Web Tokens signed with RS256 (RFC 7519 over RFC 7515 compact serialization).
///
/// ```swift
/// let token = try JWT.sign(claims: ["sub": "app", "exp": 1_700_000_000], keyId: "k1", key: signingKey)
/// let decoded = try JWT.decode(token)
/// JWT.verifySignature(decoded, key: signingKey)    // true
/// ```
///
/// `decode` only checks structure. Claim validation (exp, nbf, aud, iss) belongs to the caller.
public enum JWT {
    /// The parts of a compact JWS, base64url-decoded.
    public struct Decoded: Sendable {
        /// Header members whose values are strings ("alg", "typ", "kid", "x5t"); other members are dropped.
        public let header: [String: String]
        /// The payload bytes; guaranteed to be a JSON object.
        public let claimsJSON: Data
        /// ASCII bytes of `base64url(header) "." base64url(payload)`, the bytes that were signed.
        public let signingInput: Data
        /// The signature bytes (empty for unsecured tokens).
        public let signature: Data
    }

    /// Signs `claims` with `key` under the header `{"alg":"RS256","typ":"JWT","kid":keyId}`.
    ///
    /// Claim values may be `String`, `Bool`, `Int`, `Int64`, `Double`, arrays of those and
    /// nested `[String: any Sendable]` dictionaries; anything else throws `.invalidInput`.
    public static func sign(claims: [String: any Sendable], keyId: String, key: RSAKey) throws -> String {
        let header = try serialize(["alg": "RS256", "typ": "JWT", "kid": keyId])
        let payload = try serialize(try jsonObject(claims))
        let signingInput = Base64URL.encode(header) + "." + Base64URL.encode(payload)
        let digest = HashAlgorithm.sha256.hash(Data(signingInput.utf8))
        let signature = try key.sign(digest: digest, hash: .sha256, padding: .pkcs1v15)
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// Splits and decodes a compact JWS without verifying it.
    /// - Throws: `.invalidInput` unless the token has three parts, valid base64url and JSON objects
    ///   for header and payload.
    public static func decode(_ token: String) throws -> Decoded {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw CryptoError(.invalidInput, "JWT must have three dot-separated parts") }
        guard let headerBytes = Base64URL.decode(String(parts[0])), !headerBytes.isEmpty,
              let claimsJSON = Base64URL.decode(String(parts[1])), !claimsJSON.isEmpty,
              let signature = Base64URL.decode(String(parts[2])) else {
            throw CryptoError(.invalidInput, "JWT part is not base64url")
        }
        guard let headerObject = (try? JSONSerialization.jsonObject(with: headerBytes)) as? [String: Any] else {
            throw CryptoError(.invalidInput, "JWT header is not a JSON object")
        }
        guard (try? JSONSerialization.jsonObject(with: claimsJSON)) is [String: Any] else {
            throw CryptoError(.invalidInput, "JWT payload is not a JSON object")
        }
        let header = headerObject.compactMapValues { $0 as? String }
        let signingInput = Data(parts[0].utf8) + Data(".".utf8) + Data(parts[1].utf8)
        return Decoded(header: header, claimsJSON: claimsJSON, signingInput: signingInput, signature: signature)
    }

    /// True only if the header says `"alg":"RS256"` and the signature verifies under `key`.
    /// Unsecured ("none") and every other algorithm are rejected.
    public static func verifySignature(_ decoded: Decoded, key: RSAKey) -> Bool {
        guard decoded.header["alg"] == "RS256", !decoded.signature.isEmpty else { return false }
        let digest = HashAlgorithm.sha256.hash(decoded.signingInput)
        return key.verify(signature: decoded.signature, digest: digest, hash: .sha256, padding: .pkcs1v15)
    }

    private static func serialize(_ object: [String: Any]) throws -> Data {
        do {
            // Sorted keys make tokens reproducible; unescaped slashes keep URLs (iss, aud) readable.
            return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        } catch {
            throw CryptoError(.invalidInput, "JWT claims cannot be serialized as JSON")
        }
    }

    private static func jsonObject(_ claims: [String: any Sendable]) throws -> [String: Any] {
        try claims.mapValues { try jsonValue($0) }
    }

    /// Converts one claim value into the Foundation types JSONSerialization accepts.
    private static func jsonValue(_ value: any Sendable) throws -> Any {
        switch value {
        case let text as String: return text
        case let flag as Bool: return flag
        case let number as Int: return number
        case let number as Int64: return NSNumber(value: number)
        case let number as Int32: return NSNumber(value: number)
        case let number as Double:
            guard number.isFinite else { throw CryptoError(.invalidInput, "JWT claim is not a finite number") }
            return number
        case let strings as [String]: return strings
        case let values as [any Sendable]: return try values.map { try jsonValue($0) }
        case let object as [String: any Sendable]: return try jsonObject(object)
        default: throw CryptoError(.invalidInput, "JWT claim value of type \(type(of: value)) is not supported")
        }
    }
}
