// HTTPClientTests: methods, bodies, headers, statuses, TLS trust and failures against a live HTTPS server.

import Foundation
import HTTPClient
import Synchronization
import XCTest

final class HTTPClientTests: XCTestCase {
    nonisolated(unsafe) private static var server: EchoServer!

    override class func setUp() {
        super.setUp()
        do { server = try EchoServer() } catch { XCTFail("cannot start echo server: \(error)") }
    }

    override class func tearDown() {
        server?.stop()
        server = nil
        super.tearDown()
    }

    private var base: String { "https://localhost:\(Self.server.port)" }
    private var client: HTTPClient { HTTPClient(caFile: Self.server.caFile, timeoutSeconds: 10) }

    func testEveryMethodReachesTheServerWithItsBody() throws {
        let client = client
        for method in ["GET", "DELETE"] {
            let response = try client.send(method, base + "/things/1?api-version=7.4")
            XCTAssertEqual(response.status, 200)
            let echo = try Echo(response.body)
            XCTAssertEqual(echo.method, method)
            XCTAssertEqual(echo.path, "/things/1?api-version=7.4")
            XCTAssertEqual(echo.body, Data())
            XCTAssertEqual(echo.header("Content-Length"), [], "\(method) without body sends no Content-Length")
            XCTAssertEqual(response.headers["x-echo-method"], method)
        }
        for method in ["POST", "PUT", "PATCH"] {
            let body = Data("{\"method\":\"\(method)\",\"ü\":\"✓\"}".utf8)
            let response = try client.send(method, base + "/things/1", headers: [("Content-Type", "application/json")], body: body)
            XCTAssertEqual(response.status, 200)
            let echo = try Echo(response.body)
            XCTAssertEqual(echo.method, method)
            XCTAssertEqual(echo.body, body)
            XCTAssertEqual(echo.header("Content-Length"), ["\(body.count)"])
            XCTAssertEqual(echo.header("Content-Type"), ["application/json"])
            XCTAssertEqual(echo.header("Expect"), [])
        }
    }

