// HTTPServerTests: start, stop, restart, and configuration errors.

import Foundation
import XCTest
@testable import HTTPServer

final class HTTPSServerLifecycleTests: XCTestCase {
    func testStopReturnsPromptlyWithAnIdleConnectionOpenAndClosesThePort() throws {
        let live = try LiveServer.start()
        XCTAssertEqual(try live.curl([live.url()]).status, 201)
        let idle = try connectTCP(port: live.port)
        defer { close(idle) }
        let started = Date()
        live.server.stop()
        XCTAssertLessThan(Date().timeIntervalSince(started), 2.0)
        let refused = try live.curl([live.url("127.0.0.1")])
        XCTAssertEqual(refused.exitCode, 7, refused.trace)   // CURLE_COULDNT_CONNECT
        live.server.stop()                                    // a second stop does nothing
    }

    func testStartTwiceThrowsAndRestartAfterStopWorks() throws {
        let live = try LiveServer.start()
        XCTAssertThrowsError(try live.server.start()) { error in
            XCTAssertEqual((error as? HTTPServerError)?.reason, "the server is already running")
        }
        live.server.stop()
        let port = try live.server.start()
        defer { live.server.stop() }
        let again = try Curl.send(["https://localhost:\(port)/again"], fixture: live.fixture)
        XCTAssertEqual(again.status, 201, again.trace)
        XCTAssertEqual(live.recorder.last?.path, "/again")
    }

    func testANewServerStartsAfterAnotherStopped() throws {
        let first = try LiveServer.start()
        first.server.stop()
        let second = try LiveServer.start()
        defer { second.server.stop() }
        XCTAssertEqual(try second.curl([second.url()]).status, 201)
        XCTAssertEqual(first.recorder.count, 0)
        XCTAssertEqual(second.recorder.count, 1)
    }

    func testFixedPortIsUsedAndAPortInUseIsAnError() throws {
        let first = try LiveServer.start(addresses: ["127.0.0.1"])
        defer { first.server.stop() }
        let fixture = try TLSFixture.load()
        let configuration = HTTPSServerConfiguration(certificateChainPEM: fixture.chainPEM, privateKeyPEM: fixture.keyPEM,
                                                     addresses: ["127.0.0.1"], port: first.port, loops: 1)
        let clash = try HTTPSServer(configuration: configuration) { _ in HTTPResponse(status: 200) }
        XCTAssertThrowsError(try clash.start()) { error in
            XCTAssertEqual((error as? HTTPServerError)?.reason, "cannot bind 127.0.0.1:\(first.port): Address already in use")
        }
    }

    func testUnavailableAddressIsSkippedButOneMustBind() throws {
        let fixture = try TLSFixture.load()
        // 192.0.2.1 (TEST-NET-1) is not assigned to this machine: bind fails with EADDRNOTAVAIL.
        var configuration = HTTPSServerConfiguration(certificateChainPEM: fixture.chainPEM, privateKeyPEM: fixture.keyPEM,
                                                     addresses: ["192.0.2.1", "127.0.0.1"], loops: 1)
        let server = try HTTPSServer(configuration: configuration) { _ in HTTPResponse(status: 200) }
        let port = try server.start()
        defer { server.stop() }
        XCTAssertEqual(try Curl.send(["https://127.0.0.1:\(port)/"], fixture: fixture).status, 200)

        configuration.addresses = ["192.0.2.1"]
        let nowhere = try HTTPSServer(configuration: configuration) { _ in HTTPResponse(status: 200) }
        XCTAssertThrowsError(try nowhere.start()) { error in
            XCTAssertTrue((error as? HTTPServerError)?.reason.hasPrefix("no address could be bound") == true, "\(error)")
        }
    }

    func testBadConfigurationAndTLSMaterialAreRejectedAtInit() throws {
        let fixture = try TLSFixture.load()
        func reason(_ configuration: HTTPSServerConfiguration) -> String? {
            do {
                _ = try HTTPSServer(configuration: configuration) { _ in HTTPResponse(status: 200) }
                return nil
            } catch { return (error as? HTTPServerError)?.reason }
        }
        let good = HTTPSServerConfiguration(certificateChainPEM: fixture.chainPEM, privateKeyPEM: fixture.keyPEM)
        XCTAssertNil(reason(good))
        var mismatched = good
        mismatched.privateKeyPEM = try fixture.otherKeyPEM()
        let mismatch = reason(mismatched) ?? "nil"
        XCTAssertTrue(mismatch.hasPrefix("cannot use the private key with the server certificate"), mismatch)
        XCTAssertTrue(mismatch.contains("key values mismatch"), mismatch)
        var noCertificate = good
        noCertificate.certificateChainPEM = "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n"
        XCTAssertTrue(reason(noCertificate)?.hasPrefix("cannot read a certificate from the chain PEM") == true, "\(reason(noCertificate) ?? "nil")")
        var noKey = good
        noKey.privateKeyPEM = "garbage"
        XCTAssertTrue(reason(noKey)?.hasPrefix("cannot read the private key PEM") == true)
        XCTAssertFalse(reason(noKey)?.contains("garbage") ?? true)   // PEM text is never echoed
        var zeroLoops = good
        zeroLoops.loops = 0
        XCTAssertEqual(reason(zeroLoops), "loops must be at least 1, got 0")
        var badPort = good
        badPort.port = 70000
        XCTAssertEqual(reason(badPort), "port 70000 is outside 0...65535")
        var hostName = good
        hostName.addresses = ["localhost"]
        let server = try HTTPSServer(configuration: hostName) { _ in HTTPResponse(status: 200) }
        XCTAssertThrowsError(try server.start()) { error in
            XCTAssertEqual((error as? HTTPServerError)?.reason, "localhost is not a numeric IP address")
        }
    }

    func testTransportBodyLimitStaysAboveTheConfiguredLimit() throws {
        var configuration = HTTPSServerConfiguration(certificateChainPEM: "", privateKeyPEM: "")
        XCTAssertEqual(configuration.transportBodyLimit, 8 << 20)
        configuration.maxBodyBytes = 4 << 20
        XCTAssertEqual(configuration.transportBodyLimit, 16 << 20)
        configuration.maxBodyBytes = Int.max / 2
        XCTAssertEqual(configuration.transportBodyLimit, Int.max)
    }

    /// A plain TCP connection that sends nothing (an idle client).
    private func connectTCP(port: Int) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        XCTAssertEqual(result, 0)
        return descriptor
    }
}
