// HTTPServer: what the server listens on, its TLS material and its limits.

import Foundation

/// Settings for one `HTTPSServer`.
///
/// ```swift
/// var configuration = HTTPSServerConfiguration(certificateChainPEM: chain, privateKeyPEM: key)
/// configuration.port = 8443
/// configuration.loops = 2
/// ```
public struct HTTPSServerConfiguration: Sendable {
    /// Numeric IP addresses to listen on, all on the same port. An address the machine does not
    /// have (e.g. "::1" with IPv6 disabled) is skipped with a line on stderr.
    public var addresses: [String] = ["127.0.0.1", "::1"]
    /// The port for every address; 0 picks a free port (returned by `start()`).
    public var port: Int = 0
    /// PEM certificates: the server certificate first, then its intermediates (optional).
    public var certificateChainPEM: String
    /// PEM private key of the server certificate (PKCS#8, PKCS#1 or SEC1).
    public var privateKeyPEM: String
    /// Event loop threads, each accepting on every listening socket.
    public var loops: Int = ProcessInfo.processInfo.activeProcessorCount
    /// Longest request body passed to the handler; longer ones get a 400 BadParameter answer.
    public var maxBodyBytes: Int = 1 << 20

    public init(certificateChainPEM: String, privateKeyPEM: String,
                addresses: [String] = ["127.0.0.1", "::1"], port: Int = 0,
                loops: Int = ProcessInfo.processInfo.activeProcessorCount, maxBodyBytes: Int = 1 << 20) {
        self.certificateChainPEM = certificateChainPEM
        self.privateKeyPEM = privateKeyPEM
        self.addresses = addresses
        self.port = port
        self.loops = loops
        self.maxBodyBytes = maxBodyBytes
    }

    /// Rejects settings that cannot work before any socket is opened.
    func validate() throws {
        guard !addresses.isEmpty else { throw HTTPServerError("no listening address configured") }
        guard (0...65535).contains(port) else { throw HTTPServerError("port \(port) is outside 0...65535") }
        guard loops >= 1 else { throw HTTPServerError("loops must be at least 1, got \(loops)") }
        guard maxBodyBytes >= 0 else { throw HTTPServerError("maxBodyBytes must not be negative") }
    }

    /// The cap libevent enforces itself (answering 413 and closing): well above `maxBodyBytes`, so a
    /// body slightly over the limit still reaches the server, which answers Azure's 400 instead.
    var transportBodyLimit: Int {
        let scaled = maxBodyBytes.multipliedReportingOverflow(by: 4)
        return max(scaled.overflow ? Int.max : scaled.partialValue, 8 << 20)
    }
}
