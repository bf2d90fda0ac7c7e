// HTTPServer: one bound, listening TCP socket, shared by every event loop.

import Foundation

/// Owns one listening socket descriptor: non-blocking, close-on-exec, SO_REUSEADDR, TCP_NODELAY
/// (inherited by accepted sockets on Linux, so responses are not held back waiting for delayed
/// ACKs), IPV6_V6ONLY on IPv6 sockets so "127.0.0.1" and "::1" can share a port.
final class ListeningSocket: @unchecked Sendable {
    /// Why binding one address failed: `unavailable` when the machine lacks the address or family.
    struct BindFailure: Error {
        let error: HTTPServerError
        let unavailable: Bool
        let inUse: Bool
    }

    let address: String
    let port: Int
    private(set) var descriptor: Int32

    /// Binds `address` (numeric IPv4 or IPv6) on `port` (0 = any free port) and listens.
    init(address: String, port: Int) throws(BindFailure) {
        self.address = address
        (descriptor, self.port) = try ListeningSocket.open(address: address, port: port)
    }

    /// Creates, configures, binds and listens; closes the descriptor itself on any failure.
    private static func open(address: String, port: Int) throws(BindFailure) -> (Int32, Int) {
        var storage = sockaddr_storage()
        let length: socklen_t
        let family: Int32
        var ipv4 = in_addr(), ipv6 = in6_addr()
        if inet_pton(AF_INET, address, &ipv4) == 1 {
            family = AF_INET
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            withUnsafeMutableBytes(of: &storage) { raw in
                var socketAddress = sockaddr_in()
                socketAddress.sin_family = sa_family_t(AF_INET)
                socketAddress.sin_port = in_port_t(UInt16(port).bigEndian)
                socketAddress.sin_addr = ipv4
                raw.storeBytes(of: socketAddress, as: sockaddr_in.self)
            }
        } else if inet_pton(AF_INET6, address, &ipv6) == 1 {
            family = AF_INET6
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            withUnsafeMutableBytes(of: &storage) { raw in
                var socketAddress = sockaddr_in6()
                socketAddress.sin6_family = sa_family_t(AF_INET6)
                socketAddress.sin6_port = in_port_t(UInt16(port).bigEndian)
                socketAddress.sin6_addr = ipv6
                raw.storeBytes(of: socketAddress, as: sockaddr_in6.self)
            }
        } else {
            throw BindFailure(error: HTTPServerError("\(address) is not a numeric IP address"), unavailable: false, inUse: false)
        }

        let descriptor = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else {
            let code = errno
            throw BindFailure(error: .system("cannot create a socket for \(address)", errno: code),
                              unavailable: code == EAFNOSUPPORT, inUse: false)
        }
        var succeeded = false
        defer { if !succeeded { _ = Foundation.close(descriptor) } }

        var on: Int32 = 1
        let onSize = socklen_t(MemoryLayout<Int32>.size)
        // SO_REUSEADDR lets a restarted server rebind while old connections sit in TIME_WAIT.
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &on, onSize)
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, onSize)
        if family == AF_INET6 {
            setsockopt(descriptor, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &on, onSize)
        }
        let flags = fcntl(descriptor, F_GETFL)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)

        let bound = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else {
            let code = errno
            throw BindFailure(error: .system("cannot bind \(display(address, port))", errno: code),
                              unavailable: code == EADDRNOTAVAIL || code == EAFNOSUPPORT, inUse: code == EADDRINUSE)
        }
        guard listen(descriptor, SOMAXCONN) == 0 else {
            let code = errno
            throw BindFailure(error: .system("cannot listen on \(display(address, port))", errno: code),
                              unavailable: false, inUse: code == EADDRINUSE)
        }
        // getsockname reports the port the kernel chose when `port` was 0.
        var actual = sockaddr_storage()
        var actualLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &actualLength) }
        }
        guard named == 0 else {
            throw BindFailure(error: .system("getsockname failed for \(address)", errno: errno), unavailable: false, inUse: false)
        }
        let networkPort = withUnsafeBytes(of: &actual) { raw in
            family == AF_INET ? raw.load(as: sockaddr_in.self).sin_port : raw.load(as: sockaddr_in6.self).sin6_port
        }
        succeeded = true
        return (descriptor, Int(UInt16(bigEndian: networkPort)))
    }

    /// Closes the descriptor; the loops must no longer watch it (their evhttp freed first).
    func close() {
        guard descriptor >= 0 else { return }
        _ = Foundation.close(descriptor)
        descriptor = -1
    }

    deinit { close() }

    static func display(_ address: String, _ port: Int) -> String {
        address.contains(":") ? "[\(address)]:\(port)" : "\(address):\(port)"
    }
}
