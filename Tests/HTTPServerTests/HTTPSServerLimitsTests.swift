// HTTPServerTests: the body limit and hostile input on the socket.

import Foundation
import XCTest
@testable import HTTPServer

final class HTTPSServerLimitsTests: XCTestCase {
    private var live: LiveServer!

    override func setUpWithError() throws { live = try LiveServer.start() }
    override func tearDown() {
        live?.server.stop()
        live = nil
    }

    func testBodyOneByteOverTheLimitGetsAzureBadParameterWithoutCallingTheHandler() throws {
        let limit = 1 << 20
        let response = try live.curl(["-X", "POST", "--data-binary", "@" + Curl.bodyFile(Data(repeating: 0x61, count: limit + 1)),
                                      live.url("kv1.vault.localhost", "/keys/k/encrypt")])
        XCTAssertEqual(response.statusLine, "HTTP/1.1 400 Bad Request", response.trace)
        XCTAssertEqual(response.headers["content-type"], "application/json; charset=utf-8")
        XCTAssertEqual(response.bodyText,
                       #"{"error":{"code":"BadParameter","message":"The request body is larger than the maximum of 1048576 bytes."}}"#)
        XCTAssertEqual(live.recorder.count, 0)
    }

    func testBodyExactlyAtTheLimitReachesTheHandler() throws {
        let body = Data((0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let response = try live.curl(["-X", "PUT", "--data-binary", "@" + Curl.bodyFile(body), live.url()])
        XCTAssertEqual(response.status, 201, response.trace)
        XCTAssertEqual(live.recorder.last?.body, body)
    }

    func testConfiguredLimitIsTheOneReportedAnd3000BytesPass() throws {
        live.server.stop()
        live = try LiveServer.start(maxBodyBytes: 2999)
        let small = Data(repeating: 0x62, count: 2999)
        XCTAssertEqual(try live.curl(["--data-binary", "@" + Curl.bodyFile(small), live.url()]).status, 201)
        XCTAssertEqual(live.recorder.last?.body.count, 2999)
        let over = try live.curl(["--data-binary", "@" + Curl.bodyFile(Data(repeating: 0x62, count: 3000)), live.url()])
        XCTAssertEqual(over.status, 400)
        XCTAssertTrue(over.bodyText.contains("larger than the maximum of 2999 bytes."), over.bodyText)
        XCTAssertEqual(live.recorder.count, 1)
    }

    func testBody3000BytesUnderTheDefaultLimitWorks() throws {
        let body = Data((0..<3000).map { UInt8(truncatingIfNeeded: $0) })
        let response = try live.curl(["-X", "PATCH", "--data-binary", "@" + Curl.bodyFile(body), live.url()])
        XCTAssertEqual(response.status, 201, response.trace)
        XCTAssertEqual(live.recorder.last?.body, body)
        XCTAssertEqual(live.recorder.last?.headers["Content-Length"], "3000")
    }

    func testBodyBeyondTheTransportCapIsRefusedByLibeventAndTheServerLives() throws {
        // 8 MiB + 1 exceeds max(4 x 1 MiB, 8 MiB): libevent refuses before reading the body.
        let response = try live.curl(["-X", "POST", "--data-binary", "@" + Curl.bodyFile(Data(count: (8 << 20) + 1)), live.url()])
        XCTAssertNotEqual(response.status, 201)
        XCTAssertEqual(live.recorder.count, 0)
        XCTAssertEqual(try live.curl([live.url()]).status, 201)
    }

    func testGarbageOverTLSAndPlainTextDoNotHurtTheServer() throws {
        let script = """
            import socket, ssl, sys
            port, ca = int(sys.argv[1]), sys.argv[2]
            context = ssl.create_default_context(cafile=ca)
            with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
                with context.wrap_socket(raw, server_hostname="localhost") as tls:
                    tls.sendall(b"NOT HTTP\\r\\n\\r\\n")
                    answer = b""
                    try:
                        while True:
                            chunk = tls.recv(4096)
                            if not chunk: break
                            answer += chunk
                    except (ssl.SSLError, ConnectionResetError, socket.timeout):
                        pass
                    print("tls:" + answer.split(b"\\r\\n")[0].decode("latin-1"))
            with socket.create_connection(("127.0.0.1", port), timeout=5) as plain:
                plain.sendall(b"GET / HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n")
                answer = b""
                try:
                    while True:
                        chunk = plain.recv(4096)
                        if not chunk: break
                        answer += chunk
                except (ConnectionResetError, socket.timeout) as error:
                    answer += repr(error).encode()
                print("plain:" + ("http" if b"HTTP/" in answer else "closed"))
            """
        let result = try Command.python(script, [String(live.port), live.fixture.caFile])
        XCTAssertEqual(result.status, 0, result.standardErrorText)
        XCTAssertTrue(result.standardOutputText.contains("tls:HTTP/1.1 400 Bad Request"), result.standardOutputText)
        XCTAssertTrue(result.standardOutputText.contains("plain:closed"), result.standardOutputText)
        XCTAssertEqual(live.recorder.count, 0)
        let after = try live.curl([live.url()])
        XCTAssertEqual(after.status, 201, after.trace)
        XCTAssertEqual(live.recorder.count, 1)
    }
}
