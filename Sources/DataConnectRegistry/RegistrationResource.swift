// DataConnectRegistry: a registration as the management API returns it.

import Foundation
import ServiceCore

/// `Microsoft.DataConnect/registrations/{appId}` in ARM's resource shape. Absent values are left out.
struct RegistrationResource: Encodable {
    struct Destination: Encodable {
        let storageAccount: String
        let container: String
        /// Our addition: the folder that plays the container.
        let path: String
    }

    struct Encryption: Encodable {
        let enabled: Bool
        let keyVaultUri: String?
        let keyVaultName: String?
    }

    struct Definition: Encodable {
        let publishType: String
        let applicationTenantId: String
        let destination: Destination
        let encryption: Encryption
        let datasets: [DatasetGrant]
    }

    struct Authorization: Encodable {
        let status: String
        let approvedRevision: Int?
        let approvedAt: String?
        let approvedBy: String?
        let expiresAt: String?
        let deniedRevision: Int?
        let deniedAt: String?
        let deniedBy: String?
        let denialReason: String?
        /// What runs use while an approval is in force (differs from the current definition when
        /// the status is UpdateAvailable).
        let approvedProperties: Definition?
    }

    struct Properties: Encodable {
        let appId: String
        let tenantId: String
        let description: String
        let publishType: String
        let applicationTenantId: String
        let destination: Destination
        let encryption: Encryption
        let datasets: [DatasetGrant]
        let owners: [String]
        let developer: String
        let revision: Int
        let registeredOn: String
        let lastModified: String
        let authorization: Authorization
        let provisioningState = "Succeeded"
    }

    struct SystemData: Encodable {
        let createdBy: String
        let createdByType: String
        let createdAt: String
        let lastModifiedBy: String
        let lastModifiedByType: String
        let lastModifiedAt: String
    }

    let id: String
    let name: String
    let type = RegistrationRecord.resourceType
    let properties: Properties
    let systemData: SystemData

    /// `vaultURI` turns a vault name into its data-plane URI as served now.
    init(_ record: RegistrationRecord, folders: StorageFolders, vaultURI: (String) -> String, now: Date) {
        func definition(_ d: RegistrationDefinition) -> Definition {
            Definition(publishType: d.publishType.rawValue, applicationTenantId: d.applicationTenantId,
                       destination: Destination(storageAccount: d.destination.storageAccount, container: d.destination.container,
                                                path: folders.folder(for: d.destination).path),
                       encryption: Encryption(enabled: d.encryption.enabled, keyVaultUri: d.encryption.keyVaultName.map(vaultURI),
                                              keyVaultName: d.encryption.keyVaultName),
                       datasets: d.datasets)
        }
        let current = definition(record.definition)
        let approval = record.approval.approval
        let denial = record.approval.denial
        id = record.resourceId
        name = record.appId
        properties = Properties(
            appId: record.appId, tenantId: record.tenantId, description: record.description,
            publishType: current.publishType, applicationTenantId: current.applicationTenantId,
            destination: current.destination, encryption: current.encryption, datasets: current.datasets,
            owners: record.owners, developer: record.developer, revision: record.revision,
            registeredOn: record.createdAt.iso8601, lastModified: record.updatedAt.iso8601,
            authorization: Authorization(
                status: record.status(now: now).rawValue, approvedRevision: approval?.revision, approvedAt: approval?.at.iso8601,
                approvedBy: approval?.by, expiresAt: record.approval.expiresAt?.iso8601, deniedRevision: denial?.revision,
                deniedAt: denial?.at.iso8601, deniedBy: denial?.by, denialReason: denial?.reason,
                approvedProperties: record.approvedDefinition.map(definition)))
        systemData = SystemData(createdBy: record.createdBy, createdByType: record.createdByType, createdAt: record.createdAt.iso8601,
                                lastModifiedBy: record.updatedBy, lastModifiedByType: record.updatedByType,
                                lastModifiedAt: record.updatedAt.iso8601)
    }
}

/// `{"value":[...]}` of a list.
struct RegistrationList: Encodable {
    let value: [RegistrationResource]
}
