// DataConnectTests: User_v1, Manager_v0, DirectReport_v0: columns, types, and one consistent organisation.

import Foundation
import XCTest
@testable import DataConnect

final class DirectoryDatasetTests: XCTestCase {
    /// The schema table of solutions `Datasets/data-connect-dataset-user1.md`.
    static let userColumns = [
        "aboutMe", "accountEnabled", "ageGroup", "assignedLicenses", "assignedPlans", "birthday", "businessPhones", "city",
        "companyName", "consentProvidedForMinor", "country", "createdDateTime", "department", "displayName", "givenName",
        "hireDate", "id", "imAddresses", "interests", "jobTitle", "legalAgeGroupClassification", "mail", "mailNickname",
        "mobilePhone", "mySite", "officeLocation", "onPremisesImmutableId", "onPremisesLastSyncDateTime",
        "onPremisesSecurityIdentifier", "onPremisesSyncEnabled", "passwordPolicies", "pastProjects", "postalCode",
        "preferredLanguage", "preferredName", "provisionedPlans", "proxyAddresses", "responsibilities", "schools", "skills",
        "state", "streetAddress", "surname", "usageLocation", "userPrincipalName", "userType", "puser", "ptenant",
    ]
    /// The schema table of `...-manager.md` and `...-directreport.md` (the latter misspells
    /// legalAgeGroupClassification; its JSON representation and sample spell it right).
    static let relationColumns = [
        "accountEnabled", "ageGroup", "assignedLicenses", "assignedPlans", "businessPhones", "city", "companyName",
        "consentProvidedForMinor", "country", "createdDateTime", "department", "displayName", "givenName", "id", "imAddresses",
        "jobTitle", "legalAgeGroupClassification", "mail", "mailNickname", "mobilePhone", "officeLocation",
        "onPremisesImmutableId", "onPremisesLastSyncDateTime", "onPremisesSecurityIdentifier", "onPremisesSyncEnabled",
        "passwordPolicies", "postalCode", "preferredLanguage", "provisionedPlans", "proxyAddresses", "state", "streetAddress",
        "surname", "usageLocation", "userPrincipalName", "userType", "puser", "ptenant",
    ]
    static let user = "BasicDataSet_v0.User_v1"
    static let manager = "BasicDataSet_v0.Manager_v0"
    static let directReport = "BasicDataSet_v0.DirectReport_v0"

    func testColumnsTypesAndCasing() throws {
        XCTAssertEqual(Self.userColumns.count, 48)
        XCTAssertEqual(Self.relationColumns.count, 38)
        for (name, columns) in [(Self.user, Self.userColumns), (Self.manager, Self.relationColumns), (Self.directReport, Self.relationColumns)] {
            let dataset = try DatasetCatalog.lookup(name)
            XCTAssertEqual(dataset.columns, columns, name)
            XCTAssertEqual(dataset.schema.miscasedColumns, [], name)
            XCTAssertEqual(dataset.schema.dateFilter, .none)
            assertRowsMatchSchema(try DatasetRows.all(name), dataset.schema, columns: columns + DatasetRows.bookkeeping)
        }
        XCTAssertEqual(try DatasetCatalog.lookup(Self.manager).schema.column("createdDateTime")?.type, .datetime)
        XCTAssertEqual(try DatasetCatalog.lookup(Self.user).schema.column("createdDateTime")?.type, .string, "User_v1's page types it string")
    }

    func testEntityDatasetsHoldTheTenantNotTheRowCount() throws {
        let tenant = try TestConnection.tenant(seed: 42)
        let users = try DatasetRows.decode(TypedUserRow.self, try DatasetRows.all(Self.user, rows: 500, files: 4))
        XCTAssertEqual(users.map(\.id).sorted(), tenant.users.map(\.objectId).sorted(), "one row per user whatever --rows says")
        XCTAssertEqual(try DatasetRows.files(Self.user, files: 5).map(\.count), [5, 5, 5, 5, 4], "users dealt round-robin")
        for row in users {
            XCTAssertEqual(row.puser, row.id, "a User_v1 row is extracted for the user it describes")
            XCTAssertEqual(row.userPrincipalName, row.mail)
            XCTAssertTrue(row.mail.hasSuffix("@larkspuravionics.example"))
            XCTAssertEqual(row.proxyAddresses, ["SMTP:\(row.mail)"])
            XCTAssertEqual(row.mail, "\(row.mailNickname)@larkspuravionics.example")
            XCTAssertTrue(row.mySite.hasPrefix("https://larkspuravionics-my.sharepoint.example/personal/"), row.mySite)
            XCTAssertTrue(row.birthday == RowTime.never || RowTime.parse(row.birthday) != nil)
            XCTAssertTrue(row.hireDate == RowTime.never || RowTime.parse(row.hireDate) != nil)
            XCTAssertNotNil(RowTime.parse(row.createdDateTime))
            XCTAssertEqual(row.assignedLicenses.count, 2)
            XCTAssertEqual(row.provisionedPlans.count, row.assignedPlans.count)
            XCTAssertTrue(["US", "GB"].contains(row.usageLocation))
            XCTAssertEqual(row.businessPhones.count, 1)
            XCTAssertTrue(row.businessPhones[0].contains(" 555 01") || row.businessPhones[0].hasPrefix("+44 20 7946 00"), "fiction ranges")
        }
    }

