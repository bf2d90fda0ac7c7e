// HTTPServerTests: a started server whose handler records every request it sees.

import Foundation
import HTTPServer
import Synchronization

/// Requests the handler received, in order, safe to read from the test thread.
final class RequestRecorder: Sendable {
    private let requests = Mutex<[HTTPRequest]>([])

    func record(_ request: HTTPRequest) { requests.withLock { $0.append(request) } }
    var all: [HTTPRequest] { requests.withLock { $0 } }
    var count: Int { requests.withLock { $0.count } }
    var last: HTTPRequest? { requests.withLock { $0.last } }
}

/// One running server for a test; `stop()` in tearDown.
struct LiveServer {
    let server: HTTPSServer
    let port: Int
    let recorder: RequestRecorder
    let fixture: TLSFixture

    /// Starts a server on port 0 with two loops. The default handler answers
    /// 201 Created, "X-Echo-Method: <method>", JSON content type and body "echo <method> <path>".
    static func start(maxBodyBytes: Int = 1 << 20, addresses: [String] = ["127.0.0.1", "::1"],
                      handler: (@Sendable (HTTPRequest) -> HTTPResponse)? = nil) throws -> LiveServer {
        let fixture = try TLSFixture.load()
        let recorder = RequestRecorder()
        let answer = handler ?? { request in
            HTTPResponse(status: 201,
                         headers: [("X-Echo-Method", request.method), ("Content-Type", "application/json; charset=utf-8")],
                         body: Data("echo \(request.method) \(request.path)".utf8))
        }
        let configuration = HTTPSServerConfiguration(certificateChainPEM: fixture.chainPEM, privateKeyPEM: fixture.keyPEM,
                                                     addresses: addresses, port: 0, loops: 2, maxBodyBytes: maxBodyBytes)
        let server = try HTTPSServer(configuration: configuration) { request in
            recorder.record(request)
            return answer(request)
        }
        let port = try server.start()
        return LiveServer(server: server, port: port, recorder: recorder, fixture: fixture)
    }

    func url(_ host: String = "kv1.vault.localhost", _ pathAndQuery: String = "/") -> String {
        "https://\(host):\(port)\(pathAndQuery)"
    }

    func curl(_ arguments: [String]) throws -> CurlResponse { try Curl.send(arguments, fixture: fixture) }

    /// Whether this machine has an IPv6 loopback address (/proc/net/if_inet6 lists ::1).
    static var hasIPv6Loopback: Bool {
        guard let table = FileManager.default.contents(atPath: "/proc/net/if_inet6") else { return false }
        return String(decoding: table, as: UTF8.self).contains("00000000000000000000000000000001")
    }
}
