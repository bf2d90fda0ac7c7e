// DataConnectRegistry: the PUT body of a registration and the approve/deny bodies, as decoded.

import Foundation

/// `PUT .../registrations/{appId}` body; every member optional so the rules below name what is missing.
struct RegistrationInput: Decodable {
    struct Properties: Decodable {
        var description: String?
        var publishType: String?
        var applicationTenantId: String?
        var destination: DestinationInput?
        var encryption: EncryptionInput?
        var datasets: [DatasetInput]?
        var owners: [String]?
    }
    struct DestinationInput: Decodable {
        var storageAccount: String?
        var container: String?
    }
    struct EncryptionInput: Decodable {
        var enabled: Bool?
        var keyVaultUri: String?
    }
    struct DatasetInput: Decodable {
        var name: String?
        var columns: [String]?
        var scope: ScopeInput?
    }
    struct ScopeInput: Decodable {
        var type: String?
        var groups: [String]?
        var filterUri: String?
    }
    var properties: Properties?
}

/// Optional body of approve and deny: the revision the admin reviewed (a changed registration is
/// refused with 409 `RegistrationChanged`) and, for deny, a reason.
struct DecisionInput: Decodable {
    var revision: Int?
    var reason: String?
}
