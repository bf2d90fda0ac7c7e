// DataConnectRegistryTests: approve and deny as the admin center does them, with Microsoft's literal refusals.

import Foundation
import XCTest
import ServiceCore
@testable import DataConnectRegistry

final class ApprovalEndpointTests: XCTestCase {
    typealias H = RegistryHarness

    func testGlobalAdministratorApprovesTheCurrentRevisionFor180Days() throws {
        let h = try H()
        try h.register()
        let approved = try h.approve()
        XCTAssertEqual(approved.status, 200)
        XCTAssertEqual(approved.status_, "Approved")
        XCTAssertEqual(approved.authorization["approvedRevision"] as? Int, 1)
        XCTAssertEqual(approved.authorization["approvedBy"] as? String, H.globalAdmin.objectId)
        XCTAssertEqual(approved.authorization["approvedAt"] as? String, H.start.iso8601)
        XCTAssertEqual(approved.authorization["expiresAt"] as? String, H.start.addingTimeInterval(180 * 86_400).iso8601)
        h.clock.advance(by: 180 * 86_400 - 1)
        XCTAssertEqual(try h.send("GET", H.path()).status_, "Approved")
        h.clock.advance(by: 1)
        XCTAssertEqual(try h.send("GET", H.path()).status_, "Expired")
        // Renewal restarts the 180 days.
        XCTAssertEqual(try h.approve().status_, "Approved")
    }

    func testOnlyAGlobalAdministratorDecides() throws {
        let h = try H()
        try h.register()
        for caller in [H.developer, H.stranger, H.app] {
            for verb in ["approve", "deny"] {
                let error = h.error("POST", H.tenantPath() + "/" + verb, nil, as: caller)
                XCTAssertEqual(error?.code, "NotGlobalAdministrator")
                XCTAssertEqual(error?.kind, .forbidden)
            }
        }
        XCTAssertEqual(h.error("POST", H.tenantPath() + "/approve", nil, as: H.developer)?.message,
                       "Only a Global Administrator of tenant '\(H.tenant)' can authorize or decline Microsoft Graph Data Connect applications.")
    }

    func testTheApproverMayNotBeAnOwner() throws {
        let h = try H()
        try h.register(H.body(extra: ["owners": [H.globalAdmin.objectId]]))
        for verb in ["approve", "deny"] {
            let error = h.error("POST", H.tenantPath() + "/" + verb, nil, as: H.globalAdmin)
            XCTAssertEqual(error?.code, "ApproverIsOwner")
            XCTAssertEqual(error?.message, "App approver and owner cannot be the same user.")
        }
        XCTAssertEqual(try h.send("GET", H.path()).status_, "Pending")
    }

    func testADeletedRegistrationIsNotFound() throws {
        let h = try H()
        try h.register()
        try h.send("DELETE", H.path())
        for verb in ["approve", "deny"] {
            let error = h.error("POST", H.tenantPath() + "/" + verb, nil, as: H.globalAdmin)
            XCTAssertEqual(error?.code, "AppRegistrationNotFound")
            XCTAssertEqual(error?.kind, .notFound)
            XCTAssertEqual(error?.message, "App registration not found. It is possible someone deleted this app.")
        }
    }

    func testTheReviewedRevisionMustBeCurrent() throws {
        let h = try H()
        try h.register()
        try h.register(H.body(container: "other"))
        let error = h.error("POST", H.tenantPath() + "/approve", ["revision": 1], as: H.globalAdmin)
        XCTAssertEqual(error?.code, "RegistrationChanged")
        XCTAssertEqual(error?.kind, .conflict)
        XCTAssertEqual(try h.approve(body: ["revision": 2]).authorization["approvedRevision"] as? Int, 2)
    }

    func testDenyThenChangeIsPendingAgainAndUpdateAfterApprovalIsUpdateAvailable() throws {
        let h = try H()
        try h.register()
        let denied = try h.deny(reason: "scope too wide")
        XCTAssertEqual(denied.status_, "Denied")
        XCTAssertEqual(denied.authorization["denialReason"] as? String, "scope too wide")
        XCTAssertNil(denied.authorization["approvedRevision"])
        XCTAssertEqual(try h.register(H.body(container: "other")).status_, "Pending")
        XCTAssertEqual(try h.approve().status_, "Approved")
        let updated = try h.register(H.body(container: "third"))
        XCTAssertEqual(updated.status_, "UpdateAvailable")
        let approvedProperties = updated.authorization["approvedProperties"] as? [String: Any]
        XCTAssertEqual((approvedProperties?["destination"] as? [String: Any])?["container"] as? String, "other")
        XCTAssertEqual((updated.properties["destination"] as? [String: Any])?["container"] as? String, "third")
        // A description change is not reviewed, so it does not need approval.
        XCTAssertEqual(try h.approve().status_, "Approved")
        XCTAssertEqual(try h.register(H.body(container: "third", extra: ["description": "new words"])).status_, "Approved")
    }
}
