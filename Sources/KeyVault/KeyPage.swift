// KeyVault: list paging — maxresults, the opaque $skiptoken and absolute nextLinks.

import Foundation
import ServiceCore
import VaultCrypto

/// One page request of `/keys` or `/keys/{name}/versions` (keyvault-spec.md §2.10).
///
/// The skip token is a keyset cursor: the sort key (`name_lower` or version) of the last item
/// already returned, so keys created between pages neither repeat nor shift other items. It is
/// base64url of `v1:<key>` — opaque to clients, versioned for us.
///
/// ```swift
/// let page = try KeyPage(query: ["maxresults": "7"])
/// page.nextLink(origin: "https://kv1.vault.localhost:8443", path: "/keys", apiVersion: "7.4", after: "k07")
/// // "https://kv1.vault.localhost:8443/keys?api-version=7.4&$skiptoken=djE6azA3&maxresults=7"
/// ```
struct KeyPage: Sendable {
    static let maximumSize = 25
    private static let tokenPrefix = "v1:"

    /// Items per page (`maxresults`, 1...25, default 25).
    let size: Int
    /// The sort key after which this page starts; `nil` for the first page.
    let after: String?

    init(query: [String: String]) throws {
        if let text = Self.value(of: "maxresults", in: query), !text.isEmpty {
            guard let size = Int(text), (1...Self.maximumSize).contains(size) else { throw ServiceError.invalidMaxResults(text) }
            self.size = size
        } else {
            size = Self.maximumSize
        }
        if let token = Self.value(of: "$skiptoken", in: query), !token.isEmpty {
            guard let data = Base64URL.decode(token), let text = String(data: data, encoding: .utf8),
                  text.hasPrefix(Self.tokenPrefix) else { throw ServiceError.invalidSkipToken() }
            after = String(text.dropFirst(Self.tokenPrefix.count))
        } else {
            after = nil
        }
    }

    /// The absolute URL of the page after the item whose sort key is `after`, on the request's
    /// own origin (another host would make the SDK start a new challenge).
    func nextLink(origin: String, path: String, apiVersion: String, after: String) -> String {
        let token = Base64URL.encode(Data((Self.tokenPrefix + after).utf8))
        let version = apiVersion.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? apiVersion
        return "\(origin)\(path)?api-version=\(version)&$skiptoken=\(token)&maxresults=\(size)"
    }

    /// Query parameter names are matched case-insensitively (`maxResults` works too).
    private static func value(of name: String, in query: [String: String]) -> String? {
        query.first { $0.key.lowercased() == name }?.value
    }
}

extension ServiceRequest {
    /// The api-version to repeat in links: the request's own (validated by the pipeline).
    var apiVersionForLinks: String {
        context.apiVersion ?? query["api-version"] ?? KeyVaultService.latestAPIVersion
    }
}
