// HTTPServerTests: requests from curl reach the handler intact and responses arrive intact.

import Foundation
import XCTest
@testable import HTTPServer

final class HTTPSServerExchangeTests: XCTestCase {
    private var live: LiveServer!

    override func setUpWithError() throws { live = try LiveServer.start() }
    override func tearDown() {
        live?.server.stop()
        live = nil
    }

    private let target = "/keys/a%20b//sign?api-version=7.4&%24skiptoken=a%2Bb"

    func testEveryMethodReachesTheHandlerWithRawPathDecodedQueryHeadersAndBody() throws {
        for method in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
            let body = Data("{\"value\":\"\(method) body ü\"}".utf8)
            var arguments = ["-X", method, "-H", "X-Custom-Header: value \(method)", "-H", "Content-Type: application/json"]
            if method != "GET" { arguments += ["--data-binary", "@" + Curl.bodyFile(body)] }
            let response = try live.curl(arguments + [live.url("kv1.vault.localhost", target)])

            XCTAssertEqual(response.exitCode, 0, response.trace)
            XCTAssertEqual(response.statusLine, "HTTP/1.1 201 Created", method)
            XCTAssertEqual(response.headers["x-echo-method"], method)
            XCTAssertEqual(response.headers["content-type"], "application/json; charset=utf-8")
            XCTAssertEqual(response.bodyText, "echo \(method) /keys/a%20b//sign")
            XCTAssertEqual(response.headers["content-length"], String(response.body.count))

            let request = try XCTUnwrap(live.recorder.last)
            XCTAssertEqual(request.method, method)
            XCTAssertEqual(request.host, "kv1.vault.localhost:\(live.port)")
            XCTAssertEqual(request.path, "/keys/a%20b//sign")
            XCTAssertEqual(request.query, ["api-version": "7.4", "$skiptoken": "a+b"])
            XCTAssertEqual(request.headers["x-custom-header"], "value \(method)")
            XCTAssertEqual(request.headers["X-CUSTOM-HEADER"], "value \(method)")
            XCTAssertEqual(request.headers["Content-Type"], "application/json")
            XCTAssertEqual(request.body, method == "GET" ? Data() : body)
            XCTAssertTrue(["127.0.0.1", "::1"].contains(request.remoteAddress), request.remoteAddress)
            XCTAssertEqual(request.localPort, live.port)
        }
        XCTAssertEqual(live.recorder.count, 5)
    }

    func testHeadAnswersHeadersWithoutBodySoThePipelinedNextResponseFollowsDirectly() throws {
        // Raw TLS so the bytes on the wire are visible: a body after the HEAD response would
        // appear before the second status line.
        let script = """
            import socket, ssl, sys
            port, ca = int(sys.argv[1]), sys.argv[2]
            context = ssl.create_default_context(cafile=ca)
            with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
                with context.wrap_socket(raw, server_hostname="localhost") as tls:
                    tls.sendall(b"HEAD /h HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n"
                                b"GET /after HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n")
                    answer = b""
                    while True:
                        chunk = tls.recv(65536)
                        if not chunk: break
                        answer += chunk
            sys.stdout.write(answer.decode("latin-1"))
            """
        let result = try Command.python(script, [String(live.port), live.fixture.caFile])
        XCTAssertEqual(result.status, 0, result.standardErrorText)
        let parts = result.standardOutputText.components(separatedBy: "\r\n\r\n")
        XCTAssertEqual(parts.count, 3, result.standardOutputText)
        XCTAssertTrue(parts[0].hasPrefix("HTTP/1.1 201 Created\r\n"), parts[0])
        XCTAssertTrue(parts[0].contains("Content-Length: \("echo HEAD /h".utf8.count)"), parts[0])
        XCTAssertTrue(parts[1].hasPrefix("HTTP/1.1 201 Created\r\n"), parts[1])
        XCTAssertEqual(parts.last, "echo GET /after")
        XCTAssertEqual(live.recorder.all.map(\.method), ["HEAD", "GET"])
    }

    func testResponseHeadersStatusAndFramingComeFromTheHandlersValue() throws {
        live.server.stop()
        live = try LiveServer.start { request in
            switch request.path {
            case "/empty": HTTPResponse(status: 204, headers: [("Content-Length", "99")])
            case "/teapot": HTTPResponse(status: 418, body: Data("short".utf8))
            default: HTTPResponse(status: 409, headers: [("X-One", "1"), ("x-ms-request-id", "abc"), ("Content-Length", "7"),
                                                         ("Bad", "line\r\nInjected: yes")],
                                  body: Data("conflict!".utf8))
            }
        }
        let conflict = try live.curl([live.url("localhost", "/x")])
        XCTAssertEqual(conflict.statusLine, "HTTP/1.1 409 Conflict")
        XCTAssertEqual(conflict.headers["x-one"], "1")
        XCTAssertEqual(conflict.headers["x-ms-request-id"], "abc")
        XCTAssertEqual(conflict.headers["content-length"], "9")   // the handler's wrong value is ignored
        XCTAssertNil(conflict.headers["injected"])
        XCTAssertNil(conflict.headers["content-type"])            // no libevent default content type
        XCTAssertNotNil(conflict.headers["date"])
        XCTAssertEqual(conflict.bodyText, "conflict!")

        let empty = try live.curl([live.url("localhost", "/empty")])
        XCTAssertEqual(empty.statusLine, "HTTP/1.1 204 No Content")
        XCTAssertNil(empty.headers["content-length"])
        XCTAssertEqual(empty.body, Data())

        let teapot = try live.curl([live.url("localhost", "/teapot")])
        XCTAssertEqual(teapot.status, 418)
        XCTAssertEqual(teapot.bodyText, "short")
    }

    func testTLS12AndTLS13BothNegotiate() throws {
        let tls12 = try live.curl(["--tlsv1.2", "--tls-max", "1.2", live.url()])
        XCTAssertEqual(tls12.status, 201, tls12.trace)
        XCTAssertTrue(tls12.trace.contains("SSL connection using TLSv1.2"), tls12.trace)
        let tls13 = try live.curl(["--tlsv1.3", live.url()])
        XCTAssertEqual(tls13.status, 201, tls13.trace)
        XCTAssertTrue(tls13.trace.contains("SSL connection using TLSv1.3"), tls13.trace)
    }

    func testTheServerSendsTheIntermediateSoOnlyTheRootIsTrusted() throws {
        // The fixture's CA file holds the root only; verification succeeds only with the chain.
        let response = try live.curl([live.url("localhost", "/")])
        XCTAssertEqual(response.exitCode, 0, response.trace)
        XCTAssertTrue(response.trace.contains("SSL certificate verify ok"), response.trace)
    }

    func testSamePortAnswersOnIPv4AndIPv6Loopback() throws {
        let v4 = try live.curl([live.url("127.0.0.1")])
        XCTAssertEqual(v4.status, 201, v4.trace)
        XCTAssertEqual(live.recorder.last?.remoteAddress, "127.0.0.1")
        XCTAssertEqual(live.recorder.last?.host, "127.0.0.1:\(live.port)")
        try XCTSkipUnless(LiveServer.hasIPv6Loopback, "no IPv6 loopback on this machine")
        let v6 = try live.curl([live.url("[::1]")])
        XCTAssertEqual(v6.status, 201, v6.trace)
        XCTAssertEqual(live.recorder.last?.remoteAddress, "::1")
        XCTAssertEqual(live.recorder.last?.host, "[::1]:\(live.port)")
        XCTAssertEqual(live.recorder.last?.localPort, live.port)
    }

    func testKeepAliveReusesTheConnection() throws {
        let response = try live.curl([live.url("localhost", "/first"), live.url("localhost", "/second")])
        XCTAssertEqual(response.exitCode, 0, response.trace)
        XCTAssertTrue(response.trace.contains("Re-using existing connection"), response.trace)
        XCTAssertEqual(live.recorder.all.map(\.path), ["/first", "/second"])
    }

    func testParallelRequestsAcrossLoopsAllAnswer() throws {
        let urls = (0..<40).map { live.url("localhost", "/p\($0)") }
        let response = try live.curl(["--parallel", "--parallel-max", "8"] + urls)
        XCTAssertEqual(response.exitCode, 0, response.trace)
        XCTAssertEqual(Set(live.recorder.all.map(\.path)), Set((0..<40).map { "/p\($0)" }))
    }
}
