// ServiceCore: the injected clock.

import Foundation
import Synchronization

/// Where every service reads the time. Requests capture `now()` once at their start
/// (``OperationContext/now``) and use that value for every nbf/exp/rotation decision.
public protocol Clock: Sendable {
    func now() -> Date
}

/// The machine's wall clock.
public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that runs with the machine but can be shifted (the emulator's admin `clock` API), or
/// frozen at a fixed instant (tests).
public final class AdjustableClock: Clock {
    private struct State { var offset: TimeInterval; var frozenAt: Date? }
    private let state: Mutex<State>
    private let base: any Clock

    public init(base: any Clock = SystemClock(), offset: TimeInterval = 0, frozenAt: Date? = nil) {
        self.base = base
        self.state = Mutex(State(offset: offset, frozenAt: frozenAt))
    }

    public func now() -> Date {
        state.withLock { s in s.frozenAt ?? base.now().addingTimeInterval(s.offset) }
    }

    /// Seconds added to the base clock.
    public var offset: TimeInterval {
        get { state.withLock { $0.offset } }
        set { state.withLock { $0.offset = newValue } }
    }

    /// Moves the clock forward (or back, with a negative value).
    public func advance(by seconds: TimeInterval) {
        state.withLock { s in
            if let f = s.frozenAt { s.frozenAt = f.addingTimeInterval(seconds) } else { s.offset += seconds }
        }
    }

    /// Stops the clock at `date`; `nil` lets it run again (keeping the offset).
    public func freeze(at date: Date?) { state.withLock { $0.frozenAt = date } }
}

extension Date {
    /// Whole seconds since 1970, as Key Vault and JWTs write times.
    public var unixSeconds: Int64 { Int64(timeIntervalSince1970.rounded(.down)) }

    public init(unixSeconds: Int64) { self.init(timeIntervalSince1970: TimeInterval(unixSeconds)) }

    /// ISO 8601 with fractional seconds and `Z`, as ARM writes `createdOn` and `systemData` times.
    public var iso8601: String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: self)
    }
}
