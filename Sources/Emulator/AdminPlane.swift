// Emulator: the localhost host: health, the admin API (clock, identities) and managed identity tokens.

import Foundation
import HTTPServer
import Identity
import ServiceCore

/// `GET /health` and the managed identity endpoints are anonymous. `/admin/*` needs a
/// management-audience token of the bootstrap admin, the same credential the admin subcommands
/// read from `connection.json`.
struct AdminPlane: Sendable {
    enum Endpoint: Sendable {
        case health, getClock, setClock, listPrincipals, createPrincipal, addGroupMember
        case imdsToken, appServiceToken
    }

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
    let defaultTenant: String
    let dnsSuffix: String
    let managedIdentity: ManagedIdentityEndpoint
    let routes: RouteTable<Endpoint>

    init(identity: IdentityService, clock: AdjustableClock, adminObjectId: String, dnsSuffix: String,
         defaultTenant: String = "", identityHeader: String = "emulator-identity-header") throws {
        self.identity = identity
        self.clock = clock
        self.adminObjectId = adminObjectId.lowercased()
        self.defaultTenant = defaultTenant
        self.dnsSuffix = dnsSuffix
        self.managedIdentity = ManagedIdentityEndpoint(identity: identity, identityHeader: identityHeader)
        routes = try RouteTable([
            Route("GET", "/health", .health),
            Route("GET", "/admin/clock", .getClock),
            Route("POST", "/admin/clock", .setClock),
            Route("GET", "/admin/principals", .listPrincipals),
            Route("POST", "/admin/principals", .createPrincipal),
            Route("POST", "/admin/groups/{groupId}/members", .addGroupMember),
            Route("GET", "/metadata/identity/oauth2/token", .imdsToken),
            Route("GET", "/msi/token", .appServiceToken),
        ])
    }

    func handle(_ request: HTTPRequest, context base: RequestBasics) throws -> ServiceResponse {
        let endpoint: Endpoint
        let parameters: [String: String]
        switch routes.match(method: request.method, path: request.path) {
        case .found(let found, let captured): (endpoint, parameters) = (found, captured)
        case .methodNotAllowed(let allowed):
            throw ServiceError(.methodNotAllowed, code: "MethodNotAllowed", message: "Allowed methods: \(allowed.joined(separator: ", ")).")
        case .notFound:
            throw ServiceError(.notFound, code: "NotFound", message: "The path '\(request.path)' is not part of the emulator's admin API.")
        }
        switch endpoint {
        case .health: return .json(["status": "Healthy"])
        case .imdsToken: return managedIdentity.token(request, flavor: .imds)
        case .appServiceToken: return managedIdentity.token(request, flavor: .appService)
        default: break
        }
        try requireAdmin(request, now: base.now)
        switch endpoint {
        case .listPrincipals:
            let tenant = request.query["tenantId"]
            return .json(["value": identity.principals(tenantId: tenant).map(PrincipalView.init)])
        case .createPrincipal:
            return try createPrincipal(request)
        case .addGroupMember:
            let body = try WireJSON.decode(MemberChange.self, from: request.body)
            let group = parameters["groupId"] ?? ""
            try identity.addMember(groupId: group, memberId: body.objectId)
            guard let member = identity.principal(objectId: body.objectId) else {
                throw ServiceError(.notFound, code: "PrincipalNotFound", message: "The principal '\(body.objectId)' is gone.")
            }
            return .json(PrincipalView(member))
        case .health, .getClock, .imdsToken, .appServiceToken:
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

    /// `POST /admin/principals` `{kind, displayName, tenantId?, groups?, managedIdentity?}`: 201 with
    /// the new principal and its secret, shown this once (a user's is its password).
    private func createPrincipal(_ request: HTTPRequest) throws -> ServiceResponse {
        let body = try WireJSON.decode(NewPrincipal.self, from: request.body)
        let kind: Principal.Kind
        switch (body.kind ?? "ServicePrincipal").lowercased() {
        case "serviceprincipal", "sp", "application": kind = .servicePrincipal
        case "user": kind = .user
        case "group": kind = .group
        case "managedidentity": kind = .servicePrincipal
        default:
            throw ServiceError(.badRequest, code: "BadParameter", message: "kind is ServicePrincipal, User, Group or ManagedIdentity, not '\(body.kind ?? "")'.")
        }
        let managed = body.managedIdentity ?? ((body.kind ?? "").lowercased() == "managedidentity" ? "user" : nil)
        let created = try identity.createPrincipal(kind: kind, displayName: body.displayName ?? "", tenantId: body.tenantId ?? defaultTenant,
                                                   groups: body.groups ?? [], managedIdentity: managed)
        var view = PrincipalView(created.principal)
        if kind == .user { view.password = created.secret } else { view.clientSecret = created.secret }
        return .json(view, status: 201)
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

/// `POST /admin/principals` body.
struct NewPrincipal: Decodable {
    var kind: String?
    var displayName: String?
    var tenantId: String?
    var groups: [String]?
    var managedIdentity: String?
}

/// `POST /admin/groups/{groupId}/members` body.
struct MemberChange: Decodable {
    var objectId: String
}

/// A principal as the admin API shows it; the secret only in the answer that created it.
struct PrincipalView: Encodable {
    var objectId: String
    var tenantId: String
    var kind: String
    var displayName: String
    var clientId: String?
    var clientSecret: String?
    var password: String?
    var groups: [String]
    var managedIdentity: String?

    init(_ principal: DirectoryPrincipal) {
        objectId = principal.objectId
        tenantId = principal.tenantId
        kind = principal.kind.rawValue
        displayName = principal.displayName
        clientId = principal.clientId
        groups = principal.groups
        managedIdentity = principal.managedIdentity
    }
}
