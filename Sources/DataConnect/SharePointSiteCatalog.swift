// DataConnect: the synthetic tenant's SharePoint sites: communication, group, project sites and OneDrives.

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

    /// Seconds of the last change up to snapshot day `day` (the creation time when none): during the
    /// day before the change's snapshot, at least 5400 s before its end.
    func lastChange(on day: Int) -> Int64 {
        guard let change = lifecycle.changes.last(where: { $0 <= day }) else { return createdTime }
        return SharePointTimeline.day(index: change) - 86_400 + Int64((index * 7919 + change * 104_729) % 75_000) + 3600
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
                                                     goneChance: kind == .project ? 0.35 : 0.02, changeChance: 0.3)
            let created = SharePointTimeline.day(index: lifecycle.born) - Int64(random.int(in: 7200...80_000))
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
