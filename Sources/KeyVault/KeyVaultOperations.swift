// KeyVault: the data-plane operation table (keyvault-spec.md §2.5, §4.3).

import ServiceCore

extension KeyVaultService {
    /// Every keys operation this version serves: routes, authorization and handler, as data.
    ///
    /// Routing relies on ServiceCore's `PathTemplate`: literals match case-insensitively
    /// (`wrapkey` = `wrapKey`), empty segments are dropped (`/keys/k1/` = `/keys/k1`,
    /// `/keys/k1//sign` = `/keys/k1/sign`, both "latest version"), and a literal beats a
    /// parameter (`/keys/{name}/versions` wins over `/keys/{name}/{version}`, and `restore`,
    /// `backup`, `rotate`, `rotationpolicy`, `attestation` likewise). An operation with an empty
    /// `dataAction` is not authorized by the pipeline (it answers every caller alike).
    public static let operations: [KeyOperation] = [
        KeyOperation(name: "createKey", method: "POST", paths: ["/keys/{name}/create"],
                     dataAction: "Microsoft.KeyVault/vaults/keys/create/action", accessPolicyPermission: "create",
                     scope: .key) { service, request, vault in try service.createKey(request, in: vault) },
        KeyOperation(name: "getKey", method: "GET", paths: ["/keys/{name}", "/keys/{name}/{version}"],
                     dataAction: "Microsoft.KeyVault/vaults/keys/read", accessPolicyPermission: "get",
                     scope: .key) { service, request, vault in try service.getKey(request, in: vault) },
        KeyOperation(name: "updateKey", method: "PATCH", paths: ["/keys/{name}", "/keys/{name}/{version}"],
                     dataAction: "Microsoft.KeyVault/vaults/keys/update/action", accessPolicyPermission: "update",
                     scope: .key) { service, request, vault in try service.updateKey(request, in: vault) },
        KeyOperation(name: "listKeys", method: "GET", paths: ["/keys"],
                     dataAction: "Microsoft.KeyVault/vaults/keys/read", accessPolicyPermission: "list",
                     scope: .vault) { service, request, vault in try service.listKeys(request, in: vault) },
        KeyOperation(name: "listKeyVersions", method: "GET", paths: ["/keys/{name}/versions"],
                     dataAction: "Microsoft.KeyVault/vaults/keys/read", accessPolicyPermission: "list",
                     scope: .key) { service, request, vault in try service.listKeyVersions(request, in: vault) },
        cryptoOperation(.encrypt, path: "encrypt", action: "encrypt"),
        cryptoOperation(.decrypt, path: "decrypt", action: "decrypt"),
        cryptoOperation(.wrapKey, path: "wrapkey", action: "wrap"),
        cryptoOperation(.unwrapKey, path: "unwrapkey", action: "unwrap"),
        cryptoOperation(.sign, path: "sign", action: "sign"),
        cryptoOperation(.verify, path: "verify", action: "verify"),
        KeyOperation(name: "importKey", method: "PUT", paths: ["/keys/{name}"],
                     dataAction: "Microsoft.KeyVault/vaults/keys/import/action", accessPolicyPermission: "import",
                     scope: .key) { service, request, vault in try service.importKey(request, in: vault) },
        KeyOperation(name: "deleteKey", method: "DELETE", paths: ["/keys/{name}"],
                     dataAction: "Microsoft.KeyVault/vaults/keys/delete", accessPolicyPermission: "delete",
                     scope: .key) { service, request, vault in try service.deleteKey(request, in: vault) },
        KeyOperation(name: "getDeletedKey", method: "GET", paths: ["/deletedkeys/{name}"],
                     dataAction: "Microsoft.KeyVault/vaults/keys/read", accessPolicyPermission: "get",
                     scope: .key) { service, request, vault in try service.getDeletedKey(request, in: vault) },
        KeyOperation(name: "listDeletedKeys", method: "GET", paths: ["/deletedkeys"],
                     dataAction: "Microsoft.KeyVault/vaults/keys/read", accessPolicyPermission: "list",
                     scope: .vault) { service, request, vault in try service.listDeletedKeys(request, in: vault) },
        KeyOperation(name: "recoverDeletedKey", method: "POST", paths: ["/deletedkeys/{name}/recover"],
                     dataAction: "Microsoft.KeyVault/vaults/keys/recover/action", accessPolicyPermission: "recover",
                     scope: .key) { service, request, vault in try service.recoverDeletedKey(request, in: vault) },
        KeyOperation(name: "purgeDeletedKey", method: "DELETE", paths: ["/deletedkeys/{name}"],
                     dataAction: "Microsoft.KeyVault/vaults/keys/purge/action", accessPolicyPermission: "purge",
                     scope: .key) { service, request, vault in try service.purgeDeletedKey(request, in: vault) },
        KeyOperation(name: "backupKey", method: "POST", paths: ["/keys/{name}/backup"],
                     dataAction: "Microsoft.KeyVault/vaults/keys/backup/action", accessPolicyPermission: "backup",
                     scope: .key) { service, request, vault in try service.backupKey(request, in: vault) },
        KeyOperation(name: "restoreKey", method: "POST", paths: ["/keys/restore"],
                     dataAction: "Microsoft.KeyVault/vaults/keys/restore/action", accessPolicyPermission: "restore",
                     scope: .vault) { service, request, vault in try service.restoreKey(request, in: vault) },
        KeyOperation(name: "release", method: "POST", paths: ["/keys/{name}/{version}/release", "/keys/{name}/release"],
                     dataAction: "Microsoft.KeyVault/vaults/keys/release/action", accessPolicyPermission: "release",
                     scope: .key) { service, request, vault in try service.releaseKey(request, in: vault) },
        KeyOperation(name: "rotateKey", method: "POST", paths: ["/keys/{name}/rotate"],
                     dataAction: "Microsoft.KeyVault/vaults/keys/rotate/action", accessPolicyPermission: "rotate",
                     scope: .key) { service, request, vault in try service.rotateKey(request, in: vault) },
        KeyOperation(name: "getKeyRotationPolicy", method: "GET", paths: ["/keys/{name}/rotationpolicy"],
                     dataAction: "Microsoft.KeyVault/vaults/keyrotationpolicies/read", accessPolicyPermission: "getrotationpolicy",
                     scope: .key) { service, request, vault in try service.getRotationPolicy(request, in: vault) },
        KeyOperation(name: "updateKeyRotationPolicy", method: "PUT", paths: ["/keys/{name}/rotationpolicy"],
                     dataAction: "Microsoft.KeyVault/vaults/keyrotationpolicies/write", accessPolicyPermission: "setrotationpolicy",
                     scope: .key) { service, request, vault in try service.setRotationPolicy(request, in: vault) },
        KeyOperation(name: "getKeyAttestation", method: "GET", paths: ["/keys/{name}/{version}/attestation", "/keys/{name}/attestation"],
                     dataAction: "Microsoft.KeyVault/vaults/keys/read", accessPolicyPermission: "get",
                     scope: .key) { service, request, vault in try service.getKeyAttestation(request, in: vault) },
        // Managed HSM only: no data action exists for a vault, so no caller is authorized or
        // refused; every request gets the service's 400 (RandomBytes.swift).
        KeyOperation(name: "getRandomBytes", method: "POST", paths: ["/rng"],
                     dataAction: "", accessPolicyPermission: "",
                     scope: .vault) { service, request, vault in try service.getRandomBytes(request, in: vault) },
    ]

    /// `POST /keys/{name}/{version}/{path}` and `POST /keys/{name}/{path}` (latest version);
    /// authorized as `keys/{action}/action` or the access-policy permission named like the JWK op.
    private static func cryptoOperation(_ operation: KeyOperationName, path: String, action: String) -> KeyOperation {
        KeyOperation(name: operation.rawValue, method: "POST",
                     paths: ["/keys/{name}/{version}/\(path)", "/keys/{name}/\(path)"],
                     dataAction: "Microsoft.KeyVault/vaults/keys/\(action)/action", accessPolicyPermission: operation.rawValue,
                     scope: .key) { service, request, vault in try service.perform(operation, request, in: vault) }
    }
}
