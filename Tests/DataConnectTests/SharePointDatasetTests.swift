// DataConnectTests: SharePointSites_v1 and SharePointPermissions_v1: columns, types, snapshot and delta semantics.

import Foundation
import XCTest
@testable import DataConnect

final class SharePointDatasetTests: XCTestCase {
    /// dataconnect-spec.md §6.3 `SharePointSites_v1` (solutions `Datasets/data-connect-dataset-sharepointsites.md`).
    static let siteColumns = [
        "ptenant", "Id", "Url", "ArchiveState", "SiteArchivedBy", "SiteArchivedTime", "RootWeb", "WebCount", "StorageQuota",
        "StorageUsed", "StorageMetrics", "GroupId", "GeoLocation", "IsInRecycleBin", "RecycleBinItemCount", "RecycleBinItemSize",
        "SecondStageRecycleBinStorageUsage", "IsTeamsConnectedSite", "IsTeamsChannelSite", "TeamsChannelType", "IsHubSite",
        "HubSiteId", "IsCommunicationSite", "IsOneDrive", "BlockAccessFromUnmanagedDevices",
        "BlockDownloadOfAllFilesOnUnmanagedDevices", "BlockDownloadOfViewableFilesOnUnmanagedDevices", "ShareByEmailEnabled",
        "ShareByLinkEnabled", "IsExternalSharingEnabled", "SiteConnectedToPrivateGroup", "Privacy", "SensitivityLabelInfo",
        "Classification", "IBMode", "IBSegments", "Owner", "SecondaryContact", "ReadLocked", "ReadOnly", "CreatedTime",
        "LastSecurityModifiedDate", "LastUserAccessDate", "LastContentChange", "SnapshotDate", "Operation",
    ]
    /// dataconnect-spec.md §6.3 `SharePointPermissions_v1` (`...-sharepointpermissions.md`).
    static let permissionColumns = [
        "ptenant", "SiteId", "WebId", "ListId", "ListItemId", "UniqueId", "ItemType", "ItemURL", "FileExtension",
        "RoleDefinition", "LinkId", "ScopeId", "LinkScope", "SharedWithCount", "SharedWith", "TotalUserCount", "ShareCreatedBy",
        "ShareCreatedTime", "ShareLastModifiedBy", "ShareLastModifiedTime", "ShareExpirationTime", "SnapshotDate", "Operation",
    ]
    static let sites = "BasicDataSet_v0.SharePointSites_v1"
    static let permissions = "BasicDataSet_v0.SharePointPermissions_v1"

    private func options(_ start: String? = nil, _ end: String? = nil, mode: SharePointMode? = nil) -> ExtractionOptions {
        var options = ExtractionOptions()
        options.startTime = start
        options.endTime = end
        options.sharePointMode = mode
        return options
    }

    /// Rows keyed by object (site Id; permission ScopeId).
    private func byKey(_ name: String, _ options: ExtractionOptions) throws -> [String: JSONValue] {
        let key = name == Self.sites ? "Id" : "ScopeId"
        let rows = try DatasetRows.all(name, options: options)
        let keyed = Dictionary(rows.map { (DatasetRows.string($0, key)!, $0) }, uniquingKeysWith: { first, _ in first })
        XCTAssertEqual(keyed.count, rows.count, "one row per object")
        return keyed
    }

