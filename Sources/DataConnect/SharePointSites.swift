// DataConnect: SharePointSites_v1 rows of a snapshot or delta, and the snapshot/delta selection.

import Foundation

/// SharePointSites_v1 rows of one file: the sites `i` with `i % fileCount == fileIndex`, as the
/// request's snapshot (every site existing that day, `Operation` `Full`) or delta (sites created,
/// updated or deleted between the two days).
struct SharePointSiteRows: IteratorProtocol {
    private let context: DatasetContext
    private let catalog: SharePointSiteCatalog
    private var candidates: IndexingIterator<[SharePointSite]>

    init(context: DatasetContext, partition: DatasetPartition) {
        self.context = context
        catalog = SharePointSiteCatalog(tenant: context.tenant, seed: context.seed)
        candidates = catalog.sites.filter { $0.index % partition.fileCount == partition.fileIndex }.makeIterator()
    }

    mutating func next() -> JSONValue? {
        while let site = candidates.next() {
            if let (operation, stateDay, snapshot) = SharePointRowSelection.pick(site.lifecycle, context.request.sharePoint) {
                return row(site, operation: operation, stateDay: stateDay, snapshot: snapshot)
            }
        }
        return nil
    }

    private func row(_ site: SharePointSite, operation: String, stateDay: Int, snapshot: Int64) -> JSONValue {
        let tenant = context.tenant
        let version = Int64(site.lifecycle.version(on: stateDay))
        let files = site.baseFiles + version * 3
        let stream = site.baseStorage + version * 1_048_576
        let metadata = 14_000 + files * 2_100
        let additional = stream / 5
        let recycle = version * 2
        let lastChange = site.lastChange(on: stateDay)
        let owner = tenant.users[site.owner]
        let person: JSONValue = .object([("AadObjectId", .string(owner.objectId)), ("Email", .string(owner.mail)),
                                         ("UPN", .string(owner.mail)), ("Name", .string(owner.displayName))])
        var group: TenantGroup?
        if case .group(let index) = site.kind { group = tenant.groups[index] }
        let associated = site.kind == .communication || group != nil
        let millis = RowTime.text(seconds: lastChange).dropLast() + ".000Z"
        return .object([
            ("ptenant", .string(tenant.tenantId)),
            ("Id", .string(site.id)),
            ("Url", .string(site.url)),
            ("ArchiveState", .string("None")),
            ("SiteArchivedBy", .string("")),
            ("SiteArchivedTime", .string(RowTime.never)),
            ("RootWeb", .object([("Id", .string(site.rootWebId)), ("Title", .string(site.title)), ("WebTemplate", .string(site.templateName)),
                                 ("WebTemplateId", .int(site.templateId)), ("Configuration", .int(0)),
                                 ("LastItemModifiedDate", .string(String(millis)))])),
            ("WebCount", .int(1)),
            ("StorageQuota", .int(site.isOneDrive ? 1_099_511_627_776 : 27_487_790_694_400)),
            ("StorageUsed", .int(stream + metadata + additional + recycle * 4096)),
            ("StorageMetrics", .object([("MetadataSize", .int(metadata)), ("TotalFileCount", .int(files)),
                                        ("TotalFileStreamSize", .int(stream)), ("AdditionalFileStreamSize", .int(additional)),
                                        ("TotalSize", .int(stream + metadata + additional))])),
            ("GroupId", .string(group?.objectId ?? SharePointSchemas.nilGUID)),
            ("GeoLocation", .string("NAM")),
            ("IsInRecycleBin", .bool(false)),
            ("RecycleBinItemCount", .int(recycle)),
            ("RecycleBinItemSize", .int(recycle * 4096)),
            ("SecondStageRecycleBinStorageUsage", .int(0)),
            ("IsTeamsConnectedSite", .bool(group?.teamsEnabled ?? false)),
            ("IsTeamsChannelSite", .bool(false)),
            ("TeamsChannelType", .string("None")),
            ("IsHubSite", .bool(associated)),
            ("HubSiteId", .string(associated ? catalog.hub?.id ?? SharePointSchemas.nilGUID : SharePointSchemas.nilGUID)),
            ("IsCommunicationSite", .bool(site.kind == .communication)),
            ("IsOneDrive", .bool(site.isOneDrive)),
            ("BlockAccessFromUnmanagedDevices", .bool(false)),
            ("BlockDownloadOfAllFilesOnUnmanagedDevices", .bool(false)),
            ("BlockDownloadOfViewableFilesOnUnmanagedDevices", .bool(false)),
            ("ShareByEmailEnabled", .bool(true)),
            ("ShareByLinkEnabled", .bool(true)),
            ("IsExternalSharingEnabled", .bool(site.externalSharing)),
            ("SiteConnectedToPrivateGroup", .bool(group?.visibility == "Private")),
            ("Privacy", .string(group?.visibility ?? (site.isOneDrive ? "Private" : "Public"))),
            ("SensitivityLabelInfo", site.labelled ? .object([("Id", .string(DirectoryEntry.stableId("label-confidential"))),
                                                             ("DisplayName", .string("Confidential"))]) : .object([])),
            ("Classification", .null),
            ("IBMode", .string("Open")),
            ("IBSegments", .null),
            ("Owner", person),
            ("SecondaryContact", .object([])),
            ("ReadLocked", .bool(false)),
            ("ReadOnly", .bool(false)),
            ("CreatedTime", .string(RowTime.text(seconds: site.createdTime))),
            ("LastSecurityModifiedDate", .string(RowTime.text(seconds: site.createdTime + 1800))),
            ("LastUserAccessDate", .string(RowTime.text(seconds: lastChange + 5400))),
            ("LastContentChange", .string(RowTime.text(seconds: lastChange))),
            ("SnapshotDate", .string(RowTime.text(seconds: snapshot))),
            ("Operation", .string(operation)),
        ])
    }
}

/// Whether an object appears in the request's snapshot or delta, and how.
enum SharePointRowSelection {
    /// (Operation, the day whose state the row shows, SnapshotDate) or nil when the object has no row.
    static func pick(_ lifecycle: SharePointLifecycle, _ selection: SharePointSelection) -> (String, Int, Int64)? {
        switch selection {
        case .snapshot(let day):
            let index = SharePointTimeline.index(of: day)
            return lifecycle.exists(on: index) ? ("Full", index, day) : nil
        case .delta(let from, let to):
            guard let (operation, stateDay) = lifecycle.operation(from: SharePointTimeline.index(of: from),
                                                                  to: SharePointTimeline.index(of: to)) else { return nil }
            return (operation, stateDay, to)
        }
    }
}