    func testHeadReturnsHeadersWithoutBody() throws {
        let response = try client.send("HEAD", base + "/head")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.headers["x-echo-method"], "HEAD")
        XCTAssertEqual(response.body, Data())
    }

    func testBodylessPostSendsZeroLengthAndNoDefaultContentType() throws {
        let echo = try Echo(client.send("POST", base + "/empty").body)
        XCTAssertEqual(echo.method, "POST")
        XCTAssertEqual(echo.header("Content-Length"), ["0"])
        XCTAssertEqual(echo.header("Content-Type"), [], "libcurl's form content type must not be added")
    }

    func testBinaryAndLargeBodiesAreSentExactly() throws {
        var body = Data((0...255).map { UInt8($0) })          // every byte value, including NUL
        var state: UInt32 = 12345
        for _ in 0..<(3 << 20) {                               // plus 3 MiB of LCG noise
            state = state &* 1_664_525 &+ 1_013_904_223
            body.append(UInt8(truncatingIfNeeded: state >> 24))
        }
        let response = try client.send("PUT", base + "/blob", headers: [("Content-Type", "application/octet-stream")], body: body)
        XCTAssertEqual(response.status, 200)
        let echo = try Echo(response.body)
        XCTAssertEqual(echo.body.count, body.count)
        XCTAssertEqual(echo.body, body)
    }

    func testRequestHeadersAreSentAndResponseHeadersLowerCased() throws {
        let response = try client.send("GET", base + "/headers", headers: [
            ("Authorization", "Bearer abc.def.ghi"),
            ("x-ms-client-request-id", "7f1c-42"),
            ("X-Empty", ""),
        ])
        let echo = try Echo(response.body)
        XCTAssertEqual(echo.header("Authorization"), ["Bearer abc.def.ghi"])
        XCTAssertEqual(echo.header("x-ms-client-request-id"), ["7f1c-42"])
        XCTAssertEqual(echo.header("X-Empty"), [""])
        XCTAssertEqual(echo.header("Host"), ["localhost:\(Self.server.port)"])
        XCTAssertEqual(response.headers["content-type"], "application/json")
        XCTAssertEqual(response.headers["content-length"], "\(response.body.count)")
        XCTAssertEqual(response.headers["x-repeated"], "first, second")
        XCTAssertNil(response.headers["Content-Type"], "names are lower-cased")
        XCTAssertTrue(response.headers.keys.allSatisfy { $0 == $0.lowercased() })
    }

    func testStatusCodesAreResponsesNotErrors() throws {
        let unauthorized = try client.send("GET", base + "/status/401")
        XCTAssertEqual(unauthorized.status, 401)
        XCTAssertEqual(unauthorized.headers["www-authenticate"], "Bearer authorization=\"https://login.localhost/t1\"")
        XCTAssertEqual(try Echo(unauthorized.body).path, "/status/401")
        XCTAssertEqual(try client.send("DELETE", base + "/status/404").status, 404)
        XCTAssertEqual(try client.send("GET", base + "/status/200").status, 200)
    }

    func testRedirectsAreNotFollowed() throws {
        let response = try client.send("GET", base + "/status/302")
        XCTAssertEqual(response.status, 302)
        XCTAssertEqual(response.headers["location"], "/elsewhere")
    }

    func testLocalhostSubdomainsResolveAndVerify() throws {
        // libcurl resolves every *.localhost name to loopback itself (no hosts file entry).
        let vault = try client.send("GET", "https://kv1.vault.localhost:\(Self.server.port)/keys")
        XCTAssertEqual(vault.status, 200)
        XCTAssertEqual(try Echo(vault.body).header("Host"), ["kv1.vault.localhost:\(Self.server.port)"])
        XCTAssertEqual(try client.send("GET", "https://127.0.0.1:\(Self.server.port)/").status, 200)
    }

    /// libcurl refuses a wildcard whose remainder is a single label: `*.localhost` in the
    /// certificate does not cover `login.localhost`, while `*.vault.localhost` covers
    /// `kv1.vault.localhost`. Server certificates must name such hosts explicitly.
    func testSingleLabelWildcardDoesNotMatch() {
        assertClientError(startingWith: "SSL peer certificate or SSH remote key was not OK") {
            _ = try client.send("GET", "https://login.localhost:\(Self.server.port)/")
        }
    }

    func testConnectionIsReusedAcrossRequests() throws {
        let client = client
        let first = try Echo(client.send("GET", base + "/a").body).clientPort
        let second = try Echo(client.send("POST", base + "/b", body: Data("x".utf8)).body).clientPort
        let third = try Echo(client.send("GET", base + "/status/404").body).clientPort
        XCTAssertEqual(first, second)
        XCTAssertEqual(second, third)
        let other = try Echo(self.client.send("GET", base + "/c").body).clientPort
        XCTAssertNotEqual(first, other, "a second client has its own connection")
    }

    func testUntrustedCAFails() {
        let wrongCA = HTTPClient(caFile: Self.server.otherCAFile, timeoutSeconds: 10)
        assertClientError(startingWith: "SSL peer certificate or SSH remote key was not OK") {
            _ = try wrongCA.send("GET", base + "/")
        }
        let systemStore = HTTPClient(timeoutSeconds: 10)
        assertClientError(startingWith: "SSL peer certificate or SSH remote key was not OK") {
            _ = try systemStore.send("GET", base + "/")
        }
    }

    func testConnectionRefused() {
        let port = unusedLoopbackPort()
        assertClientError(startingWith: "Couldn't connect to server") {
            _ = try client.send("GET", "https://127.0.0.1:\(port)/")
        }
    }

    func testTimeout() {
        let impatient = HTTPClient(caFile: Self.server.caFile, timeoutSeconds: 1)
        let started = Date()
        assertClientError(startingWith: "Timeout was reached") { _ = try impatient.send("GET", base + "/sleep/3") }
        XCTAssertLessThan(Date().timeIntervalSince(started), 2.5)
    }

    func testInvalidInputIsRejectedBeforeSending() {
        assertClientError(startingWith: "invalid value for header X-Injected") {
            _ = try client.send("GET", base + "/", headers: [("X-Injected", "a\r\nX-Evil: 1")])
        }
        assertClientError(startingWith: "invalid header name") {
            _ = try client.send("GET", base + "/", headers: [("Bad Name", "v")])
        }
        assertClientError(startingWith: "invalid HTTP method") { _ = try client.send("GE T", base + "/") }
        assertClientError(startingWith: "Unsupported protocol") { _ = try client.send("GET", "ftp://localhost/") }
    }

    func testClientIsUsableFromManyThreads() throws {
        let client = client
        let url = base
        let statuses = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            let status: String
            do { status = String(try client.send("POST", url + "/status/\(200 + index)", body: Data(count: index)).status) }
            catch { status = "\(error)" }
            statuses.withLock { $0.append(status) }
        }
        XCTAssertEqual(statuses.withLock { $0 }.sorted(), (200...207).map(String.init))
    }

    private func assertClientError(startingWith prefix: String, file: StaticString = #filePath, line: UInt = #line,
                                   _ body: () throws -> Void) {
        do {
            try body()
            XCTFail("expected HTTPClientError \"\(prefix)...\"", file: file, line: line)
        } catch let error as HTTPClientError {
            XCTAssertTrue(error.reason.hasPrefix(prefix), "reason: \(error.reason)", file: file, line: line)
        } catch {
            XCTFail("expected HTTPClientError, got \(error)", file: file, line: line)
        }
    }
}
