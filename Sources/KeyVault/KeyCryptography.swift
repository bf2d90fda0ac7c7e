// KeyVault: encrypt, decrypt, wrapKey, unwrapKey, sign and verify with the service's check order.

import Foundation
import ServiceCore
import VaultCrypto

/// The decoded body of a crypto operation (keyvault-spec.md §2.9 step 7).
struct KeyCryptoInput: Sendable {
    var algorithm: String
    /// Plaintext, ciphertext, key to wrap, wrapped key, digest to sign, or signature to verify.
    var value: Data
    /// The digest of a verify request.
    var digest: Data?

    init(_ operation: KeyOperationName, request: ServiceRequest) throws {
        if operation == .verify {
            let body = try request.decodeBody(KeyVerifyParameters.self)
            algorithm = body.alg
            guard let digest = Base64URL.decode(body.digest) else { throw ServiceError.notBase64URL("digest") }
            guard let value = Base64URL.decode(body.value) else { throw ServiceError.notBase64URL("value") }
            self.digest = digest
            self.value = value
        } else {
            let body = try request.decodeBody(KeyOperationParameters.self)
            algorithm = body.alg
            guard let value = Base64URL.decode(body.value) else { throw ServiceError.notBase64URL("value") }
            self.value = value
        }
    }
}

extension KeyVaultService {
    /// `POST /keys/{name}[/{version}]/{operation}`. Checks, in the order of keyvault-spec.md §2.9
    /// steps 6-11 (the pipeline did 1-5): the key exists (404), the body is well formed (400),
    /// the key is enabled, inside its nbf/exp window (encrypt, wrapKey and sign only) and allows
    /// the operation in `key_ops` (403), then the algorithm fits the key and the lengths fit the
    /// algorithm (400). Sign and verify take the digest as given and never hash it again.
    func perform(_ operation: KeyOperationName, _ request: ServiceRequest, in vault: VaultInfo) throws -> ServiceResponse {
        let record = try existingKey(request.parameter("name"), version: request.parameter("version"), in: vault)
        let input = try KeyCryptoInput(operation, request: request)
        if let refusal = record.refusal(of: operation, at: request.context.now) { throw refusal.error(for: operation) }
        let material = try material(of: record, in: vault)
        guard let algorithm = KeyAlgorithm.resolve(input.algorithm, for: operation, on: material) else {
            throw ServiceError.unsupportedAlgorithm(input.algorithm, operation: operation.rawValue, keyType: record.keyType.rawValue,
                                                    supported: KeyAlgorithm.supported(for: operation, on: material))
        }
        let kid = record.kid(origin: request.context.origin)
        switch (operation, algorithm, material) {
        case (.encrypt, .rsaEncryption(let padding), .rsa(let key)), (.wrapKey, .rsaEncryption(let padding), .rsa(let key)):
            let limit = KeyAlgorithm.maximumPlaintext(padding, modulusBytes: Self.modulusBytes(key))
            guard input.value.count <= limit else {
                throw ServiceError.plaintextTooLong(actual: input.value.count, algorithm: input.algorithm, keyBits: key.bits, maximum: limit)
            }
            return .json(KeyOperationResultWire(kid: kid, value: Base64URL.encode(try key.encrypt(input.value, padding: padding))))

        case (.decrypt, .rsaEncryption(let padding), .rsa(let key)), (.unwrapKey, .rsaEncryption(let padding), .rsa(let key)):
            let length = Self.modulusBytes(key)
            guard input.value.count == length else {
                throw ServiceError.invalidValueLength(property: "value", actual: input.value.count, algorithm: input.algorithm, required: length)
            }
            let plaintext: Data
            do { plaintext = try key.decrypt(input.value, padding: padding) } catch is CryptoError {
                throw ServiceError.decryptionFailed(algorithm: input.algorithm)
            }
            return .json(KeyOperationResultWire(kid: kid, value: Base64URL.encode(plaintext)))

        case (.sign, .rsaSignature(let hash, let padding), .rsa(let key)):
            try Self.checkDigest(input.value, property: "value", hash: hash, algorithm: input.algorithm)
            return .json(KeyOperationResultWire(kid: kid, value: Base64URL.encode(try key.sign(digest: input.value, hash: hash, padding: padding))))

        case (.verify, .rsaSignature(let hash, let padding), .rsa(let key)):
            let digest = input.digest ?? Data()
            try Self.checkDigest(digest, property: "digest", hash: hash, algorithm: input.algorithm)
            return .json(KeyVerifyResultWire(value: key.verify(signature: input.value, digest: digest, hash: hash, padding: padding)))

        case (.sign, .ecSignature(let hash), .ec(let key)):
            try Self.checkDigest(input.value, property: "value", hash: hash, algorithm: input.algorithm)
            return .json(KeyOperationResultWire(kid: kid, value: Base64URL.encode(try key.sign(digest: input.value))))

        case (.verify, .ecSignature(let hash), .ec(let key)):
            let digest = input.digest ?? Data()
            try Self.checkDigest(digest, property: "digest", hash: hash, algorithm: input.algorithm)
            return .json(KeyVerifyResultWire(value: key.verify(signature: input.value, digest: digest)))

        default:
            // `resolve` only returns algorithms that fit the operation and the material.
            throw ServiceError.unsupportedAlgorithm(input.algorithm, operation: operation.rawValue, keyType: record.keyType.rawValue,
                                                    supported: KeyAlgorithm.supported(for: operation, on: material))
        }
    }

    /// Bytes of the modulus, which is also the length of every ciphertext and signature.
    private static func modulusBytes(_ key: RSAKey) -> Int { (key.bits + 7) / 8 }

    /// A digest must have its hash's length: 32, 48 or 64 bytes (message as the service's).
    private static func checkDigest(_ digest: Data, property: String, hash: HashAlgorithm, algorithm: String) throws {
        guard digest.count == hash.digestLength else {
            throw ServiceError.invalidValueLength(property: property, actual: digest.count, algorithm: algorithm, required: hash.digestLength)
        }
    }
}

extension KeyRefusal {
    /// The 403 for this refusal of `operation`.
    func error(for operation: KeyOperationName) -> ServiceError {
        switch self {
        case .disabled: ServiceError.keyDisabled(operation: operation.rawValue)
        case .expired: ServiceError.keyExpired(operation: operation.rawValue)
        case .notYetValid: ServiceError.keyNotYetValid(operation: operation.rawValue)
        case .operationNotPermitted: ServiceError.keyOperationForbidden(operation: operation.rawValue)
        }
    }
}
