// DataConnectRegistryTests: each of the eight run checks and each refusing approval state failing on its own.

import Foundation
import XCTest
import ServiceCore
@testable import DataConnectRegistry

final class RunAuthorizationTests: XCTestCase {
    typealias H = RegistryHarness
    static let groupA = "7d0c5a52-1111-4f4f-9a9a-00000000000a"
    static let groupB = "7d0c5a52-1111-4f4f-9a9a-00000000000b"
    static let filter = "https://graph.microsoft.com/v1.0/users?$filter=Department eq 'Finance'"

    /// An approved registration: Message_v1 (subject, sender) for groups A and B, User_v1 (all columns) with a filter.
    func approved(encryption: [String: Any]? = nil) throws -> H {
        let h = try H()
        try h.register(H.body(datasets: [
            ["name": H.dataset, "columns": ["subject", "sender", "receivedDateTime"], "scope": ["type": "Groups", "groups": [Self.groupA, Self.groupB]]],
            ["name": "BasicDataSet_v0.User_v1", "scope": ["type": "Filter", "filterUri": Self.filter]],
            ["name": "BasicDataSet_v0.Manager_v0"],
            ["name": "VivaInsightsDataset_PersonReport_v1"],
        ], encryption: encryption))
        try h.approve()
        return h
    }

    func testAnAuthorizedRunGetsItsDestinationAndEncryption() throws {
        let h = try approved(encryption: ["enabled": true, "keyVaultUri": "https://kv1.vault.localhost:8443/"])
        let result = try h.authorize(H.runBody(scope: ["type": "Groups", "groups": [Self.groupA]],
                                               destination: ["path": h.container + "/runs/7"]))
        XCTAssertEqual(result.status, 200)
        XCTAssertEqual(result.object["status"] as? String, "Approved")
        XCTAssertEqual(result.object["revision"] as? Int, 1)
        let destination = result.object["destination"] as? [String: Any]
        XCTAssertEqual(destination?["path"] as? String, h.container + "/runs/7")
        XCTAssertEqual(destination?["root"] as? String, h.container)
        let encryption = result.object["encryption"] as? [String: Any]
        XCTAssertEqual(encryption?["applies"] as? Bool, true)
        XCTAssertEqual(encryption?["keyVaultUri"] as? String, "https://kv1.vault.localhost:8443/")
        XCTAssertEqual(encryption?["keyName"] as? String, H.tenant)
        // No path: the container itself.
        XCTAssertEqual((try h.authorize(H.runBody(scope: ["type": "Groups", "groups": [Self.groupB]])).object["destination"] as? [String: Any])?["path"] as? String,
                       h.container)
    }

    func testVivaInsightsIsDeliveredInClearEvenWithEncryptionOn() throws {
        let h = try approved(encryption: ["enabled": true, "keyVaultUri": "https://kv1.vault.localhost:8443/"])
        let encryption = try h.authorize(H.runBody(dataset: "VivaInsightsDataset_PersonReport_v1", columns: ["PersonId"])).object["encryption"] as? [String: Any]
        XCTAssertEqual(encryption?["enabled"] as? Bool, true)
        XCTAssertEqual(encryption?["eligible"] as? Bool, false)
        XCTAssertEqual(encryption?["applies"] as? Bool, false)
        XCTAssertTrue(RunAuthorization.isEncryptionEligible(dataset: "BasicDataSet_v0.SharePointSites_v1"))
        XCTAssertFalse(RunAuthorization.isEncryptionEligible(dataset: "VivaInsightsDataset_Report_v1_Collab"))
    }

    func testCheck1NoRegistration() throws {
        let h = try H()
        let error = h.authorizeError()
        XCTAssertEqual(error?.code, "AppNotAuthorized")
        XCTAssertEqual(error?.kind, .forbidden)
        XCTAssertEqual(error?.message, "Application '\(H.appId)' is not authorized for Microsoft Graph Data Connect in tenant '\(H.tenant)': no app registration exists for it.")
        // Another tenant's data: no registration there either.
        try h.register()
        try h.approve()
        XCTAssertEqual(h.authorizeError(H.runBody(scope: ["type": "AllUsers"], dataTenantId: "5f0e0000-0000-4000-8000-000000000009"))?.code, "AppNotAuthorized")
    }

