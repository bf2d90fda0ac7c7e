// Management: Key Vault vault models — request bodies, the stored properties, the ARM response, VaultRecord.

import Foundation
import ServiceCore
import Authorization
import Storage

/// A vault as stored, in the terms the data plane and the pipeline need.
public struct VaultRecord: Sendable {
    public let subscriptionId, resourceGroup, name, location: String
    public let tenantId: String
    /// `"standard"` or `"premium"`.
    public let sku: String
    public let enableRbacAuthorization: Bool
    public let network: NetworkSettings
    public let accessPolicies: [AccessPolicyEntry]
    /// 0 when soft delete is off.
    public let softDeleteRetentionDays: Int
    public let purgeProtection: Bool

    public init(subscriptionId: String, resourceGroup: String, name: String, location: String, tenantId: String, sku: String,
                enableRbacAuthorization: Bool, network: NetworkSettings, accessPolicies: [AccessPolicyEntry],
                softDeleteRetentionDays: Int, purgeProtection: Bool) {
        self.subscriptionId = subscriptionId
        self.resourceGroup = resourceGroup
        self.name = name
        self.location = location
        self.tenantId = tenantId
        self.sku = sku
        self.enableRbacAuthorization = enableRbacAuthorization
        self.network = network
        self.accessPolicies = accessPolicies
        self.softDeleteRetentionDays = softDeleteRetentionDays
        self.purgeProtection = purgeProtection
    }

    public var resourceId: String {
        "/subscriptions/\(subscriptionId)/resourceGroups/\(resourceGroup)/providers/Microsoft.KeyVault/vaults/\(name)"
    }
}

// MARK: - Request bodies (PUT VaultCreateOrUpdateParameters, PATCH VaultPatchParameters)

struct VaultSkuInput: Decodable {
    var family: String?
    var name: String?
}

struct NetworkAclsInput: Decodable {
    var bypass: String?
    var defaultAction: String?
    var ipRules: [IPRule]?
    var virtualNetworkRules: [VirtualNetworkRule]?
}

/// Every property is optional here; ``VaultValidation`` decides what is required when.
struct VaultPropertiesInput: Decodable {
    var tenantId: String?
    var sku: VaultSkuInput?
    var accessPolicies: [AccessPolicyEntry]?
    var enabledForDeployment: Bool?
    var enabledForDiskEncryption: Bool?
    var enabledForTemplateDeployment: Bool?
    var enableSoftDelete: Bool?
    var softDeleteRetentionInDays: Int?
    var enableRbacAuthorization: Bool?
    var enablePurgeProtection: Bool?
    var publicNetworkAccess: String?
    var networkAcls: NetworkAclsInput?
    var createMode: String?
}

struct VaultParameters: Decodable {
    var location: String?
    var tags: [String: String]?
    var properties: VaultPropertiesInput?
}

// MARK: - Stored properties (the `properties` column), also the shape of the response

struct VaultSku: Codable, Equatable {
    var family = "A"
    var name: String
}

struct IPRule: Codable, Equatable {
    var value: String
}

struct VirtualNetworkRule: Codable, Equatable {
    var id: String
    var ignoreMissingVnetServiceEndpoint: Bool?
}

struct NetworkAcls: Codable, Equatable {
    var bypass: String
    var defaultAction: String
    var ipRules: [IPRule]
    var virtualNetworkRules: [VirtualNetworkRule]
}

/// The normalized vault properties: what is stored and what responses are built from.
struct VaultProperties: Codable, Equatable {
    var tenantId: String
    var sku: VaultSku
    var accessPolicies: [AccessPolicyEntry]
    var enableRbacAuthorization: Bool
    var enableSoftDelete: Bool
    var softDeleteRetentionInDays: Int
    /// `nil` until set to true (it can never be false).
    var enablePurgeProtection: Bool?
    var publicNetworkAccess: String
    var networkAcls: NetworkAcls?
    var enabledForDeployment: Bool
    var enabledForDiskEncryption: Bool
    var enabledForTemplateDeployment: Bool

    var network: NetworkSettings {
        NetworkSettings(publicNetworkAccess: publicNetworkAccess, defaultAction: networkAcls?.defaultAction ?? "Allow",
                        bypass: networkAcls?.bypass ?? "AzureServices", ipRules: networkAcls?.ipRules.map(\.value) ?? [],
                        virtualNetworkRules: networkAcls?.virtualNetworkRules.map(\.id) ?? [])
    }
}

// MARK: - Response

struct SystemData: Encodable {
    var createdBy: String
    var createdByType: String
    var createdAt: String
    var lastModifiedBy: String
    var lastModifiedByType: String
    var lastModifiedAt: String
}

