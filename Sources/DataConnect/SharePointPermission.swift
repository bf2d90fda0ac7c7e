// DataConnect: the permissions of a SharePoint site: site admin, web grants and sharing links with lifecycles.

import Foundation

/// One permission of a site: the site admin, a web-level grant to a group, or a sharing link on a
/// file or folder. Site-level permissions live as long as the site; links have their own lifecycle
/// inside the site's (`sharepoint-permissions-<site>` stream) and gain a recipient on each change.
struct SharePointPermission {
    enum Grantee { case user(Int), external(MailContact), group(Int), sharePointGroup(String, members: Int) }

    let site: SharePointSite
    let itemType: String
    let itemPath: String
    let listItem: Int64?
    let uniqueId: String?
    let role: String
    let linkId: String?
    let linkScope: String?
    let scopeId: String
    let grantees: [Grantee]
    /// Recipients added by later changes (one per change), for `SpecificPeople` links.
    let laterGrantees: [Grantee]
    let lifecycle: SharePointLifecycle
    let createdBy: Int
    let createdTime: Int64

    var fileExtension: String? {
        guard itemType == "File", let dot = itemPath.lastIndex(of: ".") else { return nil }
        return String(itemPath[itemPath.index(after: dot)...])
    }

    /// The permissions of `site`, drawn from the seed.
    static func all(of site: SharePointSite, tenant: SyntheticTenant, seed: UInt64) -> [SharePointPermission] {
        var random = DeterministicRandom(seed: seed, stream: "sharepoint-permissions-\(site.index)")
        let content = tenant.workplace
        // Site-level grants exist exactly while the site does and never change.
        let siteLife = SharePointLifecycle(born: site.lifecycle.born, gone: site.lifecycle.gone, changes: [])
        func permission(_ itemType: String, _ path: String, role: String, grantees: [Grantee], link: String? = nil,
                        later: [Grantee] = [], lifecycle: SharePointLifecycle? = nil, item: Int64? = nil) -> SharePointPermission {
            SharePointPermission(site: site, itemType: itemType, itemPath: path, listItem: item,
                                 uniqueId: item == nil ? nil : random.guid(), role: role, linkId: link.map { _ in random.guid() },
                                 linkScope: link, scopeId: random.guid(), grantees: grantees, laterGrantees: later,
                                 lifecycle: lifecycle ?? siteLife, createdBy: site.owner,
                                 createdTime: site.createdTime + Int64(random.int(in: 60...3600)))
        }
        var permissions = [permission("SiteAdmin", site.path, role: "Full Control", grantees: [.user(site.owner)])]
        switch site.kind {
        case .group(let index):
            let group = tenant.groups[index]
            permissions.append(permission("Web", site.path, role: "Full Control", grantees: [.sharePointGroup("\(site.title) Owners", members: group.owners.count)]))
            permissions.append(permission("Web", site.path, role: "Edit", grantees: [.group(index)]))
            permissions.append(permission("Web", site.path, role: "Read", grantees: [.sharePointGroup("\(site.title) Visitors", members: 0)]))
        case .communication, .project:
            permissions.append(permission("Web", site.path, role: "Contribute", grantees: [.sharePointGroup("\(site.title) Members", members: tenant.users.count)]))
            permissions.append(permission("Web", site.path, role: "Read", grantees: [.sharePointGroup("\(site.title) Visitors", members: tenant.users.count)]))
        case .oneDrive:
            break
        }
        for _ in 0..<random.int(in: 1...4) {
            let isFile = random.chance(0.8)
            let folder = random.pick(content.libraryFolders)
            let path = "\(site.libraryPath)/\(folder)" + (isFile ? "/\(random.pick(content.documents))" : "")
            let scope = random.pick(["SpecificPeople", "SpecificPeople", "Organization", "Anyone"])
            let people: () -> Grantee = {
                if random.chance(0.15), !tenant.externalContacts.isEmpty, site.externalSharing || site.isOneDrive {
                    return .external(random.pick(tenant.externalContacts))
                }
                return .user(random.int(in: 0...(tenant.users.count - 1)))
            }
            let grantees = scope == "SpecificPeople" ? (0..<random.int(in: 1...3)).map { _ in people() } : []
            let later = scope == "SpecificPeople" ? (0..<SharePointTimeline.dayCount).map { _ in people() } : []
            var linkLife = SharePointLifecycle.draw(&random, bornChance: 0.3, goneChance: 0.1, changeChance: scope == "SpecificPeople" ? 0.06 : 0)
            linkLife = SharePointLifecycle(born: max(linkLife.born, site.lifecycle.born),
                                           gone: [linkLife.gone, site.lifecycle.gone].compactMap { $0 }.min(),
                                           changes: linkLife.changes.filter { $0 > site.lifecycle.born })
            permissions.append(permission(isFile ? "File" : "Folder", path, role: random.chance(0.6) ? "Read" : "Contribute",
                                          grantees: grantees, link: scope, later: later, lifecycle: linkLife,
                                          item: Int64(random.int(in: 1...600))))
        }
        return permissions
    }
}
