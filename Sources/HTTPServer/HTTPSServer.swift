// HTTPServer: the HTTPS server's lifecycle: bind, start the loops, stop and join them.

import Foundation

/// An HTTPS/1.1 server: TLS 1.2/1.3 over libevent's evhttp and OpenSSL bufferevents, one event
/// loop per thread, all loops accepting on the same listening sockets, keep-alive connections.
///
/// The handler runs synchronously on the loop thread that read the request; a slow handler holds
/// up the other connections of that loop. The handler must not call `stop()` (it would wait for
/// its own thread).
///
/// ```swift
/// let configuration = HTTPSServerConfiguration(certificateChainPEM: chain, privateKeyPEM: key)
/// let server = try HTTPSServer(configuration: configuration) { request in
///     HTTPResponse(status: 200, headers: [("Content-Type", "text/plain")], body: Data(request.path.utf8))
/// }
/// let port = try server.start()     // e.g. 41873, on 127.0.0.1 and ::1
/// server.stop()
/// ```
public final class HTTPSServer: @unchecked Sendable {
    private let configuration: HTTPSServerConfiguration
    private let handler: @Sendable (HTTPRequest) -> HTTPResponse
    private let tls: TLSContext
    /// Serializes start() and stop(); guards `running`.
    private let lifecycle = NSLock()
    private var running: Running?

    /// What a started server holds until `stop()`.
    private struct Running {
        let sockets: [ListeningSocket]
        let loops: [EventLoop]
    }

    /// Checks the configuration and loads the TLS material; opens no socket yet.
    /// Throws `HTTPServerError` for a bad configuration, unreadable PEM or a key not matching the certificate.
    public init(configuration: HTTPSServerConfiguration,
                handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse) throws {
        try configuration.validate()
        self.configuration = configuration
        self.handler = handler
        self.tls = try TLSContext(certificateChainPEM: configuration.certificateChainPEM,
                                  privateKeyPEM: configuration.privateKeyPEM)
    }

    deinit { stop() }

    /// Binds every address on one port (0 = any free), starts the loops and returns the port.
    /// Throws when already running, when no address can be bound, or when libevent setup fails.
    public func start() throws -> Int {
        lifecycle.lock()
        defer { lifecycle.unlock() }
        guard running == nil else { throw HTTPServerError("the server is already running") }

        let sockets = try bindAll()
        let port = sockets[0].port
        let dispatch = RequestDispatch(handler: handler, maxBodyBytes: configuration.maxBodyBytes, localPort: port)
        var loops: [EventLoop] = []
        do {
            for _ in 0..<configuration.loops {
                let loop = try EventLoop(tls: tls, dispatch: dispatch,
                                         transportBodyLimit: configuration.transportBodyLimit)
                loops.append(loop)
                for socket in sockets { try loop.accept(on: socket) }
            }
        } catch {
            loops.forEach { $0.close() }
            sockets.forEach { $0.close() }
            throw error
        }
        for (index, loop) in loops.enumerated() { loop.start(name: "https-loop-\(index)") }
        running = Running(sockets: sockets, loops: loops)
        return port
    }

    /// Stops accepting, lets each loop finish the callback it is in, joins the loop threads, then
    /// closes open connections and the listening sockets. A second call does nothing.
    public func stop() {
        lifecycle.lock()
        defer { lifecycle.unlock() }
        guard let running else { return }
        self.running = nil
        running.loops.forEach { $0.requestExit() }
        running.loops.forEach { $0.join() }
        // Loops first: evhttp_free releases their listeners before the shared descriptors close.
        running.loops.forEach { $0.close() }
        running.sockets.forEach { $0.close() }
    }

    /// Binds the configured addresses, the first bindable one on the configured port and the
    /// others on the port it got. Addresses the machine lacks are skipped with a line on stderr.
    /// With port 0, a later address finding the chosen port taken starts over on a new port.
    private func bindAll() throws -> [ListeningSocket] {
        let attempts = configuration.port == 0 ? 8 : 1
        var skipped: [String] = []
        for attempt in 1...attempts {
            var sockets: [ListeningSocket] = []
            var port = configuration.port
            var collided = false
            skipped = []
            for address in configuration.addresses {
                do {
                    let socket = try ListeningSocket(address: address, port: port)
                    sockets.append(socket)
                    port = socket.port
                } catch {
                    if error.unavailable {
                        skipped.append(error.error.reason)
                        continue
                    }
                    sockets.forEach { $0.close() }
                    if error.inUse && !sockets.isEmpty && attempt < attempts {
                        collided = true
                        break
                    }
                    throw error.error
                }
            }
            if collided { continue }
            guard !sockets.isEmpty else {
                throw HTTPServerError("no address could be bound: \(skipped.joined(separator: "; "))")
            }
            for reason in skipped {
                FileHandle.standardError.write(Data("HTTPSServer: skipping an address: \(reason)\n".utf8))
            }
            return sockets
        }
        throw HTTPServerError("no common free port for \(configuration.addresses.joined(separator: ", "))")
    }
}
