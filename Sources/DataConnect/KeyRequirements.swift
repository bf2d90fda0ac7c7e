// DataConnect: the checks a tenant key must pass before the agent encrypts with it.

import Foundation
import VaultCrypto

/// Why a tenant key cannot be used (Data Connect's rules, keyvault-spec.md §7 MG1-MG3).
public enum KeyRequirementViolation: Error, Sendable, Equatable, CustomStringConvertible {
    /// `kty` is not `RSA` or `RSA-HSM`.
    case notRSA(keyType: String)
    /// The modulus is not exactly 2048 bits.
    case wrongSize(bits: Int)
    /// `attributes.enabled` is false.
    case disabled
    /// `attributes.exp` is absent.
    case missingExpiry
    /// `now < attributes.nbf` (seconds since 1970).
    case notYetValid(notBefore: Int64)
    /// `now >= attributes.exp` (seconds since 1970).
    case expired(expiry: Int64)
    /// The key bundle lacks a usable `kid`, `n` or `e`.
    case unusable(String)

    /// The name of the failed check, as the run report shows it.
    public var check: String {
        switch self {
        case .notRSA: return "key type"
        case .wrongSize: return "key size"
        case .disabled: return "enabled"
        case .missingExpiry: return "expiration date"
        case .notYetValid: return "activation date"
        case .expired: return "expiration date"
        case .unusable: return "public key"
        }
    }

    public var description: String {
        switch self {
        case .notRSA(let type): return "the key type is \(type), not RSA"
        case .wrongSize(let bits): return "the key is \(bits) bits, not 2048"
        case .disabled: return "the key is disabled"
        case .missingExpiry: return "the key has no expiration date"
        case .notYetValid(let nbf): return "the key is not valid before \(RowTime.text(seconds: nbf))"
        case .expired(let exp): return "the key expired at \(RowTime.text(seconds: exp))"
        case .unusable(let problem): return "the key cannot be used: \(problem)"
        }
    }
}

/// A tenant key that passed every check, with its public half loaded for local encryption.
public struct CheckedTenantKey: @unchecked Sendable {
    public let identifier: KeyIdentifier
    public let publicKey: RSAKey
}

/// Data Connect's key requirements, checked in the order a person would fix them: type, size,
/// enabled, expiry set, then the validity window at `now`.
///
/// ```swift
/// let key = try KeyRequirements.check(bundle, now: Date())   // throws KeyRequirementViolation
/// ```
public enum KeyRequirements {
    public static let requiredModulusBytes = 256

    public static func check(_ bundle: VaultKeyBundle, now: Date) throws -> CheckedTenantKey {
        guard let kid = bundle.key.kid, let identifier = KeyIdentifier(kid) else {
            throw KeyRequirementViolation.unusable("the key identifier (kid) is missing or not a versioned key id")
        }
        let type = bundle.key.kty ?? "(none)"
        guard type == "RSA" || type == "RSA-HSM" else { throw KeyRequirementViolation.notRSA(keyType: type) }
        guard let n = bundle.key.n.flatMap(Base64URL.decode), let e = bundle.key.e.flatMap(Base64URL.decode),
              !e.isEmpty else {
            throw KeyRequirementViolation.unusable("the public modulus (n) or exponent (e) is missing or not base64url")
        }
        // 256 bytes once leading zero bytes are dropped, with the top bit set: exactly 2048 bits.
        let modulus = Data(n.drop { $0 == 0 })
        let bits = bitLength(of: modulus)
        guard modulus.count == requiredModulusBytes, bits == requiredModulusBytes * 8 else {
            throw KeyRequirementViolation.wrongSize(bits: bits)
        }
        let attributes = bundle.attributes ?? VaultKeyBundle.Attributes(enabled: nil)
        // Key Vault always reports `enabled`; an absent value is its default, true.
        guard attributes.enabled ?? true else { throw KeyRequirementViolation.disabled }
        guard let exp = attributes.exp else { throw KeyRequirementViolation.missingExpiry }
        let seconds = Int64(now.timeIntervalSince1970.rounded(.down))
        if let nbf = attributes.nbf, seconds < nbf { throw KeyRequirementViolation.notYetValid(notBefore: nbf) }
        guard seconds < exp else { throw KeyRequirementViolation.expired(expiry: exp) }
        do {
            let key = try RSAKey(modulus: modulus, exponent: e)
            return CheckedTenantKey(identifier: identifier, publicKey: key)
        } catch {
            throw KeyRequirementViolation.unusable("the public key (n, e) does not load as an RSA key")
        }
    }

    /// Bits of an unsigned big-endian integer without leading zero bytes.
    static func bitLength(of bytes: Data) -> Int {
        guard let first = bytes.first else { return 0 }
        return (bytes.count - 1) * 8 + (8 - first.leadingZeroBitCount)
    }
}
