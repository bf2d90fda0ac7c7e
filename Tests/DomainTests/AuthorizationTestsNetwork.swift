// DomainTests: network rules — public access, default action, IP rules and the trusted-service bypass.

import XCTest
@testable import Authorization

final class AuthorizationTestsNetwork: XCTestCase {
    func decide(_ settings: NetworkSettings, _ address: String, privateEndpoint: Bool = false, trusted: Bool = false) -> NetworkDecision {
        NetworkRules.evaluate(settings, clientAddress: address, viaPrivateEndpoint: privateEndpoint, isTrustedService: trusted)
    }

    func testPublicAccessDisabled() {
        let settings = NetworkSettings(publicNetworkAccess: "Disabled", defaultAction: "Allow", bypass: "AzureServices", ipRules: ["127.0.0.1/32"])
        XCTAssertEqual(decide(settings, "127.0.0.1"), .deniedByConnection, "IP rules are not consulted")
        XCTAssertEqual(decide(settings, "127.0.0.1", privateEndpoint: true), .allowed)
        XCTAssertEqual(decide(settings, "127.0.0.1", trusted: true), .allowed)
        var noBypass = settings
        noBypass.bypass = "None"
        XCTAssertEqual(decide(noBypass, "127.0.0.1", trusted: true), .deniedByConnection)
    }

    func testEnabledWithDefaultAllow() {
        XCTAssertEqual(decide(NetworkSettings(), "203.0.113.9"), .allowed)
        XCTAssertEqual(decide(NetworkSettings(), "::1"), .allowed)
    }

    func testDenyWithIPRules() {
        let settings = NetworkSettings(defaultAction: "Deny", bypass: "None", ipRules: ["203.0.113.0/24", "198.51.100.7/32", "192.0.2.1"])
        XCTAssertEqual(decide(settings, "203.0.113.200"), .allowed)
        XCTAssertEqual(decide(settings, "203.0.114.1"), .deniedByFirewall)
        XCTAssertEqual(decide(settings, "198.51.100.7"), .allowed)
        XCTAssertEqual(decide(settings, "198.51.100.8"), .deniedByFirewall)
        XCTAssertEqual(decide(settings, "192.0.2.1"), .allowed, "a single address is a /32")
        XCTAssertEqual(decide(settings, "::ffff:203.0.113.5"), .allowed, "IPv4-mapped IPv6 is the IPv4 address")
        XCTAssertEqual(decide(settings, "::1"), .deniedByFirewall, "IPv6 never matches IPv4 rules")
        XCTAssertEqual(decide(settings, "2001:db8::1"), .deniedByFirewall)
        XCTAssertEqual(decide(settings, "203.0.113.1", trusted: true), .allowed)
        XCTAssertEqual(decide(settings, "10.0.0.1", trusted: true), .deniedByFirewall, "bypass None")
        XCTAssertEqual(decide(NetworkSettings(defaultAction: "Deny", bypass: "AzureServices"), "10.0.0.1", trusted: true), .allowed)
        XCTAssertEqual(decide(NetworkSettings(defaultAction: "deny", ipRules: ["0.0.0.0/0"]), "8.8.8.8"), .allowed)
    }

    func testIPRuleNormalisation() {
        XCTAssertEqual(NetworkRules.normalizedIPRule("198.51.100.7"), "198.51.100.7/32")
        XCTAssertEqual(NetworkRules.normalizedIPRule("203.0.113.0/24"), "203.0.113.0/24")
        XCTAssertNil(NetworkRules.normalizedIPRule("203.0.113.0/33"))
        XCTAssertNil(NetworkRules.normalizedIPRule("256.1.1.1"))
        XCTAssertNil(NetworkRules.normalizedIPRule("1.2.3"))
        XCTAssertNil(NetworkRules.normalizedIPRule("::1"))
        XCTAssertNil(NetworkRules.normalizedIPRule("1.2.3.4/"))
        XCTAssertNil(NetworkRules.normalizedIPRule("::ffff:1.2.3.4"))
    }
}