struct VaultPropertiesOutput: Encodable {
    var tenantId: String
    var sku: VaultSku
    var accessPolicies: [AccessPolicyEntry]
    var enableRbacAuthorization: Bool
    var enableSoftDelete: Bool
    var softDeleteRetentionInDays: Int?
    var enablePurgeProtection: Bool?
    var publicNetworkAccess: String
    var networkAcls: NetworkAcls?
    var enabledForDeployment: Bool
    var enabledForDiskEncryption: Bool
    var enabledForTemplateDeployment: Bool
    var vaultUri: String
    var provisioningState = "Succeeded"
}

/// A vault as ARM returns it (keyvault-spec.md §6.2).
struct VaultResource: Encodable {
    var id: String
    var name: String
    var type = "Microsoft.KeyVault/vaults"
    var location: String
    var tags: [String: String]
    var systemData: SystemData
    var properties: VaultPropertiesOutput
}

/// A vault in the generic form of `GET /subscriptions/{s}/resources`.
struct GenericResource: Encodable {
    var id: String
    var name: String
    var type = "Microsoft.KeyVault/vaults"
    var location: String
    var tags: [String: String]
}

// MARK: - Stored row

/// One row of `management_vaults`, joined with its resource group's display name.
struct VaultRow {
    static let select = """
        SELECT v.*, g.name AS resource_group_name FROM management_vaults v
        JOIN management_resource_groups g ON g.subscription_id = v.subscription_id AND g.name_key = v.resource_group_key
        """

    let name: String
    let subscriptionId: String
    let resourceGroupKey: String
    let resourceGroup: String
    let location: String
    let tags: [String: String]
    let properties: VaultProperties
    let createdAt: Date, createdBy: String, createdByType: String
    let updatedAt: Date, updatedBy: String, updatedByType: String
    /// Set while the vault is soft-deleted.
    let deletedAt: Date?, scheduledPurgeAt: Date?

    init(_ row: Row) throws {
        name = row.string("name") ?? ""
        subscriptionId = row.string("subscription_id") ?? ""
        resourceGroupKey = row.string("resource_group_key") ?? ""
        resourceGroup = row.string("resource_group_name") ?? ""
        location = row.string("location") ?? ""
        tags = ManagementService.tags(fromJSON: row.string("tags"))
        properties = try JSONDecoder().decode(VaultProperties.self, from: Data((row.string("properties") ?? "").utf8))
        createdAt = ManagementService.date(milliseconds: row.int("created_at"))
        createdBy = row.string("created_by") ?? ""
        createdByType = row.string("created_by_type") ?? ""
        updatedAt = ManagementService.date(milliseconds: row.int("updated_at"))
        updatedBy = row.string("updated_by") ?? ""
        updatedByType = row.string("updated_by_type") ?? ""
        deletedAt = row.int("deleted_at").map { ManagementService.date(milliseconds: $0) }
        scheduledPurgeAt = row.int("scheduled_purge_at").map { ManagementService.date(milliseconds: $0) }
    }

    var resourceId: String {
        "/subscriptions/\(subscriptionId)/resourceGroups/\(resourceGroup)/providers/Microsoft.KeyVault/vaults/\(name)"
    }

    var record: VaultRecord {
        VaultRecord(subscriptionId: subscriptionId, resourceGroup: resourceGroup, name: name, location: location,
                    tenantId: properties.tenantId, sku: properties.sku.name, enableRbacAuthorization: properties.enableRbacAuthorization,
                    network: properties.network, accessPolicies: properties.accessPolicies,
                    softDeleteRetentionDays: properties.enableSoftDelete ? properties.softDeleteRetentionInDays : 0,
                    purgeProtection: properties.enablePurgeProtection ?? false)
    }

    func resource(vaultURI: String) -> VaultResource {
        let p = properties
        return VaultResource(
            id: resourceId, name: name, location: location, tags: tags,
            systemData: SystemData(createdBy: createdBy, createdByType: createdByType, createdAt: createdAt.iso8601,
                                   lastModifiedBy: updatedBy, lastModifiedByType: updatedByType, lastModifiedAt: updatedAt.iso8601),
            properties: VaultPropertiesOutput(
                tenantId: p.tenantId, sku: p.sku, accessPolicies: p.accessPolicies, enableRbacAuthorization: p.enableRbacAuthorization,
                enableSoftDelete: p.enableSoftDelete, softDeleteRetentionInDays: p.enableSoftDelete ? p.softDeleteRetentionInDays : nil,
                enablePurgeProtection: p.enablePurgeProtection, publicNetworkAccess: p.publicNetworkAccess, networkAcls: p.networkAcls,
                enabledForDeployment: p.enabledForDeployment, enabledForDiskEncryption: p.enabledForDiskEncryption,
                enabledForTemplateDeployment: p.enabledForTemplateDeployment, vaultUri: vaultURI))
    }

    var genericResource: GenericResource {
        GenericResource(id: resourceId, name: name, location: location, tags: tags)
    }
}
