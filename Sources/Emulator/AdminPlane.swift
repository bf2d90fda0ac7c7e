// Emulator: the localhost host: health and the admin API (the emulator clock).

import Foundation
import HTTPServer
import Identity
import ServiceCore

/// `GET /health` is anonymous. `/admin/*` needs a management-audience token of the bootstrap
/// admin, the same credential the admin subcommands read from `connection.json`.
struct AdminPlane: Sendable {
    enum Endpoint: Sendable { case health, getClock, setClock }

    struct ClockState: Codable {
        let now: String
        let nowUnixSeconds: Int64
        let offsetSeconds: Double
    }

    struct ClockChange: Decodable {
        let offsetSeconds: Double?
        let advanceSeconds: Double?
    }

    let identity: IdentityService
    let clock: AdjustableClock
    let adminObjectId: String
    let dnsSuffix: String
    let routes: RouteTable<Endpoint>

    init(identity: IdentityService, clock: AdjustableClock, adminObjectId: String, dnsSuffix: String) throws {
        self.identity = identity
        self.clock = clock
        self.adminObjectId = adminObjectId.lowercased()
        self.dnsSuffix = dnsSuffix
        routes = try RouteTable([
            Route("GET", "/health", .health),
            Route("GET", "/admin/clock", .getClock),
            Route("POST", "/admin/clock", .setClock),
        ])
    }

    func handle(_ request: HTTPRequest, context base: RequestBasics) throws -> ServiceResponse {
        let endpoint: Endpoint
        switch routes.match(method: request.method, path: request.path) {
        case .found(let found, _): endpoint = found
        case .methodNotAllowed(let allowed):
            throw ServiceError(.methodNotAllowed, code: "MethodNotAllowed", message: "Allowed methods: \(allowed.joined(separator: ", ")).")
        case .notFound:
            throw ServiceError(.notFound, code: "NotFound", message: "The path '\(request.path)' is not part of the emulator's admin API.")
        }
        if endpoint == .health {
            return .json(["status": "Healthy"])
        }
        try requireAdmin(request, now: base.now)
        switch endpoint {
        case .health, .getClock:
            return .json(state())
        case .setClock:
            let change = try WireJSON.decode(ClockChange.self, from: request.body)
            guard (change.offsetSeconds == nil) != (change.advanceSeconds == nil) else {
                throw ServiceError(.badRequest, code: "BadParameter", message: "Give exactly one of 'offsetSeconds' and 'advanceSeconds'.")
            }
            if let offset = change.offsetSeconds { clock.offset = offset }
            if let advance = change.advanceSeconds { clock.advance(by: advance) }
            return .json(state())
        }
    }

    private func state() -> ClockState {
        let now = clock.now()
        return ClockState(now: now.iso8601, nowUnixSeconds: now.unixSeconds, offsetSeconds: clock.offset)
    }

    private func requireAdmin(_ request: HTTPRequest, now: Date) throws {
        guard let token = BearerToken.from(request.headers["Authorization"]) else { throw ManagementAuthenticationErrors.missingToken() }
        let origin = "https://management.\(dnsSuffix)\(HostFamily.portSuffix(request.host))"
        let audiences: Set<String> = [origin, origin + "/"].map { $0.lowercased() }.reduce(into: []) { $0.insert($1) }
        switch identity.validate(bearer: token, audiences: audiences, now: now, lifetime: .ignored) {
        case .failure(let rejection):
            throw ManagementAuthenticationErrors.rejected(rejection, now: now, audiences: Array(audiences))
        case .success(let validated) where validated.principal.objectId.lowercased() != adminObjectId:
            throw ServiceError(.forbidden, code: "AuthorizationFailed", message: "Only the emulator's bootstrap admin may use the admin API.")
        case .success:
            return
        }
    }
}
