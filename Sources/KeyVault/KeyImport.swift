// KeyVault: import key — a private JWK (RSA or EC) stored as a new version (keyvault-spec.md §2.6).

import Foundation
import ServiceCore
import VaultCrypto

/// JsonWebKey as a client sends it to import (private members included; `kid` is ignored).
struct JsonWebKeyInput: Decodable, Sendable {
    var kty: String
    var keyOps: [String]?
    var n, e, d, dp, dq, p, q, qi: String?
    var k, keyHSM: String?
    var crv, x, y: String?

    enum CodingKeys: String, CodingKey {
        case kty, keyOps = "key_ops", n, e, d, dp, dq, p, q, qi, k, keyHSM = "key_hsm", crv, x, y
    }
}

/// KeyImportParameters (`Hsm` with a capital H, as on the wire).
struct KeyImportParameters: Decodable, Sendable {
    var hsm: Bool?
    var key: JsonWebKeyInput
    var attributes: KeyAttributesInput?
    var tags: [String: String]?
    var hasReleasePolicy: Bool

    enum CodingKeys: String, CodingKey { case hsm = "Hsm", key, attributes, tags, releasePolicy = "release_policy" }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        hsm = try c.decodeIfPresent(Bool.self, forKey: .hsm)
        key = try c.decode(JsonWebKeyInput.self, forKey: .key)
        attributes = try c.decodeIfPresent(KeyAttributesInput.self, forKey: .attributes)
        tags = try c.decodeIfPresent([String: String].self, forKey: .tags)
        hasReleasePolicy = try c.contains(.releasePolicy) && !c.decodeNil(forKey: .releasePolicy)
    }
}

extension KeyVaultService {
    /// `PUT /keys/{name}`: a new key, or a new current version, from a private JWK. `Hsm: true`
    /// or an `*-HSM` kty stores an HSM key (premium vaults only); `oct` is Managed HSM only;
    /// RSA needs every private member (n, e, d, p, q, dp, dq, qi) and 2048/3072/4096 bits, EC
    /// needs crv, x, y, d, and the parts must form one key. `key_ops` default by type. The
    /// answer, like create's, carries the public parts only.
    func importKey(_ request: ServiceRequest, in vault: VaultInfo) throws -> ServiceResponse {
        let name = request.parameter("name")
        guard KeyLimits.isValidName(name) else { throw ServiceError.invalidKeyName(name) }
        try refuseDeletedName(name, in: vault, request: request)
        let body = try request.decodeBody(KeyImportParameters.self)
        let jwk = body.key
        guard let given = KeyType(rawValue: jwk.kty) else { throw ServiceError.unsupportedKeyType(jwk.kty) }
        if given == .oct || given == .octHSM { throw ServiceError.symmetricKeysNeedManagedHSM(jwk.kty) }
        let keyType = given.protected(body.hsm == true || given.isHSM)
        if keyType.isHSM && !vault.isPremium { throw ServiceError.hsmKeysNeedPremium(keyType.rawValue, vault: vault.name) }
        if jwk.keyHSM != nil { throw ServiceError.keyFeatureNotImplemented("Bring-your-own-key import (key_hsm transfer blobs) is") }

        let material = try Self.importedMaterial(jwk, rsa: keyType.isRSA)
        let operations = try jwk.keyOps.map(KeyLimits.parse(operations:)) ?? keyType.defaultOperations
        try ExportRules.checkNewKey(exportable: body.attributes?.exportable, hasReleasePolicy: body.hasReleasePolicy,
                                    vault: vault, features: request.features)
        let tags = body.tags ?? [:]
        try KeyLimits.validate(tags: tags)

        let now = request.context.now.unixSeconds
        var keySize: Int?
        var curve: String?
        switch material {
        case .rsa(let key): keySize = key.bits
        case .ec(let key): curve = key.curve.rawValue
        }
        let record = KeyVersionRecord(
            name: name, version: Self.newVersion(), keyType: keyType, keySize: keySize, curve: curve, operations: operations,
            enabled: body.attributes?.enabled ?? true, notBefore: body.attributes?.nbf, expires: body.attributes?.exp,
            created: now, updated: now, tags: tags)
        let stored = try store.insertVersion(vault: vault.storageName, record: record, privateKey: try material.pkcs8DER())
        cache.invalidate(vault: vault.storageName, nameLower: stored.nameLower)
        cache.remember(material, vault: vault.storageName, nameLower: stored.nameLower, version: stored.version)
        return .json(try bundle(of: stored, in: vault, for: request))
    }

    /// The private key a JWK describes; 400 naming the member that is missing or malformed, or
    /// saying that the members do not form a key.
    private static func importedMaterial(_ jwk: JsonWebKeyInput, rsa: Bool) throws -> KeyMaterial {
        func member(_ value: String?, _ name: String) throws -> Data {
            guard let value else { throw ServiceError.badParameter("The JSON Web Key lacks '\(name)', which importing a private \(rsa ? "RSA" : "EC") key requires.") }
            guard let data = Base64URL.decode(value), !data.isEmpty else { throw ServiceError.notBase64URL("key.\(name)") }
            return data
        }
        if rsa {
            let key: RSAKey
            do {
                key = try RSAKey(modulus: try member(jwk.n, "n"), publicExponent: try member(jwk.e, "e"), privateExponent: try member(jwk.d, "d"),
                                 prime1: try member(jwk.p, "p"), prime2: try member(jwk.q, "q"), exponent1: try member(jwk.dp, "dp"),
                                 exponent2: try member(jwk.dq, "dq"), coefficient: try member(jwk.qi, "qi"))
            } catch is CryptoError {
                throw ServiceError.badParameter("The JSON Web Key is not a valid RSA private key: its members do not form one key.")
            }
            guard KeyLimits.rsaKeySizes.contains(key.bits) else { throw ServiceError.unsupportedKeySize(key.bits) }
            return .rsa(key)
        }
        guard let name = jwk.crv else { throw ServiceError.badParameter("The JSON Web Key lacks 'crv', which importing an EC key requires.") }
        guard let curve = ECCurve(rawValue: name) else { throw ServiceError.unsupportedCurve(name) }
        let x = try member(jwk.x, "x"), y = try member(jwk.y, "y"), d = try member(jwk.d, "d")
        do {
            return .ec(try ECKey(curve: curve, x: x, y: y, d: d))
        } catch is CryptoError {
            throw ServiceError.badParameter("The JSON Web Key is not a valid \(curve.rawValue) private key: the point is not on the curve or does not match 'd'.")
        }
    }
}
