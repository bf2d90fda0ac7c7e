// DataConnectRegistry: the service: settings, store, who may do what, and the queries the wiring uses.

import Foundation
import Management
import ServiceCore
import Storage

/// What the registry needs from the emulator around it.
public struct RegistrySettings: Sendable {
    /// `<data-dir>/storage`: container `c` of account `a` is `<storageRoot>/a/c/`.
    public var storageRoot: URL
    /// Whether the caller holds the Global Administrator directory role of its tenant.
    public var isGlobalAdministrator: @Sendable (Principal) -> Bool
    /// Whether an application (client id) exists in a tenant: `(tenantId, appId)`.
    public var applicationExists: @Sendable (String, String) -> Bool

    public init(storageRoot: URL, isGlobalAdministrator: @escaping @Sendable (Principal) -> Bool,
                applicationExists: @escaping @Sendable (String, String) -> Bool) {
        self.storageRoot = storageRoot
        self.isGlobalAdministrator = isGlobalAdministrator
        self.applicationExists = applicationExists
    }
}

/// Microsoft Graph Data Connect app registrations (dataconnect-spec.md §2), their authorization by
/// a Global Administrator (§3.1) and the check of a pipeline run against it (§3.2), served as ARM
/// operations on the management host (``operations``, mounted beside `ManagementService.operations`).
///
/// ```swift
/// try database.migrate(DataConnectRegistry.migrations)
/// let registry = DataConnectRegistry(database: database, management: management, settings: settings)
/// let plane = try ManagementPlane(..., extraOperations: registry.operations)
/// ```
public final class DataConnectRegistry: Sendable {
    public static let migrations: [Migration] = RegistrationSchema.migrations

    let store: RegistrationStore
    let database: Database
    let management: ManagementService
    let settings: RegistrySettings
    let folders: StorageFolders

    public init(database: Database, management: ManagementService, settings: RegistrySettings) {
        self.database = database
        store = RegistrationStore(database: database)
        self.management = management
        self.settings = settings
        folders = StorageFolders(root: settings.storageRoot)
    }

    /// The registration of `appId` in `tenantId`, or nil.
    public func registration(tenantId: String, appId: String) -> RegistrationRecord? {
        try? store.record(tenantId: tenantId, appId: appId)
    }

    // MARK: - Who may do what

    /// Owners and Global Administrators see, change and delete a registration; the application's
    /// own service principal may see it.
    func canSee(_ record: RegistrationRecord, _ principal: Principal) -> Bool {
        isOwnerOrAdministrator(record, principal) || principal.applicationId.lowercased() == record.appId
    }

    func isOwnerOrAdministrator(_ record: RegistrationRecord, _ principal: Principal) -> Bool {
        guard principal.tenantId.lowercased() == record.tenantId else { return false }
        return record.owners.contains(principal.objectId.lowercased()) || settings.isGlobalAdministrator(principal)
    }

    func requireSee(_ record: RegistrationRecord, _ principal: Principal) throws {
        guard canSee(record, principal) else { throw ServiceError.notApplicationOwner(appId: record.appId, verb: "see") }
    }

    func requireChange(_ record: RegistrationRecord, _ principal: Principal, verb: String) throws {
        guard isOwnerOrAdministrator(record, principal) else { throw ServiceError.notApplicationOwner(appId: record.appId, verb: verb) }
    }

    static func caller(_ request: ServiceRequest) throws -> Principal {
        guard let principal = request.context.principal else {
            throw ServiceError(.unauthorized, code: "AuthenticationFailed", message: "Authentication failed. The 'Authorization' header is missing.")
        }
        return principal
    }

    /// A registration as the API shows it, with vault URIs as served now.
    func resource(_ record: RegistrationRecord, now: Date) -> RegistrationResource {
        RegistrationResource(record, folders: folders, vaultURI: { [management] in management.vaultURI(named: $0) }, now: now)
    }

    /// The vault a registration links to, by name.
    func linkedVault(named name: String) -> LinkedVault? {
        guard let vault = management.vault(named: name) else { return nil }
        return LinkedVault(name: vault.name, uri: management.vaultURI(named: vault.name), tenantId: vault.tenantId)
    }
}
