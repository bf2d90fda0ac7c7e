// DataConnect: URL origins and Key Vault key identifiers, parsed without trusting their text.

import Foundation

/// The scheme, host and port of a URL, lower-cased; the default port is left out of `text`.
///
/// ```swift
/// URLOrigin("https://KV1.vault.localhost:8443/keys/x")?.text   // "https://kv1.vault.localhost:8443"
/// ```
public struct URLOrigin: Sendable, Equatable, CustomStringConvertible {
    public let scheme: String
    public let host: String
    public let port: Int?

    public init?(_ text: String) {
        guard let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), !scheme.isEmpty,
              let host = components.host?.lowercased(), !host.isEmpty else { return nil }
        self.scheme = scheme
        self.host = host
        let defaultPort = scheme == "https" ? 443 : (scheme == "http" ? 80 : nil)
        self.port = components.port == defaultPort ? nil : components.port
    }

    /// `host[:port]`, the authority part ("netloc").
    public var authority: String { port.map { "\(host):\($0)" } ?? host }

    /// `scheme://host[:port]`.
    public var text: String { "\(scheme)://\(authority)" }

    public var description: String { text }
}

/// A versioned key identifier `https://{vault-host}/keys/{name}/{version}` (keyvault-spec.md §2.3).
public struct KeyIdentifier: Sendable, Equatable, CustomStringConvertible {
    public let vault: URLOrigin
    public let name: String
    public let version: String

    /// Parses a `kid`; nil unless it is https, names a key and carries a 32-hex-digit version.
    public init?(_ kid: String) {
        guard let origin = URLOrigin(kid), origin.scheme == "https",
              let components = URLComponents(string: kid) else { return nil }
        let segments = components.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard segments.count == 3, segments[0] == "keys", !segments[1].isEmpty,
              KeyIdentifier.isVersion(segments[2]) else { return nil }
        vault = origin
        name = segments[1]
        version = segments[2]
    }

    public init(vault: URLOrigin, name: String, version: String) {
        self.vault = vault
        self.name = name
        self.version = version
    }

    /// A key version as Key Vault makes them: 32 hexadecimal digits.
    public static func isVersion(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) || (65...70).contains($0) }
    }

    /// The full identifier.
    public var text: String { "\(vault.text)/keys/\(name)/\(version)" }

    public var description: String { text }
}
