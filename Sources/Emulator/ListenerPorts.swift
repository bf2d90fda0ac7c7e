// Emulator: the ports the listeners got, known only once they are bound.

import Synchronization

/// The main listener's port and the private-endpoint listener's, if any. Written at start-up,
/// read by the vault URI builder and by the data plane (which listener accepted a request).
final class ListenerPorts: Sendable {
    private let ports = Mutex<(main: Int, privateEndpoint: Int?)>((0, nil))

    var main: Int {
        get { ports.withLock { $0.main } }
        set { ports.withLock { $0.main = newValue } }
    }

    var privateEndpoint: Int? {
        get { ports.withLock { $0.privateEndpoint } }
        set { ports.withLock { $0.privateEndpoint = newValue } }
    }

    /// Every bound port.
    var all: [Int] { ports.withLock { [$0.main] + ($0.privateEndpoint.map { [$0] } ?? []) }.filter { $0 != 0 } }

    /// True when `port` is the private-endpoint listener's.
    func isPrivateEndpoint(_ port: Int) -> Bool {
        ports.withLock { $0.privateEndpoint.map { $0 == port && port != 0 } ?? false }
    }
}
