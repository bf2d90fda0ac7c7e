// DataConnect: User_v1, Manager_v0 and DirectReport_v0 rows from one directory entry per user.

import Foundation

/// A user's directory entry: every User_v1 column except `puser`/`ptenant`, from the fixtures and a
/// seed stream of the user's own (`directory-<objectId>`), so the entry is the same in every dataset
/// and every file: a Manager_v0 row describing M equals M's User_v1 row on the shared columns.
enum DirectoryEntry {
    /// The 46 member/value pairs of `users[index]`, in User_v1's order.
    static func members(of index: Int, tenant: SyntheticTenant, seed: UInt64) -> [(String, JSONValue)] {
        let user = tenant.users[index]
        let content = tenant.workplace
        var random = DeterministicRandom(seed: seed, stream: "directory-\(user.objectId)")
        let office = tenant.office(of: index)
        func strings(_ items: [String]) -> JSONValue { .array(items.map(JSONValue.string)) }
        func phone() -> String { (office?.phonePrefix ?? "+1 555 555 01") + String(format: "%02d", random.int(in: 0...99)) }
        let created = RowTime.seconds(year: 2022, month: 6, day: 1) + Int64(random.int(in: 0...(900 * 86_400)))
        let birthday = random.chance(0.3)
            ? RowTime.text(seconds: RowTime.seconds(year: Int64(random.int(in: 1962...2001)), month: Int64(random.int(in: 1...12)),
                                                    day: Int64(random.int(in: 1...28))))
            : RowTime.never
        let hireDate = random.chance(0.5) ? RowTime.text(seconds: RowTime.startOfDay(created - Int64(random.int(in: 0...2000)) * 86_400))
                                          : RowTime.never
        let licenses = content.licenses
        let assignedAt = RowTime.text(seconds: created + Int64(random.int(in: 60...86_400)))
        let plans = licenses.flatMap(\.services)
        let mobile: JSONValue = random.chance(0.4) ? .string(phone()) : .null
        let business = phone()
        return [
            ("aboutMe", .string(random.pick(content.aboutMe))),
            ("accountEnabled", .bool(true)),
            ("ageGroup", .null),
            ("assignedLicenses", .array(licenses.map { .object([("disabledPlans", .array([])), ("skuId", .string(stableId("sku-\($0.name)")))]) })),
            ("assignedPlans", .array(plans.map { .object([
                ("assignedDateTime", .string(assignedAt)), ("capabilityStatus", .string("Enabled")),
                ("service", .string($0)), ("servicePlanId", .string(stableId("plan-\($0)"))),
            ]) })),
            ("birthday", .string(birthday)),
            ("businessPhones", strings([business])),
            ("city", .string(office?.city ?? "")),
            ("companyName", .string(tenant.organization)),
            ("consentProvidedForMinor", .null),
            ("country", .string(office?.country ?? "")),
            ("createdDateTime", .string(RowTime.text(seconds: created))),
            ("department", .string(user.department)),
            ("displayName", .string(user.displayName)),
            ("givenName", .string(user.givenName)),
            ("hireDate", .string(hireDate)),
            ("id", .string(user.objectId)),
            ("imAddresses", strings([user.mail])),
            ("interests", strings(random.sample(content.interests, count: random.int(in: 0...4)))),
            ("jobTitle", .string(user.jobTitle)),
            ("legalAgeGroupClassification", .null),
            ("mail", .string(user.mail)),
            ("mailNickname", .string(user.alias)),
            ("mobilePhone", mobile),
            ("mySite", .string(SharePointNames.oneDriveURL(of: user, tenant: tenant) + "/")),
            ("officeLocation", .string("\(office?.building ?? "1")/\(random.int(in: 1000...3999))")),
            ("onPremisesImmutableId", .null),
            ("onPremisesLastSyncDateTime", .null),
            ("onPremisesSecurityIdentifier", .null),
            ("onPremisesSyncEnabled", .null),
            ("passwordPolicies", random.chance(0.2) ? .string("DisablePasswordExpiration") : .null),
            ("pastProjects", strings(random.sample(content.pastProjects, count: random.int(in: 0...3)))),
            ("postalCode", .string(office?.postalCode ?? "")),
            ("preferredLanguage", .string(office?.usageLocation == "GB" ? "en-GB" : "en-US")),
            ("preferredName", .string("")),
            ("provisionedPlans", .array(plans.map { .object([
                ("capabilityStatus", .string("Enabled")), ("provisioningStatus", .string("Success")), ("service", .string($0)),
            ]) })),
            ("proxyAddresses", strings(["SMTP:\(user.mail)"])),
            ("responsibilities", strings(random.sample(content.responsibilities, count: random.int(in: 1...3)))),
            ("schools", strings(random.sample(content.schools, count: random.int(in: 1...2)))),
            ("skills", strings(random.sample(content.skills, count: random.int(in: 1...5)))),
            ("state", .string(office?.state ?? "")),
            ("streetAddress", .string(office?.streetAddress ?? "")),
            ("surname", .string(user.surname)),
            ("usageLocation", .string(office?.usageLocation ?? "US")),
            ("userPrincipalName", .string(user.mail)),
            ("userType", .string("Member")),
        ]
    }

