// Emulator: the request pipeline, written once: request id and clock -> host family -> plane -> response or error.

import Foundation
import HTTPServer
import ServiceCore

/// Turns every HTTP request into a response. Each plane runs its own checks in Azure's order
/// (`VaultDataPlane`, `ManagementPlane`, `TokenAuthorityPlane`, `AdminPlane`); errors become Azure
/// bodies here and only here (`ErrorResponses`), and anything unexpected becomes a logged bare 500.
/// The portal host serves the console and rewrites its API prefixes to the other hosts; the
/// rewritten request goes through `dispatch` again, exactly as if a client had sent it there.
final class Pipeline: Sendable {
    let clock: any Clock
    let dnsSuffix: String
    let tokenAuthority: TokenAuthorityPlane
    let management: ManagementPlane
    let vaults: VaultDataPlane
    let admin: AdminPlane
    let portal: PortalPlane

    init(clock: any Clock, dnsSuffix: String, tokenAuthority: TokenAuthorityPlane, management: ManagementPlane,
         vaults: VaultDataPlane, admin: AdminPlane, portal: PortalPlane) {
        self.clock = clock
        self.dnsSuffix = dnsSuffix
        self.tokenAuthority = tokenAuthority
        self.management = management
        self.vaults = vaults
        self.admin = admin
        self.portal = portal
    }

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        let basics = RequestBasics(requestId: UUID().uuidString.lowercased(), now: clock.now())
        do {
            return try dispatch(request, context: basics)
        } catch let error as ServiceError {
            return ErrorResponses.response(for: error, requestId: basics.requestId)
        } catch {
            return ErrorResponses.internalFailure(error, requestId: basics.requestId)
        }
    }

    private func dispatch(_ request: HTTPRequest, context basics: RequestBasics, forwarded: Bool = false) throws -> HTTPResponse {
        switch HostFamily(host: request.host, dnsSuffix: dnsSuffix) {
        case .login:
            return tokenAuthority.handle(request, requestId: basics.requestId, now: basics.now)
        case .management:
            return ErrorResponses.json(try management.handle(request, context: basics), requestId: basics.requestId)
        case .vault(let name):
            return ErrorResponses.json(try vaults.handle(request, vaultName: name, context: basics), requestId: basics.requestId)
        case .admin:
            return ErrorResponses.json(try admin.handle(request, context: basics), requestId: basics.requestId)
        case .portal where !forwarded:
            switch try portal.route(request, requestId: basics.requestId, now: basics.now) {
            case .respond(let response): return response
            case .forward(let rewritten): return try dispatch(rewritten, context: basics, forwarded: true)
            }
        case .portal, .unknown:
            let host = HostFamily.hostName(request.host).lowercased()
            throw ServiceError(.notFound, code: "UnknownHost",
                               message: "The host '\(host)' is not served by this emulator. Use login.\(dnsSuffix), management.\(dnsSuffix), <vault>.vault.\(dnsSuffix) or portal.\(dnsSuffix).")
        }
    }
}