    func testCheck2EachUnapprovedState() throws {
        let h = try H()
        try h.register()
        XCTAssertEqual(h.authorizeError()?.code, "AuthorizationPending")
        try h.deny(reason: "no")
        let denied = h.authorizeError()
        XCTAssertEqual(denied?.code, "AuthorizationDenied")
        XCTAssertEqual(denied?.message, "A Global Administrator of tenant '\(H.tenant)' declined the Microsoft Graph Data Connect registration of application '\(H.appId)' (reason: no); runs fail until it is approved.")
        try h.approve()
        XCTAssertEqual(try h.authorize().status, 200)
        h.clock.advance(by: ApprovalState.validity)
        let expired = h.authorizeError()
        XCTAssertEqual(expired?.code, "AuthorizationExpired")
        XCTAssertEqual(expired?.message, "The authorization of application '\(H.appId)' expired at \(H.start.addingTimeInterval(ApprovalState.validity).iso8601) (approvals last 180 days); a Global Administrator must approve it again.")
    }

    func testUpdateAvailableRunsOnTheApprovedDefinition() throws {
        let h = try approved()
        // The update adds Event_v1, drops the column limit and turns encryption on: none applies until approved.
        try h.register(H.body(datasets: [["name": H.dataset], ["name": "BasicDataSet_v0.Event_v1"]],
                              encryption: ["enabled": true, "keyVaultUri": "https://kv1.vault.localhost:8443/"]))
        XCTAssertEqual(try h.send("GET", H.path()).status_, "UpdateAvailable")
        XCTAssertEqual(h.authorizeError(H.runBody(dataset: "BasicDataSet_v0.Event_v1", columns: ["id"]))?.code, "DatasetNotAuthorized")
        XCTAssertEqual(h.authorizeError(H.runBody(columns: ["body"], scope: ["type": "Groups", "groups": [Self.groupA]]))?.code, "ColumnsNotAuthorized")
        let old = try h.authorize(H.runBody(scope: ["type": "Groups", "groups": [Self.groupA]]))
        XCTAssertEqual(old.object["status"] as? String, "UpdateAvailable")
        XCTAssertEqual(old.object["revision"] as? Int, 1)
        XCTAssertEqual((old.object["encryption"] as? [String: Any])?["applies"] as? Bool, false)
        try h.approve()
        let new = try h.authorize(H.runBody(dataset: "BasicDataSet_v0.Event_v1", columns: ["id"]))
        XCTAssertEqual(new.object["revision"] as? Int, 2)
        XCTAssertEqual((new.object["encryption"] as? [String: Any])?["applies"] as? Bool, true)
    }

    func testCheck3ApplicationTenant() throws {
        let h = try H()
        let isv = "5f0e0000-0000-4000-8000-000000000009"
        try h.register(H.body(extra: ["publishType": "MultiTenant", "applicationTenantId": isv]))
        try h.approve()
        let error = h.authorizeError()
        XCTAssertEqual(error?.code, "ApplicationTenantMismatch")
        XCTAssertEqual(error?.message, "The request's application tenant '\(H.tenant)' is not the application tenant '\(isv)' that application '\(H.appId)' is authorized for.")
    }

    func testCheck4Dataset() throws {
        let h = try approved()
        let error = h.authorizeError(H.runBody(dataset: "BasicDataSet_v0.Event_v1", columns: ["id"]))
        XCTAssertEqual(error?.code, "DatasetNotAuthorized")
        XCTAssertEqual(error?.message, "Dataset 'BasicDataSet_v0.Event_v1' is not authorized for application '\(H.appId)'. Authorized datasets: BasicDataSet_v0.Message_v1, BasicDataSet_v0.User_v1, BasicDataSet_v0.Manager_v0, VivaInsightsDataset_PersonReport_v1.")
    }

    func testCheck5Columns() throws {
        let h = try approved()
        let error = h.authorizeError(H.runBody(columns: ["subject", "body", "toRecipients"], scope: ["type": "Groups", "groups": [Self.groupA]]))
        XCTAssertEqual(error?.code, "ColumnsNotAuthorized")
        XCTAssertEqual(error?.message, "Columns body, toRecipients of dataset 'BasicDataSet_v0.Message_v1' are not authorized for application '\(H.appId)'.")
        // Case does not matter; a dataset granted with every column takes any list.
        XCTAssertEqual(try h.authorize(H.runBody(columns: ["SUBJECT"], scope: ["type": "Groups", "groups": [Self.groupA]])).status, 200)
        XCTAssertEqual(try h.authorize(H.runBody(dataset: "BasicDataSet_v0.Manager_v0", columns: ["anything", "else"])).status, 200)
    }

    func testCheck6DestinationTenant() throws {
        let h = try approved()
        let error = h.authorizeError(H.runBody(dataset: "BasicDataSet_v0.Manager_v0", destination: ["tenantId": "5f0e0000-0000-4000-8000-000000000009"]))
        XCTAssertEqual(error?.code, "DestinationTenantMismatch")
        XCTAssertEqual(error?.message, "The destination tenant '5f0e0000-0000-4000-8000-000000000009' is not the authorized destination tenant '\(H.tenant)' of application '\(H.appId)'.")
    }

