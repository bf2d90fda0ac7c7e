// DataConnectRegistry: the eight checks a pipeline run must pass (dataconnect-spec.md §3.2), as a pure function.

import Foundation
import ServiceCore

/// What a pipeline run asks for, as the agent sends it (the Copy activity's source and sink).
public struct RunRequest: Sendable, Equatable, Codable {
    public struct Destination: Sendable, Equatable, Codable {
        /// The sink's tenant (the linked service's tenant); nil: the caller's tenant.
        public var tenantId: String?
        /// Absolute path of the folder the run writes to; nil: the authorized container itself.
        public var path: String?

        public init(tenantId: String? = nil, path: String? = nil) {
            self.tenantId = tenantId
            self.path = path
        }
    }

    /// `tableName`, e.g. `BasicDataSet_v0.Message_v1`.
    public var dataset: String
    /// `outputColumns`: every column the run extracts (the agent always sends the full list).
    public var columns: [String]
    /// `allowedGroups` or `userScopeFilterUri`; nil: all users.
    public var scope: UserScope?
    public var destination: Destination?
    /// `office365TenantId`: whose data; nil: the caller's tenant.
    public var dataTenantId: String?

    public init(dataset: String, columns: [String], scope: UserScope? = nil, destination: Destination? = nil, dataTenantId: String? = nil) {
        self.dataset = dataset
        self.columns = columns
        self.scope = scope
        self.destination = destination
        self.dataTenantId = dataTenantId
    }
}

/// Who asks: the application's id and the tenant its token was issued by.
public struct RunCaller: Sendable, Equatable {
    public let appId: String
    public let tenantId: String

    public init(appId: String, tenantId: String) {
        self.appId = appId
        self.tenantId = tenantId
    }
}

/// A run that passed: the definition it runs under and where it writes.
public struct RunAuthorizationGrant: Sendable, Equatable {
    public let record: RegistrationRecord
    public let status: ApprovalStatus
    /// The approved definition (not the current one while an update waits).
    public let definition: RegistrationDefinition
    public let grant: DatasetGrant
    /// Absolute path the run writes to (inside the container folder).
    public let path: String
    /// Encryption applies: enabled in the approved definition and the dataset is eligible.
    public var encrypts: Bool { definition.encryption.enabled && RunAuthorization.isEncryptionEligible(dataset: grant.name) }
}

/// The checks, in the documented order; the first failure is thrown with its own code:
///
/// | # | Check | Code |
/// |---|---|---|
/// | 1 | a registration exists for the application in the data tenant | `AppNotAuthorized` |
/// | 2 | it is approved (Approved, or UpdateAvailable on the approved definition) | `AuthorizationPending`, `AuthorizationDenied`, `AuthorizationExpired` |
/// | 3 | the caller's tenant is the authorized application tenant | `ApplicationTenantMismatch` |
/// | 4 | the dataset is authorized | `DatasetNotAuthorized` |
/// | 5 | the columns are a subset of the authorized ones | `ColumnsNotAuthorized` |
/// | 6 | the destination tenant is the registration's tenant | `DestinationTenantMismatch` |
/// | 7 | the destination lies inside the authorized container | `DestinationNotAuthorized` |
/// | 8 | the scope matches: all users passes anything; groups pass a subset; a filter URI must match exactly | `ScopeNotAuthorized` |
public enum RunAuthorization {
    public static func evaluate(_ request: RunRequest, caller: RunCaller, record: RegistrationRecord?, now: Date,
                                folders: StorageFolders) throws -> RunAuthorizationGrant {
        let dataTenant = (request.dataTenantId ?? caller.tenantId).lowercased()
        // 1
        guard let record else { throw ServiceError.appNotAuthorized(appId: caller.appId, tenantId: dataTenant) }
        let appId = record.appId
        // 2
        let status = record.status(now: now)
        switch status {
        case .pending: throw ServiceError.authorizationPending(appId: appId, tenantId: record.tenantId)
        case .denied: throw ServiceError.authorizationDenied(appId: appId, tenantId: record.tenantId, reason: record.approval.denial?.reason)
        case .expired: throw ServiceError.authorizationExpired(appId: appId, expiredAt: record.approval.expiresAt ?? now)
        case .approved, .updateAvailable: break
        }
        guard let definition = record.approvedDefinition else {
            throw ServiceError.authorizationPending(appId: appId, tenantId: record.tenantId)
        }
        // 3
        guard caller.tenantId.lowercased() == definition.applicationTenantId.lowercased() else {
            throw ServiceError.applicationTenantMismatch(appId: appId, requested: caller.tenantId, authorized: definition.applicationTenantId)
        }
        // 4
        guard let grant = definition.grant(for: request.dataset) else {
            throw ServiceError.datasetNotAuthorized(appId: appId, dataset: request.dataset, authorized: definition.datasets.map(\.name))
        }
        // 5
        if let allowed = grant.columns {
            let known = Set(allowed.map { $0.lowercased() })
            let missing = request.columns.filter { !known.contains($0.lowercased()) }
            guard missing.isEmpty else { throw ServiceError.columnsNotAuthorized(appId: appId, dataset: grant.name, columns: missing) }
        }
        // 6
        let destinationTenant = (request.destination?.tenantId ?? caller.tenantId).lowercased()
        guard destinationTenant == record.tenantId.lowercased() else {
            throw ServiceError.destinationTenantMismatch(appId: appId, requested: destinationTenant, authorized: record.tenantId)
        }
        // 7
        let root = folders.folder(for: definition.destination).path
        let path = request.destination?.path ?? root
        guard folders.contains(path, in: definition.destination) else {
            throw ServiceError.destinationNotAuthorized(appId: appId, path: path, account: definition.destination.storageAccount,
                                                        container: definition.destination.container, root: root)
        }
        // 8
        if let rule = scopeViolation(requested: request.scope ?? .allUsers, authorized: grant.scope) {
            throw ServiceError.scopeNotAuthorized(appId: appId, dataset: grant.name, requested: describe(request.scope ?? .allUsers),
                                                  authorized: describe(grant.scope), rule: rule)
        }
        return RunAuthorizationGrant(record: record, status: status, definition: definition, grant: grant, path: path)
    }

    /// Why `requested` is outside `authorized`, or nil when it is inside.
    static func scopeViolation(requested: UserScope, authorized: UserScope) -> String? {
        switch (authorized, requested) {
        case (.allUsers, _):
            return nil
        case (.groups(let allowed), .groups(let asked)):
            let extra = asked.filter { !allowed.contains($0.lowercased()) }
            return extra.isEmpty && !asked.isEmpty ? nil : "groups \(extra.joined(separator: ", ")) are not among the authorized groups"
        case (.groups, _):
            return "the application is authorized for selected groups only; request a subset of them"
        case (.filter(let allowed), .filter(let asked)):
            return asked == allowed ? nil : "a scope filter URI must match the authorized one exactly"
        case (.filter, _):
            return "the application is authorized for a scope filter URI only; request exactly that filter"
        }
    }

    static func describe(_ scope: UserScope) -> String {
        switch scope {
        case .allUsers: return "all users"
        case .groups(let groups): return "groups \(groups.joined(separator: ", "))"
        case .filter(let uri): return "filter \(uri)"
        }
    }

    /// Viva Insights datasets are not eligible for encryption and are delivered in clear
    /// (dataconnect-spec.md §5.1); every other dataset is.
    public static func isEncryptionEligible(dataset: String) -> Bool {
        !dataset.lowercased().hasPrefix("vivainsights")
    }
}
