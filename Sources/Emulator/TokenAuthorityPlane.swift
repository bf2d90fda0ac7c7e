// Emulator: the login.<suffix> host: OIDC discovery, JWKS and the token endpoint.

import Foundation
import HTTPServer
import Identity
import ServiceCore

/// Routes of the emulated Entra ID authority. Errors here use OAuth2's shape, not Azure's.
struct TokenAuthorityPlane: Sendable {
    enum Endpoint: Sendable { case discoveryV2, discoveryV1, keys, token }

    let identity: IdentityService
    let routes: RouteTable<Endpoint>

    init(identity: IdentityService) throws {
        self.identity = identity
        routes = try RouteTable([
            Route("GET", "/{tenant}/v2.0/.well-known/openid-configuration", .discoveryV2),
            Route("GET", "/{tenant}/.well-known/openid-configuration", .discoveryV1),
            Route("GET", "/{tenant}/discovery/v2.0/keys", .keys),
            Route("GET", "/{tenant}/discovery/keys", .keys),
            Route("POST", "/{tenant}/oauth2/v2.0/token", .token),
            Route("POST", "/{tenant}/oauth2/token", .token),
        ])
    }

    func handle(_ request: HTTPRequest, requestId: String, now: Date) -> HTTPResponse {
        let path = request.path.split(separator: "?").first.map(String.init) ?? request.path
        guard case .found(let endpoint, let parameters) = routes.match(method: request.method, path: path) else {
            return oauth(.unknownEndpoint(method: request.method, path: path), requestId: requestId, now: now)
        }
        let tenant = parameters["tenant"] ?? ""
        let origin = "https://\(request.host)"
        switch endpoint {
        case .discoveryV2, .discoveryV1:
            guard identity.tenantExists(tenant) else {
                return oauth(.unknownTenantDiscovery(tenant), requestId: requestId, now: now)
            }
            return ok(identity.openIDConfiguration(origin: origin, tenant: tenant, version2: endpoint == .discoveryV2), requestId: requestId)
        case .keys:
            return ok(identity.jwks(), requestId: requestId)
        case .token:
            var form = FormBody.parse(request.body)
            if let basic = request.headers["Authorization"], let credentials = FormBody.basicCredentials(basic) {
                form["client_id"] = form["client_id"] ?? credentials.user
                form["client_secret"] = form["client_secret"] ?? credentials.password
            }
            switch identity.issueToken(tenant: tenant, form: form) {
            case .success(let grant): return ok(WireJSON.encode(grant), requestId: requestId)
            case .failure(let error): return oauth(error, requestId: requestId, now: now)
            }
        }
    }

    private func ok(_ body: Data, requestId: String) -> HTTPResponse {
        HTTPResponse(status: 200, headers: [("Content-Type", "application/json; charset=utf-8"), ("x-ms-request-id", requestId),
                                            ("Cache-Control", "no-store, no-cache")], body: body)
    }

    private func oauth(_ error: OAuthError, requestId: String, now: Date) -> HTTPResponse {
        HTTPResponse(status: error.status, headers: [("Content-Type", "application/json; charset=utf-8"), ("x-ms-request-id", requestId)],
                     body: error.body(now: now, traceId: requestId))
    }
}

/// `application/x-www-form-urlencoded` bodies and HTTP Basic credentials.
enum FormBody {
    static func parse(_ body: Data) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            if fields[name] == nil { fields[name] = value }
        }
        return fields
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    static func basicCredentials(_ header: String) -> (user: String, password: String)? {
        guard header.lowercased().hasPrefix("basic "),
              let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
              let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":") else { return nil }
        let user = String(text[..<colon]).removingPercentEncoding ?? String(text[..<colon])
        let password = String(text[text.index(after: colon)...]).removingPercentEncoding ?? String(text[text.index(after: colon)...])
        return (user, password)
    }
}
