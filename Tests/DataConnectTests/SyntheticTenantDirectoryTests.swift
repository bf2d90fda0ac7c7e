// DataConnectTests: the tenant's groups and offices, RowTime.parse known answers, everything under .example.

import Foundation
import XCTest
@testable import DataConnect

final class SyntheticTenantDirectoryTests: XCTestCase {
    /// Known answers computed with Python's `calendar.timegm`.
    func testParseISO8601KnownAnswers() {
        XCTAssertEqual(RowTime.parse("2025-01-01T00:00:00Z"), 1_735_689_600)
        XCTAssertEqual(RowTime.parse("2025-01-01"), 1_735_689_600, "a date is its midnight UTC")
        XCTAssertEqual(RowTime.parse("2025-02-03T14:05:09Z"), 1_738_591_509)
        XCTAssertEqual(RowTime.parse("2025-02-03T14:05:09.1234567Z"), 1_738_591_509, "fraction dropped")
        XCTAssertEqual(RowTime.parse("2025-02-03T14:05:09.0000000"), 1_738_591_509, "no zone: UTC")
        XCTAssertEqual(RowTime.parse("2025-02-03T15:05:09+01:00"), 1_738_591_509)
        XCTAssertEqual(RowTime.parse("2025-02-03T06:35:09-07:30"), 1_738_591_509)
        XCTAssertEqual(RowTime.parse("2025-02-03T14:05Z"), 1_738_591_500)
        XCTAssertEqual(RowTime.parse("2024-02-29T23:59:59Z"), 1_709_251_199)
        XCTAssertEqual(RowTime.parse(RowTime.never), -62_135_596_800)
        for bad in ["", "yesterday", "2025-02-30", "2025-13-01", "2025-1-01", "2025-01-01T24:00:00Z", "2025-01-01T10:60Z",
                    "2025-01-01T00:00:00ZZ", "2025-01-01T00:00:00+0100", "2025-01-01 00:00:00Z", "2025-01-01T00:00:00.Z", "2023-02-29"] {
            XCTAssertNil(RowTime.parse(bad), bad)
        }
        for seconds: Int64 in [0, 1_738_591_509, 1_709_251_199, -62_135_596_800] {
            XCTAssertEqual(RowTime.parse(RowTime.text(seconds: seconds)), seconds, "parse inverts text")
        }
        XCTAssertEqual(RowTime.startOfDay(1_738_591_509), 1_738_540_800)
    }

    func testGroupsHaveSeededIdsAndResolveByIdOrNickname() throws {
        let tenant = try TestConnection.tenant(seed: 42)
        XCTAssertEqual(tenant.groups.map(\.mailNickname), ["leadership", "flight-software", "avionics-hardware", "finance", "sales",
                                                          "operations", "people", "reliability-council"])
        XCTAssertEqual(try TestConnection.tenant(seed: 42).groups, tenant.groups, "same seed, same ids")
        let other = try TestConnection.tenant(seed: 43)
        XCTAssertTrue(Set(tenant.groups.map(\.objectId)).isDisjoint(with: other.groups.map(\.objectId)))
        XCTAssertEqual(tenant.users.map(\.objectId), try TestConnection.tenant(seed: 42).users.map(\.objectId))
        for group in tenant.groups {
            XCTAssertTrue(GUIDText.isGUID(group.objectId))
            XCTAssertEqual(tenant.group(named: group.objectId), group)
            XCTAssertEqual(tenant.group(named: group.objectId.uppercased()), group)
            XCTAssertEqual(tenant.group(named: group.mailNickname.uppercased()), group)
            XCTAssertEqual(group.mail, "\(group.mailNickname)@larkspuravionics.example")
            XCTAssertFalse(group.members.isEmpty)
            XCTAssertTrue(Set(group.owners).isSubset(of: group.members), "owners are members")
            XCTAssertEqual(group.members, group.members.sorted())
        }
        XCTAssertNil(tenant.group(named: "marketing"))
        let sales = try XCTUnwrap(tenant.group(named: "sales"))
        XCTAssertEqual(sales.members.map { tenant.users[$0].alias }, ["teodor.halvorsen", "clementine.osei", "rafael.ichikawa", "dagny.abernathy"])
        XCTAssertEqual(tenant.groups(of: tenant.users.firstIndex { $0.alias == "marguerite.sato" }!).map(\.mailNickname),
                       ["operations", "reliability-council"])
    }

    func testEveryUserHasAnOfficeAndEveryAddressIsReserved() throws {
        let tenant = try TestConnection.tenant(seed: 42)
        XCTAssertEqual(tenant.offices.map(\.key), ["hq", "test-center", "london"])
        XCTAssertTrue(tenant.users.indices.allSatisfy { tenant.office(of: $0) != nil })
        XCTAssertEqual(tenant.office(of: tenant.users.firstIndex { $0.alias == "clementine.osei" }!)?.usageLocation, "GB")
        let addresses = tenant.users.map(\.mail) + tenant.groups.map(\.mail) + tenant.externalContacts.map(\.address)
        XCTAssertTrue(addresses.allSatisfy { $0.hasSuffix(".example") }, "RFC 2606 reserved domains only")
        XCTAssertEqual(SharePointNames.rootURL(tenant), "https://larkspuravionics.sharepoint.example")
        XCTAssertEqual(SharePointNames.personalPath(of: tenant.users[11]), "personal/lucia_ferreira_okafor_larkspuravionics_example")
    }

    func testMissingWorkplaceFixtureIsNamed() throws {
        let directory = try TestPaths.temporaryDirectory(self)
        for file in [SyntheticTenant.tenantFile, SyntheticTenant.mailContentFile] {
            try FileManager.default.copyItem(at: TestPaths.fixtures.appendingPathComponent(file), to: directory.appendingPathComponent(file))
        }
        let error = dataConnectError { _ = try SyntheticTenant.load(fixtures: directory, tenantId: TestConnection.tenantId, seed: 1) }
        XCTAssertEqual(error?.code, .invalidInput)
        XCTAssertEqual(error?.reason, "\(directory.appendingPathComponent("workplace-content.json").path) does not exist")
    }
}