    func testCheck7DestinationInsideTheContainer() throws {
        let h = try approved()
        for outside in [h.storageRoot.appendingPathComponent("lake1/other").path, h.container + "-x", h.container + "/../other", "/tmp"] {
            let error = h.authorizeError(H.runBody(dataset: "BasicDataSet_v0.Manager_v0", destination: ["path": outside]))
            XCTAssertEqual(error?.code, "DestinationNotAuthorized", outside)
        }
        XCTAssertEqual(try h.authorize(H.runBody(dataset: "BasicDataSet_v0.Manager_v0", destination: ["path": h.container + "/a/../../mgdc/b"])).status, 200,
                       "a path that comes back into the container is inside")
        let error = h.authorizeError(H.runBody(dataset: "BasicDataSet_v0.Manager_v0", destination: ["path": "/tmp"]))
        XCTAssertEqual(error?.message, "The destination '/tmp' is not inside the authorized storage location of application '\(H.appId)': storage account 'lake1', container 'mgdc' (\(h.container)).")
        XCTAssertEqual(h.authorizeError(H.runBody(dataset: "BasicDataSet_v0.Manager_v0", destination: ["path": "relative/dir"]))?.code, "BadRequest")
    }

    func testCheck7SymbolicLinksOutOfTheContainerAreOutside() throws {
        let h = try approved()
        let escape = h.container + "/escape"
        try FileManager.default.createSymbolicLink(atPath: escape, withDestinationPath: "/tmp")
        XCTAssertEqual(h.authorizeError(H.runBody(dataset: "BasicDataSet_v0.Manager_v0", destination: ["path": escape + "/drop"]))?.code,
                       "DestinationNotAuthorized")
    }

    func testCheck8Scope() throws {
        let h = try approved()
        let groupScope: [String: Any] = ["type": "Groups", "groups": [Self.groupA, Self.groupB]]
        XCTAssertEqual(try h.authorize(H.runBody(scope: groupScope)).status, 200, "the full group list is a subset")
        for scope: [String: Any] in [["type": "AllUsers"], ["type": "Groups", "groups": [Self.groupA, "7d0c5a52-1111-4f4f-9a9a-00000000000c"]],
                                     ["type": "Filter", "filterUri": Self.filter], ["type": "Groups", "groups": [String]()]] {
            XCTAssertEqual(h.authorizeError(H.runBody(scope: scope))?.code, "ScopeNotAuthorized", "\(scope)")
        }
        XCTAssertEqual(h.authorizeError(H.runBody(columns: ["subject"]))?.message,
                       "The requested scope (all users) of dataset 'BasicDataSet_v0.Message_v1' does not match the authorized scope (groups \(Self.groupA), \(Self.groupB)) of application '\(H.appId)': the application is authorized for selected groups only; request a subset of them.")
        // A filter must match exactly.
        XCTAssertEqual(try h.authorize(H.runBody(dataset: "BasicDataSet_v0.User_v1", columns: ["id"], scope: ["type": "Filter", "filterUri": Self.filter])).status, 200)
        XCTAssertEqual(h.authorizeError(H.runBody(dataset: "BasicDataSet_v0.User_v1", columns: ["id"],
                                                  scope: ["type": "Filter", "filterUri": Self.filter + " "]))?.code, "ScopeNotAuthorized")
        XCTAssertEqual(h.authorizeError(H.runBody(dataset: "BasicDataSet_v0.User_v1", columns: ["id"]))?.code, "ScopeNotAuthorized")
        // All users authorized: any scope passes.
        for scope: [String: Any] in [["type": "AllUsers"], ["type": "Groups", "groups": [Self.groupA]], ["type": "Filter", "filterUri": Self.filter]] {
            XCTAssertEqual(try h.authorize(H.runBody(dataset: "BasicDataSet_v0.Manager_v0", scope: scope)).status, 200)
        }
    }

    func testChecksRunInOrder() throws {
        // Dataset, columns, destination and scope all wrong on a pending registration: the approval state is reported.
        let h = try H()
        try h.register()
        let everythingWrong = H.runBody(dataset: "X_v0", columns: ["nope"], scope: ["type": "Filter", "filterUri": Self.filter],
                                        destination: ["tenantId": "5f0e0000-0000-4000-8000-000000000009", "path": "/tmp"])
        XCTAssertEqual(h.authorizeError(everythingWrong)?.code, "AuthorizationPending")
        try h.approve()
        XCTAssertEqual(h.authorizeError(everythingWrong)?.code, "DatasetNotAuthorized")
    }
}
