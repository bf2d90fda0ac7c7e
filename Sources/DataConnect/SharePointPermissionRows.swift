// DataConnect: SharePointPermissions_v1 rows of a snapshot or delta, with SharedWith entries per grantee kind.

import Foundation

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
