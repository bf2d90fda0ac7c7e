// KeyVault: the data-plane error catalogue (keyvault-spec.md §2.11).

import ServiceCore

/// Every error the keys service answers with. Handlers never pick a status or write a code by
/// hand: 400 is always `BadParameter`, 404 `KeyNotFound`, and a 403 state refusal is `Forbidden`
/// with the reason in `innererror.code`.
///
/// ```swift
/// throw ServiceError.keyNotFound(name: "k1")          // 404 KeyNotFound
/// throw ServiceError.keyDisabled(operation: "sign")    // 403 Forbidden / KeyDisabled
/// ```
extension ServiceError {
    // MARK: 400 BadParameter

    /// Any malformed or unsupported request value; `message` says which and why (never key bytes).
    public static func badParameter(_ message: String) -> ServiceError {
        ServiceError(.badRequest, code: "BadParameter", message: message)
    }

    /// The request has no `api-version` query parameter (the service has no default).
    public static func missingAPIVersion() -> ServiceError {
        badParameter("The api-version query parameter is required.")
    }

    /// The `api-version` is not one of ``KeyVaultService/supportedAPIVersions`` (message as Azure's).
    public static func unknownAPIVersion(_ version: String) -> ServiceError {
        badParameter("The specified version (\(version)) is not recognized. Consider using the latest supported version (\(KeyVaultService.latestAPIVersion)).")
    }

    static func invalidKeyName(_ name: String) -> ServiceError {
        badParameter("The key name '\(name)' is not valid: it must be 1 to 127 characters, letters, digits and '-' only.")
    }

    static func unsupportedKeyType(_ kty: String) -> ServiceError {
        badParameter("The key type '\(kty)' is not valid. Supported key types: RSA, RSA-HSM, EC, EC-HSM.")
    }

    /// `oct` / `oct-HSM` exist only in Managed HSM.
    static func symmetricKeysNeedManagedHSM(_ kty: String) -> ServiceError {
        badParameter("The key type '\(kty)' is only supported by Managed HSM, not by a key vault.")
    }

    static func hsmKeysNeedPremium(_ kty: String, vault: String) -> ServiceError {
        badParameter("The key type '\(kty)' requires a premium vault; vault '\(vault)' uses the standard tier.")
    }

    static func unsupportedKeySize(_ size: Int) -> ServiceError {
        badParameter("The key size \(size) is not supported. Supported sizes: 2048, 3072, 4096.")
    }

    static func unsupportedPublicExponent(_ exponent: Int) -> ServiceError {
        badParameter("The public exponent \(exponent) is not supported. Supported public exponent: 65537.")
    }

    static func unsupportedCurve(_ curve: String) -> ServiceError {
        badParameter("The curve '\(curve)' is not supported. Supported curves: P-256, P-384, P-521, P-256K.")
    }

    static func invalidKeyOperation(_ operation: String) -> ServiceError {
        badParameter("The key operation '\(operation)' is not valid. Valid key operations: \(KeyOperationName.allCases.map(\.rawValue).joined(separator: ", ")).")
    }

    static func tooManyTags(_ count: Int) -> ServiceError {
        badParameter("A key can have at most \(KeyLimits.maxTags) tags; the request has \(count).")
    }

    static func tagTooLong(_ what: String) -> ServiceError {
        badParameter("Tag \(what) must be at most \(KeyLimits.maxTagLength) characters.")
    }

    static func notBase64URL(_ property: String) -> ServiceError {
        badParameter("The value of property '\(property)' is not valid base64url.")
    }

    /// Unknown algorithm, or one that does not fit the operation or the key.
    static func unsupportedAlgorithm(_ alg: String, operation: String, keyType: String, supported: [String]) -> ServiceError {
        let allowed = supported.isEmpty
            ? "Keys of type \(keyType) support no algorithm for \(operation)."
            : "Supported algorithms: \(supported.joined(separator: ", "))."
        return badParameter("The algorithm '\(alg)' is not valid for operation \(operation) on a key of type \(keyType). \(allowed)")
    }

    /// A digest (or ciphertext) whose length does not fit the algorithm (message as Azure's for digests).
    static func invalidValueLength(property: String, actual: Int, algorithm: String, required: Int) -> ServiceError {
        badParameter("Invalid length of '\(property)': \(actual) bytes. \(algorithm) requires \(required) bytes, encoded with base64url.")
    }

    static func plaintextTooLong(actual: Int, algorithm: String, keyBits: Int, maximum: Int) -> ServiceError {
        badParameter("Invalid length of 'value': \(actual) bytes. \(algorithm) with a \(keyBits)-bit key accepts at most \(maximum) bytes.")
    }

    static func decryptionFailed(algorithm: String) -> ServiceError {
        badParameter("The value could not be decrypted with \(algorithm) by this key.")
    }

    static func invalidMaxResults(_ value: String) -> ServiceError {
        badParameter("The value '\(value)' of maxresults is not valid: it must be an integer from 1 to \(KeyPage.maximumSize).")
    }

    static func invalidSkipToken() -> ServiceError {
        badParameter("The $skiptoken is not valid; use the nextLink of a previous page.")
    }

    // MARK: 403 Forbidden (state of the key)

    /// Crypto operation on a key with `enabled: false`.
    public static func keyDisabled(operation: String) -> ServiceError {
        ServiceError(.forbidden, code: "Forbidden", message: "Operation \(operation) is not allowed on a disabled key.", innerCode: "KeyDisabled")
    }

    /// encrypt / wrapKey / sign after `exp`. Azure documents the 403 but not its inner code; the
    /// emulator names it `KeyExpired` (keyvault-spec.md §2.9 step 9).
    public static func keyExpired(operation: String) -> ServiceError {
        ServiceError(.forbidden, code: "Forbidden", message: "Operation \(operation) is not allowed on an expired key.", innerCode: "KeyExpired")
    }

    /// encrypt / wrapKey / sign before `nbf`; inner code `KeyNotYetValid` is the emulator's choice.
    public static func keyNotYetValid(operation: String) -> ServiceError {
        ServiceError(.forbidden, code: "Forbidden", message: "Operation \(operation) is not allowed on a key that is not yet valid.", innerCode: "KeyNotYetValid")
    }

    /// The operation is not in the key's `key_ops`.
    public static func keyOperationForbidden(operation: String) -> ServiceError {
        ServiceError(.forbidden, code: "Forbidden", message: "Operation \(operation) is not permitted on this key.", innerCode: "KeyOperationForbidden")
    }

    // MARK: 404

    /// Unknown key name or version (message as Azure's).
    public static func keyNotFound(name: String) -> ServiceError {
        ServiceError(.notFound, code: "KeyNotFound", message: "A key with (name/id) \(name) was not found in this key vault. If you recently deleted this key you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182")
    }

    // MARK: 500

    /// A stored row the service cannot read back (reported as a bare internal failure).
    static func storedKeyUnreadable() -> ServiceError {
        ServiceError(.internalFailure, code: "InternalError", message: "A stored key could not be read.")
    }

    // MARK: 501

    /// A feature Azure has that this emulator version does not (fails loudly rather than ignoring it).
    public static func keyFeatureNotImplemented(_ feature: String) -> ServiceError {
        ServiceError(.notImplemented, code: "NotImplemented", message: "\(feature) not supported by this emulator version yet.")
    }
}
