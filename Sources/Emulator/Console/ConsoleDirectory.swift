// Emulator: the member picker's source (/console/directory.json): the caller's directory, for signed-in callers.

import Foundation
import HTTPServer
import Identity
import ServiceCore

/// `GET /console/directory.json` with a management-audience token: the principals and groups of
/// the token's tenant (names, object ids, client ids, types; never a secret). It plays the part
/// Microsoft Graph plays for the portal's "Select members" pane, so principals added with
/// `keyvault-emulator principal` or `group` can be picked too. Without a valid token: ARM's 401s.
struct ConsoleDirectory: Sendable {
    struct Listing: Encodable {
        let value: [ConsoleSettings.Principal]
    }

    let identity: IdentityService
    let dnsSuffix: String
    /// Object id (lower case) -> `admin` / `dataConnectApp`, from the bootstrap fixture.
    let wellKnownRoles: [String: String]

    init(identity: IdentityService, dnsSuffix: String, settings: ConsoleSettings) {
        self.identity = identity
        self.dnsSuffix = dnsSuffix
        var roles: [String: String] = [:]
        for tenant in settings.tenants {
            for principal in tenant.principals {
                if let role = principal.wellKnownRole { roles[principal.objectId.lowercased()] = role }
            }
        }
        wellKnownRoles = roles
    }

    func response(_ request: HTTPRequest, now: Date, requestId: String) throws -> HTTPResponse {
        guard let token = BearerToken.from(request.headers["Authorization"]) else { throw ManagementAuthenticationErrors.missingToken() }
        let origin = "https://management.\(dnsSuffix)\(HostFamily.portSuffix(request.host))"
        let audiences = [origin, origin + "/"]
        let tenantId: String
        switch identity.validate(bearer: token, audiences: Set(audiences.map { $0.lowercased() }), now: now) {
        case .failure(let rejection): throw ManagementAuthenticationErrors.rejected(rejection, now: now, audiences: audiences)
        case .success(let validated): tenantId = validated.principal.tenantId
        }
        let principals = identity.principals(tenantId: tenantId).map { entry in
            ConsoleSettings.Principal(displayName: entry.displayName, objectId: entry.objectId, appId: entry.clientId,
                                      principalType: entry.kind.rawValue, wellKnownRole: wellKnownRoles[entry.objectId.lowercased()])
        }
        return HTTPResponse(status: 200, headers: [("Content-Type", "application/json; charset=utf-8"), ("Cache-Control", "no-store"),
                                                   ("x-ms-request-id", requestId)] + ConsoleAssets.securityHeaders,
                            body: WireJSON.encode(Listing(value: principals)))
    }
}
