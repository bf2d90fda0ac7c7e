// Emulator: what the console learns before sign-in: endpoints and the directory's public facts.

import Foundation
import ServiceCore

/// `GET /console/settings.json`: the resources to request tokens for and the directory the
/// member picker shows (tenants, subscriptions, principals with their object and client ids).
/// It never carries a secret: the sign-in form asks for the client secret.
struct ConsoleSettings: Sendable {
    struct Principal: Encodable, Sendable {
        let displayName: String
        let objectId: String
        let appId: String?
        let principalType: String
        /// `admin` or `dataConnectApp` for the well-known identities of connection.json.
        let wellKnownRole: String?
    }

    struct Tenant: Encodable, Sendable {
        let tenantId: String
        let displayName: String
        let subscriptions: [String]
        let principals: [Principal]
    }

    struct Document: Encodable {
        let managementResource: String
        let vaultResource: String
        let vaultDnsSuffix: String
        let tenants: [Tenant]
    }

    let tenants: [Tenant]

    init(tenants: [Tenant]) {
        self.tenants = tenants
    }

    init(fixture: BootstrapFixture) {
        tenants = fixture.tenants.map { tenant in
            Tenant(tenantId: tenant.tenantId, displayName: tenant.displayName, subscriptions: tenant.subscriptions,
                   principals: tenant.principals.map { entry in
                       Principal(displayName: entry.displayName, objectId: entry.objectId, appId: entry.clientId,
                                 principalType: entry.kind.rawValue, wellKnownRole: entry.role)
                   })
        }
    }

    /// The document for a console opened at `portal.<dnsSuffix><port>` (`port` is ":8443" or "").
    func document(dnsSuffix: String, port: String) -> Data {
        WireJSON.encode(Document(managementResource: "https://management.\(dnsSuffix)\(port)",
                                 vaultResource: "https://vault.\(dnsSuffix)\(port)",
                                 vaultDnsSuffix: "vault.\(dnsSuffix)\(port)", tenants: tenants))
    }
}
