// DataConnect: the `WWW-Authenticate: Bearer ...` challenge a vault sends to an anonymous request.

import Foundation

/// A parsed Key Vault challenge (keyvault-spec.md §3.1-3.2):
/// `Bearer authorization="https://login.localhost:8443/{tenant}", resource="https://vault.localhost:8443"`.
///
/// `authorization_uri` is accepted for `authorization`, and `scope` wins over `resource + "/.default"`,
/// as the Azure SDK's challenge policy does.
///
/// ```swift
/// let challenge = try BearerChallenge(header: response.headers["www-authenticate"] ?? "")
/// challenge.tenantId   // "<tenant>"
/// challenge.scope      // "https://vault.localhost:8443/.default"
/// ```
public struct BearerChallenge: Sendable, Equatable {
    /// The authority URL with the tenant as its first path segment, without a trailing slash.
    public let authorization: String
    /// The resource the token must be issued for (nil when only `scope` was sent).
    public let resource: String?
    /// The OAuth scope to request.
    public let scope: String

    public init(header: String) throws {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("bearer ") else {
            throw DataConnectError(.transport, "the vault's challenge is not a Bearer challenge")
        }
        let parameters = BearerChallenge.parameters(String(trimmed.dropFirst("bearer ".count)))
        guard let authority = parameters["authorization"] ?? parameters["authorization_uri"], !authority.isEmpty else {
            throw DataConnectError(.transport, "the vault's challenge has no authorization parameter")
        }
        let resource = parameters["resource"].flatMap { $0.isEmpty ? nil : $0 }
        guard let scope = parameters["scope"].flatMap({ $0.isEmpty ? nil : $0 })
                ?? resource.map({ BearerChallenge.trimSlash($0) + "/.default" }) else {
            throw DataConnectError(.transport, "the vault's challenge has neither a resource nor a scope parameter")
        }
        self.authorization = BearerChallenge.trimSlash(authority)
        self.resource = resource.map(BearerChallenge.trimSlash)
        self.scope = scope
    }

    /// The tenant: first path segment of the authorization URL (nil when there is none).
    public var tenantId: String? {
        URLComponents(string: authorization)?.path.split(separator: "/").first.map(String.init)
    }

    /// `{authorization}/oauth2/v2.0/token`.
    public var tokenEndpoint: String { authorization + "/oauth2/v2.0/token" }

    /// The origin of the resource (or scope) URL, which the vault's host must sit under.
    public var resourceOrigin: URLOrigin? {
        URLOrigin(resource ?? scope)
    }

    /// `key="value", key=value` pairs; keys lower-cased, quotes removed, `\"` unescaped.
    static func parameters(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        var chars = Substring(text)
        while !chars.isEmpty {
            chars = chars.drop { $0 == " " || $0 == "," || $0 == "\t" }
            guard let equals = chars.firstIndex(of: "=") else { break }
            let key = chars[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            chars = chars[chars.index(after: equals)...].drop { $0 == " " }
            var value = ""
            if chars.first == "\"" {
                chars = chars.dropFirst()
                var escaped = false
                while let char = chars.first {
                    chars = chars.dropFirst()
                    if escaped { value.append(char); escaped = false }
                    else if char == "\\" { escaped = true }
                    else if char == "\"" { break }
                    else { value.append(char) }
                }
            } else {
                let end = chars.firstIndex(of: ",") ?? chars.endIndex
                value = chars[..<end].trimmingCharacters(in: .whitespaces)
                chars = chars[end...]
            }
            if !key.isEmpty, result[key] == nil { result[key] = value }
        }
        return result
    }

    static func trimSlash(_ text: String) -> String {
        var text = text
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
