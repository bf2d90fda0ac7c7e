// DataConnectRegistryTests: creating, changing, reading and deleting registrations; who may; what is refused.

import Foundation
import XCTest
import ServiceCore
@testable import DataConnectRegistry

final class RegistrationLifecycleTests: XCTestCase {
    typealias H = RegistryHarness

    func testCreateMakesTheCallerOwnerAtRevisionOnePendingWithItsContainerFolder() throws {
        let h = try H()
        let created = try h.register(H.body(extra: ["owners": ["E5A1C0DE-0000-4000-8000-00000000B00C"]]))
        XCTAssertEqual(created.status, 201)
        XCTAssertEqual(created.object["id"] as? String, H.path())
        XCTAssertEqual(created.object["type"] as? String, "Microsoft.DataConnect/registrations")
        XCTAssertEqual(created.properties["revision"] as? Int, 1)
        XCTAssertEqual(created.properties["developer"] as? String, H.developer.objectId)
        XCTAssertEqual(created.properties["owners"] as? [String], [H.developer.objectId, "e5a1c0de-0000-4000-8000-00000000b00c"])
        XCTAssertEqual(created.status_, "Pending")
        XCTAssertEqual(created.properties["tenantId"] as? String, H.tenant)
        XCTAssertEqual(created.properties["applicationTenantId"] as? String, H.tenant)
        let destination = created.properties["destination"] as? [String: Any]
        XCTAssertEqual(destination?["path"] as? String, h.container)
        var isDirectory: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: h.container, isDirectory: &isDirectory) && isDirectory.boolValue)
        XCTAssertEqual((created.object["systemData"] as? [String: Any])?["createdByType"] as? String, "Application")
    }

    func testDescriptionChangeKeepsTheRevisionAndReviewedChangesRaiseIt() throws {
        let h = try H()
        try h.register()
        let same = try h.register(H.body(extra: ["description": "Renamed"]))
        XCTAssertEqual(same.status, 200)
        XCTAssertEqual(same.properties["revision"] as? Int, 1)
        XCTAssertEqual(same.properties["description"] as? String, "Renamed")
        for (index, body) in [
            H.body(datasets: [["name": H.dataset, "columns": ["subject"]]]),                                   // columns
            H.body(datasets: [["name": H.dataset, "columns": ["subject"], "scope": ["type": "Groups", "groups": ["7d0c5a52-1111-4f4f-9a9a-000000000001"]]]]),   // scope
            H.body(datasets: [["name": H.dataset, "columns": ["subject"], "scope": ["type": "Groups", "groups": ["7d0c5a52-1111-4f4f-9a9a-000000000001"]]],
                              ["name": "BasicDataSet_v0.User_v1"]]),                                           // datasets
            H.body(datasets: [["name": H.dataset, "columns": ["subject"], "scope": ["type": "Groups", "groups": ["7d0c5a52-1111-4f4f-9a9a-000000000001"]]],
                              ["name": "BasicDataSet_v0.User_v1"]], container: "other"),                         // destination
            H.body(datasets: [["name": H.dataset, "columns": ["subject"], "scope": ["type": "Groups", "groups": ["7d0c5a52-1111-4f4f-9a9a-000000000001"]]],
                              ["name": "BasicDataSet_v0.User_v1"]], encryption: ["enabled": true, "keyVaultUri": "https://kv1.vault.localhost:8443/"],
                   container: "other"),                                                                      // encryption
        ].enumerated() {
            XCTAssertEqual(try h.register(body).properties["revision"] as? Int, index + 2, "change \(index)")
        }
    }

    func testOnlyOwnersAndGlobalAdministratorsMayChangeSeeOrDelete() throws {
        let h = try H()
        try h.register()
        let change = h.error("PUT", H.path(), H.body(extra: ["description": "x"]), as: H.stranger)
        XCTAssertEqual(change?.code, "NotApplicationOwner")
        XCTAssertEqual(change?.kind, .forbidden)
        XCTAssertEqual(change?.message, "Only the owners of application '\(H.appId)' or a Global Administrator can change its Microsoft Graph Data Connect registration.")
        XCTAssertEqual(h.error("GET", H.path(), as: H.stranger)?.code, "NotApplicationOwner")
        XCTAssertEqual(h.error("DELETE", H.path(), as: H.stranger)?.code, "NotApplicationOwner")
        XCTAssertEqual(h.error("DELETE", H.tenantPath(), as: H.stranger)?.code, "NotApplicationOwner")
        XCTAssertEqual(try h.send("GET", "/subscriptions/\(H.subscription)/providers/Microsoft.DataConnect/registrations", as: H.stranger).names, [])
        // The Global Administrator may change it; the application may read it.
        XCTAssertEqual(try h.send("PUT", H.path(), H.body(extra: ["description": "by admin"]), as: H.globalAdmin).status, 200)
        XCTAssertEqual(try h.send("GET", H.tenantPath(), as: H.app).properties["description"] as? String, "by admin")
        XCTAssertEqual(try h.send("GET", "/providers/Microsoft.DataConnect/registrations", as: H.globalAdmin).names, [H.appId])
        XCTAssertEqual(try h.send("GET", "/subscriptions/\(H.subscription)/resourceGroups/rg1/providers/Microsoft.DataConnect/registrations").names, [H.appId])
    }

    func testOneRegistrationPerApplicationAndTenant() throws {
        let h = try H()
        try h.register()
        let error = h.error("PUT", H.path(rg: "rg2"), H.body(), as: H.developer)
        XCTAssertEqual(error?.code, "RegistrationAlreadyExists")
        XCTAssertEqual(error?.kind, .conflict)
        XCTAssertEqual(h.error("GET", H.path(rg: "rg2"))?.code, "ResourceNotFound")
    }

    func testDeleteAnswers200ThenNoContentAndTheAdminCenterNoLongerFindsIt() throws {
        let h = try H()
        try h.register()
        XCTAssertEqual(try h.send("DELETE", H.path()).status, 200)
        XCTAssertEqual(try h.send("DELETE", H.path()).status, 204)
        let missing = h.error("GET", H.tenantPath(), as: H.globalAdmin)
        XCTAssertEqual(missing?.code, "AppRegistrationNotFound")
        XCTAssertEqual(missing?.message, "App registration not found. It is possible someone deleted this app.")
        // The Global Administrator deletes through the admin center without a subscription role.
        try h.register()
        XCTAssertEqual(try h.send("DELETE", H.tenantPath(), as: H.globalAdmin).status, 200)
        XCTAssertEqual(h.error("GET", H.path())?.code, "ResourceNotFound")
    }

    func testValidationNamesTheProperty() throws {
        let h = try H()
        let cases: [([String: Any], String, String)] = [
            (["properties": ["publishType": "SingleTenant"]], "BadRequest", "The property 'properties.description' is required."),
            (H.body(account: "Lake_1"), "BadRequest", "The storage account name 'Lake_1' is invalid: use 3-24 lower-case letters and digits."),
            (H.body(container: "a--b"), "BadRequest", "The container name 'a--b' is invalid: use 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit."),
            (H.body(datasets: []), "BadRequest", "The property 'properties.datasets' must list at least one dataset."),
            (H.body(datasets: [["name": H.dataset], ["name": H.dataset.lowercased()]]), "BadRequest", "Dataset 'basicdataset_v0.message_v1' is listed twice in 'properties.datasets'."),
            (H.body(datasets: [["name": H.dataset, "columns": []]]), "BadRequest", "The property 'properties.datasets[0].columns' must list at least one column, or be left out for every column."),
            (H.body(datasets: [["name": H.dataset, "scope": ["type": "Groups", "groups": (0..<11).map { String(format: "7d0c5a52-1111-4f4f-9a9a-%012d", $0) }]]]),
             "BadRequest", "The property 'properties.datasets[0].scope.groups' must list 1 to 10 groups (object ids or mail nicknames)."),
            (H.body(datasets: [["name": H.dataset, "scope": ["type": "Filter", "filterUri": "graph/users"]]]), "BadRequest",
             "The property 'properties.datasets[0].scope.filterUri' must be an https user scope filter URI, e.g. https://graph.microsoft.com/v1.0/users?$filter=Department eq 'Finance'."),
            (H.body(encryption: ["enabled": true, "keyVaultUri": "https://kv1.vault.localhost:8443/"], extra: ["publishType": "MultiTenant", "applicationTenantId": "5f0e0000-0000-4000-8000-000000000009"]),
             "BadRequest", "Encryption with your own key is available for single-tenant applications only."),
            (H.body(encryption: ["enabled": true]), "BadRequest", "The property 'properties.encryption.keyVaultUri' is required when encryption is enabled."),
            (H.body(encryption: ["enabled": true, "keyVaultUri": "https://nosuch.vault.localhost:8443/"]), "KeyVaultNotFound",
             "The key vault 'https://nosuch.vault.localhost:8443/' does not exist in tenant '\(H.tenant)'. Pick a vault of the registration's tenant for dataset encryption."),
            (H.body(extra: ["applicationTenantId": "5f0e0000-0000-4000-8000-000000000009"]), "BadRequest",
             "A single-tenant application belongs to the registration's tenant '\(H.tenant)'; 'properties.applicationTenantId' names '5f0e0000-0000-4000-8000-000000000009'. Use publishType 'MultiTenant' for an application of another tenant."),
            (H.body(extra: ["publishType": "Global"]), "BadRequest", "The value 'Global' of property 'properties.publishType' is invalid. Valid values are 'SingleTenant' and 'MultiTenant'."),
        ]
        for (body, code, message) in cases {
            let error = h.error("PUT", H.path(), body)
            XCTAssertEqual(error?.code, code, message)
            XCTAssertEqual(error?.message, message)
        }
        let unknown = h.error("PUT", H.path("0c0c0c0c-0000-4000-8000-000000000000"), H.body())
        XCTAssertEqual(unknown?.code, "ApplicationNotFound")
        XCTAssertEqual(h.error("PUT", H.path("not-a-guid"), H.body())?.message, "The application id 'not-a-guid' is not valid: it must be a GUID.")
        XCTAssertEqual(h.error("PUT", H.path(), "{" as Any)?.code, "InvalidRequestContent")
        XCTAssertEqual(h.error("PUT", "/subscriptions/\(H.subscription)/resourceGroups/nosuch/providers/Microsoft.DataConnect/registrations/\(H.appId)", H.body())?.code,
                       "ResourceGroupNotFound")
        // A multi-tenant app of another tenant need not exist here.
        let multi = try h.register(H.body(extra: ["publishType": "multitenant", "applicationTenantId": "5F0E0000-0000-4000-8000-000000000009"]),
                                   appId: "0c0c0c0c-0000-4000-8000-000000000000")
        XCTAssertEqual(multi.properties["publishType"] as? String, "MultiTenant")
        XCTAssertEqual(multi.properties["applicationTenantId"] as? String, "5f0e0000-0000-4000-8000-000000000009")
    }

    func testEncryptionRecordsTheVaultAsServed() throws {
        let h = try H()
        let created = try h.register(H.body(encryption: ["enabled": true, "keyVaultUri": "HTTPS://KV1.vault.localhost:8443"]))
        let encryption = created.properties["encryption"] as? [String: Any]
        XCTAssertEqual(encryption?["enabled"] as? Bool, true)
        XCTAssertEqual(encryption?["keyVaultUri"] as? String, "https://kv1.vault.localhost:8443/")
        XCTAssertEqual(encryption?["keyVaultName"] as? String, "kv1")
    }
}
