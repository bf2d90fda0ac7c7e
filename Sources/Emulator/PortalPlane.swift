// Emulator: the portal.<suffix> host: the web console and its same-origin doors to the other planes.

import Foundation
import HTTPServer
import ServiceCore

/// Serves the console (`/`, `/console/*`, with `settings.json` and the signed-in caller's
/// `directory.json`) and forwards three path prefixes to the planes SDK
/// clients call directly, so the console's JavaScript never leaves its origin (no CORS):
///
/// | Portal path | Forwarded to |
/// |---|---|
/// | `/login/{rest}` | `https://login.<sfx>:<port>/{rest}` (token authority) |
/// | `/arm/{rest}` | `https://management.<sfx>:<port>/{rest}` (ARM) |
/// | `/vaults/{name}/{rest}` | `https://{name}.vault.<sfx>:<port>/{rest}` (that vault's data plane) |
///
/// A forwarded request keeps its method, query, headers, body and peer address; only Host and
/// path change. The pipeline then hands it to the plane of the new host, so tokens, RBAC,
/// network rules and api-versions are checked by the very code SDK requests go through.
///
/// ```swift
/// switch try portal.route(request, requestId: id, now: now) {
/// case .respond(let response): return response             // a console asset or settings
/// case .forward(let rewritten): return try dispatch(rewritten) // same plane objects as direct calls
/// }
/// ```
struct PortalPlane: Sendable {
    enum Mount: Sendable {
        case asset(ConsoleAsset)
        case settings
        case directory
        case login
        case management
        case vault
    }

    enum Outcome: Sendable {
        /// Served by the portal itself.
        case respond(HTTPResponse)
        /// To be served by the plane of the rewritten request's host.
        case forward(HTTPRequest)
    }

    /// The methods the forwarded APIs use; anything else is 405 from the route table.
    static let forwardedMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]

    let routes: RouteTable<Mount>
    let dnsSuffix: String
    let settings: ConsoleSettings
    let directory: ConsoleDirectory

    init(dnsSuffix: String, settings: ConsoleSettings, directory: ConsoleDirectory) throws {
        self.dnsSuffix = dnsSuffix
        self.settings = settings
        self.directory = directory
        var table = [Route<Mount>("GET", "/", .asset(ConsoleAssets.index)),
                     Route("GET", "/console/settings.json", .settings),
                     Route("GET", "/console/directory.json", .directory)]
        table += ConsoleAssets.all.map { Route("GET", $0.path, .asset($0)) }
        for method in Self.forwardedMethods {
            table += [Route(method, "/login/{*rest}", .login),
                      Route(method, "/arm/{*rest}", .management),
                      Route(method, "/vaults/{vault}/{*rest}", .vault)]
        }
        routes = try RouteTable(table)
    }

    func route(_ request: HTTPRequest, requestId: String, now: Date) throws -> Outcome {
        let mount: Mount
        let parameters: [String: String]
        switch routes.match(method: request.method, path: request.path) {
        case .found(let found, let captured): (mount, parameters) = (found, captured)
        case .methodNotAllowed(let allowed):
            throw ServiceError(.methodNotAllowed, code: "MethodNotAllowed",
                               message: "The method '\(request.method)' is not allowed on '\(request.path)'. Allowed: \(allowed.joined(separator: ", ")).")
        case .notFound:
            throw Self.notFound(request.path)
        }
        let port = HostFamily.portSuffix(request.host)
        switch mount {
        case .asset(let asset):
            return .respond(asset.response(requestId: requestId, ifNoneMatch: request.headers["If-None-Match"]))
        case .settings:
            return .respond(ConsoleAssets.settingsResponse(settings.document(dnsSuffix: dnsSuffix, port: port), requestId: requestId))
        case .directory:
            return .respond(try directory.response(request, now: now, requestId: requestId))
        case .login:
            return .forward(Self.rewrite(request, host: "login.\(dnsSuffix)\(port)", droppingSegments: 1))
        case .management:
            return .forward(Self.rewrite(request, host: "management.\(dnsSuffix)\(port)", droppingSegments: 1))
        case .vault:
            let name = parameters["vault"] ?? ""
            // A vault name is one DNS label; anything else could not be a vault host either.
            guard Self.isVaultLabel(name) else { throw Self.notFound(request.path) }
            return .forward(Self.rewrite(request, host: "\(name.lowercased()).vault.\(dnsSuffix)\(port)", droppingSegments: 2))
        }
    }

    /// The same request for another host, with the first `count` raw path segments removed.
    static func rewrite(_ request: HTTPRequest, host: String, droppingSegments count: Int) -> HTTPRequest {
        var headers = request.headers
        headers.all = headers.all.map { $0.0.lowercased() == "host" ? ($0.0, host) : $0 }
        return HTTPRequest(method: request.method, host: host, path: droppingSegments(count, of: request.path), query: request.query,
                           headers: headers, body: request.body, remoteAddress: request.remoteAddress, localPort: request.localPort)
    }

    /// `/vaults/kv1/keys/k%2F1` without 2 segments is `/keys/k%2F1`: the rest stays raw (not
    /// decoded), exactly as the client sent it, so the target plane parses it as it would a direct call.
    static func droppingSegments(_ count: Int, of rawPath: String) -> String {
        var rest = Substring(rawPath)
        for _ in 0..<count {
            rest = rest.drop(while: { $0 == "/" })
            rest = rest.drop(while: { $0 != "/" })
        }
        return rest.isEmpty ? "/" : String(rest)
    }

    static func isVaultLabel(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 63 && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    static func notFound(_ path: String) -> ServiceError {
        ServiceError(.notFound, code: "NotFound",
                     message: "The portal has no page or API at '\(path)'. The console is at '/'; its APIs are under /login/, /arm/ and /vaults/{vault-name}/.")
    }
}