    /// A GUID that depends only on `label` (license and service-plan ids are the same in every tenant).
    static func stableId(_ label: String) -> String {
        var random = DeterministicRandom(seed: 0, stream: label)
        return random.guid()
    }

    /// The row for `entryOf`'s entry extracted for user `puser`, with `columns` (a schema's order).
    static func row(entryOf index: Int, puser: Int, columns: [String], tenant: SyntheticTenant, seed: UInt64) -> JSONValue {
        let members = members(of: index, tenant: tenant, seed: seed)
            + [("puser", .string(tenant.users[puser].objectId)), ("ptenant", .string(tenant.tenantId))]
        return JSONValue.object(members).reordered(columns)
    }
}

/// User_v1: one row per user of the file (`DatasetContext.entityUsers`), `puser` = the user.
struct UserV1Rows: IteratorProtocol {
    private let context: DatasetContext
    private var users: IndexingIterator<[Int]>

    init(context: DatasetContext, partition: DatasetPartition) {
        self.context = context
        users = context.entityUsers(of: partition).makeIterator()
    }

    mutating func next() -> JSONValue? {
        guard let index = users.next() else { return nil }
        return DirectoryEntry.row(entryOf: index, puser: index, columns: DirectorySchemas.user.columnNames,
                                  tenant: context.tenant, seed: context.seed)
    }
}

/// Manager_v0 (the user's manager, none for the top of the organisation) and DirectReport_v0 (one
/// row per direct report): rows for the users of the file, `puser` = that user, `id` = the related user.
struct RelationRows: IteratorProtocol {
    enum Relation { case manager, directReport }

    private let context: DatasetContext
    private let columns: [String]
    private var pairs: IndexingIterator<[(puser: Int, entry: Int)]>

    init(_ relation: Relation, context: DatasetContext, partition: DatasetPartition) {
        self.context = context
        columns = DirectorySchemas.manager.columnNames
        let tenant = context.tenant
        pairs = context.entityUsers(of: partition).flatMap { user -> [(puser: Int, entry: Int)] in
            switch relation {
            case .manager: return tenant.users[user].managerIndex.map { [(user, $0)] } ?? []
            case .directReport: return tenant.reports(of: user).map { (user, $0) }
            }
        }.makeIterator()
    }

    mutating func next() -> JSONValue? {
        guard let pair = pairs.next() else { return nil }
        return DirectoryEntry.row(entryOf: pair.entry, puser: pair.puser, columns: columns, tenant: context.tenant, seed: context.seed)
    }
}

/// SharePoint host names and paths of the synthetic tenant (all under the reserved `.example`).
enum SharePointNames {
    /// The tenant's SharePoint label: the first label of the mail domain (`larkspuravionics`).
    static func label(_ tenant: SyntheticTenant) -> String {
        String(tenant.domain.split(separator: ".").first ?? "tenant")
    }

    static func rootURL(_ tenant: SyntheticTenant) -> String { "https://\(label(tenant)).sharepoint.example" }

    /// `personal/odile_marchetti_larkspuravionics_example`: the UPN with every non-alphanumeric as `_`.
    static func personalPath(of user: TenantUser) -> String {
        "personal/" + String(user.mail.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    static func oneDriveURL(of user: TenantUser, tenant: SyntheticTenant) -> String {
        "https://\(label(tenant))-my.sharepoint.example/\(personalPath(of: user))"
    }
}
