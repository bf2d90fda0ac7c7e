// DataConnect: the few management-host answers the doctor reads (vaults, role assignments, a registration).

import Foundation

/// `GET /subscriptions/{s}/providers/Microsoft.KeyVault/vaults`: only what MG5 and MG6 need.
struct ARMVaultList: Decodable {
    struct Vault: Decodable {
        struct Properties: Decodable {
            struct NetworkAcls: Decodable { let defaultAction: String? }
            let enableRbacAuthorization: Bool?
            let publicNetworkAccess: String?
            let networkAcls: NetworkAcls?
        }
        let id: String
        let name: String
        let properties: Properties
    }
    let value: [Vault]
    let nextLink: String?
}

/// `GET {scope}/providers/Microsoft.Authorization/roleAssignments`: what MG7 needs.
struct ARMRoleAssignmentList: Decodable {
    struct Assignment: Decodable {
        struct Properties: Decodable {
            let roleDefinitionId: String
            let principalId: String
            let scope: String
        }
        let properties: Properties
    }
    let value: [Assignment]
}

/// `GET /providers/Microsoft.DataConnect/registrations/{appId}`: what MG8 and the approval note need.
struct RegistrationView: Decodable {
    struct Properties: Decodable {
        struct Encryption: Decodable {
            let enabled: Bool
            let keyVaultUri: String?
        }
        struct Authorization: Decodable {
            let status: String
            let expiresAt: String?
        }
        let revision: Int
        let encryption: Encryption
        let authorization: Authorization
    }
    let id: String
    let properties: Properties
}
