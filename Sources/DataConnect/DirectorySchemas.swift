// DataConnect: the schemas of BasicDataSet_v0.User_v1, Manager_v0 and DirectReport_v0.

import Foundation

/// The Entra ID datasets as documented (solutions `Datasets/data-connect-dataset-user1.md`,
/// `...-manager.md`, `...-directreport.md`), camelCase, in the pages' order. Manager_v0 and
/// DirectReport_v0 have the same 38 columns: User_v1's 48 without the ten profile columns (aboutMe,
/// birthday, hireDate, interests, mySite, pastProjects, preferredName, responsibilities, schools,
/// skills). Types are the pages' (User_v1 types `createdDateTime`, `birthday`, `hireDate` and
/// `onPremisesLastSyncDateTime` as strings holding ISO-8601 text, Manager_v0 as datetimes).
enum DirectorySchemas {
    static let licenses = "[{disabledPlans:[string],skuId}]"
    static let assignedPlans = "[{assignedDateTime,capabilityStatus,service,servicePlanId}]"
    static let provisionedPlans = "[{capabilityStatus,provisioningStatus,service}]"

    static let userColumns: [DatasetColumn] = [
        .init("aboutMe", .string), .init("accountEnabled", .boolean), .init("ageGroup", .string, nullable: true),
        .init("assignedLicenses", .array, shape: licenses), .init("assignedPlans", .array, shape: assignedPlans),
        .init("birthday", .string), .init("businessPhones", .array, shape: "[string]"), .init("city", .string),
        .init("companyName", .string, nullable: true), .init("consentProvidedForMinor", .string, nullable: true),
        .init("country", .string), .init("createdDateTime", .string), .init("department", .string),
        .init("displayName", .string), .init("givenName", .string), .init("hireDate", .string), .init("id", .string),
        .init("imAddresses", .array, shape: "[string]"), .init("interests", .array, shape: "[string]"),
        .init("jobTitle", .string), .init("legalAgeGroupClassification", .string, nullable: true), .init("mail", .string),
        .init("mailNickname", .string), .init("mobilePhone", .string, nullable: true), .init("mySite", .string),
        .init("officeLocation", .string), .init("onPremisesImmutableId", .string, nullable: true),
        .init("onPremisesLastSyncDateTime", .string, nullable: true), .init("onPremisesSecurityIdentifier", .string, nullable: true),
        .init("onPremisesSyncEnabled", .boolean, nullable: true), .init("passwordPolicies", .string, nullable: true),
        .init("pastProjects", .array, shape: "[string]"), .init("postalCode", .string), .init("preferredLanguage", .string),
        .init("preferredName", .string), .init("provisionedPlans", .array, shape: provisionedPlans),
        .init("proxyAddresses", .array, shape: "[string]"), .init("responsibilities", .array, shape: "[string]"),
        .init("schools", .array, shape: "[string]"), .init("skills", .array, shape: "[string]"), .init("state", .string),
        .init("streetAddress", .string), .init("surname", .string), .init("usageLocation", .string),
        .init("userPrincipalName", .string), .init("userType", .string), .init("puser", .string), .init("ptenant", .string),
    ]

    /// The profile columns User_v1 has and Manager_v0/DirectReport_v0 do not.
    static let profileOnly: Set<String> = [
        "aboutMe", "birthday", "hireDate", "interests", "mySite", "pastProjects", "preferredName", "responsibilities", "schools", "skills",
    ]

    static let relationColumns: [DatasetColumn] = userColumns.filter { !profileOnly.contains($0.name) }.map { column in
        switch column.name {
        case "createdDateTime": return DatasetColumn("createdDateTime", .datetime)
        case "onPremisesLastSyncDateTime": return DatasetColumn("onPremisesLastSyncDateTime", .datetime, nullable: true)
        default: return column
        }
    }

    static let user = schema("BasicDataSet_v0.User_v1", userColumns)
    static let manager = schema("BasicDataSet_v0.Manager_v0", relationColumns)
    static let directReport = schema("BasicDataSet_v0.DirectReport_v0", relationColumns)

    /// No date filter (the pages mark none); user-scoped; the sample rows carry the bookkeeping columns.
    private static func schema(_ name: String, _ columns: [DatasetColumn]) -> DatasetSchema {
        DatasetSchema(name: name, columns: columns, systemColumns: BookkeepingColumns.columns, casing: .camelCase,
                      scope: .users, dateFilter: .none, alwaysDelivered: ["puser", "ptenant"])
    }
}
