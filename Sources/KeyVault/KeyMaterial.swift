// KeyVault: the private key behind one key version, parsed once and kept in memory.

import Foundation
import ServiceCore
import VaultCrypto

/// A parsed private key. Rows store it as PKCS#8 DER; ``KeyMaterialCache`` keeps the parsed form
/// so signing and decrypting do not parse DER on every request.
enum KeyMaterial: Sendable {
    case rsa(RSAKey)
    case ec(ECKey)

    /// Parses a stored PKCS#8 private key of the given type.
    init(kind: KeyType, pkcs8DER: Data) throws {
        if kind.isRSA {
            self = .rsa(try RSAKey(pkcs8DER: pkcs8DER))
        } else if kind.isEC {
            self = .ec(try ECKey(pkcs8DER: pkcs8DER))
        } else {
            throw ServiceError.storedKeyUnreadable()
        }
    }

    /// A fresh private key: RSA of `keySize` bits (from `pool` when it has one ready) or EC on `curve`.
    static func generate(keySize: Int?, curve: ECCurve?, pool: RSAKeyPool?) throws -> KeyMaterial {
        if let keySize {
            if let pooled = pool?.take(bits: keySize) { return .rsa(pooled) }
            return .rsa(try RSAKey.generate(bits: keySize, publicExponent: KeyLimits.rsaPublicExponent))
        }
        guard let curve else { throw ServiceError.storedKeyUnreadable() }
        return .ec(try ECKey.generate(curve: curve))
    }

    /// The private key as stored.
    func pkcs8DER() throws -> Data {
        switch self {
        case .rsa(let key): try key.pkcs8DER()
        case .ec(let key): try key.pkcs8DER()
        }
    }

    /// Public JWK members (`n`, `e` or `crv`, `x`, `y`); private parts never leave the service.
    func publicJWK(kid: String, kty: KeyType, operations: [KeyOperationName]) -> JsonWebKeyWire {
        switch self {
        case .rsa(let key):
            JsonWebKeyWire(kid: kid, kty: kty.rawValue, keyOps: operations.map(\.rawValue),
                           n: Base64URL.encode(key.modulus), e: Base64URL.encode(key.publicExponent))
        case .ec(let key):
            JsonWebKeyWire(kid: kid, kty: kty.rawValue, keyOps: operations.map(\.rawValue),
                           crv: key.curve.rawValue, x: Base64URL.encode(key.x), y: Base64URL.encode(key.y))
        }
    }
}