    func testSameSeedSameBytesOtherSeedOtherIds() throws {
        for name in [Self.user, Self.manager, Self.directReport] {
            let first = try DatasetRows.bytes(name, seed: 42)
            XCTAssertEqual(first, try DatasetRows.bytes(name, seed: 42), name)
            XCTAssertNotEqual(first, try DatasetRows.bytes(name, seed: 43), name)
        }
    }

    /// Manager_v0 rows (puser = U, id = M) are exactly the manager links of the tenant; DirectReport_v0
    /// is the inverse relation; the manager links form one tree; a manager row describes the manager
    /// exactly as the manager's User_v1 row does.
    func testManagersAndDirectReportsAreInverseAndAgreeWithUsers() throws {
        let tenant = try TestConnection.tenant(seed: 42)
        let users = try DatasetRows.decode(TypedUserRow.self, try DatasetRows.all(Self.user))
        let managers = try DatasetRows.all(Self.manager)
        let reports = try DatasetRows.all(Self.directReport)
        let managerPairs = Set(managers.map { Pair(DatasetRows.string($0, "puser")!, DatasetRows.string($0, "id")!) })
        let reportPairs = Set(reports.map { Pair(DatasetRows.string($0, "id")!, DatasetRows.string($0, "puser")!) })
        XCTAssertEqual(managers.count, 23, "everyone but the CEO has a manager")
        XCTAssertEqual(managerPairs, reportPairs, "DirectReport_v0 is Manager_v0 inverted")
        let expected = Set(tenant.users.compactMap { user in user.managerIndex.map { Pair(user.objectId, tenant.users[$0].objectId) } })
        XCTAssertEqual(managerPairs, expected)

        let userIds = Set(users.map(\.id))
        var managerOf: [String: String] = [:]
        for pair in managerPairs {
            XCTAssertTrue(userIds.contains(pair.a) && userIds.contains(pair.b), "both ends are User_v1 users")
            managerOf[pair.a] = pair.b
        }
        let roots = users.map(\.id).filter { managerOf[$0] == nil }
        XCTAssertEqual(roots.count, 1, "one top of the organisation")
        for id in userIds {
            var current = id, steps = 0
            while let next = managerOf[current] { current = next; steps += 1; XCTAssertLessThan(steps, userIds.count, "no cycle") }
            XCTAssertEqual(current, roots.first)
        }

        let userRows = Dictionary(uniqueKeysWithValues: try DatasetRows.all(Self.user).map { (DatasetRows.string($0, "id")!, $0) })
        for row in managers + reports {
            let described = try XCTUnwrap(userRows[DatasetRows.string(row, "id")!])
            for column in Self.relationColumns where column != "puser" && column != "createdDateTime" {
                XCTAssertEqual(row[column], described[column], column)
            }
            XCTAssertEqual(row["createdDateTime"], described["createdDateTime"])
        }
    }
}

private struct Pair: Hashable {
    let a: String, b: String
    init(_ a: String, _ b: String) { self.a = a; self.b = b }
}

/// Strict typed view of a User_v1 row.
private struct TypedUserRow: Decodable {
    struct License: Decodable { let disabledPlans: [String]; let skuId: String }
    struct AssignedPlan: Decodable { let assignedDateTime: String; let capabilityStatus: String; let service: String; let servicePlanId: String }
    struct ProvisionedPlan: Decodable { let capabilityStatus: String; let provisioningStatus: String; let service: String }
    let aboutMe: String, accountEnabled: Bool, ageGroup: String?, assignedLicenses: [License], assignedPlans: [AssignedPlan]
    let birthday: String, businessPhones: [String], city: String, companyName: String?, consentProvidedForMinor: String?
    let country: String, createdDateTime: String, department: String, displayName: String, givenName: String, hireDate: String
    let id: String, imAddresses: [String], interests: [String], jobTitle: String, legalAgeGroupClassification: String?
    let mail: String, mailNickname: String, mobilePhone: String?, mySite: String, officeLocation: String
    let onPremisesImmutableId: String?, onPremisesLastSyncDateTime: String?, onPremisesSecurityIdentifier: String?
    let onPremisesSyncEnabled: Bool?, passwordPolicies: String?, pastProjects: [String], postalCode: String
    let preferredLanguage: String, preferredName: String, provisionedPlans: [ProvisionedPlan], proxyAddresses: [String]
    let responsibilities: [String], schools: [String], skills: [String], state: String, streetAddress: String
    let surname: String, usageLocation: String, userPrincipalName: String, userType: String, puser: String, ptenant: String
    let pAdditionalInfo: String?, datarow: Int, userrow: Int, pagerow: Int, rowinformation: TypedRowInformation
}
