// EmulatorTests: telling the hosts apart (tier 1, no sockets).

import XCTest
@testable import Emulator

final class HostFamilyTests: XCTestCase {
    func testFamilies() {
        XCTAssertEqual(HostFamily(host: "login.localhost:8443", dnsSuffix: "localhost"), .login)
        XCTAssertEqual(HostFamily(host: "MANAGEMENT.localhost:8443", dnsSuffix: "localhost"), .management)
        XCTAssertEqual(HostFamily(host: "kv1.vault.localhost:8443", dnsSuffix: "localhost"), .vault(name: "kv1"))
        XCTAssertEqual(HostFamily(host: "KV1.Vault.LocalHost", dnsSuffix: "localhost"), .vault(name: "kv1"))
        XCTAssertEqual(HostFamily(host: "a.b.vault.localhost:8443", dnsSuffix: "localhost"), .unknown(host: "a.b.vault.localhost"))
        XCTAssertEqual(HostFamily(host: "localhost:8443", dnsSuffix: "localhost"), .admin)
        XCTAssertEqual(HostFamily(host: "127.0.0.1:8443", dnsSuffix: "localhost"), .admin)
        XCTAssertEqual(HostFamily(host: "[::1]:8443", dnsSuffix: "localhost"), .admin)
        XCTAssertEqual(HostFamily(host: "kv1.vault.emu.test:9000", dnsSuffix: "emu.test"), .vault(name: "kv1"))
        XCTAssertEqual(HostFamily(host: "example.com", dnsSuffix: "localhost"), .unknown(host: "example.com"))
    }

    func testPortSuffix() {
        XCTAssertEqual(HostFamily.portSuffix("kv1.vault.localhost:8443"), ":8443")
        XCTAssertEqual(HostFamily.portSuffix("kv1.vault.localhost:443"), "")
        XCTAssertEqual(HostFamily.portSuffix("kv1.vault.localhost"), "")
        XCTAssertEqual(HostFamily.portSuffix("[::1]:9000"), ":9000")
    }

    func testFormBodyAndBasicCredentials() {
        let form = FormBody.parse(Data("grant_type=client_credentials&scope=https%3A%2F%2Fvault.localhost%3A8443%2F.default&claims=%7B%22a%22%3A+1%7D".utf8))
        XCTAssertEqual(form["grant_type"], "client_credentials")
        XCTAssertEqual(form["scope"], "https://vault.localhost:8443/.default")
        XCTAssertEqual(form["claims"], "{\"a\": 1}")
        let basic = FormBody.basicCredentials("Basic " + Data("id:s%3Acret".utf8).base64EncodedString())
        XCTAssertEqual(basic?.user, "id")
        XCTAssertEqual(basic?.password, "s:cret")
        XCTAssertNil(FormBody.basicCredentials("Bearer x"))
    }

    func testBearerToken() {
        XCTAssertEqual(BearerToken.from("Bearer abc"), "abc")
        XCTAssertEqual(BearerToken.from("bearer   abc "), "abc")
        XCTAssertNil(BearerToken.from("Bearer "))
        XCTAssertNil(BearerToken.from("Basic abc"))
        XCTAssertNil(BearerToken.from(nil))
    }
}

import Foundation
