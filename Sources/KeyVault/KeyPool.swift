// KeyVault: a small background pool of pre-generated RSA keys, so bursts of creates and rotations are fast.

import Dispatch
import Synchronization
import VaultCrypto

/// RSA key generation takes 100-300 ms for 2048 bits here (seconds for 4096). The pool keeps up
/// to `depth` keys per size ready, each made by the same `RSAKey.generate(bits:publicExponent:)`
/// a create would call, handed out once and never kept: results do not change, only when the
/// work happens. One serial background queue per size refills it after every take.
///
/// Sizes in `warm` fill as soon as ``start()`` is called; the other sizes start filling at their
/// first request (a 4096-bit key costs seconds of CPU, so nothing is spent on sizes nobody uses).
/// An empty pool never blocks: `take` returns `nil` and the caller generates inline.
///
/// ```swift
/// let pool = RSAKeyPool(depth: 4)
/// pool.start()
/// let key = pool.take(bits: 2048) ?? (try RSAKey.generate(bits: 2048))
/// ```
public final class RSAKeyPool: Sendable {
    private struct State {
        var ready: [Int: [RSAKey]] = [:]
        var filling: Set<Int> = []
        var active: Set<Int> = []
        var running = false
    }

    /// Keys kept ready per size.
    public let depth: Int
    /// Sizes filled from ``start()``.
    public let warm: [Int]
    private let state = Mutex(State())
    private let queues: [Int: DispatchQueue]

    /// - Parameters:
    ///   - depth: keys kept ready per size; 0 disables the pool (every `take` is `nil`).
    ///   - sizes: the RSA sizes the pool may serve.
    ///   - warm: sizes filled at start, before any request asks.
    public init(depth: Int, sizes: [Int] = [2048, 3072, 4096], warm: [Int] = [2048]) {
        self.depth = max(0, depth)
        self.warm = warm.filter(sizes.contains)
        var queues: [Int: DispatchQueue] = [:]
        for bits in sizes { queues[bits] = DispatchQueue(label: "keyvault.rsa-pool.\(bits)", qos: .utility) }
        self.queues = queues
    }

    /// Starts filling the warm sizes.
    public func start() {
        let sizes = state.withLock { state -> [Int] in
            state.running = depth > 0
            guard state.running else { return [] }
            state.active.formUnion(warm)
            return warm
        }
        sizes.forEach(scheduleRefill)
    }

    /// Stops refilling, waits for a generation in progress to end (the process may exit right
    /// after, and OpenSSL's exit-time cleanup must not run under a thread still inside it), and
    /// drops the keys held.
    public func stop() {
        state.withLock { $0.running = false }
        for queue in queues.values { queue.sync {} }
        state.withLock { $0.ready.removeAll() }
    }

    /// A ready key of `bits` bits, or `nil` (empty, stopped, or a size the pool does not serve).
    /// Either way the size's refill is scheduled.
    func take(bits: Int) -> RSAKey? {
        guard queues[bits] != nil else { return nil }
        let key = state.withLock { state -> RSAKey? in
            guard state.running else { return nil }
            state.active.insert(bits)
            return state.ready[bits]?.popLast()
        }
        scheduleRefill(bits)
        return key
    }

    /// Keys ready now for `bits`.
    public func available(bits: Int) -> Int { state.withLock { $0.ready[bits]?.count ?? 0 } }

    private func scheduleRefill(_ bits: Int) {
        guard let queue = queues[bits] else { return }
        let schedule = state.withLock { state -> Bool in
            guard state.running, state.active.contains(bits), !state.filling.contains(bits),
                  (state.ready[bits]?.count ?? 0) < depth else { return false }
            state.filling.insert(bits)
            return true
        }
        if schedule { queue.async { self.fill(bits) } }
    }

    /// Generates keys (outside the lock) until the size holds `depth` or the pool stops.
    private func fill(_ bits: Int) {
        while true {
            let needed = state.withLock { state -> Bool in
                let needed = state.running && (state.ready[bits]?.count ?? 0) < depth
                if !needed { state.filling.remove(bits) }
                return needed
            }
            guard needed else { return }
            guard let key = try? RSAKey.generate(bits: bits, publicExponent: KeyLimits.rsaPublicExponent) else {
                state.withLock { _ = $0.filling.remove(bits) }
                return
            }
            state.withLock { state in
                if state.running { state.ready[bits, default: []].append(key) }
            }
        }
    }
}
