// Identity: finding an application's service principal by its client id.

import Storage

extension IdentityService {
    /// The principal whose client (application) id is `clientId` in `tenantId`, or nil.
    ///
    /// ```swift
    /// identity.principal(clientId: appId, tenantId: tenant)?.objectId   // the app's service principal
    /// ```
    public func principal(clientId: String, tenantId: String) -> DirectoryPrincipal? {
        (try? database.query("SELECT * FROM identity_principals WHERE tenant_id = ? AND client_id = ?",
                             [.text(tenantId.lowercased()), .text(clientId.lowercased())]))?.first.map(Self.principal(from:))
    }
}
