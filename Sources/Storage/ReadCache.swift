// Storage: a read cache that stays valid while the database has not changed.

import Synchronization

/// Memoizes values read from a `Database`, dropping them all as soon as its ``Database/generation``
/// moves (any committed or rolled-back write). Correct without per-table invalidation, because
/// one process owns the database; effective because the hot paths (token, vault and role lookups
/// of a data-plane request) only read.
///
/// ```swift
/// let vaults = ReadCache<String, VaultRecord?>(database: db)
/// let vault = try vaults.value(for: name) { try store.vault(named: name) }
/// ```
public final class ReadCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct State {
        var generation: UInt64 = .max
        var values: [Key: Value] = [:]
    }

    private let database: Database
    private let limit: Int
    private let state = Mutex(State())

    /// `limit` bounds the entries kept for one generation.
    public init(database: Database, limit: Int = 4096) {
        self.database = database
        self.limit = limit
    }

    /// The cached value for `key`, or `load()`'s result, remembered for this generation.
    public func value(for key: Key, load: () throws -> Value) rethrows -> Value {
        // The generation is read before the data: a write that lands in between moves it, so the
        // value stored below can never outlive the state it was read from.
        let generation = database.generation
        if let hit = state.withLock({ $0.generation == generation ? $0.values[key] : nil }) { return hit }
        let loaded = try load()
        state.withLock { cache in
            if cache.generation != generation {
                guard generation > cache.generation || cache.generation == .max else { return }
                cache = State(generation: generation, values: [:])
            }
            if cache.values.count >= limit { cache.values.removeAll(keepingCapacity: true) }
            cache.values[key] = loaded
        }
        return loaded
    }
}
