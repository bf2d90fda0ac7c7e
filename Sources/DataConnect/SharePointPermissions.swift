// DataConnect: SharePointPermissions_v1 rows: site admins, web permissions and sharing links per site.

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
        func permission(_ itemType: String, _ path: String, role: String, grantees: [Grantee], link: String? = nil,
                        later: [Grantee] = [], lifecycle: SharePointLifecycle? = nil, item: Int64? = nil) -> SharePointPermission {
            SharePointPermission(site: site, itemType: itemType, itemPath: path, listItem: item,
                                 uniqueId: item == nil ? nil : random.guid(), role: role, linkId: link.map { _ in random.guid() },
                                 linkScope: link, scopeId: random.guid(), grantees: grantees, laterGrantees: later,
                                 lifecycle: lifecycle ?? site.lifecycle, createdBy: site.owner,
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

/// SharePointPermissions_v1 rows of one file: the permissions of the sites `i` with
/// `i % fileCount == fileIndex`, selected like the sites (snapshot or delta).
struct SharePointPermissionRows: IteratorProtocol {
    private let context: DatasetContext
    private var sites: IndexingIterator<[SharePointSite]>
    private var pending: [JSONValue] = []

    init(context: DatasetContext, partition: DatasetPartition) {
        self.context = context
        sites = SharePointSiteCatalog(tenant: context.tenant, seed: context.seed).sites
            .filter { $0.index % partition.fileCount == partition.fileIndex }.makeIterator()
    }

    mutating func next() -> JSONValue? {
        while pending.isEmpty, let site = sites.next() {
            pending = SharePointPermission.all(of: site, tenant: context.tenant, seed: context.seed).compactMap { permission in
                SharePointRowSelection.pick(permission.lifecycle, context.request.sharePoint).map {
                    row(permission, operation: $0.0, stateDay: $0.1, snapshot: $0.2)
                }
            }
        }
        return pending.isEmpty ? nil : pending.removeFirst()
    }

    private func row(_ permission: SharePointPermission, operation: String, stateDay: Int, snapshot: Int64) -> JSONValue {
        let tenant = context.tenant
        let added = permission.laterGrantees.prefix(permission.lifecycle.version(on: stateDay))
        let recipients = (permission.grantees + added).map { entry($0) }
        var counts: [(String, Int64)] = []
        for recipient in recipients {
            guard case .string(let type)? = recipient["Type"] else { continue }
            if let index = counts.firstIndex(where: { $0.0 == type }) { counts[index].1 += 1 } else { counts.append((type, 1)) }
        }
        let total = recipients.reduce(Int64(0)) { sum, recipient in
            if case .int(let count)? = recipient["UserCount"] { return sum + count }
            return sum
        }
        let isLink = permission.linkId != nil
        let creator = tenant.users[permission.createdBy]
        let principal: JSONValue = .object([("Type", .string("User")), ("Name", .string(creator.displayName)),
                                            ("Email", .string(creator.mail)), ("UPN", .string(creator.mail))])
        let lastChange = permission.lifecycle.changes.last { $0 <= stateDay }
        let modified = lastChange.map { SharePointTimeline.day(index: $0) - 40_000 } ?? permission.createdTime
        let inList = permission.itemType == "File" || permission.itemType == "Folder"
        return .object([
            ("ptenant", .string(tenant.tenantId)),
            ("SiteId", .string(permission.site.id)),
            ("WebId", .string(permission.site.rootWebId)),
            ("ListId", inList ? .string(permission.site.documentsListId) : .null),
            ("ListItemId", permission.listItem.map(JSONValue.int) ?? .null),
            ("UniqueId", permission.uniqueId.map(JSONValue.string) ?? .null),
            ("ItemType", .string(permission.itemType)),
            ("ItemURL", .string(permission.itemPath)),
            ("FileExtension", permission.fileExtension.map(JSONValue.string) ?? .null),
            ("RoleDefinition", .string(permission.role)),
            ("LinkId", permission.linkId.map(JSONValue.string) ?? .null),
            ("ScopeId", .string(permission.scopeId)),
            ("LinkScope", permission.linkScope.map(JSONValue.string) ?? .null),
            ("SharedWithCount", .array(counts.map { .object([("Type", .string($0.0)), ("Count", .int($0.1))]) })),
            ("SharedWith", .array(recipients)),
            ("TotalUserCount", .int(total)),
            ("ShareCreatedBy", isLink ? principal : .null),
            ("ShareCreatedTime", isLink ? .string(RowTime.text(seconds: permission.createdTime)) : .null),
            ("ShareLastModifiedBy", isLink ? principal : .null),
            ("ShareLastModifiedTime", isLink ? .string(RowTime.text(seconds: max(modified, permission.createdTime))) : .null),
            ("ShareExpirationTime", permission.linkScope == "Anyone" ? .string(RowTime.text(seconds: permission.createdTime + 30 * 86_400)) : .null),
            ("SnapshotDate", .string(RowTime.text(seconds: snapshot))),
            ("Operation", .string(operation)),
        ])
    }

    /// A `SharedWith` entry with all eight members (empty strings where a kind has no value).
    private func entry(_ grantee: SharePointPermission.Grantee) -> JSONValue {
        let tenant = context.tenant
        func make(_ type: String, _ name: String, _ email: String, _ objectId: String, _ upn: String, _ typeV2: String,
                  _ count: Int, _ login: String) -> JSONValue {
            .object([("Type", .string(type)), ("Name", .string(name)), ("Email", .string(email)), ("AadObjectId", .string(objectId)),
                     ("UPN", .string(upn)), ("TypeV2", .string(typeV2)), ("UserCount", .int(Int64(count))), ("UserLoginName", .string(login))])
        }
        switch grantee {
        case .user(let index):
            let user = tenant.users[index]
            return make("Internal", user.displayName, user.mail, user.objectId, user.mail, "InternalUser", 1, "i:0#.f|membership|\(user.mail)")
        case .external(let contact):
            return make("External", contact.name, contact.address, "", "", "ExternalUser", 1,
                        "i:0#.f|membership|urn%3aspo%3aguest#\(contact.address)")
        case .group(let index):
            let group = tenant.groups[index]
            return make("SecurityGroup", group.displayName, group.mail, group.objectId, "", "SecurityGroup", group.members.count,
                        "c:0o.c|federateddirectoryclaimprovider|\(group.objectId)")
        case .sharePointGroup(let name, let members):
            return make("SharePointGroup", name, "", "", "", "SharePointGroup", members, name)
        }
    }
}
