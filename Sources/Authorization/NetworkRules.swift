// Authorization: the vault firewall (public network access, IP rules, trusted-service bypass).

/// A vault's network settings, flattened from `publicNetworkAccess` and `networkAcls`.
public struct NetworkSettings: Sendable, Equatable {
    /// `"Enabled"` or `"Disabled"`.
    public var publicNetworkAccess: String
    /// `"Allow"` or `"Deny"`; `"Allow"` when the vault has no `networkAcls`.
    public var defaultAction: String
    /// `"AzureServices"` or `"None"`.
    public var bypass: String
    /// IPv4 addresses and CIDR ranges (`"203.0.113.0/24"`, `"198.51.100.7/32"`).
    public var ipRules: [String]
    /// Subnet resource ids; the emulator has no subnets, so these never match a request.
    public var virtualNetworkRules: [String]

    public init(publicNetworkAccess: String = "Enabled", defaultAction: String = "Allow", bypass: String = "AzureServices",
                ipRules: [String] = [], virtualNetworkRules: [String] = []) {
        self.publicNetworkAccess = publicNetworkAccess
        self.defaultAction = defaultAction
        self.bypass = bypass
        self.ipRules = ipRules
        self.virtualNetworkRules = virtualNetworkRules
    }
}

/// What the firewall says about a request, before any authorization.
public enum NetworkDecision: Sendable, Equatable {
    case allowed
    /// Public access is disabled (403 `ForbiddenByConnection`).
    case deniedByConnection
    /// The client address matches no rule (403 `ForbiddenByFirewall`).
    case deniedByFirewall
}

/// The data-plane network decision of keyvault-spec.md §5:
///
/// 1. `publicNetworkAccess = Disabled`: only private-endpoint traffic, or trusted services when
///    `bypass = AzureServices`; IP rules are not consulted.
/// 2. Enabled with `defaultAction = Allow`: allowed.
/// 3. `defaultAction = Deny`: allowed when the client address is in an IP rule, the request comes
///    through a private endpoint, or a trusted service calls with `bypass = AzureServices`.
///
/// ```swift
/// NetworkRules.evaluate(settings, clientAddress: "203.0.113.9", viaPrivateEndpoint: false, isTrustedService: false)
/// ```
public enum NetworkRules {
    public static func evaluate(_ settings: NetworkSettings, clientAddress: String, viaPrivateEndpoint: Bool, isTrustedService: Bool) -> NetworkDecision {
        let trustedBypass = isTrustedService && settings.bypass.lowercased().contains("azureservices")
        if settings.publicNetworkAccess.lowercased() == "disabled" {
            return viaPrivateEndpoint || trustedBypass ? .allowed : .deniedByConnection
        }
        if settings.defaultAction.lowercased() != "deny" { return .allowed }
        if viaPrivateEndpoint || trustedBypass { return .allowed }
        guard let client = IPv4Range.address(clientAddress) else { return .deniedByFirewall }
        let inRange = settings.ipRules.contains { rule in IPv4Range(rule)?.contains(client) ?? false }
        return inRange ? .allowed : .deniedByFirewall
    }

    /// The rule as ARM stores it: a single address gains `/32`; `nil` when `rule` is not an IPv4
    /// address or CIDR range.
    public static func normalizedIPRule(_ rule: String) -> String? {
        guard let range = IPv4Range(rule) else { return nil }
        return rule.contains("/") ? rule : "\(rule)/\(range.prefixLength)"
    }
}

/// An IPv4 CIDR range.
struct IPv4Range: Sendable, Equatable {
    let network: UInt32
    let prefixLength: Int

    /// Parses `a.b.c.d` (a /32) or `a.b.c.d/n`.
    init?(_ text: String) {
        let pieces = text.split(separator: "/", omittingEmptySubsequences: false)
        guard pieces.count <= 2, let address = Self.address(String(pieces[0]), allowMapped: false) else { return nil }
        var length = 32
        if pieces.count == 2 {
            guard let n = Int(pieces[1]), (0...32).contains(n), pieces[1].allSatisfy(\.isASCII) else { return nil }
            length = n
        }
        prefixLength = length
        network = address & Self.mask(length)
    }

    func contains(_ address: UInt32) -> Bool { address & Self.mask(prefixLength) == network }

    static func mask(_ length: Int) -> UInt32 { length == 0 ? 0 : ~UInt32(0) << UInt32(32 - length) }

    /// A dotted-quad IPv4 address as a number. An IPv4-mapped IPv6 address (`::ffff:a.b.c.d`, how a
    /// dual-stack socket reports an IPv4 peer) counts as that IPv4 address, and the IPv6 loopback
    /// `::1` as `127.0.0.1` (`*.localhost` resolves to both, so a client cannot choose; this is the
    /// emulator's rule, Azure's firewall being IPv4-only). Any other IPv6 address is `nil`, so it
    /// never matches an IPv4 rule.
    static func address(_ text: String, allowMapped: Bool = true) -> UInt32? {
        var text = Substring(text)
        if allowMapped, text == "::1" || text.lowercased() == "0:0:0:0:0:0:0:1" { return 0x7f00_0001 }
        if allowMapped, text.lowercased().hasPrefix("::ffff:") { text = text.dropFirst(7) }
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard !octet.isEmpty, octet.count <= 3, octet.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let n = UInt32(octet), n <= 255 else { return nil }
            value = value << 8 | n
        }
        return value
    }
}