    func testColumnsTypesCasingAndNoUserColumns() throws {
        XCTAssertEqual(Self.siteColumns.count, 46)
        XCTAssertEqual(Self.permissionColumns.count, 23)
        for (name, columns) in [(Self.sites, Self.siteColumns), (Self.permissions, Self.permissionColumns)] {
            let dataset = try DatasetCatalog.lookup(name)
            XCTAssertEqual(dataset.columns, columns)
            XCTAssertEqual(dataset.systemColumns, [], "SharePoint rows carry no bookkeeping columns")
            XCTAssertEqual(dataset.schema.casing, .PascalCase)
            XCTAssertEqual(dataset.schema.miscasedColumns, [])
            XCTAssertEqual(dataset.schema.scope, .tenant)
            XCTAssertFalse(columns.contains("puser"))
            assertRowsMatchSchema(try DatasetRows.all(name), dataset.schema, columns: columns)
            assertRowsMatchSchema(try DatasetRows.all(name, options: options("2025-03-12", "2025-03-30")), dataset.schema, columns: columns)
        }
        let sites = try DatasetRows.decode(TypedSiteRow.self, try DatasetRows.all(Self.sites))
        let permissions = try DatasetRows.decode(TypedPermissionRow.self, try DatasetRows.all(Self.permissions))
        XCTAssertTrue(sites.allSatisfy { $0.Url.hasPrefix("https://larkspuravionics") && $0.Url.contains(".sharepoint.example/") })
        for site in sites {
            XCTAssertEqual(site.IsOneDrive, site.RootWeb.WebTemplate == "SPSPERS")
            XCTAssertEqual(site.IsOneDrive, site.Url.contains("-my.sharepoint.example/personal/"), site.Url)
            XCTAssertEqual(site.StorageMetrics.TotalSize, site.StorageMetrics.TotalFileStreamSize + site.StorageMetrics.MetadataSize
                           + site.StorageMetrics.AdditionalFileStreamSize)
            XCTAssertTrue(site.LastItemModifiedDateHasMilliseconds, site.RootWeb.LastItemModifiedDate)
        }
        for permission in permissions {
            XCTAssertEqual(permission.SharedWithCount.reduce(0) { $0 + $1.Count }, permission.SharedWith.count)
            XCTAssertEqual(permission.TotalUserCount, permission.SharedWith.reduce(0) { $0 + $1.UserCount })
            XCTAssertEqual(permission.LinkId != nil, permission.LinkScope != nil)
            XCTAssertEqual(permission.LinkId != nil, permission.ShareCreatedBy != nil)
            XCTAssertEqual(permission.FileExtension != nil, permission.ItemType == "File")
            XCTAssertTrue(["SiteAdmin", "Web", "Folder", "File"].contains(permission.ItemType))
        }
    }

    func testSameSeedSameBytesOtherSeedOtherRows() throws {
        for name in [Self.sites, Self.permissions] {
            for selection in [options(), options("2025-03-11", "2025-03-31")] {
                let first = try DatasetRows.bytes(name, seed: 42, options: selection)
                XCTAssertEqual(first, try DatasetRows.bytes(name, seed: 42, options: selection), name)
                XCTAssertNotEqual(first, try DatasetRows.bytes(name, seed: 43, options: selection), name)
            }
        }
    }

    /// No dates: the latest snapshot; one day (or the same day twice): that day's full snapshot.
    func testSnapshotsAreFullStatesOfOneDay() throws {
        for name in [Self.sites, Self.permissions] {
            let latest = try DatasetRows.all(name)
            XCTAssertTrue(latest.allSatisfy { DatasetRows.string($0, "Operation") == "Full" })
            XCTAssertTrue(latest.allSatisfy { DatasetRows.string($0, "SnapshotDate") == "2025-03-31T00:00:00Z" })
            XCTAssertEqual(try DatasetRows.all(name, options: options(mode: .snapshot)), latest)
            XCTAssertEqual(try DatasetRows.all(name, options: options("2025-03-31T08:00:00Z", "2025-03-31T20:00:00Z")), latest,
                           "same start and end day: a full snapshot")
            let early = try DatasetRows.all(name, options: options("2025-03-11", "2025-03-11", mode: .snapshot))
            XCTAssertTrue(early.allSatisfy { DatasetRows.string($0, "SnapshotDate") == "2025-03-11T00:00:00Z" })
            XCTAssertNotEqual(Set(early.map { DatasetRows.string($0, "Id") ?? DatasetRows.string($0, "ScopeId")! }),
                              Set(latest.map { DatasetRows.string($0, "Id") ?? DatasetRows.string($0, "ScopeId")! }),
                              "objects come and go over the 21 days")
        }
    }

