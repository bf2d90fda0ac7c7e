// DataConnect: the schemas of BasicDataSet_v0.SharePointSites_v1 and SharePointPermissions_v1.

import Foundation

/// The SharePoint datasets as dataconnect-spec.md §6.3 lists them (solutions
/// `Datasets/data-connect-dataset-sharepointsites.md`, `...-sharepointpermissions.md`): PascalCase
/// (`ptenant` aside), tenant-wide (no `puser`, no group scope), no bookkeeping columns, filtered on
/// `SnapshotDate`, every row saying how it was extracted in `Operation` (`Full`, or `Created`,
/// `Updated`, `Deleted` in a delta).
enum SharePointSchemas {
    static let person = "{AadObjectId,Email,UPN,Name}"
    static let principal = "{Type,Name,Email,UPN}"

    static let siteColumns: [DatasetColumn] = [
        .init("ptenant", .string), .init("Id", .string), .init("Url", .string), .init("ArchiveState", .string),
        .init("SiteArchivedBy", .string), .init("SiteArchivedTime", .datetime),
        .init("RootWeb", .object, shape: "{Id,Title,WebTemplate,WebTemplateId,Configuration,LastItemModifiedDate}"),
        .init("WebCount", .int64), .init("StorageQuota", .int64), .init("StorageUsed", .int64),
        .init("StorageMetrics", .object, shape: "{MetadataSize,TotalFileCount,TotalFileStreamSize,AdditionalFileStreamSize,TotalSize}"),
        .init("GroupId", .string), .init("GeoLocation", .string), .init("IsInRecycleBin", .boolean),
        .init("RecycleBinItemCount", .int64), .init("RecycleBinItemSize", .int64), .init("SecondStageRecycleBinStorageUsage", .int64),
        .init("IsTeamsConnectedSite", .boolean), .init("IsTeamsChannelSite", .boolean), .init("TeamsChannelType", .string),
        .init("IsHubSite", .boolean), .init("HubSiteId", .string), .init("IsCommunicationSite", .boolean), .init("IsOneDrive", .boolean),
        .init("BlockAccessFromUnmanagedDevices", .boolean), .init("BlockDownloadOfAllFilesOnUnmanagedDevices", .boolean),
        .init("BlockDownloadOfViewableFilesOnUnmanagedDevices", .boolean), .init("ShareByEmailEnabled", .boolean),
        .init("ShareByLinkEnabled", .boolean), .init("IsExternalSharingEnabled", .boolean),
        .init("SiteConnectedToPrivateGroup", .boolean), .init("Privacy", .string),
        .init("SensitivityLabelInfo", .object, shape: "{Id,DisplayName} or {}"), .init("Classification", .string, nullable: true),
        .init("IBMode", .string), .init("IBSegments", .string, nullable: true), .init("Owner", .object, shape: person),
        .init("SecondaryContact", .object, shape: "\(person) or {}"), .init("ReadLocked", .boolean), .init("ReadOnly", .boolean),
        .init("CreatedTime", .datetime), .init("LastSecurityModifiedDate", .datetime), .init("LastUserAccessDate", .datetime),
        .init("LastContentChange", .datetime), .init("SnapshotDate", .datetime), .init("Operation", .string),
    ]

    static let permissionColumns: [DatasetColumn] = [
        .init("ptenant", .string), .init("SiteId", .string), .init("WebId", .string), .init("ListId", .string, nullable: true),
        .init("ListItemId", .int64, nullable: true), .init("UniqueId", .string, nullable: true), .init("ItemType", .string),
        .init("ItemURL", .string), .init("FileExtension", .string, nullable: true), .init("RoleDefinition", .string),
        .init("LinkId", .string, nullable: true), .init("ScopeId", .string), .init("LinkScope", .string, nullable: true),
        .init("SharedWithCount", .array, shape: "[{Type,Count}]"),
        .init("SharedWith", .array, shape: "[{Type,Name,Email,AadObjectId,UPN,TypeV2,UserCount,UserLoginName}]"),
        .init("TotalUserCount", .int64), .init("ShareCreatedBy", .object, nullable: true, shape: principal),
        .init("ShareCreatedTime", .datetime, nullable: true), .init("ShareLastModifiedBy", .object, nullable: true, shape: principal),
        .init("ShareLastModifiedTime", .datetime, nullable: true), .init("ShareExpirationTime", .datetime, nullable: true),
        .init("SnapshotDate", .datetime), .init("Operation", .string),
    ]

    static let sites = schema("BasicDataSet_v0.SharePointSites_v1", siteColumns)
    static let permissions = schema("BasicDataSet_v0.SharePointPermissions_v1", permissionColumns)

    private static func schema(_ name: String, _ columns: [DatasetColumn]) -> DatasetSchema {
        DatasetSchema(name: name, columns: columns, systemColumns: [], casing: .PascalCase, scope: .tenant,
                      dateFilter: .snapshotDate, alwaysDelivered: ["ptenant", "SnapshotDate", "Operation"])
    }

    static let nilGUID = "00000000-0000-0000-0000-000000000000"
}
