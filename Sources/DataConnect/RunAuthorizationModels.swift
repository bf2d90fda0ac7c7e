// DataConnect: what the agent asks the registration before a run, and what it is told.

import Foundation

/// A user scope as the registration API spells it: `{"type":"AllUsers"}`,
/// `{"type":"Groups","groups":[...]}` or `{"type":"Filter","filterUri":"..."}`.
public struct RunScope: Codable, Sendable, Equatable {
    public var type: String
    public var groups: [String]?
    public var filterUri: String?

    public static let allUsers = RunScope(type: "AllUsers")
    public static func groups(_ ids: [String]) -> RunScope { RunScope(type: "Groups", groups: ids) }
    public static func filter(_ uri: String) -> RunScope { RunScope(type: "Filter", filterUri: uri) }

    public init(type: String, groups: [String]? = nil, filterUri: String? = nil) {
        self.type = type
        self.groups = groups
        self.filterUri = filterUri
    }
}

/// The body of `POST /providers/Microsoft.DataConnect/authorizeRun`: the copy activity's request.
public struct RunAuthorizationRequest: Encodable, Sendable, Equatable {
    public struct Destination: Encodable, Sendable, Equatable {
        public var tenantId: String?
        public var path: String?
    }

    public var dataset: String
    /// Every column the run delivers.
    public var columns: [String]
    public var scope: RunScope?
    public var destination: Destination?

    public init(dataset: String, columns: [String], scope: RunScope? = nil, destinationTenantId: String? = nil, destinationPath: String? = nil) {
        self.dataset = dataset
        self.columns = columns
        self.scope = scope
        destination = destinationTenantId == nil && destinationPath == nil ? nil
            : Destination(tenantId: destinationTenantId, path: destinationPath)
    }
}

/// The registry's answer for an authorized run (docs/dataconnect.md, "Run authorization").
public struct RunAuthorizationAnswer: Decodable, Sendable, Equatable {
    public struct Destination: Decodable, Sendable, Equatable {
        public let tenantId: String
        public let storageAccount: String
        public let container: String
        public let root: String
        public let path: String
    }

    public struct Encryption: Decodable, Sendable, Equatable {
        public let enabled: Bool
        public let eligible: Bool
        public let applies: Bool
        public let keyVaultUri: String?
        public let keyVaultName: String?
        public let keyName: String
    }

    public let appId: String
    public let tenantId: String
    public let registrationId: String
    /// `Approved` or `UpdateAvailable`.
    public let status: String
    /// The approved revision the run uses.
    public let revision: Int
    public let approvedAt: String?
    public let expiresAt: String?
    public let destination: Destination
    public let encryption: Encryption

    /// The codes of a refused run, one per check (and per refusing approval state).
    public static let refusalCodes: Set<String> = [
        "AppNotAuthorized", "AuthorizationPending", "AuthorizationDenied", "AuthorizationExpired", "ApplicationTenantMismatch",
        "DatasetNotAuthorized", "ColumnsNotAuthorized", "DestinationTenantMismatch", "DestinationNotAuthorized", "ScopeNotAuthorized",
    ]
}