    /// A delta between two days lists exactly the objects that differ between the two snapshots:
    /// Created (only in the later), Deleted (only in the earlier), Updated (in both, changed).
    func testDeltaIsTheDifferenceOfTwoSnapshots() throws {
        for name in [Self.sites, Self.permissions] {
            for (from, to) in [("2025-03-11", "2025-03-31"), ("2025-03-15", "2025-03-20")] {
                let before = try byKey(name, options(from, from))
                let after = try byKey(name, options(to, to))
                let delta = try byKey(name, options(from, to))
                XCTAssertEqual(try byKey(name, options(from, to, mode: .delta)), delta)
                var operations = Set<String>()
                for (key, row) in delta {
                    let operation = try XCTUnwrap(DatasetRows.string(row, "Operation"))
                    operations.insert(operation)
                    XCTAssertEqual(DatasetRows.string(row, "SnapshotDate"), "\(to)T00:00:00Z")
                    switch operation {
                    case "Created": XCTAssertTrue(before[key] == nil && after[key] != nil, key)
                    case "Deleted": XCTAssertTrue(before[key] != nil && after[key] == nil, key)
                    case "Updated":
                        XCTAssertTrue(before[key] != nil && after[key] != nil, key)
                        XCTAssertTrue(comparable(before[key]!) != comparable(after[key]!), "\(key) updated but unchanged")
                        XCTAssertTrue(comparable(row) == comparable(after[key]!), "\(key): an update shows the later state")
                    default: XCTFail("Operation \(operation)")
                    }
                }
                for key in Set(before.keys).union(after.keys) where delta[key] == nil {
                    XCTAssertTrue(before[key] != nil && after[key] != nil, "an object only in one snapshot is in the delta")
                    XCTAssertTrue(comparable(before[key]!) == comparable(after[key]!), "\(key) changed but is not in the delta")
                }
                if from == "2025-03-11" { XCTAssertEqual(operations, ["Created", "Updated", "Deleted"], name) }
            }
        }
    }

    func testPermissionsBelongToSitesOfTheSameSnapshot() throws {
        for selection in [options(), options("2025-03-14", "2025-03-14")] {
            let siteIds = Set(try DatasetRows.all(Self.sites, options: selection).map { DatasetRows.string($0, "Id")! })
            let permissions = try DatasetRows.all(Self.permissions, options: selection)
            XCTAssertTrue(permissions.allSatisfy { siteIds.contains(DatasetRows.string($0, "SiteId")!) })
            XCTAssertEqual(Set(permissions.filter { DatasetRows.string($0, "ItemType") == "SiteAdmin" }.map { DatasetRows.string($0, "SiteId")! }),
                           siteIds, "every site has its site admin")
        }
    }

    func testSnapshotAndDeltaOptionErrors() {
        XCTAssertEqual(extractionUsageError(Self.sites, options("2025-03-12", "2025-03-14", mode: .snapshot)),
                       "--sharepoint-mode snapshot takes one day: --start-time and --end-time must fall on the same day (a full snapshot); two days give a delta")
        XCTAssertEqual(extractionUsageError(Self.sites, options(nil, "2025-03-14", mode: .delta)),
                       "--sharepoint-mode delta needs --start-time (the day of the earlier snapshot)")
        XCTAssertEqual(extractionUsageError(Self.permissions, options("2025-03-31", nil, mode: .delta)),
                       "--sharepoint-mode delta needs --start-time on an earlier day than --end-time (or than the latest snapshot, 2025-03-31)")
        XCTAssertEqual(extractionUsageError(Self.sites, options("2025-02-01", nil)),
                       "--start-time: no SharePoint snapshot for 2025-02-01; the synthetic tenant keeps 21 daily snapshots, 2025-03-11 to 2025-03-31")
        XCTAssertEqual(extractionUsageError(Self.sites, options("2025-03-20", "2025-03-12")), "--start-time must not be after --end-time")
        var scoped = ExtractionOptions()
        scoped.scopeGroups = ["sales"]
        XCTAssertEqual(extractionUsageError(Self.permissions, scoped),
                       "--scope-groups does not apply to BasicDataSet_v0.SharePointPermissions_v1: SharePoint datasets cover the whole tenant")
        var column = options("2025-03-12", "2025-03-12")
        column.dateFilterColumn = "CreatedTime"
        XCTAssertEqual(extractionUsageError(Self.sites, column),
                       "--date-filter-column CreatedTime is not a date filter of BasicDataSet_v0.SharePointSites_v1; allowed: SnapshotDate")
    }

