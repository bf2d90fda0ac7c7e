// EmulatorClient: Data Connect app registrations and their approval, through the management host.

import Foundation

/// The registration API of a running emulator (docs/dataconnect.md, "Registrations"), for the
/// `keyvault-emulator dataconnect` subcommands and tests. Each call acts as the session's principal:
/// the developer (owner) registers and changes, the Global Administrator approves and denies.
///
/// ```swift
/// let developer = DataConnectRegistrations(session: AzureSession(connection: c, credential: c.admin))
/// try developer.register(appId: app, resourceGroup: "dataconnect-rg", properties: RegistrationProperties(
///     description: "Finance pipeline", storageAccount: "lake1", container: "mgdc",
///     datasets: [.init(name: "BasicDataSet_v0.Message_v1")], keyVaultUri: vault).json)
/// try DataConnectRegistrations(session: AzureSession(connection: c, credential: c.globalAdmin!)).approve(appId: app)
/// ```
public struct DataConnectRegistrations {
    public static let apiVersion = "2025-01-01"

    public let session: AzureSession

    public init(session: AzureSession) { self.session = session }

    /// `PUT` of the registration under a resource group of the connection's subscription.
    @discardableResult
    public func register(appId: String, resourceGroup: String, properties: [String: Any], subscriptionId: String? = nil) throws -> [String: Any] {
        try session.arm("PUT", path(appId: appId, resourceGroup: resourceGroup, subscriptionId: subscriptionId),
                        apiVersion: Self.apiVersion, body: ["properties": properties])
    }

    /// The registration as the admin center shows it (owners, Global Administrators, the app itself).
    public func show(appId: String) throws -> [String: Any] {
        try session.arm("GET", "/providers/Microsoft.DataConnect/registrations/\(appId)", apiVersion: Self.apiVersion)
    }

    /// Every registration of the tenant the caller may see.
    public func list() throws -> [String: Any] {
        try session.arm("GET", "/providers/Microsoft.DataConnect/registrations", apiVersion: Self.apiVersion)
    }

    @discardableResult
    public func delete(appId: String) throws -> [String: Any] {
        try session.arm("DELETE", "/providers/Microsoft.DataConnect/registrations/\(appId)", apiVersion: Self.apiVersion)
    }

    /// Approves the current revision (or refuses with `RegistrationChanged` when `revision` is given and stale).
    @discardableResult
    public func approve(appId: String, revision: Int? = nil) throws -> [String: Any] {
        try session.arm("POST", "/providers/Microsoft.DataConnect/registrations/\(appId)/approve", apiVersion: Self.apiVersion,
                        body: revision.map { ["revision": $0] } ?? [:])
    }

    @discardableResult
    public func deny(appId: String, reason: String? = nil, revision: Int? = nil) throws -> [String: Any] {
        var body: [String: Any] = [:]
        if let reason { body["reason"] = reason }
        if let revision { body["revision"] = revision }
        return try session.arm("POST", "/providers/Microsoft.DataConnect/registrations/\(appId)/deny", apiVersion: Self.apiVersion, body: body)
    }

    public func path(appId: String, resourceGroup: String, subscriptionId: String? = nil) -> String {
        "/subscriptions/\(subscriptionId ?? session.connection.subscriptionId)/resourceGroups/\(resourceGroup)/providers/Microsoft.DataConnect/registrations/\(appId)"
    }
}

/// The `properties` of a registration, built from command-line style pieces.
public struct RegistrationProperties {
    public struct Dataset {
        public var name: String
        /// nil: every column.
        public var columns: [String]?
        /// Group object ids (scope `Groups`), or nil.
        public var groups: [String]?
        /// A user scope filter URI (scope `Filter`), or nil.
        public var filterUri: String?

        public init(name: String, columns: [String]? = nil, groups: [String]? = nil, filterUri: String? = nil) {
            self.name = name
            self.columns = columns
            self.groups = groups
            self.filterUri = filterUri
        }

        /// `{"name", "columns"?, "scope"}` as the registration API takes it.
        public var jsonValue: [String: Any] {
            var entry: [String: Any] = ["name": name]
            if let columns { entry["columns"] = columns }
            if let groups {
                entry["scope"] = ["type": "Groups", "groups": groups]
            } else if let filterUri {
                entry["scope"] = ["type": "Filter", "filterUri": filterUri]
            } else {
                entry["scope"] = ["type": "AllUsers"]
            }
            return entry
        }
    }

    public var description: String
    public var storageAccount: String
    public var container: String
    public var datasets: [Dataset]
    /// nil: encryption off.
    public var keyVaultUri: String?
    public var publishType = "SingleTenant"
    public var applicationTenantId: String?
    public var owners: [String] = []

    public init(description: String, storageAccount: String, container: String, datasets: [Dataset], keyVaultUri: String? = nil) {
        self.description = description
        self.storageAccount = storageAccount
        self.container = container
        self.datasets = datasets
        self.keyVaultUri = keyVaultUri
    }

    public var json: [String: Any] {
        var properties: [String: Any] = [
            "description": description, "publishType": publishType,
            "destination": ["storageAccount": storageAccount, "container": container],
            "datasets": datasets.map(\.jsonValue),
            "encryption": keyVaultUri.map { ["enabled": true, "keyVaultUri": $0] as [String: Any] } ?? ["enabled": false],
        ]
        if let applicationTenantId { properties["applicationTenantId"] = applicationTenantId }
        if !owners.isEmpty { properties["owners"] = owners }
        return properties
    }
}
