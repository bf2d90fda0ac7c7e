// KeyVault: the data-plane operation table (keyvault-spec.md §2.5, §4.3).

import ServiceCore

extension KeyVaultService {
    /// Every keys operation this version serves: routes, authorization and handler, as data.
    ///
    /// Routing relies on ServiceCore's `PathTemplate`: literals match case-insensitively
    /// (`wrapkey` = `wrapKey`), empty segments are dropped (`/keys/k1/` = `/keys/k1`,
    /// `/keys/k1//sign` = `/keys/k1/sign`, both "latest version"), and a literal beats a
    /// parameter (`/keys/{name}/versions` wins over `/keys/{name}/{version}`).
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
