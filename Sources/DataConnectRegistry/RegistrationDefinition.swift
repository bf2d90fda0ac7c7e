// DataConnectRegistry: what a Data Connect app registration asks the admin to authorize.

import Foundation

/// Single-tenant (the app and the data are in one tenant) or multi-tenant (an ISV's app
/// authorized in a customer tenant), as the registration wizard's "Publish Type" offers.
public enum PublishType: String, Codable, Sendable, CaseIterable {
    case singleTenant = "SingleTenant"
    case multiTenant = "MultiTenant"
}

/// Whose data a dataset grant covers (dataconnect-spec.md §4.3): every user, members of up to ten
/// groups, or the users a Graph filter URI selects.
public enum UserScope: Sendable, Equatable, Codable {
    case allUsers
    /// Group object ids, lower case, no duplicates.
    case groups([String])
    /// A `userScopeFilterUri`, compared exactly.
    case filter(String)

    private enum CodingKeys: String, CodingKey { case type, groups, filterUri }
    public static let allUsersType = "AllUsers"
    public static let groupsType = "Groups"
    public static let filterType = "Filter"

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case Self.groupsType: self = .groups(try container.decode([String].self, forKey: .groups))
        case Self.filterType: self = .filter(try container.decode(String.self, forKey: .filterUri))
        default: self = .allUsers
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .allUsers:
            try container.encode(Self.allUsersType, forKey: .type)
        case .groups(let groups):
            try container.encode(Self.groupsType, forKey: .type)
            try container.encode(groups, forKey: .groups)
        case .filter(let uri):
            try container.encode(Self.filterType, forKey: .type)
            try container.encode(uri, forKey: .filterUri)
        }
    }
}

/// One dataset the app may extract: its name, the columns (nil: every column of the dataset) and
/// the user scope.
public struct DatasetGrant: Codable, Sendable, Equatable {
    public var name: String
    public var columns: [String]?
    public var scope: UserScope

    public init(name: String, columns: [String]? = nil, scope: UserScope = .allUsers) {
        self.name = name
        self.columns = columns
        self.scope = scope
    }
}

/// Where the data lands: a storage account and a container, emulated as the folder
/// `<data-dir>/storage/<account>/<container>/`.
public struct StorageDestination: Codable, Sendable, Equatable {
    public var storageAccount: String
    public var container: String

    public init(storageAccount: String, container: String) {
        self.storageAccount = storageAccount
        self.container = container
    }
}

/// "Enable encryption for datasets" and the key vault picked for it. The vault is kept by name
/// (vault names are unique), and its URI is derived from the running emulator's host and port each
/// time it is shown, so a restart on another port does not leave a stale URI behind.
public struct EncryptionSetting: Codable, Sendable, Equatable {
    public var enabled: Bool
    /// The vault's name (the first label of its URI's host); nil when disabled.
    public var keyVaultName: String?

    public init(enabled: Bool, keyVaultName: String? = nil) {
        self.enabled = enabled
        self.keyVaultName = keyVaultName
    }

    public static let disabled = EncryptionSetting(enabled: false)
}

/// The part of a registration the Global Administrator reviews. Changing any of it invalidates
/// the approval (dataconnect-spec.md §2.2: destination, datasets, columns, scopes; and the
/// encryption properties, which apply "once the admin approves the changed properties").
/// Description and owners are not part of it.
public struct RegistrationDefinition: Codable, Sendable, Equatable {
    public var publishType: PublishType
    /// The tenant the application is registered in ("App publisher"); the registration's own
    /// tenant for single-tenant apps.
    public var applicationTenantId: String
    public var destination: StorageDestination
    public var encryption: EncryptionSetting
    public var datasets: [DatasetGrant]

    public init(publishType: PublishType, applicationTenantId: String, destination: StorageDestination,
                encryption: EncryptionSetting, datasets: [DatasetGrant]) {
        self.publishType = publishType
        self.applicationTenantId = applicationTenantId
        self.destination = destination
        self.encryption = encryption
        self.datasets = datasets
    }

    /// The grant for `dataset` (names compare case-insensitively), or nil.
    public func grant(for dataset: String) -> DatasetGrant? {
        datasets.first { $0.name.lowercased() == dataset.lowercased() }
    }

    /// Stable JSON for the store.
    var storedJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    static func fromStoredJSON(_ text: String?) -> RegistrationDefinition? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(RegistrationDefinition.self, from: Data(text.utf8))
    }
}
