// DataConnect: the synthetic tenant's SharePoint sites and the SharePointSites_v1 rows of a snapshot or delta.

import Foundation

/// One site of the tenant: a communication site, a group-connected team site per group, a project
/// team site, or a user's OneDrive. Ids and lifecycle come from the seed (`sharepoint-site-<n>`).
struct SharePointSite {
    enum Kind: Equatable { case communication, group(Int), project, oneDrive(Int) }

    let index: Int
    let kind: Kind
    let title: String
    /// Site-relative path: `sites/FlightSoftware`, `personal/odile_marchetti_larkspuravionics_example`.
    let path: String
    let url: String
    let owner: Int
    let id: String
    let rootWebId: String
    let documentsListId: String
    let lifecycle: SharePointLifecycle
    let createdTime: Int64
    let baseStorage: Int64
    let baseFiles: Int64
    let labelled: Bool
    let externalSharing: Bool

    var templateName: String {
        switch kind {
        case .communication: return "SITEPAGEPUBLISHING"
        case .group: return "GROUP"
        case .project: return "STS"
        case .oneDrive: return "SPSPERS"
        }
    }
    var templateId: Int64 {
        switch kind {
        case .communication: return 68
        case .group: return 64
        case .project: return 1
        case .oneDrive: return 21
        }
    }
    /// The document library's path within the site.
    var libraryPath: String { path + (isOneDrive ? "/Documents" : "/Shared Documents") }
    var isOneDrive: Bool { if case .oneDrive = kind { return true } else { return false } }

    /// Seconds of the last change up to snapshot day `day` (the creation time when none).
    func lastChange(on day: Int) -> Int64 {
        guard let change = lifecycle.changes.last(where: { $0 <= day }) else { return createdTime }
        return SharePointTimeline.day(index: change) - 86_400 + Int64((index * 7919 + change * 104_729) % 80_000) + 3600
    }
}

/// All sites of the tenant, in a fixed order (communication, group, project, OneDrive).
struct SharePointSiteCatalog {
    let sites: [SharePointSite]
    /// The first communication site is the hub the communication and group sites are associated with.
    var hub: SharePointSite? { sites.first { $0.kind == .communication } }

    init(tenant: SyntheticTenant, seed: UInt64) {
        let root = SharePointNames.rootURL(tenant)
        let admin = tenant.users.firstIndex { $0.department == "Information Technology" } ?? 0
        var specs: [(SharePointSite.Kind, String, String, Int)] = []
        for site in tenant.workplace.communicationSites { specs.append((.communication, site.title, "sites/\(site.urlName)", admin)) }
        for (index, group) in tenant.groups.enumerated() {
            let urlName = group.mailNickname.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
            specs.append((.group(index), group.displayName, "sites/\(urlName)", group.owners.first ?? admin))
        }
        for site in tenant.workplace.projectSites { specs.append((.project, site.title, "sites/\(site.urlName)", admin)) }
        for (index, user) in tenant.users.enumerated() {
            specs.append((.oneDrive(index), user.displayName, SharePointNames.personalPath(of: user), index))
        }
        sites = specs.enumerated().map { index, spec in
            var random = DeterministicRandom(seed: seed, stream: "sharepoint-site-\(index)")
            let (kind, title, path, owner) = spec
            let lifecycle = SharePointLifecycle.draw(&random, bornChance: kind == .project ? 0.7 : 0.03,
                                                     goneChance: kind == .project ? 0.1 : 0.02, changeChance: 0.3)
            let created = SharePointTimeline.day(index: lifecycle.born) - Int64(random.int(in: 3600...80_000))
            let isOneDrive: Bool = { if case .oneDrive = kind { return true } else { return false } }()
            let host = isOneDrive ? root.replacingOccurrences(of: ".sharepoint.", with: "-my.sharepoint.") : root
            var sensitive = false
            if case .group(let group) = kind { sensitive = tenant.groups[group].visibility == "Private" }
            return SharePointSite(
                index: index, kind: kind, title: title, path: path, url: "\(host)/\(path)", owner: owner,
                id: random.guid(), rootWebId: random.guid(), documentsListId: random.guid(), lifecycle: lifecycle,
                createdTime: created, baseStorage: Int64(random.int(in: 600_000...900_000_000)),
                baseFiles: Int64(random.int(in: 0...400)), labelled: sensitive, externalSharing: random.chance(0.25))
        }
    }
}

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
        let accessed = min(lastChange + 5400, SharePointTimeline.day(index: stateDay) - 60)
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
            ("LastUserAccessDate", .string(RowTime.text(seconds: accessed))),
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
