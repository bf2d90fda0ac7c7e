// KeyVault: parsed private keys kept in memory between requests.

import Synchronization

/// Parsed key material by (vault, key name, version), so sign/decrypt/get do not parse PKCS#8
/// DER on every request. Material of a version never changes, but entries are dropped whenever
/// the key's rows are written or deleted, so a cache entry never outlives its row.
///
/// ```swift
/// let material = try cache.material(vault: "kv1", nameLower: "k1", version: v) { try loadFromStore() }
/// ```
final class KeyMaterialCache: Sendable {
    struct Entry: Hashable, Sendable {
        let vault: String
        let nameLower: String
        let version: String
    }

    /// Bound on entries; when reached the cache starts over (keys are re-parsed on demand).
    private let capacity: Int
    private let entries = Mutex<[Entry: KeyMaterial]>([:])

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The cached material, or `load()`'s result (parsed outside the lock, then remembered).
    func material(vault: String, nameLower: String, version: String, load: () throws -> KeyMaterial) throws -> KeyMaterial {
        let entry = Entry(vault: vault, nameLower: nameLower, version: version)
        if let cached = entries.withLock({ $0[entry] }) { return cached }
        let loaded = try load()
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[entry] = loaded
        }
        return loaded
    }

    /// Stores material just generated or imported, so the first use does not parse DER.
    func remember(_ material: KeyMaterial, vault: String, nameLower: String, version: String) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[Entry(vault: vault, nameLower: nameLower, version: version)] = material
        }
    }

    /// Forgets every version of one key.
    func invalidate(vault: String, nameLower: String) {
        entries.withLock { entries in entries = entries.filter { !($0.key.vault == vault && $0.key.nameLower == nameLower) } }
    }

    /// Forgets every key of a vault.
    func invalidate(vault: String) {
        entries.withLock { entries in entries = entries.filter { $0.key.vault != vault } }
    }

    var count: Int { entries.withLock { $0.count } }
}
