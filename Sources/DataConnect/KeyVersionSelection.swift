// DataConnect: which version of the tenant key a run encrypts with.

import Foundation

/// The version used is the latest one that is enabled and inside its `nbf`..`exp` window at the
/// emulator's time (absent `nbf`/`exp` leave that side open). Our choice where Data Connect is
/// silent (dataconnect-spec.md §5.3); after a rotation the next run uses the new version, and older
/// drops keep naming the version they were made with.
///
/// The current version (`GET /keys/{name}`) is the latest by definition, so it is taken when usable;
/// otherwise the versions list is read and the newest usable one (by `created`, then by id) is
/// fetched. When no version is usable the current one is returned, and `KeyRequirements` names
/// what is wrong with it (disabled, expired, not yet valid).
///
/// ```swift
/// let bundle = try KeyVersionSelection.select(client: client, vault: vault, name: tenantId, now: now)
/// ```
public enum KeyVersionSelection {
    public static func select(client: VaultClient, vault: URLOrigin, name: String, now: Date) throws -> VaultKeyBundle {
        let current = try client.getKey(vault: vault, name: name)
        let seconds = Int64(now.timeIntervalSince1970.rounded(.down))
        let attributes = current.attributes
        if isUsable(enabled: attributes?.enabled, nbf: attributes?.nbf, exp: attributes?.exp, at: seconds) { return current }
        let currentVersion = current.key.kid.flatMap(KeyIdentifier.init)?.version
        let candidates = try client.listKeyVersions(vault: vault, name: name).compactMap { item -> (KeyIdentifier, Int64)? in
            guard let id = KeyIdentifier(item.kid), id.version != currentVersion,
                  isUsable(enabled: item.attributes?.enabled, nbf: item.attributes?.nbf, exp: item.attributes?.exp, at: seconds) else { return nil }
            return (id, item.attributes?.created ?? 0)
        }
        guard let newest = candidates.max(by: { ($0.1, $0.0.version) < ($1.1, $1.0.version) }) else { return current }
        return try client.getKey(vault: vault, name: name, version: newest.0.version)
    }

    /// Enabled (absent counts as Key Vault's default, true) and `nbf <= now < exp`.
    static func isUsable(enabled: Bool?, nbf: Int64?, exp: Int64?, at seconds: Int64) -> Bool {
        (enabled ?? true) && (nbf.map { $0 <= seconds } ?? true) && (exp.map { seconds < $0 } ?? true)
    }
}
