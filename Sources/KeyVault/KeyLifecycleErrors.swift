// KeyVault: the error catalogue of soft delete, backup/restore, rotation, release and the Managed HSM-only routes.

import ServiceCore

/// Errors of the key lifecycle (keyvault-spec.md §2.6, §2.11). Messages marked "observed" are the
/// service's; the others are the emulator's choice, listed in docs/keys.md.
extension ServiceError {
    // MARK: Soft delete

    /// Create, import or restore onto a soft-deleted name (observed).
    public static func keyIsDeletedButRecoverable(name: String) -> ServiceError {
        ServiceError(.conflict, code: "Conflict",
                     message: "Key \(name) is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the key can only be recovered or purged.",
                     innerCode: "ObjectIsDeletedButRecoverable")
    }

    /// Deleted-key routes for a name that is not in the deleted state (observed).
    public static func deletedKeyNotFound(name: String) -> ServiceError {
        ServiceError(.notFound, code: "KeyNotFound", message: "Deleted Key not found: \(name)")
    }

    /// Purge on a vault with purge protection (observed, with the vault suffix).
    public static func purgeProtected(vaultName: String, location: String) -> ServiceError {
        ServiceError(.forbidden, code: "Forbidden",
                     message: "Operation \"purge\" is not allowed because purge protection is enabled for this vault. Key Vault service will automatically purge it after the retention period has passed.\r\nVault: \(vaultName);location=\(location)")
    }

    // MARK: Backup and restore

    /// Restore onto a name an active key holds (409 as the service; message ours).
    static func keyAlreadyExists(name: String) -> ServiceError {
        ServiceError(.conflict, code: "Conflict",
                     message: "A key with (name/id) \(name) already exists in this key vault; a backup can only be restored under a name no key holds.")
    }

    /// A restore `value` that is not a backup this emulator made, or was altered.
    static func backupBlobInvalid() -> ServiceError {
        badParameter("The backup blob is invalid or corrupted: it was not produced by this emulator's backup operation, or it was altered.")
    }

    /// A backup made in another subscription (Azure restores only within the subscription).
    static func backupFromAnotherSubscription() -> ServiceError {
        badParameter("The backup blob was made in another subscription; a key backup can only be restored into a vault of the same subscription.")
    }

    // MARK: Rotation policy

    static func invalidRotationPolicy(_ reason: String) -> ServiceError {
        badParameter("The key rotation policy is not valid: \(reason)")
    }

    // MARK: Exportable keys and release (observed texts where noted)

    /// `exportable: true` on a standard vault or before 7.3 (observed).
    static func exportableNeedsPremium() -> ServiceError {
        badParameter("AKV.SKR.1001: The exportable attribute is only supported with premium vaults and API version >= '7.3-preview'.")
    }

    /// `exportable: true` without a release policy (observed).
    static func exportableNeedsReleasePolicy() -> ServiceError {
        badParameter("Exportable keys must have release policy")
    }

    /// A release policy on a key that is not exportable (observed).
    static func releasePolicyNeedsExportable() -> ServiceError {
        badParameter("AKV.SKR.1005: Non-exportable keys must not have release policy")
    }

    /// Update that tries to change `exportable` (observed).
    static func exportableIsImmutable() -> ServiceError {
        badParameter("AKV.SKR.1014: Cannot modify the exportable state of a key.")
    }

    /// Release of a key that is not exportable: every key of a standard vault.
    static func keyNotExportable(name: String) -> ServiceError {
        badParameter("Key \(name) is not exportable: only exportable keys with a key release policy (premium vaults) can be released.")
    }

    // MARK: Managed HSM-only routes

    /// `POST /rng` on a key vault (status observed, message ours).
    static func randomBytesNeedManagedHSM() -> ServiceError {
        badParameter("Get random bytes is only supported by Managed HSM; a key vault does not serve it.")
    }

    /// `count` outside 1...128 (observed).
    static func randomBytesCountOutOfRange() -> ServiceError {
        badParameter("GetRandomBytesRequest: count cannot be greater than 128 or less than 1")
    }

    /// Key attestation of a key vault key (attestation is a Managed HSM feature).
    static func attestationNeedsManagedHSM(name: String) -> ServiceError {
        badParameter("Key attestation is only supported for keys in a Managed HSM; key \(name) is in a key vault.")
    }

    /// A route that the request's api-version does not have.
    static func operationNeedsAPIVersion(_ operation: String, minimum: String, given: String) -> ServiceError {
        badParameter("The operation \(operation) requires api-version \(minimum) or later; the request uses \(given).")
    }
}