    /// The row without `SnapshotDate` and `Operation` (what an object's state is).
    private func comparable(_ row: JSONValue) -> JSONValue {
        guard case .object(let members) = row else { return row }
        return .object(members.filter { $0.0 != "SnapshotDate" && $0.0 != "Operation" })
    }
}

/// Strict typed view of a SharePointSites_v1 row.
private struct TypedSiteRow: Decodable {
    struct Web: Decodable { let Id: String; let Title: String; let WebTemplate: String; let WebTemplateId: Int; let Configuration: Int; let LastItemModifiedDate: String }
    struct Metrics: Decodable { let MetadataSize: Int64; let TotalFileCount: Int64; let TotalFileStreamSize: Int64; let AdditionalFileStreamSize: Int64; let TotalSize: Int64 }
    struct Label: Decodable { let Id: String?; let DisplayName: String? }
    struct Person: Decodable { let AadObjectId: String?; let Email: String?; let UPN: String?; let Name: String? }
    let ptenant: String, Id: String, Url: String, ArchiveState: String, SiteArchivedBy: String, SiteArchivedTime: String
    let RootWeb: Web, WebCount: Int64, StorageQuota: Int64, StorageUsed: Int64, StorageMetrics: Metrics, GroupId: String
    let GeoLocation: String, IsInRecycleBin: Bool, RecycleBinItemCount: Int64, RecycleBinItemSize: Int64
    let SecondStageRecycleBinStorageUsage: Int64, IsTeamsConnectedSite: Bool, IsTeamsChannelSite: Bool, TeamsChannelType: String
    let IsHubSite: Bool, HubSiteId: String, IsCommunicationSite: Bool, IsOneDrive: Bool, BlockAccessFromUnmanagedDevices: Bool
    let BlockDownloadOfAllFilesOnUnmanagedDevices: Bool, BlockDownloadOfViewableFilesOnUnmanagedDevices: Bool
    let ShareByEmailEnabled: Bool, ShareByLinkEnabled: Bool, IsExternalSharingEnabled: Bool, SiteConnectedToPrivateGroup: Bool
    let Privacy: String, SensitivityLabelInfo: Label, Classification: String?, IBMode: String, IBSegments: String?
    let Owner: Person, SecondaryContact: Person, ReadLocked: Bool, ReadOnly: Bool, CreatedTime: String
    let LastSecurityModifiedDate: String, LastUserAccessDate: String, LastContentChange: String, SnapshotDate: String, Operation: String

    /// `2025-03-27T06:39:53.000Z`, as the sample's RootWeb dates.
    var LastItemModifiedDateHasMilliseconds: Bool { RootWeb.LastItemModifiedDate.hasSuffix(".000Z") }
}

/// Strict typed view of a SharePointPermissions_v1 row.
private struct TypedPermissionRow: Decodable {
    struct Count: Decodable { let `Type`: String; let Count: Int }
    struct Recipient: Decodable {
        let `Type`: String; let Name: String; let Email: String; let AadObjectId: String; let UPN: String; let TypeV2: String
        let UserCount: Int; let UserLoginName: String
    }
    struct Principal: Decodable { let `Type`: String; let Name: String; let Email: String; let UPN: String }
    let ptenant: String, SiteId: String, WebId: String, ListId: String?, ListItemId: Int64?, UniqueId: String?, ItemType: String
    let ItemURL: String, FileExtension: String?, RoleDefinition: String, LinkId: String?, ScopeId: String, LinkScope: String?
    let SharedWithCount: [Count], SharedWith: [Recipient], TotalUserCount: Int, ShareCreatedBy: Principal?
    let ShareCreatedTime: String?, ShareLastModifiedBy: Principal?, ShareLastModifiedTime: String?, ShareExpirationTime: String?
    let SnapshotDate: String, Operation: String
}
